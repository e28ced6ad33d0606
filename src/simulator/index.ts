/** In-process API: `startSimulator(options)` for tests, demos and the CLI entry point. */
import { createControl, type SimulatorControl } from './control';
import { listen } from './http/server';
import type { SeedInfo } from './seeds';
import { Simulator, type SimulatorOptions } from './simulator';

export interface StartOptions extends SimulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Loopback only. Default 127.0.0.1. */
  host?: string;
  /** The WSDL served at ?wsdl; default: dist/wsdl or src/core/soap/wsdl. */
  wsdlPath?: string;
}

export interface SimulatorUser {
  name: string;
  role: string;
  customerId: string;
  accountIds: string[];
  accessToken: string;
}

export interface RunningSimulator {
  /** The SOAP endpoint. */
  endpoint: string;
  /** Base URL of the REST paths (`http://127.0.0.1:PORT`, no trailing slash); see REST_ROUTES. */
  restBaseUrl: string;
  port: number;
  host: string;
  /** Base URL of the JSON control endpoint. */
  controlUrl: string;
  developerToken: string;
  users: SimulatorUser[];
  /** Everything the seed created that a test may need (user ids, expired tokens, invitable accounts). */
  seed: SeedInfo;
  control: SimulatorControl;
  close(): Promise<void>;
}

export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const simulator = new Simulator(options);
  const control = createControl(simulator);
  let server;
  try {
    server = await listen(simulator, control, { host: options.host ?? '127.0.0.1', port: options.port ?? 0, wsdlPath: options.wsdlPath });
  } catch (e) {
    simulator.dispose();
    throw e;
  }
  const running: RunningSimulator = {
    endpoint: server.endpoint,
    restBaseUrl: server.restBaseUrl,
    port: server.port,
    host: server.host,
    controlUrl: server.controlUrl,
    developerToken: simulator.developerToken,
    get users() {
      return simulator.seedInfo.users.map(({ name, role, customerId, accountIds, accessToken }) => ({ name, role, customerId, accountIds, accessToken }));
    },
    get seed() {
      return simulator.seedInfo;
    },
    control,
    close: async () => {
      simulator.dispose();
      await server.close();
    },
  };
  return running;
}

export { Simulator, type SimulatorOptions, type SoapReply, type CallRecord, type SimulatorState } from './simulator';
export type { SimulatorControl } from './control';
export type { SeedInfo, SeedUser } from './seeds';
export { ManualClock, SystemClock, type SimClock } from './clock';
export type { FaultKind, FaultRuleInput, FaultRule } from './faults/injection';
export { FAULT_KINDS } from './faults/injection';
export { PLACEHOLDER_CODES } from './rules/errorCodes';
export { SERVICE_PATH } from './http/server';
export type { WireReply, WireProtocol } from './wire';
export { REST_ROUTES, REST_PREFIX, restRouteOf, type RestRoute, type RestMethod } from './rest/routes';
export { DEFAULT_REST_OPTIONS, type RestOptions } from './rest/options';
export type { OperationName } from './service';

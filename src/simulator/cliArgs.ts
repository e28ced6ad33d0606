/** Command-line flags of `dist/simulator.js`. */
import { isLoopbackHost } from '../core/config';
import { parseFaultKind, type FaultRuleInput } from './faults/injection';
import { parseSeed } from './seeds';
import type { StartOptions } from './index';

export const USAGE = `Usage: node dist/simulator.js [options]

A local Microsoft Advertising Customer Management v13 service (client links) on loopback.

  --port N                 Port (default 0 = a free port)
  --host H                 Loopback address to bind (default 127.0.0.1)
  --seed S                 demo (default), empty, scale:N or scale:N,moving:M (M of the N links in motion)
  --latency-ms N           Delay every response by N ms
  --fault-rate R           Random transient faults (throttle, internal error, 503) on a share R (0..1) of calls
  --fault OP:KIND[:COUNT]  Inject KIND on the next COUNT calls of OP (OP may be *). Repeatable.
                           KIND: throttle, expiredToken, invalidToken, internalError, http500, http503,
                           hang, truncated, malformed, unknownFault
  --auto-advance           Statuses move on their own, with delays of seconds
  --faults-as-200          Send SOAP faults with HTTP 200 instead of 500
  --developer-token T      The developer token to accept (default BBD37VB98)
  --allow-signed-offsets   Accept dateTimes with +hh:mm offsets instead of faulting (113)
  --strict-order           Fault on members out of schema order instead of ignoring them
  --rest-empty-operation-errors array|null
                           REST Add/Update: OperationErrors without errors as [] (default) or null
  --rest-all-success-partial-errors nulls|empty
                           REST Add/Update: PartialErrors when every link succeeded as [null,...] (default) or []
  --json                   Print one JSON line {endpoint, restBaseUrl, developerToken, users} once listening
  --help                   This text
`;

export interface CliOptions {
  start: StartOptions;
  json: boolean;
  help: boolean;
}

export class UsageError extends Error {}

function parseFaultFlag(value: string): FaultRuleInput {
  const parts = value.split(':');
  const [operation, kind, count] = parts;
  if (parts.length < 2 || parts.length > 3 || !operation || !kind || !parseFaultKind(kind)) {
    throw new UsageError(`--fault expects OP:KIND[:COUNT], got '${value}'`);
  }
  const n = count === undefined ? 1 : Number(count);
  if (!Number.isInteger(n) || n <= 0) {
    throw new UsageError(`--fault count must be a positive integer, got '${count}'`);
  }
  return { operation, fault: kind, count: n };
}

function choice<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === raw);
  if (found === undefined) {
    throw new UsageError(`${flag} expects ${allowed.join(' or ')}, got '${raw}'`);
  }
  return found;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const start: StartOptions = { port: 0, host: '127.0.0.1', seed: 'demo' };
  const faults: FaultRuleInput[] = [];
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) {
        throw new UsageError(`${flag} needs a value`);
      }
      return v;
    };
    const number = (min: number, max: number): number => {
      const raw = value();
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
        throw new UsageError(`${flag} expects a number between ${min} and ${max}, got '${raw}'`);
      }
      return n;
    };
    switch (flag) {
      case '--port':
        start.port = number(0, 65535);
        break;
      case '--host': {
        const host = value();
        if (!isLoopbackHost(host)) {
          throw new UsageError(`--host must be a loopback address (127.0.0.1, ::1, localhost), got '${host}'`);
        }
        start.host = host;
        break;
      }
      case '--seed': {
        const seed = value();
        try {
          parseSeed(seed);
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        start.seed = seed;
        break;
      }
      case '--latency-ms':
        start.latencyMs = number(0, 600_000);
        break;
      case '--fault-rate':
        start.faultRate = number(0, 1);
        break;
      case '--fault':
        faults.push(parseFaultFlag(value()));
        break;
      case '--auto-advance':
        start.autoAdvance = true;
        break;
      case '--faults-as-200':
        start.faultsAs200 = true;
        break;
      case '--developer-token':
        start.developerToken = value();
        break;
      case '--allow-signed-offsets':
        start.rejectSignedOffsets = false;
        break;
      case '--strict-order':
        start.faultOnOutOfOrder = true;
        break;
      case '--rest-empty-operation-errors':
        start.rest = { ...start.rest, emptyOperationErrors: choice(flag, value(), ['array', 'null'] as const) };
        break;
      case '--rest-all-success-partial-errors':
        start.rest = { ...start.rest, allSuccessPartialErrors: choice(flag, value(), ['nulls', 'empty'] as const) };
        break;
      case '--json':
        json = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new UsageError(`Unknown option '${arg}'`);
    }
  }
  if (faults.length > 0) {
    start.faults = faults;
  }
  return { start, json, help };
}

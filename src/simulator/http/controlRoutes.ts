/**
 * JSON control endpoint under /__control (loopback only, like the service itself):
 *   GET  /__control/state[?links=false]   POST /__control/reset {seed?}      GET /__control/seed
 *   GET  /__control/calls                 GET|DELETE /__control/faults      POST /__control/faults {operation?, fault, count?|rate?}
 *   POST /__control/fault-rate {rate}     POST /__control/latency {operation?, ms}
 *   GET  /__control/clock                 POST /__control/clock/advance {ms}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorControl } from '../control';
import { formatDateTime } from '../xml/dateTime';

export const CONTROL_PREFIX = '/__control';

type Json = Record<string, unknown>;

class BadRequest extends Error {}

function field<T>(body: Json, name: string, check: (v: unknown) => v is T, required: boolean): T | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) {
      throw new BadRequest(`'${name}' is required`);
    }
    return undefined;
  }
  if (!check(value)) {
    throw new BadRequest(`'${name}' has the wrong type`);
  }
  return value;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';

export async function handleControl(control: SimulatorControl, req: IncomingMessage, res: ServerResponse, url: URL, readBody: () => Promise<string>): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.slice(CONTROL_PREFIX.length) || '/'}`;
  const send = (status: number, payload: unknown) => {
    const text = JSON.stringify(payload);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  try {
    let body: Json = {};
    if (req.method === 'POST') {
      const text = await readBody();
      if (text.trim() !== '') {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          throw new BadRequest('the body must be a JSON object');
        }
        body = parsed as Json;
      }
    }
    switch (route) {
      case 'GET /state':
        return send(200, control.state({ includeLinks: url.searchParams.get('links') !== 'false' }));
      case 'GET /calls':
        return send(200, control.callLog());
      case 'GET /seed':
        return send(200, control.seed());
      case 'POST /reset':
        return send(200, control.reset(field(body, 'seed', isString, false)));
      case 'GET /faults':
        return send(200, control.listFaults());
      case 'DELETE /faults':
        control.clearFaults();
        return send(200, []);
      case 'POST /faults': {
        const rule = control.injectFault({
          operation: field(body, 'operation', isString, false),
          fault: field(body, 'fault', isString, true) ?? '',
          count: field(body, 'count', isNumber, false),
          rate: field(body, 'rate', isNumber, false),
        });
        return send(201, rule);
      }
      case 'POST /fault-rate':
        control.setFaultRate(field(body, 'rate', isNumber, true) ?? 0);
        return send(200, { rate: body.rate });
      case 'POST /latency':
        control.setLatency(field(body, 'ms', isNumber, true) ?? 0, field(body, 'operation', isString, false));
        return send(200, control.state({ includeLinks: false }).latency);
      case 'GET /clock':
        return send(200, { now: formatDateTime(control.now()), nowMs: control.now() });
      case 'POST /clock/advance': {
        const transitions = control.advanceClock(field(body, 'ms', isNumber, true) ?? 0);
        return send(200, { now: formatDateTime(control.now()), nowMs: control.now(), transitions });
      }
      default:
        return send(404, { error: `No control route ${route}` });
    }
  } catch (e) {
    const status = e instanceof BadRequest || e instanceof RangeError || e instanceof SyntaxError ? 400 : 500;
    send(status, { error: e instanceof Error ? e.message : String(e) });
  }
}

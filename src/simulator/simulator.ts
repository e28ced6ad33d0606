/**
 * The simulated service: state, clock, lifecycle engine, fault injection and the SOAP request
 * pipeline (envelope → operation → auth → rules → response). Transport-agnostic: the HTTP layer
 * turns a `SoapReply` into bytes on the wire.
 */
import { randomUUID } from 'node:crypto';
import type { ClientLink } from '../core/model/clientLink';
import { ManualClock, SystemClock, type SimClock } from './clock';
import { FaultInjector, LatencySettings, type FaultKind, type FaultRule, type FaultRuleInput } from './faults/injection';
import { AUTO_ADVANCE_TIMING, LifecycleEngine, REALISTIC_TIMING, type LifecycleTiming } from './lifecycleEngine';
import { createRandom, hashSeed } from './prng';
import { authenticate } from './rules/auth';
import { toClientLink } from './rules/clientLinkView';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from './rules/context';
import { AdApiFault, adApiError, ApiFault } from './rules/errorCodes';
import { loadSeed, parseSeed, type SeedInfo } from './seeds';
import { OPERATIONS } from './service';
import { MustUnderstandError, parseEnvelope, VersionMismatchError, type RequestEnvelope } from './soap/envelope';
import * as faults from './soap/faults';
import { DeserializationError, InvalidDateError } from './soap/requestErrors';
import { RequestReader } from './soap/requests';
import { responseEnvelope } from './soap/responses';
import { SimStore } from './state/store';
import { formatDateTime } from './xml/dateTime';
import { NS } from './xml/namespaces';
import { XmlSyntaxError } from './xml/reader';

export const DEFAULT_DEVELOPER_TOKEN = 'BBD37VB98';

export interface SimulatorOptions {
  /** `demo` (default), `empty` or `scale:N`. */
  seed?: string;
  /** Defaults: a wall clock with autoAdvance, else a ManualClock starting now. */
  clock?: SimClock;
  /** Statuses move on their own in real time with seconds-long delays. */
  autoAdvance?: boolean;
  timing?: Partial<LifecycleTiming>;
  developerToken?: string;
  rules?: Partial<RuleOptions>;
  /** Fault 113 on dateTimes with a signed offset (spec §11.1). Default true. */
  rejectSignedOffsets?: boolean;
  /** Fault instead of ignoring members that come out of schema order (spec §11.2). Default false. */
  faultOnOutOfOrder?: boolean;
  /** Send SOAP faults with HTTP 200 instead of 500. */
  faultsAs200?: boolean;
  latencyMs?: number;
  /** Probability of a random transient fault (throttle, internal error, 503) on any call. */
  faultRate?: number;
  faults?: FaultRuleInput[];
  /** Seed of the PRNG used for failure rolls and fault rates. */
  randomSeed?: number;
}

export interface SoapReply {
  status: number;
  contentType: string;
  /** Text, or pieces of bytes already encoded in UTF-8, to be sent in order (pages of search results). */
  body: string | readonly Buffer[];
  headers?: Record<string, string>;
  /** `hang`: never answer; `truncate`: send half of the body, then end. */
  mode: 'normal' | 'hang' | 'truncate';
  operation: string;
}

export interface CallRecord {
  seq: number;
  operation: string;
  /** Simulated time of the call. */
  at: string;
  status: number;
  outcome: 'ok' | 'fault' | `injected:${FaultKind}`;
  /** Error codes of a fault or of PartialErrors/OperationErrors. */
  codes: number[];
  userId: string | null;
  trackingId: string;
  /** Members skipped because they came out of order (spec §11.2). */
  ignoredMembers: string[];
}

export interface SimulatorState {
  now: string;
  nowMs: number;
  seed: string;
  pairs: number;
  linkRecords: number;
  callCounts: Record<string, number>;
  faults: readonly FaultRule[];
  latency: Record<string, number>;
  links?: ClientLink[];
}

const MAX_LOG = 2000;
const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

export class Simulator {
  readonly clock: SimClock;
  readonly faults: FaultInjector;
  readonly latency = new LatencySettings();
  store!: SimStore;
  engine!: LifecycleEngine;
  seedInfo!: SeedInfo;
  private seedText: string;
  private seededAtMs = 0;
  private readonly callCounts = new Map<string, number>();
  private log: CallRecord[] = [];
  private callSeq = 0;
  private ticker: NodeJS.Timeout | undefined;
  private readonly random;

  constructor(readonly options: SimulatorOptions = {}) {
    this.clock = options.clock ?? (options.autoAdvance ? new SystemClock() : new ManualClock(Date.now()));
    this.random = createRandom(options.randomSeed ?? hashSeed('client-links-simulator'));
    this.faults = new FaultInjector(this.random);
    this.seedText = options.seed ?? 'demo';
    this.reset(this.seedText);
    if (options.autoAdvance) {
      this.ticker = setInterval(() => this.tick(), 250);
      this.ticker.unref();
    }
  }

  get developerToken(): string {
    return this.store.developerToken;
  }

  /** Reloads a seed and clears faults, latency overrides and the call log. */
  reset(seed: string = this.seedText): SeedInfo {
    const spec = parseSeed(seed);
    this.seedText = seed;
    this.store = new SimStore(this.options.developerToken ?? DEFAULT_DEVELOPER_TOKEN);
    this.seededAtMs = this.clock.now();
    this.seedInfo = loadSeed(this.store, spec, this.seededAtMs);
    const timing = { ...(this.options.autoAdvance ? AUTO_ADVANCE_TIMING : REALISTIC_TIMING), ...this.options.timing };
    this.engine = new LifecycleEngine(this.store, timing, this.random);
    this.faults.clear();
    this.faults.globalRate = this.options.faultRate ?? 0;
    for (const rule of this.options.faults ?? []) {
      this.faults.add(rule);
    }
    this.latency.clear();
    this.latency.set(this.options.latencyMs ?? 0);
    this.callCounts.clear();
    this.log = [];
    return this.seedInfo;
  }

  /** Applies the system transitions due by the current simulated time. */
  tick(): number {
    return this.engine.advanceTo(this.clock.now());
  }

  advanceClock(ms: number): number {
    this.clock.advance(ms);
    return this.tick();
  }

  state(options: { includeLinks?: boolean } = {}): SimulatorState {
    this.tick();
    const counts = this.store.linkCount();
    const state: SimulatorState = {
      now: formatDateTime(this.clock.now()),
      nowMs: this.clock.now(),
      seed: this.seedText,
      pairs: counts.pairs,
      linkRecords: counts.records,
      callCounts: Object.fromEntries(this.callCounts),
      faults: this.faults.list().map((r) => ({ ...r })),
      latency: this.latency.snapshot(),
    };
    if (options.includeLinks ?? true) {
      state.links = [...this.store.latestLinks()].map((l) => toClientLink(this.store, l));
    }
    return state;
  }

  callLog(): readonly CallRecord[] {
    return this.log;
  }

  dispose(): void {
    if (this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  /** Handles one SOAP POST. */
  handle(soapAction: string | undefined, body: string): SoapReply {
    this.tick();
    const trackingId = randomUUID();
    let envelope: RequestEnvelope | undefined;
    let envelopeError: unknown;
    try {
      envelope = parseEnvelope(body);
    } catch (e) {
      envelopeError = e;
    }
    const operation = operationName(soapAction) ?? wrapperOperation(envelope) ?? 'Unknown';
    this.callCounts.set(operation, (this.callCounts.get(operation) ?? 0) + 1);
    const record: CallRecord = { seq: ++this.callSeq, operation, at: formatDateTime(this.clock.now()), status: 200, outcome: 'ok', codes: [], userId: null, trackingId, ignoredMembers: [] };

    const injected = this.faults.next(operation);
    let reply: SoapReply;
    if (injected && injected !== 'truncated') {
      reply = this.injectedReply(injected, operation, trackingId);
      record.outcome = `injected:${injected}`;
    } else {
      reply = this.process(operation, envelope, envelopeError, trackingId, record);
      if (injected === 'truncated') {
        reply.mode = 'truncate';
        record.outcome = 'injected:truncated';
      }
    }
    record.status = reply.status;
    this.log.push(record);
    if (this.log.length > MAX_LOG) {
      this.log.splice(0, this.log.length - MAX_LOG);
    }
    return reply;
  }

  private faultReply(operation: string, xml: string, record: CallRecord, codes: number[]): SoapReply {
    record.outcome = 'fault';
    record.codes = codes;
    return { status: this.options.faultsAs200 ? 200 : 500, contentType: SOAP_CONTENT_TYPE, body: xml, mode: 'normal', operation };
  }

  private process(operation: string, envelope: RequestEnvelope | undefined, envelopeError: unknown, trackingId: string, record: CallRecord): SoapReply {
    if (!envelope) {
      if (envelopeError instanceof VersionMismatchError) {
        return this.faultReply(operation, faults.versionMismatchFaultXml(envelopeError.message), record, []);
      }
      if (envelopeError instanceof MustUnderstandError) {
        return this.faultReply(operation, faults.mustUnderstandFaultXml(envelopeError.message), record, []);
      }
      const message = envelopeError instanceof XmlSyntaxError || envelopeError instanceof DeserializationError ? envelopeError.message : 'The request is not a SOAP message.';
      return this.faultReply(operation, faults.deserializationFaultXml(message), record, []);
    }
    const handler = OPERATIONS[operation];
    if (!handler) {
      return this.faultReply(operation, faults.actionNotSupportedFaultXml(operation), record, []);
    }
    const wrapper = envelope.body;
    if (!wrapper || wrapper.uri !== NS.v13 || wrapper.local !== `${operation}Request`) {
      return this.faultReply(operation, faults.deserializationFaultXml(`Expecting element '${operation}Request' from namespace '${NS.v13}'.`), record, []);
    }
    const reader = new RequestReader({ rejectSignedOffsets: this.options.rejectSignedOffsets ?? true, faultOnOutOfOrder: this.options.faultOnOutOfOrder ?? false });
    record.ignoredMembers = reader.ignoredMembers;
    try {
      const nowMs = this.clock.now();
      const user = authenticate(this.store, { AuthenticationToken: envelope.headers.get('AuthenticationToken'), DeveloperToken: envelope.headers.get('DeveloperToken') }, nowMs);
      record.userId = user.id;
      const ctx = { store: this.store, user, nowMs, options: { ...DEFAULT_RULE_OPTIONS, ...this.options.rules }, seededAtMs: this.seededAtMs };
      const body = handler(ctx, wrapper, reader);
      // Error codes inside a successful answer (OperationErrors, PartialErrors) for the call log;
      // encoded bodies are pages of search results, which carry none.
      record.codes = typeof body === 'string' && body.includes('<a:Code>') ? [...body.matchAll(/<a:Code>(\d+)<\/a:Code>/g)].map((m) => Number(m[1])) : [];
      return { status: 200, contentType: SOAP_CONTENT_TYPE, body: responseEnvelope(body, trackingId), mode: 'normal', operation };
    } catch (e) {
      if (e instanceof AdApiFault) {
        return this.faultReply(operation, faults.adApiFaultXml(e.errors, trackingId), record, e.errors.map((x) => x.Code));
      }
      if (e instanceof ApiFault) {
        return this.faultReply(operation, faults.apiFaultXml(e.errors, trackingId), record, e.errors.map((x) => x.Code));
      }
      if (e instanceof InvalidDateError) {
        return this.faultReply(operation, faults.adApiFaultXml([adApiError('InvalidDateObject', e.message)], trackingId), record, [113]);
      }
      if (e instanceof DeserializationError) {
        return this.faultReply(operation, faults.deserializationFaultXml(e.message), record, []);
      }
      return this.faultReply(operation, faults.adApiFaultXml([adApiError('InternalError')], trackingId), record, [0]);
    }
  }

  private injectedReply(kind: FaultKind, operation: string, trackingId: string): SoapReply {
    const fault = (xml: string): SoapReply => ({ status: this.options.faultsAs200 ? 200 : 500, contentType: SOAP_CONTENT_TYPE, body: xml, mode: 'normal', operation });
    switch (kind) {
      case 'throttle':
        return fault(faults.adApiFaultXml([adApiError('CallRateExceeded')], trackingId));
      case 'expiredToken':
        return fault(faults.adApiFaultXml([adApiError('AuthenticationTokenExpired')], trackingId));
      case 'invalidToken':
        return fault(faults.adApiFaultXml([adApiError('InvalidCredentials')], trackingId));
      case 'internalError':
        return fault(faults.adApiFaultXml([adApiError('InternalError')], trackingId));
      case 'unknownFault':
        return fault(faults.unknownDetailFaultXml(trackingId));
      case 'http500':
        return { status: 500, contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html><head><title>500 - Internal server error.</title></head><body><h1>Server Error</h1><p>500 - Internal server error.</p></body></html>', mode: 'normal', operation };
      case 'http503':
        return { status: 503, contentType: 'text/html; charset=utf-8', body: '<html><body><h2>Service Unavailable</h2><p>The service is temporarily unavailable.</p></body></html>', headers: { 'Retry-After': '5' }, mode: 'normal', operation };
      case 'malformed':
        return { status: 200, contentType: SOAP_CONTENT_TYPE, body: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination', mode: 'normal', operation };
      case 'hang':
      case 'truncated':
        return { status: 200, contentType: SOAP_CONTENT_TYPE, body: '', mode: 'hang', operation };
    }
  }
}

/** The operation named by a SOAPAction header: quoted or not, bare or as a URI's last segment. */
export function operationName(soapAction: string | undefined): string | undefined {
  const raw = soapAction?.trim().replace(/^"(.*)"$/, '$1').trim();
  if (!raw) {
    return undefined;
  }
  return raw.slice(raw.lastIndexOf('/') + 1) || undefined;
}

function wrapperOperation(envelope: RequestEnvelope | undefined): string | undefined {
  const local = envelope?.body?.local;
  return local?.endsWith('Request') ? local.slice(0, -'Request'.length) : undefined;
}

/**
 * The simulated service: state, clock, lifecycle engine, fault injection and the one request
 * pipeline both wires share (count → inject → authenticate → read → rules → encode → log). SOAP
 * and REST only decode requests and encode outcomes (soap/codec.ts, rest/codec.ts); the HTTP layer
 * turns a `WireReply` into bytes on the wire.
 */
import { randomUUID } from 'node:crypto';
import type { ClientLink } from '../core/model/clientLink';
import { ManualClock, SystemClock, type SimClock } from './clock';
import { FaultInjector, LatencySettings, type FaultKind, type FaultRule, type FaultRuleInput } from './faults/injection';
import { AUTO_ADVANCE_TIMING, LifecycleEngine, REALISTIC_TIMING, type LifecycleTiming } from './lifecycleEngine';
import { createRandom, hashSeed } from './prng';
import { decodeRest, restCodec, type RestHeaders } from './rest/codec';
import type { RestOptions } from './rest/options';
import { authenticate } from './rules/auth';
import { toClientLink } from './rules/clientLinkView';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from './rules/context';
import { loadSeed, parseSeed, type SeedInfo } from './seeds';
import { OPERATIONS, resultErrorCodes, type OperationContext, type OperationName } from './service';
import { decodeSoap, soapCodec } from './soap/codec';
import { SimStore } from './state/store';
import type { DecodedCall, RunnableCall, WireCodec, WireProtocol, WireReply } from './wire';
import { formatDateTime } from './xml/dateTime';

export { operationName } from './soap/codec';

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
  /** Send SOAP faults with HTTP 200 instead of 500 (SOAP only: a REST fault is never a 200). */
  faultsAs200?: boolean;
  /** REST behaviours the documentation leaves open (REST spec §5.3, §3): empty lists, nulls. */
  rest?: Partial<RestOptions>;
  latencyMs?: number;
  /** Probability of a random transient fault (throttle, internal error, 503) on any call. */
  faultRate?: number;
  faults?: FaultRuleInput[];
  /** Seed of the PRNG used for failure rolls and fault rates. */
  randomSeed?: number;
}

/** What the HTTP layer sends; the name predates REST. */
export type SoapReply = WireReply;

export interface CallRecord {
  seq: number;
  /** The wire the call came in on. */
  protocol: WireProtocol;
  operation: string;
  /** Simulated time of the call. */
  at: string;
  status: number;
  outcome: 'ok' | 'fault' | `injected:${FaultKind}`;
  /** Error codes of a fault or of PartialErrors/OperationErrors. */
  codes: number[];
  userId: string | null;
  trackingId: string;
  /** Members the reader skipped: SOAP, out of order (spec §11.2); REST, unknown names (e.g. wrong case). */
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
  private readonly soap: WireCodec;
  private readonly rest: WireCodec;

  constructor(readonly options: SimulatorOptions = {}) {
    this.clock = options.clock ?? (options.autoAdvance ? new SystemClock() : new ManualClock(Date.now()));
    this.random = createRandom(options.randomSeed ?? hashSeed('client-links-simulator'));
    this.faults = new FaultInjector(this.random);
    this.soap = soapCodec({ faultsAs200: options.faultsAs200 });
    this.rest = restCodec(options.rest);
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
  handle(soapAction: string | undefined, body: string): WireReply {
    const decoded = decodeSoap(soapAction, body, { rejectSignedOffsets: this.options.rejectSignedOffsets ?? true, faultOnOutOfOrder: this.options.faultOnOutOfOrder ?? false });
    return this.call(decoded, this.soap);
  }

  /** Handles one REST request whose route named `operation` (rest/routes.ts). */
  handleRest(operation: OperationName, headers: RestHeaders, body: string): WireReply {
    return this.call(decodeRest(operation, headers, body, this.options.rest), this.rest);
  }

  /** The pipeline both wires share: only `decoded` and `codec` know the protocol. */
  private call(decoded: DecodedCall, codec: WireCodec): WireReply {
    this.tick();
    const trackingId = randomUUID();
    const { operation } = decoded;
    this.callCounts.set(operation, (this.callCounts.get(operation) ?? 0) + 1);
    const record: CallRecord = { seq: ++this.callSeq, protocol: codec.protocol, operation, at: formatDateTime(this.clock.now()), status: 200, outcome: 'ok', codes: [], userId: null, trackingId, ignoredMembers: [] };

    const injected = this.faults.next(operation);
    let reply: WireReply;
    if (injected && injected !== 'truncated') {
      reply = codec.injected(injected, operation, trackingId);
      record.outcome = `injected:${injected}`;
    } else {
      reply = this.process(decoded, codec, trackingId, record);
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

  /** Authenticate, read the input, run the rules, encode: any error becomes the codec's fault. */
  private process(decoded: DecodedCall, codec: WireCodec, trackingId: string, record: CallRecord): WireReply {
    try {
      if (!decoded.ok) {
        throw decoded.error;
      }
      // The same array the reader fills, so members skipped before a fault are logged too.
      record.ignoredMembers = decoded.ignoredMembers;
      const nowMs = this.clock.now();
      const user = authenticate(this.store, decoded.credentials, nowMs);
      record.userId = user.id;
      const ctx: OperationContext = { store: this.store, user, nowMs, options: { ...DEFAULT_RULE_OPTIONS, ...this.options.rules }, seededAtMs: this.seededAtMs };
      const { reply, codes } = execute(decoded.operation, decoded, ctx, codec, trackingId);
      record.codes = codes;
      return reply;
    } catch (e) {
      const { reply, codes } = codec.fault(decoded.operation, e, trackingId);
      record.outcome = 'fault';
      record.codes = codes;
      return reply;
    }
  }
}

/** Generic in the operation so that its input, its rules and its encoder stay matched. */
function execute<K extends OperationName>(operation: K, call: RunnableCall, ctx: OperationContext, codec: WireCodec, trackingId: string): { reply: WireReply; codes: number[] } {
  const result = OPERATIONS[operation](ctx, call.readInput(operation));
  return { reply: codec.success(operation, result, trackingId), codes: resultErrorCodes(result) };
}

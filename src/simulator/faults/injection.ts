/** Scheduled fault injection per operation (by count or rate), plus a global transient fault rate. */
import type { Random } from '../prng';

export const FAULT_KINDS = ['throttle', 'expiredToken', 'invalidToken', 'internalError', 'http500', 'http503', 'hang', 'truncated', 'malformed', 'unknownFault'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The kinds `--fault-rate` draws from: what a healthy service still does now and then. */
export const TRANSIENT_FAULT_KINDS: readonly FaultKind[] = ['throttle', 'internalError', 'http503'];

const ALIASES: Readonly<Record<string, FaultKind>> = {
  throttling: 'throttle',
  callrateexceeded: 'throttle',
  '117': 'throttle',
  expired: 'expiredToken',
  expiredtoken: 'expiredToken',
  '109': 'expiredToken',
  invalid: 'invalidToken',
  invalidtoken: 'invalidToken',
  '105': 'invalidToken',
  internal: 'internalError',
  internalerror: 'internalError',
  '0': 'internalError',
  '500': 'http500',
  http500: 'http500',
  '503': 'http503',
  http503: 'http503',
  hang: 'hang',
  timeout: 'hang',
  truncated: 'truncated',
  malformed: 'malformed',
  unknownfault: 'unknownFault',
  unknown: 'unknownFault',
};

export function parseFaultKind(text: string): FaultKind | undefined {
  return ALIASES[text.trim().toLowerCase()] ?? FAULT_KINDS.find((k) => k === text);
}

export interface FaultRuleInput {
  /** Operation name, or '*' / undefined for every operation. */
  operation?: string;
  /** A FaultKind, or any name parseFaultKind reads as one. */
  fault: string;
  /** Fire on the next `count` matching calls (default 1 when no rate is given). */
  count?: number;
  /** Fire on each matching call with this probability (0..1), until cleared. */
  rate?: number;
}

export interface FaultRule {
  readonly id: number;
  readonly operation: string;
  readonly kind: FaultKind;
  remaining: number | null;
  readonly rate: number | null;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  /** Probability of a random transient fault on any call. */
  globalRate = 0;

  constructor(private readonly random: Random) {}

  add(input: FaultRuleInput): FaultRule {
    const kind = parseFaultKind(input.fault);
    if (!kind) {
      throw new RangeError(`Unknown fault '${input.fault}'. Known: ${FAULT_KINDS.join(', ')}`);
    }
    if (input.rate !== undefined && !(input.rate >= 0 && input.rate <= 1)) {
      throw new RangeError('rate must be between 0 and 1');
    }
    if (input.count !== undefined && !(Number.isInteger(input.count) && input.count > 0)) {
      throw new RangeError('count must be a positive integer');
    }
    const rule: FaultRule = {
      id: this.nextId++,
      operation: input.operation && input.operation !== '' ? input.operation : '*',
      kind,
      remaining: input.rate !== undefined && input.count === undefined ? null : (input.count ?? 1),
      rate: input.rate ?? null,
    };
    this.rules.push(rule);
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** The fault to inject on this call, if any (consumes counted rules). */
  next(operation: string): FaultKind | undefined {
    for (const rule of this.rules) {
      if (rule.operation !== '*' && rule.operation !== operation) {
        continue;
      }
      if (rule.rate !== null && this.random() >= rule.rate) {
        continue;
      }
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) {
          this.rules = this.rules.filter((r) => r !== rule);
        }
      }
      return rule.kind;
    }
    if (this.globalRate > 0 && this.random() < this.globalRate) {
      return TRANSIENT_FAULT_KINDS[Math.floor(this.random() * TRANSIENT_FAULT_KINDS.length)];
    }
    return undefined;
  }
}

export class LatencySettings {
  private readonly perOperation = new Map<string, number>();
  defaultMs = 0;

  set(ms: number, operation?: string): void {
    if (!(Number.isFinite(ms) && ms >= 0)) {
      throw new RangeError('latency must be a non-negative number of milliseconds');
    }
    if (!operation || operation === '*') {
      this.defaultMs = ms;
    } else {
      this.perOperation.set(operation, ms);
    }
  }

  clear(): void {
    this.perOperation.clear();
    this.defaultMs = 0;
  }

  for(operation: string): number {
    return this.perOperation.get(operation) ?? this.defaultMs;
  }

  snapshot(): Record<string, number> {
    return { '*': this.defaultMs, ...Object.fromEntries(this.perOperation) };
  }
}

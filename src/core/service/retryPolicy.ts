/**
 * Which failures are worth another attempt, and after how long (spec §8.3).
 *
 * Reads (GetUser, Search*, Get*) are repeated after throttling (117: wait `throttleDelayMs`),
 * transient faults (0, 2208, unknown Server faults), HTTP 5xx/408/429, network errors, timeouts and
 * malformed bodies. Writes (Add/UpdateClientLinks) are repeated only when the failure proves the
 * service applied nothing: throttled (117 fault, HTTP 429) or never connected (refused, DNS).
 * A write whose answer was lost (timeout, reset, 5xx without fault, malformed body) is not
 * repeated here: AddClientLinks goes through recovery (addRecovery.ts), UpdateClientLinks fails.
 * Token renewal (109/105/3101) is separate: one refresh and one more attempt for any operation.
 * Delays: exponential backoff with full jitter, `random() * min(maxDelayMs, baseDelayMs * 2^(n-1))`;
 * after throttling, the answer's Retry-After when it has one (REST), else throttleDelayMs after 117.
 */
import { isErrorKind, type ClientLinksError } from '../errors';
import type { OperationKind } from './operations';
import { NOT_CONNECTED_CODES } from '../http/transport';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './types';

export type FailureClass =
  /** 117 CallRateExceeded (or HTTP 429): refused, nothing applied; wait and retry. */
  | 'throttled'
  /** The service said it failed transiently (0, 2208, unknown Server fault, HTTP 5xx with a fault-less envelope on a read). */
  | 'transient'
  /** 109/105/3101: renew the access token once. */
  | 'tokenRejected'
  /** The request never reached the service (connection refused, DNS): nothing applied. */
  | 'notDelivered'
  /** The request may or may not have been applied: timeout, reset, 5xx without fault, malformed body. */
  | 'answerLost'
  | 'cancelled'
  | 'permanent';

const TRANSIENT_FAULT_CODES: ReadonlySet<number> = new Set([0, 2208]);

export function classifyFailure(error: ClientLinksError): FailureClass {
  if (isErrorKind(error, 'cancelled')) {
    return 'cancelled';
  }
  if (isErrorKind(error, 'fault')) {
    if (error.tokenExpired || error.tokenInvalid) {
      return 'tokenRejected';
    }
    if (error.throttled) {
      return 'throttled';
    }
    if (error.hasCode(TRANSIENT_FAULT_CODES) || (error.errors.length === 0 && error.transient)) {
      return 'transient';
    }
    return 'permanent';
  }
  if (isErrorKind(error, 'http')) {
    if (error.status === 429) {
      return 'throttled';
    }
    return error.status >= 500 || error.status === 408 ? 'answerLost' : 'permanent';
  }
  if (isErrorKind(error, 'network')) {
    if (error.certificateRefused) {
      return 'permanent'; // the handshake failed: nothing was delivered, and retrying cannot help
    }
    return error.code !== undefined && NOT_CONNECTED_CODES.has(error.code) ? 'notDelivered' : 'answerLost';
  }
  if (isErrorKind(error, 'timeout') || isErrorKind(error, 'malformed')) {
    return 'answerLost';
  }
  return 'permanent';
}

const RETRYABLE: Readonly<Record<OperationKind, ReadonlySet<FailureClass>>> = {
  read: new Set<FailureClass>(['throttled', 'transient', 'notDelivered', 'answerLost']),
  write: new Set<FailureClass>(['throttled', 'notDelivered']),
};

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  policy.maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  return policy;
}

/** Full-jitter exponential backoff before attempt `failedAttempt + 1`. */
export function backoffDelay(failedAttempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Whether to try again after `error` on attempt number `failedAttempt` (1-based) of an operation of
 * this kind, and the wait. Token renewal is not decided here (see tokens.ts).
 */
export function decideRetry(error: ClientLinksError, failedAttempt: number, kind: OperationKind, policy: RetryPolicy, random: () => number): RetryDecision {
  if (failedAttempt >= policy.maxAttempts) {
    return { retry: false };
  }
  const failure = classifyFailure(error);
  if (!RETRYABLE[kind].has(failure)) {
    return { retry: false };
  }
  if (failure === 'throttled') {
    // The answer's Retry-After (REST) when it gave one, up to maxRetryAfterMs; else our wait after
    // a 117 fault, or backoff after a bare HTTP 429.
    const retryAfterMs = isErrorKind(error, 'fault') || isErrorKind(error, 'http') ? error.retryAfterMs : undefined;
    if (retryAfterMs !== undefined) {
      return { retry: true, delayMs: Math.min(retryAfterMs, policy.maxRetryAfterMs) };
    }
    if (isErrorKind(error, 'fault')) {
      return { retry: true, delayMs: policy.throttleDelayMs };
    }
  }
  return { retry: true, delayMs: backoffDelay(failedAttempt, policy, random) };
}

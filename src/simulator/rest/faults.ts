/**
 * Faults over REST (REST spec §6): a non-2xx status with a JSON ApplicationFault whose `Type`
 * says which detail it is, and the TrackingId in the body as well as in the header.
 *
 * Which status goes with which error is not documented [inferred]; the simulator uses the
 * mapping the spec proposes: 401 authentication, 403 permission, 429 throttling (with
 * Retry-After), 400 validation and deserialization, 500 internal error. Never 200.
 */
import type { AdApiError, OperationError } from '../../core/model/clientLink';
import { adApiError } from '../rules/errorCodes';
import type { CallFault } from '../wire';
import type { JsonObject } from './json';
import { operationErrorJson } from './entities';

/** 105 InvalidCredentials, 109 AuthenticationTokenExpired, 116 RequestMissingHeaders (a missing token), 3101 OAuthTokenInvalid. */
const UNAUTHORIZED = new Set([105, 109, 116, 3101]);
/** 106 UserIsNotAuthorized, 1001 (user not authorized, e.g. the organization enforces work accounts). */
const FORBIDDEN = new Set([106, 1001]);
const THROTTLED = 117;
const INTERNAL = 0;

/** Seconds a throttled caller is told to wait: code 117's message asks for at least 60 (SOAP spec §8.3). */
export const THROTTLE_RETRY_AFTER_SECONDS = 60;

export interface RestFault {
  status: number;
  body: JsonObject;
  headers: Record<string, string>;
  /** Codes for the call log. */
  codes: number[];
}

export function adApiFaultBody(errors: readonly AdApiError[], trackingId: string): JsonObject {
  return { TrackingId: trackingId, Type: 'AdApiFaultDetail', Errors: errors.map((e) => ({ Code: e.Code, Detail: e.Detail, ErrorCode: e.ErrorCode, Message: e.Message })) };
}

export function apiFaultBody(errors: readonly OperationError[], trackingId: string): JsonObject {
  return { TrackingId: trackingId, Type: 'ApiFault', OperationErrors: errors.map(operationErrorJson) };
}

/** A fault body of a `Type` no client knows, as a gateway in front of the service might send (injected `unknownFault`). */
export function unknownFaultBody(trackingId: string): JsonObject {
  return { TrackingId: trackingId, Type: 'GatewayFault', Reason: 'UpstreamUnavailable', RetryAfterSeconds: 30 };
}

/** The status of an AdApiFaultDetail, from its first error (the service sends one). */
export function adApiStatus(code: number): number {
  if (UNAUTHORIZED.has(code)) {
    return 401;
  }
  if (FORBIDDEN.has(code)) {
    return 403;
  }
  if (code === THROTTLED) {
    return 429;
  }
  return code === INTERNAL ? 500 : 400;
}

export function restFault(fault: CallFault, trackingId: string): RestFault {
  switch (fault.kind) {
    case 'adApi':
      return adApiFault(fault.errors, trackingId);
    case 'api':
      return { status: 400, body: apiFaultBody(fault.errors, trackingId), headers: {}, codes: fault.errors.map((e) => e.Code) };
    case 'deserialization':
      // A body that does not bind to the request object (not JSON, not an object, a member of the
      // wrong type): ASP.NET then hands the service a null request, whose documented code is
      // 100 NullRequest ("the request message is null"). AdApiFaultDetail, as for platform codes
      // 0–126 (SOAP spec §8.3); the Detail says what could not be read.
      return adApiFault([adApiError('NullRequest', fault.message)], trackingId);
  }
}

export function adApiFault(errors: readonly AdApiError[], trackingId: string): RestFault {
  const status = adApiStatus(errors[0]?.Code ?? INTERNAL);
  const headers: Record<string, string> = status === 429 ? { 'Retry-After': String(THROTTLE_RETRY_AFTER_SECONDS) } : {};
  return { status, body: adApiFaultBody(errors, trackingId), headers, codes: errors.map((e) => e.Code) };
}

/**
 * The seam between the shared request pipeline (simulator.ts) and a wire protocol (soap/, rest/).
 * A protocol decodes a request into a `DecodedCall` and encodes outcomes with a `WireCodec`;
 * counting, injection, authentication, rules and the call log are the pipeline's, done once.
 */
import type { AdApiError, OperationError } from '../core/model/clientLink';
import type { FaultKind } from './faults/injection';
import { DeserializationError, InvalidDateError } from './requestErrors';
import type { CredentialHeaders } from './rules/auth';
import { AdApiFault, adApiError, ApiFault } from './rules/errorCodes';
import type { OperationInputs, OperationName, OperationResults } from './service';

export type WireProtocol = 'soap' | 'rest';

/** What goes back on the wire; the HTTP layer turns it into bytes. */
export interface WireReply {
  status: number;
  contentType: string;
  /** Text, or pieces of bytes already encoded in UTF-8, to be sent in order (pages of search results). */
  body: string | readonly Buffer[];
  headers?: Record<string, string>;
  /** `hang`: never answer; `truncate`: send half of the body, then end. */
  mode: 'normal' | 'hang' | 'truncate';
  operation: string;
}

/** A request the protocol could read far enough to run: the operation is known. */
export interface RunnableCall {
  readonly ok: true;
  readonly operation: OperationName;
  readonly credentials: CredentialHeaders;
  /** Names of members the reader skipped (SOAP: out of order; REST: unknown names); filled while reading. */
  readonly ignoredMembers: string[];
  /** Reads the body into the operation's input. Called after authentication; may throw DeserializationError or InvalidDateError. */
  readInput<K extends OperationName>(operation: K): OperationInputs[K];
}

/** A request refused before authentication (a SOAP envelope that does not parse, an unknown action). */
export interface RefusedCall {
  readonly ok: false;
  /** For counts, injection and the log: what the request named, or 'Unknown'. */
  readonly operation: string;
  readonly error: unknown;
}

export type DecodedCall = RunnableCall | RefusedCall;

export interface EncodedFault {
  reply: WireReply;
  /** Codes for the call log. */
  codes: number[];
}

export interface WireCodec {
  readonly protocol: WireProtocol;
  success<K extends OperationName>(operation: K, result: OperationResults[K], trackingId: string): WireReply;
  /** Any error thrown while decoding, authenticating or running the rules. */
  fault(operation: string, error: unknown, trackingId: string): EncodedFault;
  /** An injected fault (faults/injection.ts), in this protocol's shape. `truncated` is applied by the pipeline. */
  injected(kind: Exclude<FaultKind, 'truncated'>, operation: string, trackingId: string): WireReply;
}

/** The protocol-neutral meaning of an error: which fault detail the service answers with. */
export type CallFault =
  | { kind: 'adApi'; errors: AdApiError[] }
  | { kind: 'api'; errors: OperationError[] }
  | { kind: 'deserialization'; message: string };

export function classifyFault(error: unknown): CallFault {
  if (error instanceof AdApiFault) {
    return { kind: 'adApi', errors: error.errors };
  }
  if (error instanceof ApiFault) {
    return { kind: 'api', errors: error.errors };
  }
  if (error instanceof InvalidDateError) {
    return { kind: 'adApi', errors: [adApiError('InvalidDateObject', error.message)] };
  }
  if (error instanceof DeserializationError) {
    return { kind: 'deserialization', message: error.message };
  }
  // A bug in the simulator: answered as the service answers its own (code 0).
  return { kind: 'adApi', errors: [adApiError('InternalError')] };
}

/** The injected kinds that are the service's own faults (rather than a proxy's or the network's). */
export type ServiceFaultKind = 'throttle' | 'expiredToken' | 'invalidToken' | 'internalError';

export const SERVICE_FAULTS: Readonly<Record<ServiceFaultKind, AdApiError>> = {
  throttle: adApiError('CallRateExceeded'),
  expiredToken: adApiError('AuthenticationTokenExpired'),
  invalidToken: adApiError('InvalidCredentials'),
  internalError: adApiError('InternalError'),
};

export function isServiceFault(kind: FaultKind): kind is ServiceFaultKind {
  return Object.prototype.hasOwnProperty.call(SERVICE_FAULTS, kind);
}

/** What a proxy in front of the service answers (injected http500/http503), the same for both protocols. */
export function proxyErrorReply(kind: 'http500' | 'http503', operation: string, headers: Record<string, string> = {}): WireReply {
  return kind === 'http500'
    ? { status: 500, contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html><head><title>500 - Internal server error.</title></head><body><h1>Server Error</h1><p>500 - Internal server error.</p></body></html>', headers, mode: 'normal', operation }
    : { status: 503, contentType: 'text/html; charset=utf-8', body: '<html><body><h2>Service Unavailable</h2><p>The service is temporarily unavailable.</p></body></html>', headers: { ...headers, 'Retry-After': '5' }, mode: 'normal', operation };
}

/** The injected `malformed` body: what an Envoy-style proxy sends when the upstream resets. */
export const MALFORMED_BODY = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';

/**
 * REST/JSON as one wire of the shared pipeline (REST spec §2–§6): credentials from HTTP headers,
 * inputs from the JSON body (read after authentication, as the service binds the body only for
 * an authorized call), results and faults as JSON, `TrackingId` header on every answer.
 */
import type { CredentialHeaders } from '../rules/auth';
import type { OperationName } from '../service';
import { classifyFault, isServiceFault, MALFORMED_BODY, proxyErrorReply, SERVICE_FAULTS, type DecodedCall, type WireCodec, type WireReply } from '../wire';
import { adApiFault, restFault, unknownFaultBody, type RestFault } from './faults';
import { parseRequestBody, type JsonObject } from './json';
import { DEFAULT_REST_OPTIONS, type RestOptions } from './options';
import { REST_READERS } from './requests';
import { REST_WRITERS } from './responses';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Request headers as Node gives them (lower-case names). */
export type RestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: RestHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : value?.[0];
}

/**
 * `Authorization: Bearer <token>` (the prefix is mandatory, REST spec §2; the scheme name is
 * matched case-insensitively, as HTTP auth schemes are) and `DeveloperToken`. No Authorization,
 * or a Bearer without a token, is a missing token (116, as SOAP); a value without the Bearer
 * scheme is refused like an unknown token (105). `CustomerId` and `CustomerAccountId` (absent, an
 * id or the literal `None` Microsoft's Python SDK sends) are not needed by these operations and
 * are ignored, as are `Api-Revision`, `User-Agent` and `IdentityProvider`.
 */
export function restCredentials(headers: RestHeaders): CredentialHeaders {
  const developerToken = header(headers, 'developertoken');
  const authorization = header(headers, 'authorization')?.trim();
  if (!authorization) {
    return { AuthenticationToken: undefined, DeveloperToken: developerToken };
  }
  const bearer = /^Bearer(?:\s+(.*))?$/i.exec(authorization);
  if (!bearer) {
    return { AuthenticationToken: authorization, DeveloperToken: developerToken, malformedAuthorization: true };
  }
  return { AuthenticationToken: bearer[1]?.trim() ?? '', DeveloperToken: developerToken };
}

export function decodeRest(operation: OperationName, headers: RestHeaders, body: string, options: Partial<RestOptions> = {}): DecodedCall {
  const ignoredMembers: string[] = [];
  const settings = { rejectNullForNonNullable: options.rejectNullForNonNullable ?? DEFAULT_REST_OPTIONS.rejectNullForNonNullable, ignored: ignoredMembers };
  return {
    ok: true,
    operation,
    credentials: restCredentials(headers),
    ignoredMembers,
    readInput: (op) => REST_READERS[op](parseRequestBody(body), settings),
  };
}

export function restCodec(partial: Partial<RestOptions> = {}): WireCodec {
  const options: RestOptions = { ...DEFAULT_REST_OPTIONS, ...partial };
  const json = (operation: string, status: number, body: JsonObject | readonly Buffer[] | string, trackingId: string, headers: Record<string, string> = {}, mode: WireReply['mode'] = 'normal'): WireReply => ({
    status,
    contentType: JSON_CONTENT_TYPE,
    body: typeof body === 'string' || Array.isArray(body) ? body : JSON.stringify(body),
    headers: { TrackingId: trackingId, ...headers },
    mode,
    operation,
  });
  const faultReply = (operation: string, fault: RestFault, trackingId: string) => json(operation, fault.status, fault.body, trackingId, fault.headers);
  return {
    protocol: 'rest',
    success: (operation, result, trackingId) => json(operation, 200, REST_WRITERS[operation](result, options), trackingId),
    fault: (operation, error, trackingId) => {
      const fault = restFault(classifyFault(error), trackingId);
      return { reply: faultReply(operation, fault, trackingId), codes: fault.codes };
    },
    injected: (kind, operation, trackingId) => {
      if (isServiceFault(kind)) {
        return faultReply(operation, adApiFault([SERVICE_FAULTS[kind]], trackingId), trackingId);
      }
      switch (kind) {
        case 'unknownFault':
          return json(operation, 500, unknownFaultBody(trackingId), trackingId);
        case 'http500':
        case 'http503':
          return proxyErrorReply(kind, operation, { TrackingId: trackingId });
        case 'malformed':
          // A 200 whose body is not JSON, although it says it is.
          return json(operation, 200, MALFORMED_BODY, trackingId);
        case 'hang':
          return json(operation, 200, '', trackingId, {}, 'hang');
      }
    },
  };
}

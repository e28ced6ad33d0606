/**
 * What came back over REST → the JSON body of a 2xx answer, or the right typed error (REST spec §6):
 * - a JSON ApplicationFault, whatever the HTTP status (dispatched on `Type`, else on which of
 *   `Errors` / `OperationErrors` / `BatchErrors` it has; a `{"ApplicationFault": …}` wrapper is
 *   unwrapped) → ServiceFaultError;
 * - an error status without a fault (a proxy's HTML page, an empty 502) → HttpStatusError;
 * - a 2xx body that is not a JSON object → MalformedResponseError.
 * The TrackingId comes from the response header, else from the fault body. `Retry-After` (seconds
 * or an HTTP date) is kept on the error for the retry policy.
 */
import { HttpStatusError, MalformedResponseError, ServiceFaultError, type FaultDetailType, type ProtocolHint, type ServiceErrorEntry } from '../errors';
import { excerptOf, hintForStatus, isSuccessStatus } from '../http/answer';
import type { RawResponse } from '../http/transport';
import { isRecord, readJsonErrorEntries, textOf, type JsonRecord } from './jsonResponses';

export interface RestAnswerContext {
  operation: string;
  /** What to suggest when the path is not served (404/501): set by the client from the date. */
  notServedHint: ProtocolHint | undefined;
  /** For Retry-After given as an HTTP date. */
  nowMs: number;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** An HTTP date (RFC 9110 §5.6.7): IMF-fixdate, or the obsolete RFC 850 and asctime forms. */
const HTTP_DATE = /^(?:[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/**
 * Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or anything else (such
 * as `1.5` or `-5`, which Date.parse would read as dates in 2001, i.e. "retry now").
 */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  if (!HTTP_DATE.test(text)) {
    return undefined;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

interface FaultBody {
  detailType: FaultDetailType;
  errors: ServiceErrorEntry[];
  trackingId: string | null;
}

/**
 * The ApplicationFault in a body, or undefined when the body is not one. In a 2xx answer only a
 * `Type` (or the wrapper) makes a fault (a success body of Add/Update has OperationErrors too); in
 * an error answer, `Errors`, `OperationErrors` or `BatchErrors` do as well.
 */
export function readApplicationFault(json: unknown, success: boolean): FaultBody | undefined {
  if (!isRecord(json)) {
    return undefined;
  }
  const fault: JsonRecord = isRecord(json.ApplicationFault) ? json.ApplicationFault : json;
  const type = textOf(fault.Type);
  const hasErrors = Array.isArray(fault.Errors);
  const hasOperationErrors = Array.isArray(fault.OperationErrors) || Array.isArray(fault.BatchErrors);
  if (type === null && !hasErrors && !(hasOperationErrors && (fault !== json || !success))) {
    return undefined;
  }
  const trackingId = textOf(fault.TrackingId);
  if (type === 'AdApiFaultDetail' || (type !== 'ApiFault' && type !== 'ApiBatchFault' && hasErrors)) {
    return { detailType: 'AdApiFaultDetail', errors: readJsonErrorEntries(fault.Errors), trackingId };
  }
  if (type === 'ApiFault' || type === 'ApiBatchFault' || hasOperationErrors) {
    return { detailType: 'ApiFault', errors: [...readJsonErrorEntries(fault.OperationErrors), ...readJsonErrorEntries(fault.BatchErrors)], trackingId };
  }
  return { detailType: 'unknown', errors: [], trackingId };
}

/** The body of a 2xx answer as a JSON object; throws the typed error of anything else. */
export function readRestAnswer(response: RawResponse, context: RestAnswerContext): { body: JsonRecord; trackingId: string | undefined } {
  const { status, body } = response;
  const { operation } = context;
  const headerTrackingId = response.headers?.trackingid?.trim() || undefined;
  const json = body.trim() ? parseJson(body) : undefined;
  const fault = readApplicationFault(json, isSuccessStatus(status));
  if (fault) {
    throw new ServiceFaultError('', '', fault.detailType, fault.errors, {
      operation,
      trackingId: headerTrackingId ?? (fault.trackingId || undefined),
      httpStatus: status,
      protocol: 'rest',
      serverSide: status >= 500,
      retryAfterMs: retryAfterMs(response.headers?.['retry-after'], context.nowMs),
    });
  }
  if (!isSuccessStatus(status)) {
    throw new HttpStatusError(status, excerptOf(body), {
      operation,
      trackingId: headerTrackingId,
      retryAfterMs: retryAfterMs(response.headers?.['retry-after'], context.nowMs),
      protocolHint: hintForStatus(status, context.notServedHint),
    });
  }
  if (!isRecord(json)) {
    const what = !body.trim() ? 'an empty body' : json === undefined ? `a body that is not JSON (${describeContentType(response)})` : 'JSON that is not an object';
    throw new MalformedResponseError(`The service answered ${operation} with ${what}.`, excerptOf(body), { operation, trackingId: headerTrackingId });
  }
  return { body: json, trackingId: headerTrackingId };
}

function describeContentType(response: RawResponse): string {
  const type = response.headers?.['content-type']?.split(';')[0]?.trim();
  return type ? `Content-Type ${type}` : 'no Content-Type';
}

/**
 * `s:Fault` → ServiceFaultError (spec §8.2). Details are matched by local name, whatever their
 * namespace or prefix: `AdApiFaultDetail` (platform errors: auth, throttling, internal) and
 * `ApiFault` (validation of the whole request). Any other detail, or none, gives detailType
 * 'unknown' with no errors (e.g. WCF's DeserializationFailed faults).
 */
import { ServiceFaultError, type FaultDetailType, type ServiceErrorEntry } from '../errors';
import { child, childrenNamed, type XmlElement } from './xml';
import { textOf, intOf } from './values';

const TRACKING_ID_IN_TEXT = /TrackingId:\s*([0-9A-Za-z-]+)/;

function readAdApiErrors(detail: XmlElement): ServiceErrorEntry[] {
  return childrenNamed(child(detail, 'Errors'), 'AdApiError').map((e) => ({
    code: intOf(child(e, 'Code')) ?? -1,
    errorCode: textOf(child(e, 'ErrorCode')),
    message: textOf(child(e, 'Message')) ?? '',
    details: textOf(child(e, 'Detail')),
  }));
}

/** `x:OperationError` items of an ArrayOfOperationError (ApiFault.OperationErrors, response OperationErrors/PartialErrors). */
export function readOperationErrors(array: XmlElement | undefined): ServiceErrorEntry[] {
  if (!array || array.nil) {
    return [];
  }
  const entries: ServiceErrorEntry[] = [];
  for (const e of array.children) {
    if (e.name !== 'OperationError' || e.nil) {
      continue;
    }
    entries.push({
      code: intOf(child(e, 'Code')) ?? -1,
      errorCode: null,
      message: textOf(child(e, 'Message')) ?? '',
      details: textOf(child(e, 'Details')),
    });
  }
  return entries;
}

export interface FaultContext {
  operation: string;
  /** TrackingId from the response's SOAP header, if any. */
  headerTrackingId: string | undefined;
  httpStatus: number;
}

export function faultToError(fault: XmlElement, context: FaultContext): ServiceFaultError {
  const faultCode = (textOf(child(fault, 'faultcode')) ?? '').trim();
  const faultString = (textOf(child(fault, 'faultstring')) ?? '').trim();
  const detail = child(fault, 'detail');
  let detailType: FaultDetailType = 'unknown';
  let errors: ServiceErrorEntry[] = [];
  let detailTrackingId: string | null = null;
  for (const d of detail?.children ?? []) {
    if (d.name === 'AdApiFaultDetail') {
      detailType = 'AdApiFaultDetail';
      errors = readAdApiErrors(d);
    } else if (d.name === 'ApiFault') {
      detailType = 'ApiFault';
      errors = readOperationErrors(child(d, 'OperationErrors'));
    } else {
      continue;
    }
    detailTrackingId = textOf(child(d, 'TrackingId'));
    break;
  }
  const trackingId = detailTrackingId || context.headerTrackingId || TRACKING_ID_IN_TEXT.exec(faultString)?.[1] || undefined;
  return new ServiceFaultError(faultCode, faultString, detailType, errors, { operation: context.operation, trackingId, httpStatus: context.httpStatus });
}

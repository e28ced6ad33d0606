/**
 * What came back over HTTP → the response wrapper element, or the right typed error (spec §1, §8.2):
 * a SOAP fault whatever the HTTP status → ServiceFaultError; an HTTP error status without a SOAP
 * envelope → HttpStatusError; a 2xx body that is not a SOAP envelope (HTML, truncated XML, wrong
 * wrapper) → MalformedResponseError. The response header TrackingId is kept in every case.
 */
import { HttpStatusError, MalformedResponseError, type ProtocolHint } from '../errors';
import { excerptOf, hintForStatus, isSuccessStatus } from '../http/answer';
import type { RawResponse } from '../http/transport';
import { faultToError } from './faults';
import { NS } from './namespaces';
import { textOf } from './values';
import { child, parseXml, XmlSyntaxError, type XmlElement } from './xml';


export interface ResponsePayload {
  /** `<Op>Response`, the only child of `s:Body`. */
  wrapper: XmlElement;
  trackingId: string | undefined;
}

/** The SOAP 1.1 or 1.2 envelope namespace. */
export function isEnvelopeNs(ns: string): boolean {
  return ns === NS.soapEnvelope || ns === NS.soap12Envelope;
}

/** `notServedHint`: what a 404/501 without an envelope suggests (the SOAP client sets `tryRest` after the SOAP sunset). */
export function readResponse(operation: string, response: RawResponse, notServedHint?: ProtocolHint): ResponsePayload {
  const { status, body } = response;
  let root: XmlElement | undefined;
  let syntaxError: XmlSyntaxError | undefined;
  if (/^\s*</.test(body)) {
    try {
      root = parseXml(body);
    } catch (e) {
      if (!(e instanceof XmlSyntaxError)) {
        throw e;
      }
      syntaxError = e;
    }
  }
  if (!root || root.name !== 'Envelope' || !isEnvelopeNs(root.ns)) {
    if (!isSuccessStatus(status)) {
      throw new HttpStatusError(status, excerptOf(body), { operation, protocolHint: hintForStatus(status, notServedHint) });
    }
    const what = syntaxError ? `XML that is not well formed (${syntaxError.message})` : body.trim() ? 'a body that is not a SOAP envelope' : 'an empty body';
    throw new MalformedResponseError(`The service answered ${operation} with ${what}.`, excerptOf(body), { operation, cause: syntaxError });
  }

  const header = child(root, 'Header');
  const trackingId = textOf(child(header, 'TrackingId'))?.trim() || undefined;
  const soapBody = child(root, 'Body');
  const fault = child(soapBody, 'Fault');
  if (fault && isEnvelopeNs(fault.ns)) {
    throw faultToError(fault, { operation, headerTrackingId: trackingId, httpStatus: status });
  }
  if (!isSuccessStatus(status)) {
    throw new HttpStatusError(status, excerptOf(body), { operation, trackingId });
  }
  const expected = `${operation}Response`;
  const wrapper = soapBody?.children.find((c) => c.name === expected && c.ns === NS.v13);
  if (!wrapper) {
    const found = soapBody?.children[0];
    throw new MalformedResponseError(
      `The service answered ${operation} without a ${expected} element${found ? ` (found ${found.name})` : ''}.`,
      excerptOf(body),
      { operation, trackingId },
    );
  }
  return { wrapper, trackingId };
}

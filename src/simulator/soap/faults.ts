/** SOAP 1.1 fault envelopes in the shapes of spec §8.2 / §10. */
import type { AdApiError, OperationError } from '../../core/model/clientLink';
import { NS } from '../xml/namespaces';
import { element, escapeXml, nillable, textElement } from '../xml/writer';

function faultEnvelope(faultCode: string, faultString: string, detail: string, faultCodeNs?: { prefix: string; uri: string }): string {
  const code = faultCodeNs ? `<faultcode xmlns:${faultCodeNs.prefix}="${faultCodeNs.uri}">${escapeXml(faultCode)}</faultcode>` : textElement('faultcode', faultCode);
  const detailXml = detail ? element('detail', detail) : '';
  return (
    `<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault>` +
    code +
    textElement('faultstring', faultString, { 'xml:lang': 'en-US' }) +
    detailXml +
    `</s:Fault></s:Body></s:Envelope>`
  );
}

function invalidClientData(trackingId: string): string {
  return `Invalid client data. Check the SOAP fault details for more information. TrackingId: ${trackingId}.`;
}

export function adApiFaultXml(errors: readonly AdApiError[], trackingId: string): string {
  const items = errors
    .map((e) => element('AdApiError', textElement('Code', String(e.Code)) + nillable('Detail', e.Detail) + nillable('ErrorCode', e.ErrorCode) + nillable('Message', e.Message)))
    .join('');
  const detail = element('AdApiFaultDetail', textElement('TrackingId', trackingId) + element('Errors', items), { xmlns: NS.adapi, 'xmlns:i': NS.xsi });
  return faultEnvelope('s:Server', invalidClientData(trackingId), detail);
}

export function operationErrorXml(error: OperationError, prefix = 'a'): string {
  const p = (n: string) => `${prefix}:${n}`;
  return element(p('OperationError'), textElement(p('Code'), String(error.Code)) + nillable(p('Details'), error.Details) + nillable(p('Message'), error.Message));
}

export function apiFaultXml(errors: readonly OperationError[], trackingId: string): string {
  const detail = element(
    'ApiFault',
    textElement('TrackingId', trackingId, { xmlns: NS.adapi }) + element('a:OperationErrors', errors.map((e) => operationErrorXml(e)).join('')),
    { xmlns: NS.v13, 'xmlns:a': NS.exception, 'xmlns:i': NS.xsi },
  );
  return faultEnvelope('s:Server', invalidClientData(trackingId), detail);
}

/** What WCF sends when the body can't be deserialized: no Microsoft detail (spec §8.2). */
export function deserializationFaultXml(message: string): string {
  return faultEnvelope('a:DeserializationFailed', `The formatter threw an exception while trying to deserialize the message: ${message}`, '', { prefix: 'a', uri: NS.wcfDispatcher });
}

export function actionNotSupportedFaultXml(action: string): string {
  return faultEnvelope(
    'a:ActionNotSupported',
    `The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher. This may be because of either a contract mismatch (mismatched Actions between sender and receiver) or a binding/security mismatch between the sender and the receiver.`,
    '',
    { prefix: 'a', uri: NS.addressingNone },
  );
}

export function mustUnderstandFaultXml(message: string): string {
  return faultEnvelope('s:MustUnderstand', message, '');
}

export function versionMismatchFaultXml(message: string): string {
  return faultEnvelope('s:VersionMismatch', message, '');
}

/** A fault whose detail is neither AdApiFaultDetail nor ApiFault (e.g. from a gateway in front of the service). */
export function unknownDetailFaultXml(trackingId: string): string {
  const detail = element(
    'GatewayFault',
    textElement('Reason', 'UpstreamUnavailable') + textElement('Correlation', trackingId) + textElement('RetryAfterSeconds', '30'),
    { xmlns: 'urn:example:edge-gateway' },
  );
  return faultEnvelope('s:Server', 'The request could not be completed by the gateway.', detail);
}

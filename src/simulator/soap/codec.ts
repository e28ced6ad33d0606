/**
 * SOAP as one wire of the shared pipeline: decodes an envelope into a call (operation from the
 * SOAPAction or the body wrapper, credentials from the v13 headers, inputs read by RequestReader)
 * and encodes results and faults as SOAP 1.1 envelopes (spec §8.2, §10).
 */
import type { FaultKind } from '../faults/injection';
import { DeserializationError } from '../requestErrors';
import { isOperationName, type OperationInputs, type OperationName, type OperationResults } from '../service';
import { classifyFault, isServiceFault, MALFORMED_BODY, proxyErrorReply, SERVICE_FAULTS, type DecodedCall, type EncodedFault, type WireCodec, type WireReply } from '../wire';
import { NS } from '../xml/namespaces';
import { XmlSyntaxError, type XmlElement } from '../xml/reader';
import { MustUnderstandError, parseEnvelope, VersionMismatchError, type RequestEnvelope } from './envelope';
import * as faults from './faults';
import { RequestReader, type ReadOptions } from './requests';
import * as responses from './responses';

const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** The SOAPAction names no operation of the service (WCF's ActionNotSupported fault). */
export class ActionNotSupportedError extends Error {
  constructor(readonly action: string) {
    super(`The action '${action}' is not supported.`);
    this.name = 'ActionNotSupportedError';
  }
}

type Readers = { readonly [K in OperationName]: (reader: RequestReader, wrapper: XmlElement) => OperationInputs[K] };

const READERS: Readers = {
  GetUser: (reader, wrapper) => reader.getUser(wrapper),
  SearchClientLinks: (reader, wrapper) => reader.search(wrapper),
  AddClientLinks: (reader, wrapper) => reader.clientLinks(wrapper),
  UpdateClientLinks: (reader, wrapper) => reader.clientLinks(wrapper),
  GetLinkedAccountsAndCustomersInfo: (reader, wrapper) => reader.customerAccounts(wrapper),
  GetAccountsInfo: (reader, wrapper) => reader.customerAccounts(wrapper),
  GetCustomersInfo: (reader, wrapper) => reader.customersInfo(wrapper),
  SearchAccounts: (reader, wrapper) => reader.searchAccounts(wrapper),
};

type Writers = { readonly [K in OperationName]: (result: OperationResults[K]) => responses.BodyXml };

const WRITERS: Writers = {
  GetUser: (r) => responses.getUserResponse(r.user, r.roles, r.modifiedMs, r.timestamp),
  SearchClientLinks: (links) => responses.searchClientLinksResponse(links),
  AddClientLinks: (r) => responses.linkBatchResponse('AddClientLinks', r),
  UpdateClientLinks: (r) => responses.linkBatchResponse('UpdateClientLinks', r),
  GetLinkedAccountsAndCustomersInfo: (r) => responses.linkedAccountsAndCustomersResponse(r.accounts, r.customers),
  GetAccountsInfo: (accounts) => responses.accountsInfoResponse(accounts),
  GetCustomersInfo: (customers) => responses.customersInfoResponse(customers),
  SearchAccounts: (accounts) => responses.searchAccountsResponse(accounts),
};

/** Reads one SOAP POST as far as it can without authenticating. */
export function decodeSoap(soapAction: string | undefined, body: string, options: ReadOptions): DecodedCall {
  let envelope: RequestEnvelope | undefined;
  let envelopeError: unknown;
  try {
    envelope = parseEnvelope(body);
  } catch (e) {
    envelopeError = e;
  }
  const operation = operationName(soapAction) ?? wrapperOperation(envelope) ?? 'Unknown';
  if (!envelope) {
    const known = envelopeError instanceof VersionMismatchError || envelopeError instanceof MustUnderstandError || envelopeError instanceof DeserializationError;
    const error = known ? envelopeError : new DeserializationError(envelopeError instanceof XmlSyntaxError ? envelopeError.message : 'The request is not a SOAP message.');
    return { ok: false, operation, error };
  }
  if (!isOperationName(operation)) {
    return { ok: false, operation, error: new ActionNotSupportedError(operation) };
  }
  const wrapper = envelope.body;
  if (!wrapper || wrapper.uri !== NS.v13 || wrapper.local !== `${operation}Request`) {
    return { ok: false, operation, error: new DeserializationError(`Expecting element '${operation}Request' from namespace '${NS.v13}'.`) };
  }
  const reader = new RequestReader(options);
  return {
    ok: true,
    operation,
    credentials: { AuthenticationToken: envelope.headers.get('AuthenticationToken'), DeveloperToken: envelope.headers.get('DeveloperToken') },
    ignoredMembers: reader.ignoredMembers,
    readInput: (op) => READERS[op](reader, wrapper),
  };
}

export interface SoapCodecOptions {
  /** Send faults with HTTP 200 instead of 500 (some SOAP stacks do). */
  faultsAs200?: boolean;
}

export function soapCodec(options: SoapCodecOptions): WireCodec {
  const faultStatus = options.faultsAs200 ? 200 : 500;
  const reply = (operation: string, body: string | readonly Buffer[], status = 200): WireReply => ({ status, contentType: SOAP_CONTENT_TYPE, body, mode: 'normal', operation });
  return {
    protocol: 'soap',
    success: (operation, result, trackingId) => reply(operation, responses.responseEnvelope(WRITERS[operation](result), trackingId)),
    fault: (operation, error, trackingId): EncodedFault => {
      const xml = (text: string, codes: number[] = []): EncodedFault => ({ reply: reply(operation, text, faultStatus), codes });
      if (error instanceof VersionMismatchError) {
        return xml(faults.versionMismatchFaultXml(error.message));
      }
      if (error instanceof MustUnderstandError) {
        return xml(faults.mustUnderstandFaultXml(error.message));
      }
      if (error instanceof ActionNotSupportedError) {
        return xml(faults.actionNotSupportedFaultXml(error.action));
      }
      const fault = classifyFault(error);
      switch (fault.kind) {
        case 'adApi':
          return xml(faults.adApiFaultXml(fault.errors, trackingId), fault.errors.map((e) => e.Code));
        case 'api':
          return xml(faults.apiFaultXml(fault.errors, trackingId), fault.errors.map((e) => e.Code));
        case 'deserialization':
          return xml(faults.deserializationFaultXml(fault.message));
      }
    },
    injected: (kind, operation, trackingId) => injectedReply(kind, operation, trackingId, faultStatus),
  };
}

function injectedReply(kind: Exclude<FaultKind, 'truncated'>, operation: string, trackingId: string, faultStatus: number): WireReply {
  const soapReply = (status: number, body: string, mode: WireReply['mode'] = 'normal'): WireReply => ({ status, contentType: SOAP_CONTENT_TYPE, body, mode, operation });
  if (isServiceFault(kind)) {
    return soapReply(faultStatus, faults.adApiFaultXml([SERVICE_FAULTS[kind]], trackingId));
  }
  switch (kind) {
    case 'unknownFault':
      return soapReply(faultStatus, faults.unknownDetailFaultXml(trackingId));
    case 'http500':
    case 'http503':
      return proxyErrorReply(kind, operation);
    case 'malformed':
      return soapReply(200, MALFORMED_BODY);
    case 'hang':
      return soapReply(200, '', 'hang');
  }
}

/** The operation named by a SOAPAction header: quoted or not, bare or as a URI's last segment. */
export function operationName(soapAction: string | undefined): string | undefined {
  const raw = soapAction?.trim().replace(/^"(.*)"$/, '$1').trim();
  if (!raw) {
    return undefined;
  }
  return raw.slice(raw.lastIndexOf('/') + 1) || undefined;
}

function wrapperOperation(envelope: RequestEnvelope | undefined): string | undefined {
  const local = envelope?.body?.local;
  return local?.endsWith('Request') ? local.slice(0, -'Request'.length) : undefined;
}

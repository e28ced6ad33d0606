/**
 * Customer Management v13 over SOAP, one HTTP exchange per call, no retries: build the request
 * content, write the envelope from our WSDL (node-soap's schema, compiled: compiledWriter.ts), POST it, read the answer into model types.
 * Every result and every error carries the response's TrackingId when there was one. Retries,
 * token renewal, paging and batching live in the service layer.
 */
import { MalformedResponseError } from '../errors';
import type { ClientLink, GetUserResult, LinkedAccountsAndCustomers, AccountInfo, OrderBy, Predicate } from '../model/clientLink';
import { readResponse } from './envelope';
import { createEnvelopeWriter, writeWithFallback, type EnvelopeWriter, type WireObject } from './nodeSoapAdapter';
import type { OperationName } from './operations';
import {
  clientLinksRequest,
  customerAccountsRequest,
  getUserRequest,
  requestHeaderXml,
  searchClientLinksRequest,
  type PageRequest,
} from './requests';
import {
  readGetAccountsInfo,
  readGetUser,
  readLinkedAccountsAndCustomers,
  readLinkWriteResult,
  readSearchClientLinks,
  type LinkWriteResult,
} from './responseReader';
import { NodeHttpTransport, type Transport } from './transport';
import { resolveWsdlPath } from './wsdlLocation';
import type { XmlElement } from './xml';

export interface Credentials {
  accessToken: string;
  developerToken: string;
}

export interface CallContext {
  credentials: Credentials;
  /** Cancels the HTTP exchange (CancelledError). */
  signal?: AbortSignal;
  /**
   * Called with the answer's length (characters) when a successful (HTTP 200) answer has arrived,
   * before it is read; reading then waits for one turn of the event loop, so that a request
   * started from here goes out first (paging asks for the next page while this one is read).
   */
  onAnswer?: (size: number) => void;
}

export interface SoapResult<T> {
  value: T;
  trackingId: string | undefined;
}

export interface SoapClientOptions {
  endpoint: string;
  timeoutMs: number;
  transport?: Transport;
  /** Defaults to node-soap on our WSDL. */
  envelopeWriter?: () => Promise<EnvelopeWriter>;
}

export class CustomerManagementSoapClient {
  private writer: Promise<EnvelopeWriter> | undefined;
  private readonly transport: Transport;

  constructor(private readonly options: SoapClientOptions) {
    this.transport = options.transport ?? new NodeHttpTransport();
  }

  /** Loads the WSDL now (otherwise on the first call). */
  ready(): Promise<EnvelopeWriter> {
    if (!this.writer) {
      const factory = this.options.envelopeWriter ?? (() => createEnvelopeWriter(resolveWsdlPath()));
      this.writer = factory();
      this.writer.catch(() => {
        this.writer = undefined;
      });
    }
    return this.writer;
  }

  /** The exact envelope a call would send (tests and diagnostics). */
  async envelopeFor(operation: OperationName, body: WireObject, credentials: Credentials): Promise<string> {
    const writer = await this.ready();
    return (await writeWithFallback(writer, operation, body, requestHeaderXml(credentials.accessToken, credentials.developerToken))).xml;
  }

  private async exchange<T>(operation: OperationName, body: WireObject, context: CallContext, read: (wrapper: XmlElement) => T): Promise<SoapResult<T>> {
    const writer = await this.ready();
    const request = await writeWithFallback(writer, operation, body, requestHeaderXml(context.credentials.accessToken, context.credentials.developerToken));
    const response = await this.transport.post({
      url: this.options.endpoint,
      body: request.xml,
      headers: { 'Content-Type': request.contentType, SOAPAction: request.soapActionHeader },
      timeoutMs: this.options.timeoutMs,
      signal: context.signal,
      operation,
    });
    if (context.onAnswer && response.status === 200) {
      context.onAnswer(response.body.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const { wrapper, trackingId } = readResponse(operation, response);
    return { value: read(wrapper), trackingId };
  }

  getUser(context: CallContext): Promise<SoapResult<GetUserResult>> {
    return this.exchange('GetUser', getUserRequest(), context, (wrapper) => {
      const result = readGetUser(wrapper);
      if (!result) {
        throw new MalformedResponseError('The service answered GetUser without a User.', '', { operation: 'GetUser' });
      }
      return result;
    });
  }

  getAccountsInfo(customerId: string, context: CallContext): Promise<SoapResult<AccountInfo[]>> {
    return this.exchange('GetAccountsInfo', customerAccountsRequest(customerId), context, readGetAccountsInfo);
  }

  getLinkedAccountsAndCustomersInfo(customerId: string, context: CallContext): Promise<SoapResult<LinkedAccountsAndCustomers>> {
    return this.exchange('GetLinkedAccountsAndCustomersInfo', customerAccountsRequest(customerId), context, readLinkedAccountsAndCustomers);
  }

  searchClientLinks(predicates: readonly Predicate[], ordering: readonly OrderBy[] | undefined, page: PageRequest, context: CallContext): Promise<SoapResult<ClientLink[]>> {
    return this.exchange('SearchClientLinks', searchClientLinksRequest(predicates, ordering, page), context, readSearchClientLinks);
  }

  addClientLinks(links: readonly ClientLink[], context: CallContext): Promise<SoapResult<LinkWriteResult>> {
    return this.exchange('AddClientLinks', clientLinksRequest(links, 'add'), context, readLinkWriteResult);
  }

  updateClientLinks(links: readonly ClientLink[], context: CallContext): Promise<SoapResult<LinkWriteResult>> {
    return this.exchange('UpdateClientLinks', clientLinksRequest(links, 'update'), context, readLinkWriteResult);
  }

  close(): void {
    this.transport.close();
  }
}

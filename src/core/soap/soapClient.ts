/**
 * Customer Management v13 over SOAP, one HTTP exchange per call, no retries: the SOAP adapter of
 * the protocol-neutral service. Builds the request content (requests.ts), writes the envelope
 * from the build's writer plan (envelopeWriter.ts), POSTs it, reads the answer into model types
 * (envelope.ts, responseReader.ts; SearchClientLinks pages straight from the characters, linkPageReader.ts). Every result and every error carries the response's
 * TrackingId when there was one.
 */
import { MalformedResponseError, type ProtocolHint } from '../errors';
import { NodeHttpTransport, type RawResponse, type Transport } from '../http/transport';
import type { AccountInfo, ClientLink, CustomerInfo, GetUserResult, LinkedAccountsAndCustomers, OrderBy, Predicate } from '../model/clientLink';
import { isAfterSoapSunset } from '../protocol';
import type { OperationName } from '../service/operations';
import { announceAnswer, withTrackingId, type CallContext, type Credentials, type CustomersInfoQuery, type LinkWriteResult, type PageRequest, type WireClient, type WireResult } from '../service/wireClient';
import type { WireObject } from './compiledWriter';
import { readResponse } from './envelope';
import { BUILD_PLAN_WRITER, type EnvelopeWriter } from './envelopeWriter';
import { clientLinksRequest, customerAccountsRequest, customersInfoRequest, getUserRequest, requestHeaderXml, searchClientLinksRequest } from './requests';
import { readSearchClientLinksAnswer } from './linkPageReader';
import { readGetAccountsInfo, readGetCustomersInfo, readGetUser, readLinkedAccountsAndCustomers, readLinkWriteResult } from './responseReader';
import type { XmlElement } from './xml';

export interface SoapClientOptions {
  /** The Customer Management v13 `.svc` URL. */
  endpoint: string;
  timeoutMs: number;
  transport?: Transport;
  /** Defaults to the build's writer plan. */
  envelopeWriter?: EnvelopeWriter;
  /** Injected for tests: the clock that says whether SOAP has been turned off (what a 404 suggests). */
  now?: () => number;
}

export class CustomerManagementSoapClient implements WireClient {
  readonly protocol = 'soap' as const;
  readonly url: string;
  private readonly transport: Transport;
  private readonly writer: EnvelopeWriter;
  private readonly now: () => number;

  constructor(private readonly options: SoapClientOptions) {
    this.url = options.endpoint;
    this.transport = options.transport ?? new NodeHttpTransport();
    this.writer = options.envelopeWriter ?? BUILD_PLAN_WRITER;
    this.now = options.now ?? Date.now;
  }

  /** The exact envelope a call would send (tests and diagnostics). */
  envelopeFor(operation: OperationName, body: WireObject, credentials: Credentials): string {
    return this.writer.write(operation, body, requestHeaderXml(credentials.accessToken, credentials.developerToken)).xml;
  }

  /** POSTs one call and returns what came back, whatever the status. */
  private async send(operation: OperationName, body: WireObject, context: CallContext): Promise<RawResponse> {
    const request = this.writer.write(operation, body, requestHeaderXml(context.credentials.accessToken, context.credentials.developerToken));
    const response = await this.transport.send({
      url: this.url,
      body: request.xml,
      headers: { 'Content-Type': request.contentType, SOAPAction: request.soapActionHeader },
      timeoutMs: this.options.timeoutMs,
      signal: context.signal,
      operation,
    });
    if (response.status === 200) {
      await announceAnswer(context, response.body.length);
    }
    return response;
  }

  private notServedHint(): ProtocolHint | undefined {
    return isAfterSoapSunset(this.now()) ? 'tryRest' : undefined;
  }

  private async exchange<T>(operation: OperationName, body: WireObject, context: CallContext, read: (wrapper: XmlElement) => T): Promise<WireResult<T>> {
    const response = await this.send(operation, body, context);
    const { wrapper, trackingId } = readResponse(operation, response, this.notServedHint());
    return { value: withTrackingId(trackingId, () => read(wrapper)), trackingId };
  }

  getUser(context: CallContext): Promise<WireResult<GetUserResult>> {
    return this.exchange('GetUser', getUserRequest(), context, (wrapper) => {
      const result = readGetUser(wrapper);
      if (!result) {
        throw new MalformedResponseError('The service answered GetUser without a User.', '', { operation: 'GetUser' });
      }
      return result;
    });
  }

  getAccountsInfo(customerId: string, context: CallContext): Promise<WireResult<AccountInfo[]>> {
    return this.exchange('GetAccountsInfo', customerAccountsRequest(customerId), context, readGetAccountsInfo);
  }

  getLinkedAccountsAndCustomersInfo(customerId: string, context: CallContext): Promise<WireResult<LinkedAccountsAndCustomers>> {
    return this.exchange('GetLinkedAccountsAndCustomersInfo', customerAccountsRequest(customerId), context, readLinkedAccountsAndCustomers);
  }

  getCustomersInfo(query: CustomersInfoQuery, context: CallContext): Promise<WireResult<CustomerInfo[]>> {
    return this.exchange('GetCustomersInfo', customersInfoRequest(query), context, readGetCustomersInfo);
  }

  /** The hot path of a listing: the page is read straight from the answer's characters (linkPageReader.ts), no element tree. */
  async searchClientLinks(predicates: readonly Predicate[], ordering: readonly OrderBy[] | undefined, page: PageRequest, context: CallContext): Promise<WireResult<ClientLink[]>> {
    const response = await this.send('SearchClientLinks', searchClientLinksRequest(predicates, ordering, page), context);
    const { links, trackingId } = readSearchClientLinksAnswer(response, this.notServedHint());
    return { value: links, trackingId };
  }

  addClientLinks(links: readonly ClientLink[], context: CallContext): Promise<WireResult<LinkWriteResult>> {
    return this.exchange('AddClientLinks', clientLinksRequest(links, 'add'), context, readLinkWriteResult);
  }

  updateClientLinks(links: readonly ClientLink[], context: CallContext): Promise<WireResult<LinkWriteResult>> {
    return this.exchange('UpdateClientLinks', clientLinksRequest(links, 'update'), context, readLinkWriteResult);
  }

  close(): void {
    this.transport.close();
  }
}

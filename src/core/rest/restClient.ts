/**
 * Customer Management v13 over REST/JSON (REST spec), one HTTP exchange per call, no retries: the
 * REST adapter of the protocol-neutral service. JSON bodies (jsonRequests.ts) to the operation's
 * verb and path (restRoutes.ts), `Authorization: Bearer`, `DeveloperToken` and, when known,
 * `CustomerId` headers; answers read by restAnswer.ts and jsonResponses.ts into model types.
 * JSON needs no library: JSON.stringify and JSON.parse do it.
 */
import { MalformedResponseError } from '../errors';
import { isSuccessStatus } from '../http/answer';
import { NodeHttpTransport, type Transport } from '../http/transport';
import type { AccountInfo, ClientLink, CustomerInfo, GetUserResult, LinkedAccountsAndCustomers, OrderBy, Predicate } from '../model/clientLink';
import { isAfterSoapSunset } from '../protocol';
import type { OperationName } from '../service/operations';
import { announceAnswer, withTrackingId, type CallContext, type CustomersInfoQuery, type LinkWriteResult, type PageRequest, type WireClient, type WireResult } from '../service/wireClient';
import { clientLinksBody, customerAccountsBody, customersInfoBody, getUserBody, searchClientLinksBody, type JsonObject } from './jsonRequests';
import {
  readJsonAccountsInfo,
  readJsonCustomersInfo,
  readJsonGetUser,
  readJsonLinkedAccountsAndCustomers,
  readJsonLinkWriteResult,
  readJsonSearchClientLinks,
  type JsonRecord,
} from './jsonResponses';
import { readRestAnswer } from './restAnswer';
import { REST_ROUTES } from './restRoutes';

export interface RestClientOptions {
  /** The REST base URL (an origin: `https://clientcenter.api.bingads.microsoft.com`). */
  baseUrl: string;
  timeoutMs: number;
  transport?: Transport;
  /** Injected for tests: the clock that says whether SOAP is still served (what a 404 suggests). */
  now?: () => number;
}

export class CustomerManagementRestClient implements WireClient {
  readonly protocol = 'rest' as const;
  readonly url: string;
  private readonly transport: Transport;
  private readonly now: () => number;

  constructor(private readonly options: RestClientOptions) {
    this.url = options.baseUrl.replace(/\/+$/, '');
    this.transport = options.transport ?? new NodeHttpTransport();
    this.now = options.now ?? Date.now;
  }

  /** The HTTP headers of a call (tests check them; never logged: they carry the tokens). */
  headersFor(context: CallContext): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${context.credentials.accessToken}`,
      DeveloperToken: context.credentials.developerToken,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    };
    if (context.customerId) {
      headers.CustomerId = context.customerId;
    }
    return headers;
  }

  private async exchange<T>(operation: OperationName, body: JsonObject, context: CallContext, read: (body: JsonRecord) => T): Promise<WireResult<T>> {
    const route = REST_ROUTES[operation];
    const response = await this.transport.send({
      method: route.method,
      url: this.url + route.path,
      body: JSON.stringify(body),
      headers: this.headersFor(context),
      timeoutMs: this.options.timeoutMs,
      signal: context.signal,
      operation,
    });
    if (isSuccessStatus(response.status)) {
      await announceAnswer(context, response.body.length);
    }
    const nowMs = this.now();
    const answer = readRestAnswer(response, { operation, nowMs, notServedHint: isAfterSoapSunset(nowMs) ? undefined : 'trySoap' });
    return { value: withTrackingId(answer.trackingId, () => read(answer.body)), trackingId: answer.trackingId };
  }

  getUser(context: CallContext): Promise<WireResult<GetUserResult>> {
    return this.exchange('GetUser', getUserBody(), context, (body) => {
      const result = readJsonGetUser(body);
      if (!result) {
        throw new MalformedResponseError('The service answered GetUser without a User.', '', { operation: 'GetUser' });
      }
      return result;
    });
  }

  getAccountsInfo(customerId: string, context: CallContext): Promise<WireResult<AccountInfo[]>> {
    return this.exchange('GetAccountsInfo', customerAccountsBody(customerId), context, readJsonAccountsInfo);
  }

  getLinkedAccountsAndCustomersInfo(customerId: string, context: CallContext): Promise<WireResult<LinkedAccountsAndCustomers>> {
    return this.exchange('GetLinkedAccountsAndCustomersInfo', customerAccountsBody(customerId), context, readJsonLinkedAccountsAndCustomers);
  }

  getCustomersInfo(query: CustomersInfoQuery, context: CallContext): Promise<WireResult<CustomerInfo[]>> {
    return this.exchange('GetCustomersInfo', customersInfoBody(query), context, readJsonCustomersInfo);
  }

  searchClientLinks(predicates: readonly Predicate[], ordering: readonly OrderBy[] | undefined, page: PageRequest, context: CallContext): Promise<WireResult<ClientLink[]>> {
    return this.exchange('SearchClientLinks', searchClientLinksBody(predicates, ordering, page), context, readJsonSearchClientLinks);
  }

  addClientLinks(links: readonly ClientLink[], context: CallContext): Promise<WireResult<LinkWriteResult>> {
    return this.exchange('AddClientLinks', clientLinksBody(links, 'add'), context, readJsonLinkWriteResult);
  }

  updateClientLinks(links: readonly ClientLink[], context: CallContext): Promise<WireResult<LinkWriteResult>> {
    return this.exchange('UpdateClientLinks', clientLinksBody(links, 'update'), context, readJsonLinkWriteResult);
  }

  close(): void {
    this.transport.close();
  }
}

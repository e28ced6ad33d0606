/**
 * The port between the protocol-neutral service (clientLinksService.ts) and a wire protocol.
 * An adapter (SOAP: ../soap/soapClient.ts, REST: ../rest/restClient.ts) makes one HTTP exchange
 * per call, with no retries: it turns an operation and its request into bytes on the wire, and the
 * answer into model types or one of the typed errors of ../errors.ts, with the answer's TrackingId.
 * Retries, token renewal, paging, batching and lost-answer recovery live above it, written once.
 */
import { isClientLinksError, type ServiceErrorEntry } from '../errors';
import type { AccountInfo, ClientLink, CustomerInfo, GetUserResult, LinkedAccountsAndCustomers, OrderBy, Predicate } from '../model/clientLink';
import type { WireProtocol } from '../protocol';

export interface Credentials {
  accessToken: string;
  developerToken: string;
}

export interface CallContext {
  credentials: Credentials;
  /** The customer the user acts for, when known (REST sends it as the `CustomerId` header). */
  customerId?: string;
  /** Cancels the HTTP exchange (CancelledError). */
  signal?: AbortSignal;
  /**
   * Called with the answer's length (characters) when a successful (2xx) answer has arrived,
   * before it is read; reading then waits for one turn of the event loop, so that a request
   * started from here goes out first (paging asks for the next page while this one is read).
   */
  onAnswer?: (size: number) => void;
}

export interface WireResult<T> {
  value: T;
  trackingId: string | undefined;
}

export interface PageRequest {
  index: number;
  size: number;
}

export interface LinkWriteResult {
  /** Whole-call errors: nothing was applied. */
  operationErrors: ServiceErrorEntry[];
  /** One item per requested link, same index; null = succeeded. Empty when the service sent none. */
  partialErrors: (ServiceErrorEntry[] | null)[];
}

/** GetCustomersInfoRequest: `CustomerNameFilter` (a case-insensitive prefix, "" = all) and `TopN` (> 0). */
export interface CustomersInfoQuery {
  nameFilter: string;
  topN: number;
}

export interface WireClient {
  readonly protocol: WireProtocol;
  /** The URL called: the SOAP `.svc` URL, or the REST base URL. */
  readonly url: string;
  getUser(context: CallContext): Promise<WireResult<GetUserResult>>;
  getAccountsInfo(customerId: string, context: CallContext): Promise<WireResult<AccountInfo[]>>;
  getLinkedAccountsAndCustomersInfo(customerId: string, context: CallContext): Promise<WireResult<LinkedAccountsAndCustomers>>;
  /** GetCustomersInfo: the customers the user can reach, by name prefix ("" = all), at most `topN`. */
  getCustomersInfo(query: CustomersInfoQuery, context: CallContext): Promise<WireResult<CustomerInfo[]>>;
  searchClientLinks(predicates: readonly Predicate[], ordering: readonly OrderBy[] | undefined, page: PageRequest, context: CallContext): Promise<WireResult<ClientLink[]>>;
  addClientLinks(links: readonly ClientLink[], context: CallContext): Promise<WireResult<LinkWriteResult>>;
  updateClientLinks(links: readonly ClientLink[], context: CallContext): Promise<WireResult<LinkWriteResult>>;
  /** Releases kept-alive connections. */
  close(): void;
}

/** After `onAnswer`, one turn of the event loop so a request it started goes out before the answer is read. */
export async function announceAnswer(context: CallContext, size: number): Promise<void> {
  if (context.onAnswer) {
    context.onAnswer(size);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Reads an answer; an error reading it (a GetUser without a User, …) carries the answer's TrackingId. */
export function withTrackingId<T>(trackingId: string | undefined, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (isClientLinksError(e)) {
      e.trackingId ??= trackingId;
    }
    throw e;
  }
}

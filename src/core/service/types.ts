/**
 * The contract of the client links service layer. The protocol-neutral implementation
 * (`./clientLinksService`, over SOAP or REST) and test fakes implement it; the CLI and the VS Code
 * UI consume it. Nothing here imports protocol code or `vscode`, so importing these types costs
 * nothing at activation.
 */
import type { ClientLinksError, ServiceErrorEntry } from '../errors';
import type { WireProtocol } from '../protocol';
import type {
  AccountInfo,
  ClientLink,
  CustomerInfo,
  GetUserResult,
  LinkedAccountsAndCustomers,
  OrderBy,
  Predicate,
} from '../model/clientLink';

/** Supplies OAuth access tokens. The VS Code UI backs it with `vscode.authentication`, the CLI with an env var. */
export interface TokenSource {
  /**
   * A current access token. `forceRefresh` is set once after the service said the token expired
   * or is invalid (codes 109, 105, 3101): return a new one or throw an AuthError.
   */
  getAccessToken(options: { forceRefresh: boolean; signal?: AbortSignal }): Promise<string>;
}

/** Receives one event per HTTP exchange, for the output channel and benchmarks. Never gets tokens. */
export interface CallObserver {
  onCall?(event: CallEvent): void;
  onRetry?(event: RetryEvent): void;
}

export interface CallEvent {
  /** The wire protocol that carried the exchange. Absent from test fakes. */
  protocol?: WireProtocol;
  operation: string;
  /** 'ok' or the error kind. */
  outcome: 'ok' | ClientLinksError['kind'];
  durationMs: number;
  attempt: number;
  trackingId?: string;
  error?: ClientLinksError;
  /** Number of links sent or received, when it applies. */
  items?: number;
}

export interface RetryEvent {
  protocol?: WireProtocol;
  operation: string;
  attempt: number;
  delayMs: number;
  reason: ClientLinksError;
}

export interface RetryPolicy {
  /** Attempts in all, including the first (reads and idempotent checks only). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Wait after CallRateExceeded (117) when the answer does not say (no Retry-After); the service counts over a sliding 60 s. */
  throttleDelayMs: number;
  /** The longest Retry-After honoured (a longer one is cut to this). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  throttleDelayMs: 60_000,
  maxRetryAfterMs: 300_000,
};

export interface ServiceOptions {
  /**
   * The endpoint, already checked by `resolveEndpoint`: the SOAP `.svc` URL or a bare origin. REST
   * calls that URL's origin; SOAP a bare origin with the service path (protocol.ts).
   */
  endpoint: string;
  /** Default 'soap'. The front ends resolve the `auto` setting with `resolveProtocol`. */
  protocol?: WireProtocol;
  /** The customer the user acts for, when known: sent as REST's `CustomerId` header. */
  customerId?: () => string | undefined;
  tokenSource: TokenSource;
  /** The developer token, read when each request is built (it lives in SecretStorage in VS Code). */
  developerToken: () => Promise<string>;
  /** Per-request timeout. Default 60 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Concurrent SearchClientLinks page requests. Default 4 (1 against the sandbox). */
  searchConcurrency?: number;
  /** Concurrent Add/Update calls of 10 links. Default 4 (1 against the sandbox). */
  writeConcurrency?: number;
  observer?: CallObserver;
  /** Injected for tests: sleep used by backoff. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests: random in [0, 1) for jitter. */
  random?: () => number;
  /** Injected for tests: the clock that decides what a 404/501 suggests (before or after the SOAP sunset). */
  now?: () => number;
}

export interface SearchClientLinksQuery {
  /** One or two predicates (spec §7). */
  predicates: Predicate[];
  /** Only the first OrderBy is honoured by the service. */
  ordering?: OrderBy[];
  /** Page size, 1..100. Default 100. */
  pageSize?: number;
  /** Called once the first page has arrived and been read (the service answers), before the others are asked for. */
  onFirstPage?: () => void;
}

export interface SearchClientLinksResult {
  links: ClientLink[];
  pages: number;
  trackingIds: string[];
}

/** One page of a search as `searchClientLinkPages` yields it: only links no earlier page brought. */
export interface SearchClientLinksPage {
  links: ClientLink[];
  trackingId: string | undefined;
}

export interface Tracked<T> {
  value: T;
  trackingId: string | undefined;
}

/** What happened to one input link of an Add or Update. Exactly one per input, in input order. */
export interface LinkOutcome {
  /** Index in the input array. */
  index: number;
  link: ClientLink;
  state: 'succeeded' | 'failed' | 'notAttempted';
  /** PartialErrors for this link, or the call's OperationErrors, or the fault's errors. */
  errors: ServiceErrorEntry[];
  /** When the whole call failed (fault, network, …), that error. */
  error?: ClientLinksError;
  trackingId?: string;
}

export interface BulkProgress {
  done: number;
  total: number;
  succeeded: number;
  failed: number;
}

export interface BulkOptions {
  signal?: AbortSignal;
  onProgress?: (progress: BulkProgress) => void;
}

export const MAX_LINKS_PER_CALL = 10;
export const MAX_PAGE_SIZE = 100;

export interface ClientLinksService {
  /** The wire protocol in use (absent in test fakes: treat as 'soap'). */
  readonly protocol?: WireProtocol;
  /** The URL called: the SOAP `.svc` URL or the REST base URL. */
  readonly url?: string;
  /**
   * How many read requests the service may have in flight at once (pages of one listing); 1 means
   * strictly one call at a time (the sandbox), so callers must not overlap listings either.
   * Absent: treat as 1.
   */
  readonly readConcurrency?: number;
  /** GetUser for the signed-in user (UserId nil). */
  getUser(signal?: AbortSignal): Promise<Tracked<GetUserResult>>;
  getLinkedAccountsAndCustomersInfo(customerId: string, signal?: AbortSignal): Promise<Tracked<LinkedAccountsAndCustomers>>;
  /** GetAccountsInfo(CustomerId, OnlyParentAccounts=false): the accounts reachable under a customer (used to find client-side links). */
  getAccountsInfo(customerId: string, signal?: AbortSignal): Promise<Tracked<AccountInfo[]>>;
  /**
   * GetCustomersInfo: ids and names of the customers the user can reach (`nameFilter` a prefix,
   * "" = all; at most `topN`, default 1000). Optional: a service without it gives no names, and
   * the front ends fall back to numbers and ids.
   */
  getCustomersInfo?(query?: { nameFilter?: string; topN?: number }, signal?: AbortSignal): Promise<Tracked<CustomerInfo[]>>;
  /** Every page of SearchClientLinks, in order. */
  searchClientLinks(query: SearchClientLinksQuery, signal?: AbortSignal): Promise<SearchClientLinksResult>;
  /**
   * The same search, page by page as the pages arrive (same calls, same retries), so a caller can
   * use each page and let it go. Optional for test fakes: `searchPages` (searchPages.ts) falls back
   * to `searchClientLinks` as one page.
   */
  searchClientLinkPages?(query: SearchClientLinksQuery, signal?: AbortSignal): AsyncIterable<SearchClientLinksPage>;
  /** AddClientLinks in calls of at most 10. Never re-sends an add whose answer was lost without searching first. */
  addClientLinks(links: ClientLink[], options?: BulkOptions): Promise<LinkOutcome[]>;
  /** UpdateClientLinks in calls of at most 10 (send searched links with only Status/Note changed). */
  updateClientLinks(links: ClientLink[], options?: BulkOptions): Promise<LinkOutcome[]>;
  /** Releases kept-alive connections; the service must not be used after. Optional for test fakes. */
  dispose?(): void;
}

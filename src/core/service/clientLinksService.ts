/**
 * The ClientLinksService, protocol-neutral: credentials per request, retries and token renewal
 * per call (retryPolicy.ts, tokens.ts), every HTTP exchange reported to the observer, all pages of
 * a search (paging.ts), writes in calls of ten (bulkWrite.ts) with lost-answer recovery for adds
 * (addRecovery.ts). Written once; the wire protocol is a WireClient (wireClient.ts): SOAP or REST,
 * one per instance with its kept-alive connections.
 */
import * as l10n from '@vscode/l10n';
import { AuthError, CancelledError, isClientLinksError, isCredentialsRefused, isErrorKind, OperationErrorsError, type ClientLinksError, type ServiceErrorEntry } from '../errors';
import type { AccountInfo, ClientLink, CustomerInfo, GetUserResult, LinkedAccountsAndCustomers } from '../model/clientLink';
import type { WireProtocol } from '../protocol';
import { operationKind, type OperationKind, type OperationName } from './operations';
import type { CallContext, LinkWriteResult, WireClient, WireResult } from './wireClient';
import { appliedIndices, planRecovery } from './addRecovery';
import { runInBatches, type BatchOutcome } from './bulkWrite';
import { streamPages, type PageFetcher } from './pageStream';
import { fetchAllPages } from './paging';
import { classifyFailure, decideRetry, resolveRetryPolicy } from './retryPolicy';
import { sleep as defaultSleep } from './sleep';
import { AccessTokens } from './tokens';
import {
  MAX_LINKS_PER_CALL,
  MAX_PAGE_SIZE,
  type BulkOptions,
  type ClientLinksService,
  type LinkOutcome,
  type RetryPolicy,
  type SearchClientLinksPage,
  type SearchClientLinksQuery,
  type SearchClientLinksResult,
  type ServiceOptions,
  type Tracked,
} from './types';

export const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * At most 4 requests in flight per listing (pages; for a moment 5, when the next page is asked for
 * as an answer arrives) and per bulk action (calls of 10); a refresh also runs the client side's
 * two first calls while the agency side pages. 1 against the sandbox, where nothing overlaps.
 * Microsoft publishes no call-rate limit for Customer Management; the only signal is error 117
 * CallRateExceeded, counted per minute (sliding 60 s), which we honour by waiting throttleDelayMs
 * (60 s) and retrying (writes included: a 117 proves nothing was applied).
 * The sandbox asks clients to keep to a single thread, so its endpoint defaults to 1. Why 4
 * elsewhere: it is what the client needs to come within a few percent of what the service allows
 * (BENCHMARKS.md: at 4 our listing and bulk times are within a few percent of a bare HTTP
 * client sending the same requests); it is below what a browser opens to one host (6); and a listing or bulk action is
 * a bounded burst (~100 calls for 10,000 links or 1,000 updates, seconds long), not a sustained
 * rate, so it cannot by itself exceed a per-minute limit that a single-threaded client would not
 * approach. Callers can pass searchConcurrency / writeConcurrency to change it.
 */
export const DEFAULT_SEARCH_CONCURRENCY = 4;
export const DEFAULT_WRITE_CONCURRENCY = 4;
export const SANDBOX_CONCURRENCY = 1;

/** Whether the endpoint is Microsoft's sandbox (`*.sandbox.bingads.microsoft.com`). */
export function isSandboxEndpoint(endpoint: string): boolean {
  try {
    return new URL(endpoint).hostname.toLowerCase().endsWith('.sandbox.bingads.microsoft.com');
  } catch {
    return false;
  }
}

/** The concurrency defaults for an endpoint: 1 and 1 in the sandbox, 4 and 4 elsewhere. */
export function defaultConcurrency(endpoint: string): { search: number; write: number } {
  return isSandboxEndpoint(endpoint)
    ? { search: SANDBOX_CONCURRENCY, write: SANDBOX_CONCURRENCY }
    : { search: DEFAULT_SEARCH_CONCURRENCY, write: DEFAULT_WRITE_CONCURRENCY };
}

interface CallSpec<T> {
  operation: OperationName;
  /** Retry rules to apply (defaults to the operation's kind). */
  kind?: OperationKind;
  /** Cancels waits and, for reads, the HTTP exchange itself. */
  signal?: AbortSignal;
  /** Whether `signal` may cancel an exchange in flight (reads) or only stop before sending (writes). */
  cancelInFlight: boolean;
  items?: (value: T) => number;
  invoke: (context: CallContext) => Promise<WireResult<T>>;
}

function asClientLinksError(e: unknown, operation: string): ClientLinksError {
  if (isClientLinksError(e)) {
    e.operation ??= operation;
    return e;
  }
  throw e;
}

function entriesOf(error: ClientLinksError): ServiceErrorEntry[] {
  return isErrorKind(error, 'fault') || isErrorKind(error, 'operation') ? error.errors : [];
}

function failedAll(count: number, error: ClientLinksError): BatchOutcome[] {
  const state: LinkOutcome['state'] = isErrorKind(error, 'cancelled') ? 'notAttempted' : 'failed';
  return Array.from({ length: count }, () => ({ state, errors: entriesOf(error), error, trackingId: error.trackingId }));
}

/** OperationErrors → every link failed; PartialErrors by index (nil or missing = succeeded). */
export function outcomesOf(count: number, operation: OperationName, result: WireResult<LinkWriteResult>): BatchOutcome[] {
  const { operationErrors, partialErrors } = result.value;
  const trackingId = result.trackingId;
  if (operationErrors.length) {
    const error = new OperationErrorsError(operationErrors, { operation, trackingId });
    return Array.from({ length: count }, () => ({ state: 'failed', errors: operationErrors, error, trackingId }));
  }
  return Array.from({ length: count }, (_, i) => {
    const errors = partialErrors[i];
    return errors ? { state: 'failed', errors, trackingId } : { state: 'succeeded', errors: [], trackingId };
  });
}


/** GetCustomersInfo's TopN when the caller gives none: more customers than one user reaches in practice. */
export const DEFAULT_CUSTOMERS_TOP_N = 1000;
export class WireClientLinksService implements ClientLinksService {
  private readonly tokens: AccessTokens;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly searchConcurrency: number;
  private readonly writeConcurrency: number;
  get readConcurrency(): number {
    return this.searchConcurrency;
  }

  get protocol(): WireProtocol {
    return this.client.protocol;
  }
  get url(): string {
    return this.client.url;
  }

  constructor(
    private readonly options: ServiceOptions,
    private readonly client: WireClient,
  ) {
    this.tokens = new AccessTokens(options.tokenSource);
    this.policy = resolveRetryPolicy(options.retry);
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    const defaults = defaultConcurrency(options.endpoint);
    this.searchConcurrency = Math.max(1, options.searchConcurrency ?? defaults.search);
    this.writeConcurrency = Math.max(1, options.writeConcurrency ?? defaults.write);
  }

  /** Releases kept-alive connections. */
  dispose(): void {
    this.client.close();
  }

  private async developerToken(): Promise<string> {
    let token: string;
    try {
      token = (await this.options.developerToken()).trim();
    } catch (e) {
      throw isClientLinksError(e) ? e : new AuthError(l10n.t('Could not read the developer token.'), 'setDeveloperTokenAgain', { cause: e });
    }
    if (!token) {
      throw new AuthError(l10n.t('No developer token is set.'), 'setDeveloperToken');
    }
    return token;
  }

  /**
   * One logical call: attempts with retries (retryPolicy.ts), one token renewal on 109/105/3101,
   * an observer event per HTTP exchange. Rejects with the last ClientLinksError.
   */
  private async call<T>(spec: CallSpec<T>): Promise<WireResult<T>> {
    const { operation, signal } = spec;
    const kind = spec.kind ?? operationKind(operation);
    const observer = this.options.observer;
    const [developerToken, firstToken] = await Promise.all([this.developerToken(), this.tokens.current(signal)]);
    let accessToken = firstToken;
    let renewed = false;
    let attempt = 0;
    let counted = 0;
    for (;;) {
      if (signal?.aborted) {
        throw new CancelledError({ operation });
      }
      attempt++;
      counted++;
      const started = performance.now();
      try {
        const result = await spec.invoke({ credentials: { accessToken, developerToken }, customerId: this.options.customerId?.(), signal: spec.cancelInFlight ? signal : undefined });
        observer?.onCall?.({ protocol: this.client.protocol, operation, outcome: 'ok', durationMs: performance.now() - started, attempt, trackingId: result.trackingId, items: spec.items?.(result.value) });
        return result;
      } catch (e) {
        const error = asClientLinksError(e, operation);
        observer?.onCall?.({ protocol: this.client.protocol, operation, outcome: error.kind, durationMs: performance.now() - started, attempt, trackingId: error.trackingId, error });
        if (!renewed && classifyFailure(error) === 'tokenRejected') {
          renewed = true;
          counted--;
          observer?.onRetry?.({ protocol: this.client.protocol, operation, attempt: attempt + 1, delayMs: 0, reason: error });
          try {
            accessToken = await this.tokens.renew(accessToken, signal);
          } catch (renewError) {
            // 105 covers the developer token too: when no new access token is to be had, the
            // service's own answer (which names both tokens) says more than the refused renewal.
            if (isCredentialsRefused(error)) {
              throw error;
            }
            throw asClientLinksError(renewError, operation);
          }
          continue;
        }
        const decision = decideRetry(error, counted, kind, this.policy, this.random);
        if (!decision.retry) {
          throw error;
        }
        observer?.onRetry?.({ protocol: this.client.protocol, operation, attempt: attempt + 1, delayMs: decision.delayMs, reason: error });
        await this.sleep(decision.delayMs, signal);
      }
    }
  }

  async getUser(signal?: AbortSignal): Promise<Tracked<GetUserResult>> {
    const r = await this.call({ operation: 'GetUser', signal, cancelInFlight: true, invoke: (c) => this.client.getUser(c) });
    return { value: r.value, trackingId: r.trackingId };
  }

  async getLinkedAccountsAndCustomersInfo(customerId: string, signal?: AbortSignal): Promise<Tracked<LinkedAccountsAndCustomers>> {
    const r = await this.call<LinkedAccountsAndCustomers>({
      operation: 'GetLinkedAccountsAndCustomersInfo',
      signal,
      cancelInFlight: true,
      items: (v) => v.AccountsInfo.length + v.CustomersInfo.length,
      invoke: (c) => this.client.getLinkedAccountsAndCustomersInfo(customerId, c),
    });
    return { value: r.value, trackingId: r.trackingId };
  }

  async getAccountsInfo(customerId: string, signal?: AbortSignal): Promise<Tracked<AccountInfo[]>> {
    const r = await this.call<AccountInfo[]>({
      operation: 'GetAccountsInfo',
      signal,
      cancelInFlight: true,
      items: (v) => v.length,
      invoke: (c) => this.client.getAccountsInfo(customerId, c),
    });
    return { value: r.value, trackingId: r.trackingId };
  }

  async getCustomersInfo(query: { nameFilter?: string; topN?: number } = {}, signal?: AbortSignal): Promise<Tracked<CustomerInfo[]>> {
    const request = { nameFilter: query.nameFilter ?? '', topN: query.topN ?? DEFAULT_CUSTOMERS_TOP_N };
    const r = await this.call<CustomerInfo[]>({
      operation: 'GetCustomersInfo',
      signal,
      cancelInFlight: true,
      items: (v) => v.length,
      invoke: (c) => this.client.getCustomersInfo(request, c),
    });
    return { value: r.value, trackingId: r.trackingId };
  }

  async searchClientLinks(query: SearchClientLinksQuery, signal?: AbortSignal): Promise<SearchClientLinksResult> {
    const all = await fetchAllPages(this.searchPageFetcher(query), pageSizeOf(query), this.searchConcurrency, signal, query.onFirstPage);
    if (signal?.aborted) {
      throw new CancelledError({ operation: 'SearchClientLinks' });
    }
    return all;
  }

  async *searchClientLinkPages(query: SearchClientLinksQuery, signal?: AbortSignal): AsyncGenerator<SearchClientLinksPage, void, undefined> {
    for await (const page of streamPages(this.searchPageFetcher(query), pageSizeOf(query), this.searchConcurrency, signal, query.onFirstPage)) {
      yield { links: page.links, trackingId: page.trackingId };
    }
    if (signal?.aborted) {
      throw new CancelledError({ operation: 'SearchClientLinks' });
    }
  }

  /** One page of a search: a SearchClientLinks call with retries, reported to the observer. */
  private searchPageFetcher(query: SearchClientLinksQuery): PageFetcher {
    const pageSize = pageSizeOf(query);
    return async (index, pageSignal, onAnswer) => {
      const r = await this.call<ClientLink[]>({
        operation: 'SearchClientLinks',
        signal: pageSignal,
        cancelInFlight: true,
        items: (v) => v.length,
        invoke: (c) => this.client.searchClientLinks(query.predicates, query.ordering, { index, size: pageSize }, { ...c, onAnswer }),
      });
      return { links: r.value, trackingId: r.trackingId };
    };
  }

  updateClientLinks(links: ClientLink[], options: BulkOptions = {}): Promise<LinkOutcome[]> {
    return runInBatches(links, MAX_LINKS_PER_CALL, this.writeConcurrency, (batch) => this.writeBatch('UpdateClientLinks', batch, options.signal), options);
  }

  addClientLinks(links: ClientLink[], options: BulkOptions = {}): Promise<LinkOutcome[]> {
    return runInBatches(links, MAX_LINKS_PER_CALL, this.writeConcurrency, (batch) => this.addBatch(batch, options.signal), options);
  }

  private async writeBatch(operation: 'AddClientLinks' | 'UpdateClientLinks', batch: ClientLink[], signal: AbortSignal | undefined): Promise<BatchOutcome[]> {
    try {
      const result = await this.sendLinks(operation, batch, signal);
      return outcomesOf(batch.length, operation, result);
    } catch (e) {
      return failedAll(batch.length, asClientLinksError(e, operation));
    }
  }

  private sendLinks(operation: 'AddClientLinks' | 'UpdateClientLinks', batch: ClientLink[], signal: AbortSignal | undefined): Promise<WireResult<LinkWriteResult>> {
    return this.call<LinkWriteResult>({
      operation,
      signal,
      cancelInFlight: false,
      items: () => batch.length,
      invoke: (c) => (operation === 'AddClientLinks' ? this.client.addClientLinks(batch, c) : this.client.updateClientLinks(batch, c)),
    });
  }

  /**
   * AddClientLinks for one call's links. When the answer is lost, search for the links; the ones
   * found pending were applied (succeeded), the rest are sent again, up to maxAttempts rounds.
   */
  private async addBatch(batch: ClientLink[], signal: AbortSignal | undefined): Promise<BatchOutcome[]> {
    const outcomes: (BatchOutcome | undefined)[] = new Array<BatchOutcome | undefined>(batch.length);
    let pending = batch.map((_, i) => i);
    const sentAtMs = Date.now();
    for (let round = 1; pending.length; round++) {
      const links = pending.map((i) => batch[i] as ClientLink);
      let lost: ClientLinksError;
      try {
        const result = await this.sendLinks('AddClientLinks', links, signal);
        outcomesOf(links.length, 'AddClientLinks', result).forEach((o, k) => (outcomes[pending[k] as number] = o));
        break;
      } catch (e) {
        lost = asClientLinksError(e, 'AddClientLinks');
        if (classifyFailure(lost) !== 'answerLost') {
          failedAll(links.length, lost).forEach((o, k) => (outcomes[pending[k] as number] = o));
          break;
        }
      }
      const applied = await this.findAppliedAdds(links, signal, sentAtMs);
      if (!applied) {
        // The check itself failed: we cannot tell, so we do not re-send.
        failedAll(links.length, lost).forEach((o, k) => (outcomes[pending[k] as number] = o));
        break;
      }
      const stillPending: number[] = [];
      links.forEach((_, k) => {
        const index = pending[k] as number;
        const found = applied.found.has(k);
        if (found) {
          outcomes[index] = { state: 'succeeded', errors: [], trackingId: applied.trackingId };
        } else if (applied.unverifiable.has(k) || round >= this.policy.maxAttempts || signal?.aborted) {
          outcomes[index] = { state: 'failed', errors: [], error: lost, trackingId: lost.trackingId };
        } else {
          stillPending.push(index);
        }
      });
      if (stillPending.length) {
        this.options.observer?.onRetry?.({ protocol: this.client.protocol, operation: 'AddClientLinks', attempt: round + 1, delayMs: 0, reason: lost });
      }
      pending = stillPending;
    }
    return outcomes.map((o) => o ?? { state: 'failed', errors: [] });
  }

  /** Which of `links` exist now as LinkPending; undefined when the check could not be made. */
  private async findAppliedAdds(
    links: ClientLink[],
    signal: AbortSignal | undefined,
    sentAtMs: number,
  ): Promise<{ found: Set<number>; unverifiable: Set<number>; trackingId: string | undefined } | undefined> {
    const plan = planRecovery(links);
    const found = new Set<number>();
    let trackingId: string | undefined;
    try {
      for (const query of plan.queries) {
        const result = await this.searchClientLinks({ predicates: query.predicates }, signal);
        trackingId ??= result.trackingIds[0];
        for (const i of appliedIndices(links, query, result.links, sentAtMs)) {
          found.add(i);
        }
      }
    } catch {
      return undefined;
    }
    return { found, unverifiable: new Set(plan.unverifiable), trackingId };
  }
}

/** The page size a query asks for: 1..100, default 100. */
function pageSizeOf(query: SearchClientLinksQuery): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? MAX_PAGE_SIZE)));
}

/**
 * Everything the active customer can see: links it manages as the agency, and links where it is
 * the client (customer links to it, and account links on accounts it owns). SearchClientLinks has
 * no "all my links" predicate (spec §7), so this combines up to three searches.
 */
import { clientLinkKey, type ClientLink } from '../model/clientLink';
import { searchPages } from '../service/searchPages';
import type { ClientLinksService } from '../service/types';
import { mapWithConcurrency } from '../util/pool';
import type { CustomerChoice } from './customerContext';

export const MAX_IN_VALUES = 10;
const CLIENT_SEARCH_CONCURRENCY = 4;

export interface LinkDirectory {
  links: ClientLink[];
  /** Number of links per side. */
  agencyCount: number;
  clientCount: number;
  trackingIds: string[];
}

export interface ListOptions {
  /** Which links to fetch. Default both. */
  side?: 'agency' | 'client' | 'all';
  signal?: AbortSignal;
}

/** Which side of the active customer a batch of links was found on. */
export type LinkSide = 'agency' | 'client';

/** What a streamed listing reports once every page has been handed over. */
export interface LinkDirectorySummary {
  agencyCount: number;
  clientCount: number;
  trackingIds: string[];
}

/**
 * Receives the links of a listing in batches as they arrive: each agency-side page as it is read,
 * then the client side at once. A link may come twice (as the agency and as the client): the
 * later batch's copy is the one to keep, at the earlier position (what `listLinks` does).
 */
export type LinkSink = (links: ClientLink[], side: LinkSide) => void;

export async function listLinks(service: ClientLinksService, active: CustomerChoice, options: ListOptions = {}): Promise<LinkDirectory> {
  const byKey = new Map<string, ClientLink>();
  const summary = await streamLinks(service, active, options, (links) => {
    for (const link of links) {
      byKey.set(clientLinkKey(link), link);
    }
  });
  return { links: [...byKey.values()], ...summary };
}

/**
 * The listing of `listLinks`, handed to `sink` batch by batch instead of collected: the caller
 * keeps what it needs of each page (the CLI: one compact record per link) and the page is let go.
 * Same calls in the same order. When a call fails, batches already handed over stay handed over
 * and the promise rejects.
 */
export async function streamLinks(service: ClientLinksService, active: CustomerChoice, options: ListOptions, sink: LinkSink): Promise<LinkDirectorySummary> {
  const side = options.side ?? 'all';
  // The caller's signal, and our own: when one side fails, the other side's calls are cancelled.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) {
    stop.abort();
  }
  try {
    return await listBothSides(service, active, side, stop, sink);
  } catch (e) {
    stop.abort();
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function listBothSides(service: ClientLinksService, active: CustomerChoice, side: 'agency' | 'client' | 'all', stop: AbortController, sink: LinkSink): Promise<LinkDirectorySummary> {
  const signal = stop.signal;
  const trackingIds: string[] = [];

  // The client side's first calls do not depend on the agency listing: they run while it pages,
  // once its first page has come back (a failing service costs one call's attempts, not three
  // calls' at once), unless the service takes one call at a time (the sandbox).
  const startClientSide = () =>
    Promise.all([
      service.searchClientLinks({ predicates: [{ Field: 'ClientCustomerId', Operator: 'Equals', Value: active.customerId }] }, signal),
      service.getAccountsInfo(active.customerId, signal),
    ]);
  const overlap = (service.readConcurrency ?? 1) > 1;
  let clientStart: ReturnType<typeof startClientSide> | undefined;
  const beginClientSide = (): void => {
    if (side !== 'agency' && overlap && !clientStart) {
      clientStart = startClientSide();
      clientStart.catch(() => undefined); // awaited below; must not go unhandled if the agency listing fails meanwhile
    }
  };

  // Of the agency side, only the client ids are kept (to skip those accounts on the client side).
  let agencyCount = 0;
  const managed = new Set<string | null | undefined>();
  if (side !== 'client') {
    const pages = searchPages(
      service,
      { predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: active.customerId }], ordering: [{ Field: 'Id', Order: 'Ascending' }], onFirstPage: beginClientSide },
      signal,
    );
    for await (const page of pages) {
      if (page.trackingId) {
        trackingIds.push(page.trackingId);
      }
      agencyCount += page.links.length;
      if (side !== 'agency') {
        for (const link of page.links) {
          managed.add(link.ClientEntityId);
        }
      }
      sink(page.links, 'agency');
    }
  }

  let clientCount = 0;
  if (side !== 'agency') {
    clientStart ??= startClientSide();
    const [customerLinks, accounts] = await clientStart;
    trackingIds.push(...customerLinks.trackingIds);
    if (accounts.trackingId) {
      trackingIds.push(accounts.trackingId);
    }
    const clientSide = customerLinks.links.filter((l) => l.ManagingCustomerId !== active.customerId);
    // Accounts the agency side already shows as its clients are linked, not owned: skip them.
    const owned = accounts.value.map((a) => a.Id).filter((id) => !managed.has(id));
    const chunks: string[][] = [];
    for (let i = 0; i < owned.length; i += MAX_IN_VALUES) {
      chunks.push(owned.slice(i, i + MAX_IN_VALUES));
    }
    const results = await mapWithConcurrency(chunks, CLIENT_SEARCH_CONCURRENCY, (ids) =>
      service.searchClientLinks({ predicates: [{ Field: 'ClientAccountId', Operator: ids.length === 1 ? 'Equals' : 'In', Value: ids.join(',') }] }, signal),
    );
    for (const r of results) {
      trackingIds.push(...r.trackingIds);
      clientSide.push(...r.links.filter((l) => l.ManagingCustomerId !== active.customerId));
    }
    sink(clientSide, 'client');
    clientCount = new Set(clientSide.map(clientLinkKey)).size;
  }
  return { agencyCount, clientCount, trackingIds };
}

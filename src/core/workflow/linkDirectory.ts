/**
 * Everything the active customer can see: links it manages as the agency, and links where it is
 * the client (customer links to it, and account links on accounts it owns). SearchClientLinks has
 * no "all my links" predicate (spec §7), so this combines up to three searches.
 */
import { clientLinkKey, type ClientLink } from '../model/clientLink';
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

export async function listLinks(service: ClientLinksService, active: CustomerChoice, options: ListOptions = {}): Promise<LinkDirectory> {
  const side = options.side ?? 'all';
  // The caller's signal, and our own: when one side fails, the other side's calls are cancelled.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) {
    stop.abort();
  }
  try {
    return await listBothSides(service, active, side, stop);
  } catch (e) {
    stop.abort();
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function listBothSides(service: ClientLinksService, active: CustomerChoice, side: 'agency' | 'client' | 'all', stop: AbortController): Promise<LinkDirectory> {
  const signal = stop.signal;
  const trackingIds: string[] = [];
  const byKey = new Map<string, ClientLink>();
  const keep = (links: ClientLink[]): void => {
    for (const link of links) {
      byKey.set(clientLinkKey(link), link);
    }
  };

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

  let agencyLinks: ClientLink[] = [];
  if (side !== 'client') {
    const agency = await service.searchClientLinks(
      { predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: active.customerId }], ordering: [{ Field: 'Id', Order: 'Ascending' }], onFirstPage: beginClientSide },
      signal,
    );
    trackingIds.push(...agency.trackingIds);
    agencyLinks = agency.links;
    keep(agencyLinks);
  }

  let clientCount = 0;
  if (side !== 'agency') {
    clientStart ??= startClientSide();
    const managed = new Set(agencyLinks.map((l) => l.ClientEntityId));
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
    keep(clientSide);
    clientCount = new Set(clientSide.map(clientLinkKey)).size;
  }
  return { links: [...byKey.values()], agencyCount: agencyLinks.length, clientCount, trackingIds };
}

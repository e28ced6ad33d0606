/**
 * Polling that scales: between full listings, only the links in motion (lifecycle `isInMotion`)
 * are asked for again, with `In` predicates, and the answers are merged into the listing. A
 * 10,000-link agency with 50 links in motion costs 5 calls a poll instead of about 100.
 *
 * What the service allows (spec §7), and so what a poll costs:
 * - `ClientAccountId` (account links) and `ClientCustomerId` (customer links) take `In` with at most
 *   10 ids; a call has 1 or 2 predicates and may not combine the two, so one call covers at most 10
 *   client entities of one link type. N account links in motion cost ceil(N / 10) calls.
 * - The agency side adds `DirectManagingCustomerId` = the active customer (AND): the answer holds
 *   exactly this agency's latest link per pair, as the full listing does, so one page each.
 * - The client side (links other agencies hold on the active customer's accounts, or on the
 *   customer itself) asks by `ClientAccountId` / `ClientCustomerId` alone, as its full listing
 *   does; the spec lets `In` serve client-side users too (10 accounts a call, not one), and the
 *   answer holds every agency's latest link on those entities (paged), of which the agency side's
 *   own are dropped, as in the full listing.
 *
 * Merging: each polled link is replaced by its answer (a link that left motion, e.g. became Active
 * or expired, is updated like any other); links of the answer the listing did not have (a new
 * invitation from another agency on a polled account) are added. A polled link missing from every
 * answer (its account closed, the user lost access) is kept as it was and the next refresh is a
 * full listing, which is the authority on what exists: a partial answer never removes a link.
 *
 * When many links are in motion (about one in ten or more), asking 10 at a time costs more calls
 * than listing 100 a page: then the poll is a full listing (`partialPollPays`).
 */
import { type ClientLink, clientLinkKey, linkTypeOf, type Predicate } from '../model/clientLink';
import { isInMotion } from '../model/lifecycle';
import type { ClientLinksService, SearchClientLinksQuery } from '../service/types';
import { searchPages } from '../service/searchPages';
import { mapWithConcurrency } from '../util/pool';
import type { CustomerChoice } from './customerContext';
import { type LinkSide, MAX_IN_VALUES } from './linkDirectory';

/** Default for `clientLinks.fullRefreshMinutes`: how long partial polls may stand in for a full listing. */
export const DEFAULT_FULL_LISTING_MINUTES = 30;

/** Links per page of the full listing (the service's maximum, spec §7). */
const SEARCH_PAGE_SIZE = 100;

/** One SearchClientLinks call of a partial poll, and the links of the listing it asks about. */
export interface MotionQuery {
  side: LinkSide;
  query: SearchClientLinksQuery;
  /** Keys (clientLinkKey) of the listing's links this call answers for. */
  keys: string[];
}

/** The links of `links` in motion (see lifecycle `isInMotion`). */
export function linksInMotion(links: readonly ClientLink[]): ClientLink[] {
  return links.filter((l) => isInMotion(l.Status));
}

/**
 * The calls that ask again about the links in motion of `links`, as few as the service allows:
 * per side and link type, the distinct client entities in chunks of at most 10 (`In`, or `Equals`
 * for one), the agency side narrowed to the active customer.
 */
export function motionQueries(links: readonly ClientLink[], active: CustomerChoice): MotionQuery[] {
  // side|type → client entity id → keys of links on it
  const groups = new Map<string, { side: LinkSide; field: Predicate['Field']; entities: Map<string, string[]> }>();
  for (const link of linksInMotion(links)) {
    const entity = link.ClientEntityId;
    if (!entity) {
      continue; // cannot be asked for; the next full listing shows what became of it
    }
    const side: LinkSide = link.ManagingCustomerId === active.customerId ? 'agency' : 'client';
    const field: Predicate['Field'] = linkTypeOf(link) === 'CustomerLink' ? 'ClientCustomerId' : 'ClientAccountId';
    const groupKey = `${side}|${field}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = { side, field, entities: new Map() };
      groups.set(groupKey, group);
    }
    const keys = group.entities.get(entity) ?? [];
    keys.push(clientLinkKey(link));
    group.entities.set(entity, keys);
  }
  const queries: MotionQuery[] = [];
  for (const { side, field, entities } of groups.values()) {
    const ids = [...entities.keys()];
    for (let i = 0; i < ids.length; i += MAX_IN_VALUES) {
      const chunk = ids.slice(i, i + MAX_IN_VALUES);
      const predicates: Predicate[] = [{ Field: field, Operator: chunk.length === 1 ? 'Equals' : 'In', Value: chunk.join(',') }];
      if (side === 'agency') {
        predicates.push({ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: active.customerId });
      }
      queries.push({ side, query: { predicates }, keys: chunk.flatMap((id) => entities.get(id) ?? []) });
    }
  }
  return queries;
}

/**
 * The fewest calls a full listing of `links` takes: the agency side's pages (100 links a page, at
 * least one), the client side's customer-link search and its accounts. Owned accounts without a
 * link are not in the listing, so a real listing may take more; never fewer.
 */
export function fullListingCallsAtLeast(links: readonly ClientLink[], active: CustomerChoice): number {
  const agencySide = links.filter((l) => l.ManagingCustomerId === active.customerId).length;
  const clientAccounts = new Set(links.filter((l) => l.ManagingCustomerId !== active.customerId && linkTypeOf(l) === 'AccountLink').map((l) => l.ClientEntityId)).size;
  return Math.max(1, Math.ceil(agencySide / SEARCH_PAGE_SIZE)) + 2 + Math.ceil(clientAccounts / MAX_IN_VALUES);
}

/** Whether a partial poll of `links` takes fewer calls than a full listing (else the poll lists everything). */
export function partialPollPays(links: readonly ClientLink[], active: CustomerChoice): boolean {
  return motionQueries(links, active).length < fullListingCallsAtLeast(links, active);
}

/** What one partial poll found. */
export interface MotionPollResult {
  /** The listing with the answers merged in (same order; links new to it at the end). */
  links: ClientLink[];
  /** How many links in motion were asked about. */
  polled: number;
  /** SearchClientLinks calls made (pages included). */
  calls: number;
  /** Polled links no answer held: kept as they were; a full listing should follow. */
  vanished: ClientLink[];
  trackingIds: string[];
}

/**
 * Merges the answers of a partial poll into `current`: polled links are replaced by their answer,
 * answer links not in `current` are added, polled links no answer held are kept (and reported).
 */
export function mergeMotionAnswers(current: readonly ClientLink[], polledKeys: ReadonlySet<string>, answers: readonly ClientLink[]): { links: ClientLink[]; vanished: ClientLink[] } {
  const answered = new Map<string, ClientLink>();
  for (const link of answers) {
    answered.set(clientLinkKey(link), link);
  }
  const vanished: ClientLink[] = [];
  const links = current.map((link) => {
    const key = clientLinkKey(link);
    const answer = answered.get(key);
    if (answer) {
      answered.delete(key);
      return answer;
    }
    if (polledKeys.has(key)) {
      vanished.push(link);
    }
    return link;
  });
  links.push(...answered.values());
  return { links, vanished };
}

/**
 * Asks again about the links in motion of `current` (see `motionQueries`) and merges the answers.
 * No link in motion: no call, `current` unchanged. A failed call rejects (nothing is merged).
 */
export async function pollLinksInMotion(service: ClientLinksService, active: CustomerChoice, current: readonly ClientLink[], options: { signal?: AbortSignal } = {}): Promise<MotionPollResult> {
  const queries = motionQueries(current, active);
  const polledKeys = new Set(queries.flatMap((q) => q.keys));
  const trackingIds: string[] = [];
  let calls = 0;
  const answers = await mapWithConcurrency(queries, Math.max(1, service.readConcurrency ?? 1), async ({ side, query }) => {
    const found: ClientLink[] = [];
    for await (const page of searchPages(service, query, options.signal)) {
      calls++;
      if (page.trackingId) {
        trackingIds.push(page.trackingId);
      }
      // As in the full listing: the client side keeps other agencies' links only.
      found.push(...(side === 'agency' ? page.links : page.links.filter((l) => l.ManagingCustomerId !== active.customerId)));
    }
    return found;
  });
  const { links, vanished } = mergeMotionAnswers(current, polledKeys, answers.flat());
  return { links, polled: polledKeys.size, calls, vanished, trackingIds };
}

/**
 * When the next refresh must be a full listing rather than a partial poll: none yet, the last one
 * older than `everyMs` (0: always), or one asked for (a polled link vanished).
 */
export class FullListingSchedule {
  everyMs = DEFAULT_FULL_LISTING_MINUTES * 60_000;
  /** Epoch ms of the last full listing applied. */
  lastFullAt: number | undefined;
  private requested = false;

  constructor(private readonly now: () => number) {}

  isFullDue(): boolean {
    return this.requested || this.lastFullAt === undefined || this.everyMs <= 0 || this.now() - this.lastFullAt >= this.everyMs;
  }

  /** The next refresh is a full listing, whatever the interval says. */
  requestFull(): void {
    this.requested = true;
  }

  fullApplied(): void {
    this.lastFullAt = this.now();
    this.requested = false;
  }

  reset(): void {
    this.lastFullAt = undefined;
    this.requested = false;
  }
}

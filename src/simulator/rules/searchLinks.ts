/** SearchClientLinks (spec §3.3, §7): predicates, latest-per-pair dedup, visibility, ordering, paging. */
import type { ClientLinkPredicateField, ClientLink } from '../../core/model/clientLink';
import { canManage } from '../../core/model/lifecycle';
import type { StoredLink } from '../state/model';
import type { SimStore } from '../state/store';
import type { OrderByInput, PredicateInput, SearchInput } from './inputs';
import { toClientLink } from './clientLinkView';
import type { RuleContext } from './context';
import { AdApiFault, adApiError, ApiFault, operationError } from './errorCodes';
import { checkPaging, compareIds, compareText, pageOf } from './paging';
import { sidesOf } from './updateLinks';

export const MAX_SEARCH_PAGE_SIZE = 100;
export const MAX_IN_VALUES = 10;

const OPERATORS: Readonly<Record<ClientLinkPredicateField, readonly string[]>> = {
  ClientAccountId: ['Equals', 'In'],
  ClientCustomerId: ['Equals', 'In'],
  DirectManagingCustomerId: ['Equals'],
  ManagingCustomerId: ['Equals'],
};

/** Predicates after validation: field → the set of ids it admits. */
export type LinkFilter = Partial<Record<ClientLinkPredicateField, ReadonlySet<string>>>;

export function parseLinkPredicates(predicates: PredicateInput[] | null | undefined): LinkFilter {
  if (!predicates || predicates.length === 0) {
    throw new ApiFault([operationError('PredicateMissing')]);
  }
  if (predicates.length > 2) {
    throw invalid('At most two predicates are allowed.');
  }
  const filter: LinkFilter = {};
  for (const p of predicates) {
    const field = p.Field ?? '';
    if (!(field in OPERATORS)) {
      throw invalid(`Field '${field}' is not supported.`);
    }
    const f = field as ClientLinkPredicateField;
    if (filter[f]) {
      throw invalid(`Field '${field}' appears twice.`);
    }
    if (!p.Operator || !OPERATORS[f].includes(p.Operator)) {
      throw invalid(`Operator '${p.Operator ?? ''}' is not supported for ${field}.`);
    }
    const values = (p.Value ?? '').split(',').map((v) => v.trim());
    if (p.Operator === 'Equals' && values.length !== 1) {
      throw invalid('Equals takes a single value.');
    }
    if (values.length > MAX_IN_VALUES) {
      throw invalid(`In takes at most ${MAX_IN_VALUES} values.`);
    }
    if (values.some((v) => !/^\d{1,19}$/.test(v))) {
      throw invalid(`Value '${p.Value ?? ''}' is not a list of ids.`);
    }
    filter[f] = new Set(values.map((v) => BigInt(v).toString()));
  }
  if (filter.DirectManagingCustomerId && filter.ManagingCustomerId) {
    throw invalid('DirectManagingCustomerId and ManagingCustomerId cannot be combined.');
  }
  if (filter.ClientAccountId && filter.ClientCustomerId) {
    throw invalid('ClientAccountId and ClientCustomerId cannot be combined.');
  }
  if (filter.ClientCustomerId && filter.ManagingCustomerId) {
    throw invalid('ClientCustomerId and ManagingCustomerId cannot be combined.');
  }
  if (filter.ClientAccountId && filter.ManagingCustomerId) {
    // Spec §7: with ClientAccountId, the deprecated ManagingCustomerId predicate is ignored.
    delete filter.ManagingCustomerId;
  }
  return filter;
}

function invalid(detail: string): ApiFault {
  return new ApiFault([operationError('InvalidPredicate', detail)]);
}

/** Whether a (latest) link matches the filter. */
export function matchesFilter(filter: LinkFilter, link: StoredLink): boolean {
  if (filter.ClientAccountId && !(link.type === 'AccountLink' && filter.ClientAccountId.has(link.clientEntityId))) {
    return false;
  }
  if (filter.ClientCustomerId && !(link.type === 'CustomerLink' && filter.ClientCustomerId.has(link.clientEntityId))) {
    return false;
  }
  if (filter.DirectManagingCustomerId && !filter.DirectManagingCustomerId.has(link.managingCustomerId)) {
    return false;
  }
  // Deprecated ManagingCustomerId: account links only (the accounts themselves are matched by the caller).
  return !filter.ManagingCustomerId || link.type === 'AccountLink';
}

export function sortLinks<T extends Pick<ClientLink, 'ClientEntityId' | 'Type' | 'ManagingCustomerId' | 'Name' | 'ManagingCustomerNumber'>>(links: T[], ordering: OrderByInput[] | null | undefined): T[] {
  const first = ordering?.[0];
  const direction = first?.Order === 'Descending' ? -1 : 1;
  const byId = (a: T, b: T): number => compareIds(a.ClientEntityId ?? '0', b.ClientEntityId ?? '0') || compareText(a.Type, b.Type) || compareIds(a.ManagingCustomerId ?? '0', b.ManagingCustomerId ?? '0');
  let primary: (a: T, b: T) => number = () => 0;
  switch (first?.Field) {
    case 'Name':
      primary = (a, b) => compareText(a.Name, b.Name);
      break;
    case 'Number':
      primary = (a, b) => compareText(a.ManagingCustomerNumber, b.ManagingCustomerNumber);
      break;
    case 'Id':
    case undefined:
      break;
  }
  return links.sort((a, b) => direction * (primary(a, b) || byId(a, b)));
}

export function searchClientLinks(ctx: RuleContext, input: SearchInput): ClientLink[] {
  const { store, user } = ctx;
  const filter = parseLinkPredicates(input.Predicates);
  const page = checkPaging(input.PageInfo, MAX_SEARCH_PAGE_SIZE);

  // Same role rules as Add (spec §3.3, §6): an agency's links are searched only by a user who may
  // manage them there (Super Admin, or Standard for account links). A Viewer or Advertiser Campaign
  // Manager is refused with 106, not answered with an empty list that reads as "no links yet".
  for (const searched of [filter.DirectManagingCustomerId, filter.ManagingCustomerId]) {
    for (const customerId of searched ?? []) {
      if (!user.roles.some((r) => r.customerId === customerId && canManage(r.roleId))) {
        throw new AdApiFault([adApiError('UserIsNotAuthorized')]);
      }
    }
  }

  // Paging through a large result asks the same question once per page: answer from the sorted
  // result of an earlier page while the store has not changed. A few questions are remembered, so
  // a client-side search asked between two pages of a listing does not cost the next page a new scan.
  const cacheKey = `${store.version}|${user.id}|${JSON.stringify(input.Predicates)}|${JSON.stringify(input.Ordering ?? null)}`;
  const cache = searchCacheOf(store);
  const cached = cache.get(cacheKey);
  if (cached) {
    cache.delete(cacheKey); // most recently used last
    cache.set(cacheKey, cached);
    return pageOf(cached, page).map((key) => toClientLink(store, key.stored));
  }
  // The deprecated predicate also returns other agencies' links on the accounts the customer links.
  const accountsOfManaging = filter.ManagingCustomerId ? accountsLinkedBy(store, filter.ManagingCustomerId) : undefined;
  // Sort and page on light keys, then build the wire view only for the page: a 10,000-link
  // customer is paged 100 times, and converting every link on every page made that quadratic.
  const found: SortKey[] = [];
  for (const link of candidatesOf(store, filter, accountsOfManaging)) {
    if (!matchesFilter(filter, link)) {
      continue;
    }
    if (accountsOfManaging && !accountsOfManaging.has(link.clientEntityId)) {
      continue;
    }
    if (sidesOf(store, user, link).length === 0) {
      continue;
    }
    found.push({
      stored: link,
      ClientEntityId: link.clientEntityId,
      Type: link.type,
      ManagingCustomerId: link.managingCustomerId,
      Name: link.name,
      ManagingCustomerNumber: store.customers.get(link.managingCustomerId)?.number ?? null,
    });
  }
  const sorted = sortLinks(found, input.Ordering);
  // Answers of a store that has changed since can never be asked for again.
  for (const key of cache.keys()) {
    if (!key.startsWith(`${store.version}|`)) {
      cache.delete(key);
    }
  }
  cache.set(cacheKey, sorted);
  if (cache.size > SEARCH_CACHE_SIZE) {
    cache.delete(cache.keys().next().value as string);
  }
  return pageOf(sorted, page).map((key) => toClientLink(store, key.stored));
}

/**
 * The links a filter can match, from the store's indexes: a customer's listing or a client's
 * links are found without reading the other links of the store, so a page's cost does not grow
 * with the store. Every candidate is still checked with `matchesFilter`.
 */
function candidatesOf(store: SimStore, filter: LinkFilter, accountsOfManaging: ReadonlySet<string> | undefined): Iterable<StoredLink> {
  if (filter.DirectManagingCustomerId) {
    return store.latestLinksManagedBy(filter.DirectManagingCustomerId);
  }
  const clients = filter.ClientAccountId ?? filter.ClientCustomerId ?? accountsOfManaging;
  return clients ? store.latestLinksOfClients(clients) : store.latestLinks();
}

/** Sorted answers remembered per store (most recently used last). */
const SEARCH_CACHE_SIZE = 8;
const searchCaches = new WeakMap<SimStore, Map<string, SortKey[]>>();

function searchCacheOf(store: SimStore): Map<string, SortKey[]> {
  let cache = searchCaches.get(store);
  if (!cache) {
    cache = new Map();
    searchCaches.set(store, cache);
  }
  return cache;
}

type SortKey = Pick<ClientLink, 'ClientEntityId' | 'Type' | 'ManagingCustomerId' | 'Name' | 'ManagingCustomerNumber'> & { stored: StoredLink };

/** Accounts the given customers hold any account link on (for the deprecated ManagingCustomerId predicate). */
function accountsLinkedBy(store: SimStore, managing: ReadonlySet<string>): Set<string> {
  const accounts = new Set<string>();
  for (const link of store.latestLinksManagedBy(managing)) {
    if (link.type === 'AccountLink') {
      accounts.add(link.clientEntityId);
    }
  }
  return accounts;
}

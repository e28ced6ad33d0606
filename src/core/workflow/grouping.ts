/** Grouping and filtering of links for the tree and exports (no vscode, unit-tested). */
import * as l10n from '@vscode/l10n';
import type { ClientLink, ClientLinkStatus } from '../model/clientLink';
import { type LinkSide, STATUSES, type StatusPhase, findStatusDefinition, statusOrder } from '../model/lifecycle';
import { type CustomerChoice, sideOf } from './customerContext';
import { compareInOrder, compareNames, type LinkOrder, type OrderEntry, orderEntryOf, type SortBy, sortLinks, sortLinksBy } from './linkSort';
import { runNow, type Sliced, sliceEnds, sortSliced } from '../util/sliced';

export { compareLinks } from './linkSort';

export type GroupBy = 'status' | 'client' | 'none';
export const GROUP_BY_VALUES: readonly GroupBy[] = ['status', 'client', 'none'];

export interface LinkGroup {
  /** Stable id: `status:<Status>` (`status:LinkPending:awaiting` / `:sent` when split by side) or `client:<customer>`. */
  id: string;
  label: string;
  /** Secondary text after the label: the client customer's number when grouped by client. */
  detail?: string;
  status?: ClientLinkStatus;
  /** Set when a status group holds one side only: a customer that is both agency and client sees its pending invitations in two groups. */
  side?: LinkSide;
  links: ClientLink[];
}

export interface GroupOptions {
  showEmpty?: boolean;
  /** The order inside each group (default: by name). */
  sortBy?: SortBy;
  /** The active customer: when it is agency of some links and client of others, pending invitations are split by side. */
  active?: Pick<CustomerChoice, 'customerId'>;
  /** Names client groups where the links do not (account links name the account, not its owner). */
  customers?: CustomerNames;
}

/** Customer names by customer number (the session's CustomerDirectory), for client groups. */
export interface CustomerNames {
  nameOfNumber(number: string | null | undefined): string | undefined;
}

/** The order of an ungrouped list: by name, lifecycle order of the status first; by date or expiry, that key first. */
export function sortFlat(links: readonly ClientLink[], sortBy: SortBy = 'name'): ClientLink[] {
  if (sortBy !== 'name') {
    return sortLinks([...links], sortBy);
  }
  return sortLinksBy([...links], (l) => statusOrder(l.Status ?? ''));
}

/** The two pending groups of a customer on both sides of links: what awaits its answer comes first. */
const PENDING_SPLIT: readonly { side: LinkSide; suffix: string; label: () => string }[] = [
  { side: 'client', suffix: 'awaiting', label: () => l10n.t('Pending: awaiting your answer') },
  { side: 'agency', suffix: 'sent', label: () => l10n.t('Pending: sent by you') },
];

/** Whether `active` is the agency of some of `links` and the client of others. */
export function isOnBothSides(links: readonly ClientLink[], active: Pick<CustomerChoice, 'customerId'>): boolean {
  let agency = false;
  let client = false;
  for (const link of links) {
    if (sideOf(link, active) === 'agency') {
      agency = true;
    } else {
      client = true;
    }
    if (agency && client) {
      return true;
    }
  }
  return false;
}

/**
 * The groups of `links`: by status (lifecycle order), by client customer (by name) or one flat
 * group, each group's links in the order of `orderFor(by, sortBy)`.
 */
export function groupLinks(links: readonly ClientLink[], by: GroupBy, options: GroupOptions = {}): LinkGroup[] {
  return runNow(groupLinksSliced(links, by, options));
}

/** `groupLinks` in slices (see util/sliced.ts). */
export function* groupLinksSliced(links: readonly ClientLink[], by: GroupBy, options: GroupOptions = {}): Sliced<LinkGroup[]> {
  const sorted = yield* sortedEntries(links, orderFor(by, options.sortBy ?? 'name'));
  return yield* groupSorted(linksOf(sorted), by, options);
}

/**
 * The order the links of a group keep: `sortLinks`' order by `sortBy`; by name, the status's
 * lifecycle order first except by client (in a status group all have the same status, and the flat
 * list is ordered so, as `sortFlat`). One order for the whole listing: a group's links are that
 * order's links of the group, and so are a filter's.
 */
export function orderFor(by: GroupBy, sortBy: SortBy): LinkOrder {
  return { sortBy, statusFirst: sortBy === 'name' && by !== 'client' };
}

/** The entries of `links` sorted in `order` (`known`: an entry kept from before, reused when its link did not change). */
export function* sortedEntries(links: readonly ClientLink[], order: LinkOrder, known?: (link: ClientLink) => OrderEntry | undefined): Sliced<OrderEntry[]> {
  const entries = new Array<OrderEntry>(links.length);
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    entries[i] = orderEntryOf(link, order, known?.(link));
    if (sliceEnds(i)) {
      yield;
    }
  }
  return yield* sortSliced(entries, compareInOrder(order));
}

/** The links of `entries`, in their order. */
export function linksOf(entries: readonly OrderEntry[]): ClientLink[] {
  const links = new Array<ClientLink>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    links[i] = entries[i]!.link;
  }
  return links;
}

/** The groups of `sorted` (links already in `orderFor(by, options.sortBy)`): one pass, no sorting of links. */
export function* groupSorted(sorted: readonly ClientLink[], by: GroupBy, options: GroupOptions = {}): Sliced<LinkGroup[]> {
  if (by === 'none') {
    // One group the tree shows flat: its links are the root's children, no group node (see linksTreeProvider).
    return [{ id: 'all', label: l10n.t('All links'), links: [...sorted] }];
  }
  if (by === 'client') {
    return yield* groupByClient(sorted, options.customers);
  }
  const known = new Set<string>(STATUSES.map((d) => d.status));
  const byStatus = new Map<string, ClientLink[]>();
  const unknown: ClientLink[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const link = sorted[i]!;
    const key = link.Status ?? 'Unknown';
    if (!known.has(key)) {
      unknown.push(link);
    } else {
      let list = byStatus.get(key);
      if (!list) {
        list = [];
        byStatus.set(key, list);
      }
      list.push(link);
    }
    if (sliceEnds(i)) {
      yield;
    }
  }
  const groups: LinkGroup[] = [];
  const active = options.active;
  const split = active !== undefined && isOnBothSides(sorted, active);
  for (const def of STATUSES) {
    const list = byStatus.get(def.status) ?? [];
    if (list.length === 0 && (!options.showEmpty || def.reserved)) {
      continue;
    }
    if (split && def.status === 'LinkPending') {
      for (const part of PENDING_SPLIT) {
        const mine = list.filter((l) => sideOf(l, active) === part.side);
        if (mine.length || options.showEmpty) {
          groups.push({ id: `status:${def.status}:${part.suffix}`, label: part.label(), status: def.status, side: part.side, links: mine });
        }
      }
      continue;
    }
    groups.push({ id: `status:${def.status}`, label: def.label, status: def.status, links: list });
  }
  if (unknown.length) {
    groups.push({ id: 'status:Unknown', label: l10n.t('Unknown status'), links: unknown });
  }
  return groups;
}

/** One status and how many links have it (statuses this version does not know are counted together as 'Unknown'). */
export interface StatusCount {
  readonly status: string;
  readonly label: string;
  readonly phase: StatusPhase | 'unknown';
  readonly count: number;
}

/** Links per status, labelled and in lifecycle order as Group By Status shows them (statuses with no links left out, unknown ones last); counting only, no sorting. */
export function statusCounts(links: readonly ClientLink[]): StatusCount[] {
  const counts = new Map<string, number>();
  for (const link of links) {
    const status = link.Status ?? 'Unknown';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const result: StatusCount[] = [];
  for (const def of STATUSES) {
    const count = counts.get(def.status);
    if (count) {
      result.push({ status: def.status, label: def.label, phase: def.phase, count });
      counts.delete(def.status);
    }
  }
  const unknown = [...counts.values()].reduce((a, b) => a + b, 0);
  if (unknown) {
    result.push({ status: 'Unknown', label: l10n.t('Unknown status'), phase: 'unknown', count: unknown });
  }
  return result;
}

/** Labels and counts of `statusCounts`, for the status bar. */
export function countByStatus(links: readonly ClientLink[]): { label: string; count: number }[] {
  return statusCounts(links).map(({ label, count }) => ({ label, count }));
}

/**
 * One group per client customer, labelled with its name: from the customer names (GetCustomersInfo,
 * other links), else from a customer link to it. Without a name (account links name the account, not
 * its owner) the label says which accounts it owns; the customer number is the group's detail.
 */
function* groupByClient(sorted: readonly ClientLink[], customers: CustomerNames | undefined): Sliced<LinkGroup[]> {
  const groups = new Map<string, LinkGroup>();
  for (let i = 0; i < sorted.length; i++) {
    const link = sorted[i]!;
    // For account links the owner is ClientEntityCustomerNumber; customer links are their own client.
    const owner = link.Type === 'CustomerLink' ? (link.ClientEntityNumber ?? link.ClientEntityId ?? undefined) : (link.ClientEntityCustomerNumber ?? undefined);
    const id = `client:${owner ?? '?'}`;
    let group = groups.get(id);
    if (!group) {
      group = { id, label: '', detail: owner ? l10n.t('customer {0}', owner) : undefined, links: [] };
      groups.set(id, group);
    }
    group.links.push(link);
    if (sliceEnds(i)) {
      yield;
    }
  }
  let labelled = 0;
  for (const g of groups.values()) {
    const owner = g.id.slice('client:'.length);
    const named = customers?.nameOfNumber(owner) ?? g.links.find((l) => l.Type === 'CustomerLink' && l.ClientEntityName)?.ClientEntityName ?? undefined;
    g.label = named ?? unnamedClientLabel(g.links, owner !== '?');
    if (sliceEnds(labelled++)) {
      yield;
    }
  }
  return yield* sortSliced([...groups.values()], (a, b) => compareNames(a.label, b.label) || a.id.localeCompare(b.id));
}

/** "Owner of Fabrikam Shoes US and 1 more account": a customer the service does not name, by what it owns. */
function unnamedClientLabel(links: readonly ClientLink[], knownOwner: boolean): string {
  if (!knownOwner) {
    return l10n.t('Customer not given by the service');
  }
  const accounts = [...new Set(links.map((l) => l.ClientEntityName ?? l.Name ?? l.ClientEntityNumber ?? l.ClientEntityId).filter((n): n is string => Boolean(n)))];
  const [first] = accounts;
  if (!first) {
    return l10n.t('Unnamed customer');
  }
  const more = accounts.length - 1;
  return more === 0 ? l10n.t('Owner of {0}', first) : more === 1 ? l10n.t('Owner of {0} and 1 more account', first) : l10n.t('Owner of {0} and {1} more accounts', first, more);
}

/** Case- and accent-insensitive form for matching: "Olé" and "OLE" both become "ole". */
export function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface StatusToken {
  status: string;
  name: string;
  label: string;
}

/** The labels the tokens were folded from (the user's language: the extension's bundle, English elsewhere). */
let tokenLabels = '';
let statusTokenCache: StatusToken[] = [];

/**
 * Status labels as the user sees them (localised) and v13 names, folded, longest label first, so
 * "unlink pending" is taken whole before any shorter label. Computed again when the labels change
 * (a bundle configured after this module loaded), with the per-status match texts.
 */
function statusTokens(): StatusToken[] {
  const labels = STATUSES.map((d) => d.label);
  const key = labels.join('\n');
  if (key !== tokenLabels) {
    tokenLabels = key;
    statusTokenCache = STATUSES.map((d, i) => ({ status: d.status, name: foldForMatch(d.status), label: foldForMatch(labels[i] ?? d.status) })).sort((a, b) => b.label.length - a.label.length);
    statusMatchTexts.clear();
  }
  return statusTokenCache;
}

/**
 * The folded text a link is matched on, kept per link object: folding (Unicode normalisation) is
 * most of a filter's cost, and at 100,000 links each keystroke re-filtered every link. Recomputed
 * when the fields it comes from changed.
 */
const matchTexts = new WeakMap<ClientLink, { raw: string; folded: string }>();

function matchTextOf(link: ClientLink): string {
  const raw = [
    link.Name,
    link.ClientEntityName,
    link.ClientEntityId,
    link.ClientEntityNumber,
    link.ClientEntityCustomerNumber,
    link.ManagingCustomerName,
    link.ManagingCustomerId,
    link.ManagingCustomerNumber,
  ]
    .filter(Boolean)
    .join(' ');
  const known = matchTexts.get(link);
  if (known?.raw === raw) {
    return known.folded;
  }
  const folded = foldForMatch(raw);
  matchTexts.set(link, { raw, folded });
  return folded;
}

/** A status's name and label, folded: one per status, not one per link. */
const statusMatchTexts = new Map<string, string>();

function statusMatchTextOf(status: ClientLink['Status']): string {
  const key = status ?? '';
  let text = statusMatchTexts.get(key);
  if (text === undefined) {
    text = foldForMatch([status, findStatusDefinition(status)?.label].filter(Boolean).join(' '));
    statusMatchTexts.set(key, text);
  }
  return text;
}

/**
 * Case- and accent-insensitive match on names, numbers and ids; every word of the query must match.
 * A status (its v13 name such as LinkPending, or its label such as "Pending invitation") matches
 * links in that status only, not other statuses whose name or label contains it (UnlinkPending);
 * it still matches a name, number or id that contains it.
 */
export function filterLinks(links: readonly ClientLink[], query: string): ClientLink[] {
  const matches = matcherFor(query);
  return matches ? links.filter(matches) : [...links];
}

/** The test `filterLinks` applies for `query`; undefined when the query matches every link (empty). */
export function matcherFor(query: string): ((link: ClientLink) => boolean) | undefined {
  let rest = ` ${foldForMatch(query).trim().split(/\s+/).join(' ')} `;
  const statusTerms: { status: string; text: string }[] = [];
  const tokens = statusTokens();
  for (const token of tokens) {
    if (token.label.includes(' ') && rest.includes(` ${token.label} `)) {
      statusTerms.push({ status: token.status, text: token.label });
      rest = rest.replace(` ${token.label} `, ' ');
    }
  }
  const words: string[] = [];
  for (const word of rest.split(' ').filter(Boolean)) {
    const token = tokens.find((t) => t.name === word || t.label === word);
    if (token) {
      statusTerms.push({ status: token.status, text: word });
    } else {
      words.push(word);
    }
  }
  if (words.length === 0 && statusTerms.length === 0) {
    return undefined;
  }
  return (link) => {
    const text = matchTextOf(link);
    const status = statusMatchTextOf(link.Status);
    return statusTerms.every((t) => link.Status === t.status || text.includes(t.text)) && words.every((w) => text.includes(w) || status.includes(w));
  };
}

/**
 * The order of links inside a group (or the flat list): by name, by last change (newest first) or
 * by expiry (the invitation that expires first comes first; a pending invitation expires 30 days
 * after it was sent, spec §5). Links without the sort's key follow, by name.
 */
import { type ClientLink, clientLinkKey } from '../model/clientLink';
import { statusOrder } from '../model/lifecycle';
import { expiryOf } from './linkDeadlines';
import { parseServiceDateTime } from './timeFormat';

export type SortBy = 'name' | 'lastModified' | 'expiry';
export const SORT_BY_VALUES: readonly SortBy[] = ['name', 'lastModified', 'expiry'];

export function isSortBy(value: unknown): value is SortBy {
  return typeof value === 'string' && (SORT_BY_VALUES as readonly string[]).includes(value);
}

// One collator for all comparisons: String.localeCompare with options builds one per call,
// which made sorting a 10,000-link tree take most of a second.
const byName = new Intl.Collator(undefined, { sensitivity: 'base' });
const byNumber = new Intl.Collator(undefined, { numeric: true });

/** Two names, ignoring case and accents (group labels use it too). */
export function compareNames(a: string, b: string): number {
  return byName.compare(a, b);
}

/** By client name (case- and accent-insensitive), then by id. */
export function compareLinks(a: ClientLink, b: ClientLink): number {
  return byName.compare(a.ClientEntityName ?? a.Name ?? '', b.ClientEntityName ?? b.Name ?? '') || byNumber.compare(a.ClientEntityId ?? '', b.ClientEntityId ?? '');
}

/**
 * Sorting 100,000 links with the collator takes seconds (issue 15): most names are plain ASCII
 * (letters, digits, spaces, hyphens), and for those the collator's order is the order of their
 * lower-cased code points, which compares a hundred times faster. That holds for the root order
 * and most locales but not all (Danish puts "aa" after "z", Czech "ch" after "h", Lithuanian "y"
 * after "i"), so it is checked against this collator once: where it does not hold, every pair
 * goes through the collator.
 */
const PLAIN_NAME = /^[a-z0-9 -]*$/;
const PLAIN_CHARS = ' -0123456789abcdefghijklmnopqrstuvwxyz';
const DIGRAPHS = ['aa', 'ae', 'ch', 'cs', 'cz', 'dd', 'dz', 'ff', 'gy', 'ij', 'll', 'lj', 'ly', 'ng', 'nj', 'ny', 'oe', 'rr', 'ss', 'sz', 'th', 'ty', 'ue', 'zs'];

function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `compare` orders plain names as their code points do (see above). */
export function agreesWithCodePoints(compare: (a: string, b: string) => number): boolean {
  const same = (a: string, b: string): boolean => Math.sign(compare(a, b)) === codePointOrder(a, b);
  for (const x of PLAIN_CHARS) {
    for (const y of PLAIN_CHARS) {
      if (!same(`a${x}`, `a${y}`)) {
        return false;
      }
    }
  }
  for (const d of DIGRAPHS) {
    for (const y of PLAIN_CHARS) {
      if (!same(d, `${d[0]}${y}`) || !same(`${d}z`, `${d[0]}${y}`) || !same(`${d}`, `${d[0]}${y}z`)) {
        return false;
      }
    }
  }
  return true;
}

const PLAIN_NAMES_BY_CODE_POINT = agreesWithCodePoints((a, b) => byName.compare(a, b));

/** A link with its sort keys, computed once per sort. */
export interface SortEntry {
  readonly link: ClientLink;
  readonly name: string;
  /** The lower-cased name when the fast comparison applies to it. */
  readonly plain: string | undefined;
  readonly id: string;
  /** The id is a plain decimal number (compared by length, then digits). */
  readonly decimal: boolean;
  readonly key: number | undefined;
}

function entryOf(link: ClientLink, key: number | undefined): SortEntry {
  const name = link.ClientEntityName ?? link.Name ?? '';
  const lower = PLAIN_NAMES_BY_CODE_POINT ? name.toLowerCase() : '';
  const id = link.ClientEntityId ?? '';
  return { link, name, plain: PLAIN_NAMES_BY_CODE_POINT && PLAIN_NAME.test(lower) ? lower : undefined, id, decimal: DECIMAL.test(id), key };
}

const DECIMAL = /^[1-9][0-9]*$/;

/** `byNumber.compare` of two ids, without the collator when both are plain decimal numbers. */
function compareIds(a: SortEntry, b: SortEntry): number {
  if (a.decimal && b.decimal) {
    return a.id.length - b.id.length || codePointOrder(a.id, b.id);
  }
  return byNumber.compare(a.id, b.id);
}

/** `compareLinks` on entries: the same order. */
function compareEntries(a: SortEntry, b: SortEntry): number {
  const byNames = a.plain !== undefined && b.plain !== undefined ? codePointOrder(a.plain, b.plain) : byName.compare(a.name, b.name);
  return byNames || compareIds(a, b);
}

/** Sorts `links` in place by `compareLinks` after `first` (when given), reading each link's keys once. */
export function sortLinksBy(links: ClientLink[], first?: (link: ClientLink) => number): ClientLink[] {
  const entries = links.map((l) => entryOf(l, first?.(l)));
  entries.sort(first ? (a, b) => (a.key ?? 0) - (b.key ?? 0) || compareEntries(a, b) : compareEntries);
  for (let i = 0; i < entries.length; i++) {
    links[i] = entries[i]!.link;
  }
  return links;
}

/** The sort key of a link; undefined sorts after every defined key. Smaller comes first. */
function keyOf(link: ClientLink, by: SortBy): number | undefined {
  if (by === 'expiry') {
    return expiryOf(link);
  }
  if (by === 'lastModified') {
    const modified = parseServiceDateTime(link.LastModifiedDateTime);
    return modified === undefined ? undefined : -modified; // newest first
  }
  return undefined;
}

/** Sorts in place and returns `links`. Keys are read once per link (100,000 links sort in a fraction of a second). */
export function sortLinks(links: ClientLink[], by: SortBy = 'name'): ClientLink[] {
  if (by === 'name') {
    return sortLinksBy(links);
  }
  const entries = links.map((l) => entryOf(l, keyOf(l, by)));
  entries.sort((a, b) => {
    if (a.key !== b.key) {
      if (a.key === undefined) {
        return 1;
      }
      if (b.key === undefined) {
        return -1;
      }
      return a.key - b.key;
    }
    return compareEntries(a, b);
  });
  for (let i = 0; i < entries.length; i++) {
    links[i] = entries[i]!.link;
  }
  return links;
}

/**
 * The order the tree keeps (issue 15): `sortLinks`' order (with the status's lifecycle order first
 * when `statusFirst`, as `sortFlat` by name), and links equal in all of it (the same client entity
 * linked by two agencies) by their key, not by where the listing had them. A total order, so a
 * listing that changed in a few links can be re-sorted by merging those into the order kept, and
 * gives the same result as sorting everything.
 */
export interface LinkOrder {
  readonly sortBy: SortBy;
  readonly statusFirst: boolean;
}

/** A link with everything its place in a `LinkOrder` depends on, read once. */
export interface OrderEntry extends SortEntry {
  /** `clientLinkKey` of the link. */
  readonly linkKey: string;
  readonly status: number;
  /** The fields the entry was read from besides name and id (the same strings, not copies), to tell whether a link object kept since changed in place. */
  readonly fromStatus: ClientLink['Status'];
  readonly fromManaging: ClientLink['ManagingCustomerId'];
  readonly fromType: ClientLink['Type'];
  readonly fromModified: ClientLink['LastModifiedDateTime'];
}

function readFrom(entry: OrderEntry, link: ClientLink): boolean {
  return (
    entry.fromStatus === link.Status &&
    entry.fromManaging === link.ManagingCustomerId &&
    entry.fromType === link.Type &&
    entry.fromModified === link.LastModifiedDateTime &&
    entry.name === (link.ClientEntityName ?? link.Name ?? '') &&
    entry.id === (link.ClientEntityId ?? '')
  );
}

/** The entry of `link` in `order` (`known`: its entry from before, reused when the link did not change since). */
export function orderEntryOf(link: ClientLink, order: LinkOrder, known?: OrderEntry): OrderEntry {
  if (known?.link === link && readFrom(known, link)) {
    return known;
  }
  const entry = entryOf(link, order.sortBy === 'name' ? undefined : keyOf(link, order.sortBy));
  return {
    ...entry,
    linkKey: clientLinkKey(link),
    status: order.statusFirst ? statusOrder(link.Status ?? '') : 0,
    fromStatus: link.Status,
    fromManaging: link.ManagingCustomerId,
    fromType: link.Type,
    fromModified: link.LastModifiedDateTime,
  };
}

/** Whether `entry` still describes its link (an object may be changed in place). */
export function orderEntryCurrent(entry: OrderEntry): boolean {
  return readFrom(entry, entry.link);
}

/** `sortLinks`' comparison of the sort keys: smaller first, links without one after. */
function compareSortKeys(a: SortEntry, b: SortEntry): number {
  if (a.key === b.key) {
    return 0;
  }
  if (a.key === undefined) {
    return 1;
  }
  if (b.key === undefined) {
    return -1;
  }
  return a.key - b.key;
}

/** The comparison of a `LinkOrder`: total (ties end on the link's key). */
export function compareInOrder(order: LinkOrder): (a: OrderEntry, b: OrderEntry) => number {
  if (order.sortBy === 'name') {
    return order.statusFirst ? (a, b) => a.status - b.status || compareEntries(a, b) || codePointOrder(a.linkKey, b.linkKey) : (a, b) => compareEntries(a, b) || codePointOrder(a.linkKey, b.linkKey);
  }
  return (a, b) => compareSortKeys(a, b) || compareEntries(a, b) || codePointOrder(a.linkKey, b.linkKey);
}

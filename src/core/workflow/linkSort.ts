/**
 * The order of links inside a group (or the flat list): by name, by last change (newest first) or
 * by expiry (the invitation that expires first comes first; a pending invitation expires 30 days
 * after it was sent, spec §5). Links without the sort's key follow, by name.
 */
import type { ClientLink } from '../model/clientLink';
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
interface SortEntry {
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

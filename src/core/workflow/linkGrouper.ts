/**
 * The tree's grouping kept between regroupings (issue 15: 100,000 links). What it keeps:
 * - the listing's links in the group order (`orderFor`), so a filter is one pass over them (the
 *   order of a subset is the order of the whole) and a regroup sorts nothing;
 * - the unfiltered groups, so clearing a filter is a lookup;
 * - for a new listing that shares most link objects with the last one (a poll merges the links in
 *   motion into the listing), the order is the kept order without the links that went or changed,
 *   merged with the new ones sorted alone: no re-sort of 100,000 links for a few changes. The order
 *   is total (`compareInOrder`), so this equals sorting everything.
 * Everything is `Sliced` (util/sliced.ts): the tree runs it in slices, cancelled when a newer
 * request supersedes it.
 */
import { type ClientLink, clientLinkKey } from '../model/clientLink';
import { mergeSliced, type Sliced, sliceEnds } from '../util/sliced';
import { type GroupBy, type GroupOptions, groupSorted, type LinkGroup, linksOf, matcherFor, orderFor, sortedEntries } from './grouping';
import { compareInOrder, type LinkOrder, type OrderEntry, orderEntryCurrent } from './linkSort';

export interface GroupRequest {
  links: readonly ClientLink[];
  by: GroupBy;
  options: GroupOptions;
  /** The filter's text ('' for none): see `filterLinks`. */
  filter: string;
}

/** Above this share of new or changed links, a new listing is sorted whole rather than merged into the kept order. */
const MERGE_AT_MOST = 0.25;

interface KeptOrder {
  links: readonly ClientLink[];
  order: LinkOrder;
  entries: OrderEntry[];
  /** The links of `entries`, in order. */
  sorted: ClientLink[];
  byLink: Map<ClientLink, OrderEntry>;
}

interface KeptGroups {
  links: readonly ClientLink[];
  by: GroupBy;
  options: GroupOptions;
  filter: string;
  groups: LinkGroup[];
}

export class LinkGrouper {
  private kept: KeptOrder | undefined;
  private unfiltered: KeptGroups | undefined;
  private filtered: KeptGroups | undefined;
  /** How the last order was made (for tests and the bench): kept as it was, merged from the last, or sorted whole. */
  lastSort: 'kept' | 'merged' | 'sorted' | undefined;

  /** The groups of a request: the same as `groupLinks(filterLinks(links, filter), by, options)`. */
  *group(request: GroupRequest): Sliced<LinkGroup[]> {
    const filter = request.filter.trim();
    const same = (k: KeptGroups | undefined): k is KeptGroups => k !== undefined && k.links === request.links && k.by === request.by && k.filter === filter && sameOptions(k.options, request.options);
    if (same(this.unfiltered)) {
      return this.unfiltered.groups;
    }
    if (same(this.filtered)) {
      return this.filtered.groups;
    }
    const order = orderFor(request.by, request.options.sortBy ?? 'name');
    const sorted = yield* this.sortedLinks(request.links, order);
    const matches = filter ? matcherFor(filter) : undefined;
    let shown = sorted;
    if (matches) {
      shown = [];
      for (let i = 0; i < sorted.length; i++) {
        const link = sorted[i]!;
        if (matches(link)) {
          shown.push(link);
        }
        if (sliceEnds(i)) {
          yield;
        }
      }
    }
    const groups = yield* groupSorted(shown, request.by, request.options);
    const kept: KeptGroups = { links: request.links, by: request.by, options: { ...request.options }, filter, groups };
    if (filter) {
      this.filtered = kept;
    } else {
      this.unfiltered = kept;
    }
    return groups;
  }

  /** `clientLinkKey(link)`, read once per link object (kept with its place in the order). */
  keyOf(link: ClientLink): string {
    return this.kept?.byLink.get(link)?.linkKey ?? clientLinkKey(link);
  }

  /** Groups depend on more than the links (customer names learnt, another customer): make them again next time; the order stays. */
  forgetGroups(): void {
    this.unfiltered = undefined;
    this.filtered = undefined;
  }

  /** Forget everything (another customer, signed out). */
  clear(): void {
    this.kept = undefined;
    this.lastSort = undefined;
    this.forgetGroups();
  }

  /** `links` in `order`: kept, merged from the last order, or sorted. */
  private *sortedLinks(links: readonly ClientLink[], order: LinkOrder): Sliced<ClientLink[]> {
    const kept = this.kept;
    const sameOrder = kept !== undefined && kept.order.sortBy === order.sortBy && kept.order.statusFirst === order.statusFirst;
    if (sameOrder && kept.links === links) {
      this.lastSort = 'kept';
      return kept.sorted;
    }
    const entries = (sameOrder ? yield* this.merged(kept, links, order) : undefined) ?? (yield* this.sortedWhole(links, order, sameOrder ? kept : undefined));
    const byLink = new Map<ClientLink, OrderEntry>();
    for (let i = 0; i < entries.length; i++) {
      byLink.set(entries[i]!.link, entries[i]!);
      if (sliceEnds(i)) {
        yield;
      }
    }
    const sorted = linksOf(entries);
    this.kept = { links, order, entries, sorted, byLink };
    return sorted;
  }

  private *sortedWhole(links: readonly ClientLink[], order: LinkOrder, kept: KeptOrder | undefined): Sliced<OrderEntry[]> {
    this.lastSort = 'sorted';
    return yield* sortedEntries(links, order, kept ? (link) => kept.byLink.get(link) : undefined);
  }

  /** The kept order without what went or changed, merged with what is new; undefined when too much is new to pay. */
  private *merged(kept: KeptOrder, links: readonly ClientLink[], order: LinkOrder): Sliced<OrderEntry[] | undefined> {
    const present = new Set<ClientLink>();
    const fresh: ClientLink[] = [];
    const most = Math.floor(links.length * MERGE_AT_MOST);
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      present.add(link);
      if (!kept.byLink.has(link)) {
        fresh.push(link);
        if (fresh.length > most) {
          return undefined;
        }
      }
      if (sliceEnds(i)) {
        yield;
      }
    }
    if (present.size !== links.length) {
      return undefined; // the same link object twice: sort it as given
    }
    const stay: OrderEntry[] = [];
    for (let i = 0; i < kept.entries.length; i++) {
      const entry = kept.entries[i]!;
      if (present.has(entry.link)) {
        if (orderEntryCurrent(entry)) {
          stay.push(entry);
        } else {
          fresh.push(entry.link); // changed in place since it was sorted
        }
      }
      if (sliceEnds(i)) {
        yield;
      }
    }
    if (fresh.length > most) {
      return undefined;
    }
    const added = yield* sortedEntries(fresh, order);
    this.lastSort = 'merged';
    return yield* mergeSliced(stay, added, compareInOrder(order));
  }
}

function sameOptions(a: GroupOptions, b: GroupOptions): boolean {
  return (a.sortBy ?? 'name') === (b.sortBy ?? 'name') && Boolean(a.showEmpty) === Boolean(b.showEmpty) && a.active === b.active && a.customers === b.customers;
}

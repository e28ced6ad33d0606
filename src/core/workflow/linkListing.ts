/**
 * The last good listing of links: what changed from the listing before it, the status history
 * this product has seen (with what it did itself to cause a change), and the links that await an
 * answer from the active customer.
 */
import { type ClientLink, type ClientLinkStatus, clientLinkKey } from '../model/clientLink';
import type { CustomerChoice } from './customerContext';
import { systemTransitionsFrom } from '../model/lifecycle';
import { awaitsAnswer } from './linkActions';
import type { StatusChange } from './storeEvents';
import { runNow, type Sliced, sliceEnds } from '../util/sliced';

export interface HistoryEntry {
  status: ClientLinkStatus | null | undefined;
  /** Epoch ms when the extension first saw this status. */
  seenAt: number;
  /** What the extension did, when the change came from one of its own actions. */
  cause?: string;
}

export interface ListingChanges {
  changed: StatusChange[];
  added: ClientLink[];
  removed: ClientLink[];
}

const MAX_HISTORY_PER_LINK = 20;

/** What `LinkListing.compare` found: the listing it compared with, and the links new or in another status. */
export interface ListingComparison {
  readonly base: readonly ClientLink[];
  readonly before: ReadonlyMap<string, ClientLink>;
  readonly next: ClientLink[];
  readonly nextByKey: Map<string, ClientLink>;
  readonly moved: readonly { key: string; link: ClientLink; old: ClientLink | undefined }[];
}

export class LinkListing {
  links: ClientLink[] = [];
  loaded = false;
  lastSync: number | undefined;
  readonly history = new Map<string, HistoryEntry[]>();
  /** `links` by key, kept from the last apply while `links` is still that listing. */
  private byKey: { links: ClientLink[]; map: Map<string, ClientLink> } | undefined;
  /** Asked by the tree, the badge and the status bar after every change: computed once per listing and customer. */
  private awaiting: { links: ClientLink[]; active: CustomerChoice; value: ClientLink[] } | undefined;
  /** The first listing ever applied reports no additions (everything would be new). */
  private appliedBefore = false;

  constructor(private readonly now: () => number) {}

  /**
   * Takes `next` as the listing and records each new or changed status in the history, with the
   * cause this product gave for it (by link key), if any.
   */
  apply(next: ClientLink[], causes?: ReadonlyMap<string, string>): ListingChanges {
    return this.commit(runNow(this.compare(next)), causes);
  }

  /**
   * The part of `apply` that reads 100,000 links (their keys, the map by key, which ones are new or
   * changed), in slices, changing nothing (issue 15): `commit` then applies it in one step.
   */
  *compare(next: ClientLink[]): Sliced<ListingComparison> {
    const base = this.links;
    let before: Map<string, ClientLink>;
    if (this.byKey?.links === base) {
      before = this.byKey.map;
    } else {
      before = new Map();
      for (let i = 0; i < base.length; i++) {
        before.set(clientLinkKey(base[i]!), base[i]!);
        if (sliceEnds(i)) {
          yield;
        }
      }
    }
    const nextByKey = new Map<string, ClientLink>();
    const moved: { key: string; link: ClientLink; old: ClientLink | undefined }[] = [];
    for (let i = 0; i < next.length; i++) {
      const link = next[i]!;
      const key = clientLinkKey(link);
      nextByKey.set(key, link);
      const old = before.get(key);
      if (!old || old.Status !== link.Status) {
        moved.push({ key, link, old });
      }
      if (sliceEnds(i)) {
        yield;
      }
    }
    return { base, before, next, nextByKey, moved };
  }

  /** Applies a `compare` (made again at once if the listing changed since it was made). */
  commit(comparison: ListingComparison, causes?: ReadonlyMap<string, string>): ListingChanges {
    const { before, next, nextByKey, moved } = comparison.base === this.links ? comparison : runNow(this.compare(comparison.next));
    const changed: StatusChange[] = [];
    const added: ClientLink[] = [];
    const at = this.now();
    for (const { key, link, old } of moved) {
      const cause = causes?.get(key);
      if (!old) {
        added.push(link);
      } else if (old.Status !== link.Status) {
        const change: StatusChange = { link, from: old.Status, to: link.Status };
        if (cause !== undefined) {
          change.cause = cause;
        } else if (this.followsOwnAction(key, old.Status, link.Status)) {
          change.followsOwnAction = true;
        }
        changed.push(change);
      }
      this.record(key, { status: link.Status, seenAt: at, cause });
    }
    const removed: ClientLink[] = [];
    if (before.size + moved.length > nextByKey.size) {
      for (const [key, link] of before) {
        if (!nextByKey.has(key)) {
          removed.push(link);
        }
      }
    }
    this.byKey = { links: next, map: nextByKey };
    this.links = next;
    this.loaded = true;
    this.lastSync = at;
    const reportAdded = this.appliedBefore;
    this.appliedBefore = true;
    return { changed, added: reportAdded ? added : [], removed };
  }

  /** Another customer's links are coming: nothing of this listing applies to them. */
  forget(): void {
    this.links = [];
    this.loaded = false;
    this.history.clear();
  }

  /** The link as the listing shows it now (its status may have moved since `link` was read). */
  current(link: ClientLink): ClientLink {
    const key = clientLinkKey(link);
    return (this.byKey?.links === this.links ? this.byKey.map.get(key) : this.links.find((l) => clientLinkKey(l) === key)) ?? link;
  }

  /** Links that need something from the active customer (pending invitations to answer). */
  awaitingAction(active: CustomerChoice | undefined): ClientLink[] {
    if (!active) {
      return [];
    }
    if (this.awaiting?.links !== this.links || this.awaiting.active !== active) {
      this.awaiting = { links: this.links, active, value: this.links.filter((l) => awaitsAnswer(l, active)) };
    }
    return this.awaiting.value;
  }

  /**
   * Whether `from` → `to` is a transition the service makes immediately (no trigger of its own) and
   * `from` was recorded as caused by this product: the second half of one of our own actions.
   */
  private followsOwnAction(key: string, from: ClientLinkStatus | null | undefined, to: ClientLinkStatus | null | undefined): boolean {
    const last = this.history.get(key)?.at(-1);
    if (!last || last.cause === undefined || last.status !== from || !from || !to) {
      return false;
    }
    return systemTransitionsFrom(from).some((t) => t.to === to && t.trigger === 'immediately');
  }

  private record(key: string, entry: HistoryEntry): void {
    const list = this.history.get(key) ?? [];
    list.push(entry);
    if (list.length > MAX_HISTORY_PER_LINK) {
      list.splice(0, list.length - MAX_HISTORY_PER_LINK);
    }
    this.history.set(key, list);
  }
}

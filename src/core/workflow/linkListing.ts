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
    const before = this.byKey?.links === this.links ? this.byKey.map : new Map(this.links.map((l) => [clientLinkKey(l), l]));
    const nextByKey = new Map<string, ClientLink>();
    const changed: StatusChange[] = [];
    const added: ClientLink[] = [];
    const at = this.now();
    for (const link of next) {
      const key = clientLinkKey(link);
      nextByKey.set(key, link);
      const old = before.get(key);
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
      } else {
        continue;
      }
      this.record(key, { status: link.Status, seenAt: at, cause });
    }
    const removed = [...before].filter(([key]) => !nextByKey.has(key)).map(([, link]) => link);
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

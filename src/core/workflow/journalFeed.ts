/**
 * Feeds the link journal from the store: every listing the store applies (however it was fetched:
 * a full listing, a poll of links in motion merged into it, another customer's links) is compared
 * with the journal's baseline, and every answer to this product's own actions is recorded as its
 * outcome. Subscribes to the store's events only; the store does not know the journal exists.
 */
import type { ClientLink } from '../model/clientLink';
import type { LinkJournal } from './linkJournal';
import type { StoreEvent, StoreListener } from './storeEvents';

export interface JournalFeedStore {
  onDidChange(listener: StoreListener): { dispose(): void };
  readonly links: readonly ClientLink[];
}

/**
 * `journalFor()` is the journal of the active customer and environment at the time of the event
 * (undefined: none, nothing is recorded). `written` hears of each write, with its error when one
 * failed (a journal that cannot be written never stops the store).
 */
export function feedJournal(store: JournalFeedStore, journalFor: () => LinkJournal | undefined, written: (error?: unknown) => void): { dispose(): void } {
  return store.onDidChange((e: StoreEvent) => {
    const journal = journalFor();
    if (!journal) {
      return;
    }
    let work: Promise<unknown> | undefined;
    if (e.type === 'links') {
      // The store's listing holds every link of the active customer, merged from whatever was fetched.
      work = journal.observe(store.links, { complete: true });
    } else if (e.type === 'outcomes' && e.outcomes.some((o) => o.succeeded)) {
      work = journal.recordOutcomes(e.action, e.outcomes);
    }
    work?.then(
      () => written(),
      (error: unknown) => written(error ?? new Error('unknown')),
    );
  });
}

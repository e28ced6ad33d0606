/**
 * Feeds the link journal from the store: every listing the store applies (however it was fetched:
 * a full listing, a poll of links in motion merged into it, another customer's links) is compared
 * with the journal's baseline, and every answer to this product's own actions is recorded as its
 * outcome. Subscribes to the store's events only; the store does not know the journal exists.
 */
import type { ClientLink } from '../model/clientLink';
import { SLICE_ITEMS } from '../util/sliced';
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
export function feedJournal(store: JournalFeedStore, journalFor: () => LinkJournal | undefined, written: (error?: unknown) => void): { dispose(): void; settled(): Promise<void> } {
  // One observation after the other: each compares with the baseline the one before saved.
  let last: Promise<unknown> = Promise.resolve();
  const subscription = store.onDidChange((e: StoreEvent) => {
    const journal = journalFor();
    if (!journal) {
      return;
    }
    let work: Promise<unknown> | undefined;
    if (e.type === 'links') {
      // The store's listing holds every link of the active customer, merged from whatever was fetched.
      const links = store.links;
      work = last.catch(() => undefined).then(() => observeInSlices(journal, links));
      last = work;
    } else if (e.type === 'outcomes' && e.outcomes.some((o) => o.succeeded)) {
      work = last.catch(() => undefined).then(() => journal.recordOutcomes(e.action, e.outcomes));
      last = work;
    }
    work?.then(
      () => written(),
      (error: unknown) => written(error ?? new Error('unknown')),
    );
  });
  return {
    dispose: () => subscription.dispose(),
    /** Resolves when every observation and outcome asked for so far is handed to the journal. */
    settled: () => last.then(
      () => undefined,
      () => undefined,
    ),
  };
}

/**
 * `journal.observe(links)` a slice at a time, the event loop getting a turn between slices:
 * comparing 100,000 links with the baseline in one go blocked the extension host (issue 15).
 */
async function observeInSlices(journal: LinkJournal, links: readonly ClientLink[]): Promise<unknown> {
  const observation = await journal.observation();
  for (let i = 0; i < links.length; i += SLICE_ITEMS) {
    observation.add(links.slice(i, i + SLICE_ITEMS));
    if (i + SLICE_ITEMS < links.length) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return observation.finish({ complete: true });
}

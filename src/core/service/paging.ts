/**
 * All pages of a SearchClientLinks query (spec §3.3, §7): the first page alone (most queries fit in
 * one), then a window of `concurrency` pages in parallel; past that first window, a sliding window
 * (page n + concurrency is asked for as soon as page n is taken, pages taken in order), so the
 * service always has work queued instead of idling while we read the last page of each window.
 * Past the first window, the page taken next asks for its successor as soon as its answer arrives
 * (before it is read) when the fetcher reports answers. Paging stops at the first short page;
 * pages already asked for beyond it are awaited (answers dropped), so no call outlives the search
 * and at most `concurrency` are asked for past the end; small listings (up to the first window)
 * make the same calls as with fixed windows. Links
 * are returned in page order without duplicates (a link that moved between pages while we read is
 * kept once, at its first position). A full page that brings nothing new means the service ignores
 * Index: stop rather than loop.
 *
 * The first page alone also means that against a failing service a listing costs one call's
 * attempts, not one per page: nothing else is asked for until page 0 has succeeded
 * (`onFirstPage` then lets the caller start work that should wait for the same proof).
 */
import { clientLinkKey, type ClientLink } from '../model/clientLink';

export interface Page {
  links: ClientLink[];
  trackingId: string | undefined;
}

/** `onAnswer`, when the fetcher supports it: the page's answer (of `size` characters, when known) has arrived and is about to be read. */
export type PageFetcher = (index: number, signal: AbortSignal, onAnswer?: (size?: number) => void) => Promise<Page>;

export interface AllPages {
  links: ClientLink[];
  pages: number;
  trackingIds: string[];
}

/** Hard stop: 1,000 pages of 100 links. */
export const MAX_PAGES = 1000;

export async function fetchAllPages(fetchPage: PageFetcher, pageSize: number, concurrency: number, signal?: AbortSignal, onFirstPage?: () => void): Promise<AllPages> {
  // Siblings of a failed page are cancelled; the caller's signal cancels everything.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) {
    controller.abort();
  }
  const seen = new Set<string>();
  const result: AllPages = { links: [], pages: 0, trackingIds: [] };
  /** The size of each page's answer (when the fetcher reports it), and the smallest answer of a full page so far. */
  const sizes = new Map<number, number>();
  let fullSize: number | undefined;
  const recordSize = (index: number, size: number | undefined): void => {
    if (size !== undefined) {
      sizes.set(index, size);
    }
  };
  /** Adds page `index`; returns whether paging should continue after it. */
  const take = (index: number, page: Page): boolean => {
    result.pages++;
    if (page.trackingId) {
      result.trackingIds.push(page.trackingId);
    }
    let added = 0;
    for (const link of page.links) {
      const key = clientLinkKey(link);
      if (!seen.has(key)) {
        seen.add(key);
        result.links.push(link);
        added++;
      }
    }
    const full = page.links.length >= pageSize && added > 0;
    const size = sizes.get(index);
    sizes.delete(index);
    if (full && size !== undefined) {
      fullSize = Math.min(fullSize ?? size, size);
    }
    return full;
  };
  try {
    let more = take(0, await fetchPage(0, controller.signal, (size) => recordSize(0, size)));
    onFirstPage?.();
    const width = Math.max(1, Math.floor(concurrency));
    const inFlight = new Map<number, Promise<Page>>();
    let next = 1;
    /** The first page failure: its siblings then fail with CancelledError, which must not hide it. */
    let failure: { error: unknown } | undefined;
    /** The page the loop below waits for (pages are taken in order). */
    let waitingFor = -1;
    const launch = (limit = width): void => {
      while (more && inFlight.size < limit && next < MAX_PAGES) {
        const index = next++;
        // Past the first window, the page taken next asks for its successor as soon as its answer
        // arrives, while it is read, rather than after: the window holds `width + 1` pages for that
        // moment. (Not the last page of the first window: taking it asks for a whole window.) Not
        // when the answer is much smaller than a full page's: that is the end of the listing, and
        // a page asked for then would only be waited for.
        const onAnswer = (size?: number): void => {
          recordSize(index, size);
          const looksFull = size === undefined || fullSize === undefined || size >= fullSize / 2;
          if (index === waitingFor && index > width && looksFull) {
            launch(width + 1);
          }
        };
        const page = fetchPage(index, controller.signal, onAnswer).catch((e: unknown) => {
          failure ??= { error: e };
          controller.abort();
          throw e;
        });
        page.catch(() => undefined); // awaited below, or settled while stopping
        inFlight.set(index, page);
      }
    };
    launch(); // the first window: pages 1..width
    try {
      for (let index = 1; more && inFlight.has(index); index++) {
        let page: Page;
        waitingFor = index;
        try {
          page = await (inFlight.get(index) as Promise<Page>);
        } catch (e) {
          throw failure ? failure.error : e;
        }
        inFlight.delete(index);
        more = take(index, page);
        if (index >= width) {
          launch(); // past the first window: keep `width` pages in flight
        }
      }
    } finally {
      // Pages asked for beyond the last one (or siblings of a failed one): let them settle.
      await Promise.allSettled(inFlight.values());
    }
    return result;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

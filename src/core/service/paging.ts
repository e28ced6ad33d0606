/**
 * All pages of a SearchClientLinks query (spec §3.3, §7): the first page alone (most queries fit in
 * one), then a window of `concurrency` pages in parallel; past that first window, a sliding window
 * (page n + concurrency is asked for as soon as page n is taken, pages taken in order), so the
 * service always has work queued instead of idling while we read the last page of each window.
 * Paging stops at the first short page; pages already asked for beyond it are awaited (answers
 * dropped), so no call outlives the search and at most `concurrency - 1` are asked for past the
 * end, as with fixed windows; small listings (up to the first window) make the same calls. Links
 * are returned in page order without duplicates (a link that moved between pages while we read is
 * kept once, at its first position). A full page that brings nothing new means the service ignores
 * Index: stop rather than loop.
 */
import { clientLinkKey, type ClientLink } from '../model/clientLink';

export interface Page {
  links: ClientLink[];
  trackingId: string | undefined;
}

export type PageFetcher = (index: number, signal: AbortSignal) => Promise<Page>;

export interface AllPages {
  links: ClientLink[];
  pages: number;
  trackingIds: string[];
}

/** Hard stop: 1,000 pages of 100 links. */
export const MAX_PAGES = 1000;

export async function fetchAllPages(fetchPage: PageFetcher, pageSize: number, concurrency: number, signal?: AbortSignal): Promise<AllPages> {
  // Siblings of a failed page are cancelled; the caller's signal cancels everything.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) {
    controller.abort();
  }
  const seen = new Set<string>();
  const result: AllPages = { links: [], pages: 0, trackingIds: [] };
  /** Adds a page; returns whether paging should continue after it. */
  const take = (page: Page): boolean => {
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
    return page.links.length >= pageSize && added > 0;
  };
  try {
    let more = take(await fetchPage(0, controller.signal));
    const width = Math.max(1, Math.floor(concurrency));
    const inFlight = new Map<number, Promise<Page>>();
    let next = 1;
    /** The first page failure: its siblings then fail with CancelledError, which must not hide it. */
    let failure: { error: unknown } | undefined;
    const launch = (): void => {
      while (more && inFlight.size < width && next < MAX_PAGES) {
        const index = next++;
        const page = fetchPage(index, controller.signal).catch((e: unknown) => {
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
        try {
          page = await (inFlight.get(index) as Promise<Page>);
        } catch (e) {
          throw failure ? failure.error : e;
        }
        inFlight.delete(index);
        more = take(page);
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

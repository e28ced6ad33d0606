/**
 * All pages of a SearchClientLinks query, collected from `streamPages` (pageStream.ts, where the
 * paging pattern lives) for callers that want them together (spec §3.3, §7): the first page alone (most queries fit in
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
import type { ClientLink } from '../model/clientLink';
import { streamPages, type PageFetcher } from './pageStream';

export { MAX_PAGES, type Page, type PageFetcher } from './pageStream';

export interface AllPages {
  links: ClientLink[];
  pages: number;
  trackingIds: string[];
}

/** Every page, collected (`streamPages` yields them one by one, for callers that need not hold them all). */
export async function fetchAllPages(fetchPage: PageFetcher, pageSize: number, concurrency: number, signal?: AbortSignal, onFirstPage?: () => void): Promise<AllPages> {
  const result: AllPages = { links: [], pages: 0, trackingIds: [] };
  for await (const page of streamPages(fetchPage, pageSize, concurrency, signal, onFirstPage)) {
    result.pages++;
    if (page.trackingId) {
      result.trackingIds.push(page.trackingId);
    }
    for (const link of page.links) {
      result.links.push(link);
    }
  }
  return result;
}

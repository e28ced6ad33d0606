/**
 * All pages of a SearchClientLinks query (spec §3.3, §7): the first page alone (most queries fit in
 * one), then windows of `concurrency` pages in parallel, stopping at the first short page. Links
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
    let next = 1;
    const width = Math.max(1, Math.floor(concurrency));
    while (more && next < MAX_PAGES) {
      const indices = Array.from({ length: Math.min(width, MAX_PAGES - next) }, (_, i) => next + i);
      const pages = await Promise.all(
        indices.map((index) =>
          fetchPage(index, controller.signal).catch((e: unknown) => {
            controller.abort();
            throw e;
          }),
        ),
      );
      for (const page of pages) {
        more = take(page);
        if (!more) {
          break;
        }
      }
      next += indices.length;
    }
    return result;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The pages of a SearchClientLinks query one at a time, as they arrive, so a caller can use each
 * page and let it go (100,000 links need not be in memory at once). Same calls, in the same
 * order, as `fetchAllPages` (paging.ts), which collects this stream: the first page alone, then a
 * window of `concurrency` pages, then a sliding window; pages yielded in order, each with only the
 * links not yielded before (a link that moved between pages while we read is kept once, at its
 * first position). Paging stops at the first short page, or at a full page that brings nothing
 * new (the service ignores Index).
 *
 * The window is refilled before a page is yielded, so the service works while the caller uses the
 * page. When the caller stops early (`break`, or an error of its own), the calls still in flight
 * are cancelled and awaited; when the listing ends, those asked for past its end are awaited
 * (answers dropped): no call outlives the stream.
 */
import { clientLinkKey, type ClientLink } from '../model/clientLink';

/** One page of a search as it came back. */
export interface Page {
  links: ClientLink[];
  trackingId: string | undefined;
}

/** `onAnswer`, when the fetcher supports it: the page's answer (of `size` characters, when known) has arrived and is about to be read. */
export type PageFetcher = (index: number, signal: AbortSignal, onAnswer?: (size?: number) => void) => Promise<Page>;

/** A page as the stream yields it: `links` holds only the links no earlier page brought. */
export interface StreamedPage {
  /** 0-based page number. */
  index: number;
  links: ClientLink[];
  trackingId: string | undefined;
}

/** Hard stop: 1,000 pages of 100 links. */
export const MAX_PAGES = 1000;

export async function* streamPages(fetchPage: PageFetcher, pageSize: number, concurrency: number, signal?: AbortSignal, onFirstPage?: () => void): AsyncGenerator<StreamedPage, void, undefined> {
  // Siblings of a failed page are cancelled; the caller's signal cancels everything.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) {
    controller.abort();
  }
  /** Keys of the links yielded so far (the only thing kept per link). */
  const seen = new Set<string>();
  /** The size of each page's answer (when the fetcher reports it), and the smallest answer of a full page so far. */
  const sizes = new Map<number, number>();
  let fullSize: number | undefined;
  const recordSize = (index: number, size: number | undefined): void => {
    if (size !== undefined) {
      sizes.set(index, size);
    }
  };
  /** Page `index` with only its new links, and whether paging should continue after it. */
  const take = (index: number, page: Page): { page: StreamedPage; full: boolean } => {
    const fresh: ClientLink[] = [];
    for (const link of page.links) {
      const key = clientLinkKey(link);
      if (!seen.has(key)) {
        seen.add(key);
        fresh.push(link);
      }
    }
    const full = page.links.length >= pageSize && fresh.length > 0;
    const size = sizes.get(index);
    sizes.delete(index);
    if (full && size !== undefined) {
      fullSize = Math.min(fullSize ?? size, size);
    }
    return { page: { index, links: fresh, trackingId: page.trackingId }, full };
  };
  const width = Math.max(1, Math.floor(concurrency));
  const inFlight = new Map<number, Promise<Page>>();
  let next = 1;
  let more = false;
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
  /** Whether the listing ran to its end (then pages asked for past it are awaited, not cancelled). */
  let ended = false;
  try {
    const first = take(0, await fetchPage(0, controller.signal, (size) => recordSize(0, size)));
    more = first.full;
    onFirstPage?.();
    launch(); // the first window: pages 1..width
    yield first.page;
    for (let index = 1; more && inFlight.has(index); index++) {
      let page: Page;
      waitingFor = index;
      try {
        page = await (inFlight.get(index) as Promise<Page>);
      } catch (e) {
        throw failure ? failure.error : e;
      }
      inFlight.delete(index);
      const taken = take(index, page);
      more = taken.full;
      if (index >= width) {
        launch(); // past the first window: keep `width` pages in flight
      }
      yield taken.page;
    }
    ended = true;
  } finally {
    if (!ended) {
      // A failed page (its siblings are cancelled already) or a caller that stopped reading.
      controller.abort();
    }
    // Pages asked for beyond the last one (or siblings of a failed one): let them settle.
    await Promise.allSettled(inFlight.values());
    signal?.removeEventListener('abort', onAbort);
  }
}

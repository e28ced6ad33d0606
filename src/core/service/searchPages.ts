/**
 * The pages of a search from any ClientLinksService: its `searchClientLinkPages` when it has one
 * (the real service, page by page as they arrive), else `searchClientLinks` as a single page (test
 * fakes, older implementations).
 */
import type { ClientLinksService, SearchClientLinksPage, SearchClientLinksQuery } from './types';

export async function* searchPages(service: ClientLinksService, query: SearchClientLinksQuery, signal?: AbortSignal): AsyncGenerator<SearchClientLinksPage, void, undefined> {
  if (service.searchClientLinkPages) {
    yield* service.searchClientLinkPages(query, signal);
    return;
  }
  const all = await service.searchClientLinks(query, signal);
  yield { links: all.links, trackingId: all.trackingIds[0] };
  // A fake that reports several TrackingIds: the rest as empty pages, so none is lost.
  for (const trackingId of all.trackingIds.slice(1)) {
    yield { links: [], trackingId };
  }
}

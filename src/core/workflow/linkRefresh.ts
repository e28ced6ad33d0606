/**
 * Reloading the listing: one refresh at a time (one asked for while another runs runs once after
 * it, so its result reflects everything asked before), the last good links kept and marked stale
 * when a refresh fails, and the causes of changes handed to the listing that shows them.
 */
import { type ClientLinksError, isClientLinksError } from '../errors';
import type { ClientLink } from '../model/clientLink';
import { listLinks } from './linkDirectory';
import type { LinkListing } from './linkListing';
import type { LinkSession } from './linkSession';
import type { StoreEvent } from './storeEvents';

interface RefreshContext {
  session: LinkSession;
  listing: LinkListing;
  emit(event: StoreEvent): void;
}

export class ListingRefresh {
  loading = false;
  /** The last refresh failed: the listing is the last good data. */
  stale = false;
  lastError: ClientLinksError | undefined;
  private inFlight: Promise<void> | undefined;
  private queued = false;
  /** What this product did to links (by key), for the first listing fetched after it was done. */
  private causes = new Map<string, string>();

  constructor(private readonly store: RefreshContext) {}

  run(signal?: AbortSignal, causes?: ReadonlyMap<string, string>): Promise<void> {
    for (const [key, cause] of causes ?? []) {
      this.causes.set(key, cause);
    }
    if (this.inFlight) {
      this.queued = true;
      return this.inFlight;
    }
    const { session } = this.store;
    const generation = session.generation;
    const loop = async (): Promise<void> => {
      do {
        this.queued = false;
        await this.once(signal);
      } while (this.queued && !signal?.aborted && session.isCurrent(generation));
    };
    const promise = loop().finally(() => {
      if (this.inFlight === promise) {
        this.inFlight = undefined;
      }
    });
    this.inFlight = promise;
    return promise;
  }

  /** Forget everything (the session ended); a refresh in flight is ignored when it lands. */
  reset(): void {
    this.inFlight = undefined;
    this.queued = false;
    this.causes.clear();
    this.loading = false;
    this.stale = false;
    this.lastError = undefined;
  }

  private async once(signal?: AbortSignal): Promise<void> {
    const { session, listing } = this.store;
    const generation = session.generation;
    // Causes asked for before this listing starts are shown by it; later ones wait for the next.
    const causes = this.causes;
    this.causes = new Map();
    this.setLoading(true);
    let activeId: string | undefined;
    try {
      await session.loadUser();
      activeId = session.active?.customerId;
      const active = session.active;
      if (!active) {
        throw new Error('The signed-in user has no customer roles.');
      }
      const dir = await listLinks(await session.service(), active, { signal: session.signal(signal) });
      if (!session.isCurrent(generation) || session.active !== active) {
        return; // signed out, or another customer was selected meanwhile: these links are not its
      }
      this.store.emit({ type: 'links', ...listing.apply(dir.links, causes) });
      this.stale = false;
      this.lastError = undefined;
    } catch (e) {
      if (!session.isCurrent(generation) || (session.active !== undefined && session.active.customerId !== activeId)) {
        return;
      }
      this.stale = listing.loaded;
      if (isClientLinksError(e)) {
        this.lastError = e;
        this.store.emit({ type: 'error', error: e });
      }
      throw e;
    } finally {
      if (session.isCurrent(generation)) {
        this.setLoading(false);
      }
    }
  }

  /** Another customer's links, listed before it became the active one: they are the listing now. */
  adopt(links: ClientLink[]): void {
    this.stale = false;
    this.lastError = undefined;
    this.store.emit({ type: 'links', ...this.store.listing.apply(links) });
  }

  private setLoading(loading: boolean): void {
    this.loading = loading;
    this.store.emit({ type: 'loading', loading });
  }
}

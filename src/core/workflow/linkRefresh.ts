/**
 * Reloading the listing: one refresh at a time (one asked for while another runs runs once after
 * it, so its result reflects everything asked before), the last good links kept and marked stale
 * when a refresh fails, and the causes of changes handed to the listing that shows them.
 */
import { CancelledError, type ClientLinksError, isClientLinksError, isErrorKind } from '../errors';
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
  /** The TrackingIds of the calls of the last complete listing (what Microsoft support asks for about a link it showed). */
  trackingIds: readonly string[] = [];
  private inFlight: Promise<void> | undefined;
  /** Aborts the refresh in flight (Cancel Refresh), whoever started it. */
  private controller: AbortController | undefined;
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
    const controller = new AbortController();
    this.controller = controller;
    const stop = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    const loop = async (): Promise<void> => {
      do {
        this.queued = false;
        await this.once(stop);
      } while (this.queued && !stop.aborted && session.isCurrent(generation));
    };
    const promise = loop().finally(() => {
      if (this.inFlight === promise) {
        this.inFlight = undefined;
      }
      if (this.controller === controller) {
        this.controller = undefined;
      }
    });
    this.inFlight = promise;
    return promise;
  }

  /**
   * Cancels the refresh in flight and any asked for after it: its requests are aborted, the links
   * shown stay as they were (not marked stale) and no error is recorded. False when none runs.
   */
  cancel(): boolean {
    if (!this.controller) {
      return false;
    }
    this.queued = false;
    this.controller.abort();
    return true;
  }

  /** Forget everything (the session ended); a refresh in flight is ignored when it lands. */
  reset(): void {
    this.inFlight = undefined;
    this.controller = undefined;
    this.queued = false;
    this.trackingIds = [];
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
      await abortable(session.loadUser(), signal);
      activeId = session.active?.customerId;
      const active = session.active;
      if (!active) {
        throw new Error('The signed-in user has no customer roles.');
      }
      const dir = await listLinks(await session.service(), active, { signal: session.signal(signal) });
      if (!session.isCurrent(generation) || session.active !== active) {
        return; // signed out, or another customer was selected meanwhile: these links are not its
      }
      this.trackingIds = dir.trackingIds;
      this.store.emit({ type: 'links', ...listing.apply(dir.links, causes) });
      this.stale = false;
      this.lastError = undefined;
    } catch (e) {
      if (!session.isCurrent(generation) || (session.active !== undefined && session.active.customerId !== activeId)) {
        return;
      }
      if (signal?.aborted && isErrorKind(e, 'cancelled')) {
        // Cancelled by the user: the links shown stay as they were (not marked stale), no error.
        throw e;
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

/**
 * Waits for `promise` unless `signal` aborts first (then rejects with CancelledError). The work
 * itself goes on: GetUser is shared by the session's callers, so one caller's cancel must not stop it.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.reject(new CancelledError({ operation: 'GetUser' }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError({ operation: 'GetUser' }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

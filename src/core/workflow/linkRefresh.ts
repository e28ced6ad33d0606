/**
 * Reloading the listing: one refresh at a time (one asked for while another runs runs once after
 * it, so its result reflects everything asked before), the last good links kept and marked stale
 * when a refresh fails, and the causes of changes handed to the listing that shows them. A refresh
 * is a full listing or, for automatic polls between full listings, a partial poll of the links in
 * motion (linkPolling.ts); both end in the same `listing.apply`, so the store's `links` events
 * mean the same whichever ran.
 */
import * as l10n from '@vscode/l10n';
import { CancelledError, type ClientLinksError, isClientLinksError, isErrorKind } from '../errors';
import type { ClientLink } from '../model/clientLink';
import { listLinks } from './linkDirectory';
import type { LinkListing } from './linkListing';
import { FullListingSchedule, partialPollPays, pollLinksInMotion } from './linkPolling';
import type { LinkSession } from './linkSession';
import type { StoreEvent } from './storeEvents';
import { runSliced, type Sliced } from '../util/sliced';

interface RefreshContext {
  session: LinkSession;
  listing: LinkListing;
  emit(event: StoreEvent): void;
  now: () => number;
  /** Reads a listing about to be applied, in slices (the store learns customer names from it). */
  prepare?: (links: readonly ClientLink[]) => Sliced<unknown>;
}

/** `full`: list every link (the Refresh command, after actions). `poll`: the automatic refresh, a partial poll unless a full listing is due. */
export type RefreshKind = 'full' | 'poll';

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
  /** A full listing was asked for since the last one started. */
  private fullAsked = false;
  /** When partial polls must give way to a full listing. */
  readonly schedule: FullListingSchedule;

  constructor(private readonly store: RefreshContext) {
    this.schedule = new FullListingSchedule(store.now);
  }

  run(signal?: AbortSignal, causes?: ReadonlyMap<string, string>, kind: RefreshKind = 'full'): Promise<void> {
    for (const [key, cause] of causes ?? []) {
      this.causes.set(key, cause);
    }
    if (kind === 'full') {
      this.fullAsked = true;
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
        // What this product did is shown by a full listing (an invitation is a link the listing lacks).
        const full = this.fullAsked || this.causes.size > 0 || !this.store.listing.loaded || this.schedule.isFullDue();
        this.fullAsked = false;
        await this.once(full, stop);
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
    this.fullAsked = false;
    this.schedule.reset();
    this.loading = false;
    this.stale = false;
    this.lastError = undefined;
  }

  private async once(fullAsked: boolean, signal?: AbortSignal): Promise<void> {
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
        throw new Error(l10n.t('The signed-in user has no customer roles.'));
      }
      // Many links in motion: a full listing takes fewer calls than asking 10 at a time.
      const full = fullAsked || !partialPollPays(listing.links, active);
      const service = await session.service();
      const options = { signal: session.signal(signal) };
      const polled = full ? undefined : await pollLinksInMotion(service, active, listing.links, options);
      const listed = polled ?? (await listLinks(service, active, options));
      const links = listed.links;
      // Comparing 100,000 links with the listing shown takes a while: in slices (issue 15), and
      // what the store reads of every link before the listing applies too.
      const prepare = this.store.prepare;
      const comparison = await runSliced(
        (function* () {
          const compared = yield* listing.compare(links);
          if (prepare) {
            yield* prepare(links);
          }
          return compared;
        })(),
      );
      if (!comparison || !session.isCurrent(generation) || session.active !== active) {
        return; // signed out, or another customer was selected meanwhile: these links are not its
      }
      if (full) {
        this.schedule.fullApplied();
      } else if (polled && polled.vanished.length > 0) {
        this.schedule.requestFull(); // the full listing is the authority on what exists
      }
      this.trackingIds = listed.trackingIds; // what support asks for about a stuck link: the listing (or poll) that showed it
      this.store.emit({ type: 'links', ...listing.commit(comparison, causes) });
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
    this.schedule.fullApplied();
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

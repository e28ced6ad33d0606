/**
 * The state behind the UI, as one object the front end holds: the session (who is signed in, for
 * which customer), the listing (the last good links, what changed, the history seen), refreshes
 * (never two at once, stale data kept on failure) and bulk actions (one outcome per link, Retry
 * failed). Each is its own module; this facade wires them to one event stream. No vscode
 * dependency, so its rules are unit-tested directly.
 */
import { isClientLinksError, type ClientLinksError } from '../errors';
import type { ClientLink } from '../model/clientLink';
import type { LinkAction } from '../model/lifecycle';
import { isCustomerRefused } from './refreshPause';
import type { CustomerChoice, CustomerContext } from './customerContext';
import { CustomerDirectory } from './customerDirectory';
import { listLinks } from './linkDirectory';
import { type BulkFailures, type BulkOptions, type BulkResult, BulkRunner } from './linkBulk';
import { type HistoryEntry, LinkListing } from './linkListing';
import { ListingRefresh } from './linkRefresh';
import { LinkSession, type ServiceFactory } from './linkSession';
import { StoreEmitter, type StoreListener } from './storeEvents';
import type { Sliced } from '../util/sliced';

export { summarizeBulk } from './bulkSummary';
export { type BulkFailures, type BulkResult, type FailedLink, inviteKey } from './linkBulk';
export type { HistoryEntry } from './linkListing';
export type { StatusChange, StoreEvent } from './storeEvents';

export class LinkStore {
  private readonly events = new StoreEmitter();
  private readonly session = new LinkSession(() => this.events.emit({ type: 'session' }));
  private readonly listing: LinkListing;
  private readonly refresher: ListingRefresh;
  private readonly bulk: BulkRunner;
  private directory = new CustomerDirectory();
  private refusals = new Map<string, ClientLinksError>();
  /** What a refresh learnt of customer names from its listing before applying it (see `prepare`). */
  private learnt: { links: readonly ClientLink[]; directory: CustomerDirectory; changed: boolean } | undefined;

  constructor(now: () => number = Date.now) {
    const emit = this.events.emit.bind(this.events);
    // Listings name customers too (the agency, and the client of a customer link).
    this.events.on((e) => {
      const active = this.session.active;
      if (e.type === 'error' && active && isCustomerRefused(e.error)) {
        this.refusals.set(active.customerId, e.error); // a saved customer that no longer works, say
      }
      if (e.type === 'links' && active) {
        this.refusals.delete(active.customerId);
      }
      if (e.type === 'links') {
        // A refresh learnt from its listing in slices before applying it (`prepare`); other listings here.
        const learnt = this.learnt;
        this.learnt = undefined;
        const changed = learnt && learnt.links === this.listing.links && learnt.directory === this.directory ? learnt.changed : this.directory.learnFromLinks(this.listing.links);
        if (changed) {
          this.events.emit({ type: 'customers' });
        }
      }
    });
    this.listing = new LinkListing(now);
    this.refresher = new ListingRefresh({ session: this.session, listing: this.listing, emit, now, prepare: (links) => this.learnBeforeApplying(links) });
    this.bulk = new BulkRunner({ session: this.session, listing: this.listing, emit, refresh: (causes) => this.refresher.run(undefined, causes), customers: () => this.directory });
  }

  /** Customer names from a listing a refresh is about to apply, in slices; its `links` event uses them. */
  private *learnBeforeApplying(links: readonly ClientLink[]): Sliced<void> {
    const directory = this.directory;
    const changed = yield* directory.learningFromLinks(links);
    this.learnt = { links, directory, changed };
  }

  onDidChange(listener: StoreListener): { dispose(): void } {
    return this.events.on(listener);
  }

  // The session.
  get hasSession(): boolean {
    return this.session.started;
  }
  get context(): CustomerContext | undefined {
    return this.session.context;
  }
  get active(): CustomerChoice | undefined {
    return this.session.active;
  }

  /** Start a session with a service; `preferredCustomerId` picks the customer when the user has several. */
  startSession(factory: ServiceFactory, preferredCustomerId?: string): void {
    this.endSession();
    this.session.begin(factory, preferredCustomerId);
    this.events.emit({ type: 'session' });
  }

  /** Forget everything (sign-out, account switch). Anything in flight is ignored when it lands. */
  endSession(): void {
    this.session.end();
    this.directory = new CustomerDirectory();
    this.refusals = new Map();
    this.refresher.reset();
    this.listing.forget();
    this.listing.lastSync = undefined;
    this.bulk.clear();
    this.events.emit({ type: 'session' });
  }

  /** GetUser, once per session (concurrent callers share the call). */
  loadUser(): Promise<CustomerContext> {
    return this.session.loadUser();
  }

  /** Customer names of this session (see CustomerDirectory): learnt from listings, and from GetCustomersInfo once loaded. */
  get customers(): CustomerDirectory {
    return this.directory;
  }

  /**
   * GetCustomersInfo, once per session (`retry`: again after a failure). Never rejects: on failure
   * names fall back to the links' own and to numbers, and `customers.loadError` says why.
   */
  async loadCustomerNames(options: { retry?: boolean } = {}): Promise<boolean> {
    const directory = this.directory;
    const generation = this.session.generation;
    let service: Awaited<ReturnType<LinkSession['service']>>;
    try {
      service = await this.session.service();
    } catch {
      return false;
    }
    const before = directory.state;
    const loaded = await directory.load(service, { signal: this.session.signal(), retry: options.retry });
    if (this.session.isCurrent(generation) && directory === this.directory && before !== directory.state) {
      this.events.emit({ type: 'customers' });
    }
    return loaded;
  }

  /** Customers whose links could not be listed in this session, and why (Select Customer shows them as unusable). */
  get refusedCustomers(): ReadonlyMap<string, ClientLinksError> {
    return this.refusals;
  }

  /**
   * Act for another of the user's customers. Its links are listed first: only when that succeeds
   * does it become the active customer (and its links the listing). On failure nothing changes (the
   * previous customer and its links stay) and the error is thrown; a refusal of the customer (106,
   * no permission) is remembered in `refusedCustomers`.
   */
  async selectCustomer(customerId: string): Promise<void> {
    const choice = await this.session.choiceFor(customerId);
    if (choice === this.session.active) {
      await this.refresh();
      return;
    }
    const generation = this.session.generation;
    let links: ClientLink[];
    try {
      links = (await listLinks(await this.session.service(), choice, { signal: this.session.signal() })).links;
    } catch (e) {
      if (this.session.isCurrent(generation) && isClientLinksError(e) && isCustomerRefused(e)) {
        this.refusals.set(customerId, e);
      }
      throw e;
    }
    if (!this.session.isCurrent(generation)) {
      return;
    }
    this.refusals.delete(customerId);
    this.session.activate(choice);
    this.listing.forget();
    this.events.emit({ type: 'session' });
    this.refresher.adopt(links);
  }

  // The listing and its refreshes.
  get links(): ClientLink[] {
    return this.listing.links;
  }
  get loaded(): boolean {
    return this.listing.loaded;
  }
  get lastSync(): number | undefined {
    return this.listing.lastSync;
  }
  get history(): ReadonlyMap<string, readonly HistoryEntry[]> {
    return this.listing.history;
  }
  /** Links that need something from the active customer (pending invitations to answer). */
  get awaitingAction(): ClientLink[] {
    return this.listing.awaitingAction(this.session.active);
  }
  get loading(): boolean {
    return this.refresher.loading;
  }
  /** The last refresh failed: `links` is the last good data. */
  get stale(): boolean {
    return this.refresher.stale;
  }
  /** The TrackingIds of the last complete listing, for a support request about a link it showed. */
  get listingTrackingIds(): readonly string[] {
    return this.refresher.trackingIds;
  }

  get lastError(): ClientLinksError | undefined {
    return this.refresher.lastError;
  }

  /**
   * Reload the links: always a full listing (the Refresh command). A refresh asked for while one
   * runs is not started in parallel: it runs once more after the current one, so the result
   * reflects everything asked before it.
   */
  refresh(signal?: AbortSignal): Promise<void> {
    return this.refresher.run(signal);
  }

  /**
   * The automatic refresh: a partial poll of the links in motion (see linkPolling.ts) between full
   * listings, a full listing when one is due (`fullListingEveryMinutes`), none has been made yet,
   * or a polled link vanished. Same queueing, failure handling and events as `refresh`.
   */
  poll(signal?: AbortSignal): Promise<void> {
    return this.refresher.run(signal, undefined, 'poll');
  }

  /** How long partial polls stand in for a full listing (`clientLinks.fullRefreshMinutes`); 0: every poll is a full listing. */
  get fullListingEveryMinutes(): number {
    return this.refresher.schedule.everyMs / 60_000;
  }
  set fullListingEveryMinutes(minutes: number) {
    this.refresher.schedule.everyMs = Math.max(0, minutes) * 60_000;
  }

  /** When the last full listing was applied (epoch ms); `lastSync` also counts partial polls. */
  get lastFullSync(): number | undefined {
    return this.refresher.schedule.lastFullAt;
  }

  /** Cancels the refresh in flight (the links shown stay, no error); false when none runs. */
  cancelRefresh(): boolean {
    return this.refresher.cancel();
  }

  // Bulk actions.
  get busy(): ReadonlySet<string> {
    return this.bulk.busy;
  }
  /** Links of the last bulk action that did not succeed but may when sent again, for "Retry failed". */
  get lastFailed(): BulkRunner['lastFailed'] {
    return this.bulk.lastFailed;
  }
  /** Every link the last bulk action did not get done, with the reason: the failure report. */
  get lastFailures(): BulkFailures | undefined {
    return this.bulk.lastFailures;
  }
  /** Why the last action failed on this link, while it still shows as it was then (see BulkRunner.failureFor). */
  failureFor(link: ClientLink): string | undefined {
    return this.bulk.failureFor(link);
  }
  isBusy(link: ClientLink): boolean {
    return this.bulk.isBusy(link);
  }

  /**
   * Runs a lifecycle action on links. Links already busy are skipped (refused), so the same link
   * is never sent twice at once. Refreshes afterwards so the tree shows what the service has.
   */
  runAction(action: LinkAction, links: readonly ClientLink[], options?: BulkOptions): Promise<BulkResult> {
    return this.bulk.runAction(action, links, options);
  }

  /** Sends invitations (AddClientLinks) for the active customer. */
  invite(links: readonly ClientLink[], options?: BulkOptions): Promise<BulkResult> {
    return this.bulk.invite(links, options);
  }

  /** Re-invite expired, declined or withdrawn invitations (see BulkRunner.reinvite). */
  reinvite(links: readonly ClientLink[], options?: BulkOptions): Promise<BulkResult> {
    return this.bulk.reinvite(links, options);
  }

  /** "Retry failed": sends once more what the last bulk action did not get done (see BulkRunner.retryFailed). */
  retryFailed(options?: BulkOptions): Promise<BulkResult | undefined> {
    return this.bulk.retryFailed(options);
  }
}

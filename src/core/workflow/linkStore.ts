/**
 * The state behind the UI: who is signed in, for which customer, the last good list of links,
 * what changed since the previous refresh, and which links have an action running. It has no
 * vscode dependency so its rules (one GetUser per session, no overlapping refreshes, stale data
 * kept on failure, one outcome per link) are unit-tested directly.
 */
import { AuthError, CancelledError, type ClientLinksError, isClientLinksError } from '../errors';
import type { ClientLink, ClientLinkStatus } from '../model/clientLink';
import { clientLinkKey, linkTypeOf } from '../model/clientLink';
import { ACTIONS, type LinkAction, awaitsAction } from '../model/lifecycle';
import type { BulkProgress, ClientLinksService, LinkOutcome } from '../service/types';
import { type CustomerChoice, type CustomerContext, customerContextFrom, pickCustomer, sideOf } from './customerContext';
import { type RefusedUpdate, planUpdate } from './linkActions';
import { listLinks } from './linkDirectory';

export interface StatusChange {
  link: ClientLink;
  from: ClientLinkStatus | null | undefined;
  to: ClientLinkStatus | null | undefined;
}

export interface HistoryEntry {
  status: ClientLinkStatus | null | undefined;
  /** Epoch ms when the extension first saw this status. */
  seenAt: number;
  /** What the extension did, when the change came from one of its own actions. */
  cause?: string;
}

export type StoreEvent =
  | { type: 'session' }
  | { type: 'loading'; loading: boolean }
  | { type: 'links'; changed: StatusChange[]; added: ClientLink[]; removed: ClientLink[] }
  | { type: 'error'; error: ClientLinksError }
  | { type: 'busy'; keys: string[] };

export interface BulkResult {
  action: LinkAction | 'invite';
  outcomes: LinkOutcome[];
  refused: RefusedUpdate[];
  cancelled: boolean;
  /**
   * The session ended (sign-out, account switch) while the action ran: no call started after that,
   * calls already sent finished, and the outcomes say which links were done. The store was not touched.
   */
  sessionEnded?: boolean;
}

/** The key an invitation is deduplicated and marked busy by (invitations by number have no id yet). */
export function inviteKey(link: ClientLink): string {
  return link.ClientEntityId ? clientLinkKey(link) : `${link.ManagingCustomerId ?? '?'}:${linkTypeOf(link)}:#${(link.ClientEntityNumber ?? '?').toUpperCase()}`;
}

/** One line for the user: how many were done, failed, not attempted, refused; and why it stopped. */
export function summarizeBulk(result: BulkResult): string {
  const count = (state: LinkOutcome['state']): number => result.outcomes.filter((o) => o.state === state).length;
  const done = count('succeeded');
  const failed = count('failed');
  const notAttempted = count('notAttempted');
  const total = result.outcomes.length + result.refused.length;
  const parts = [`${done} of ${total} done`];
  if (failed) {
    parts.push(`${failed} failed`);
  }
  if (result.refused.length) {
    parts.push(`${result.refused.length} not allowed`);
  }
  if (notAttempted) {
    parts.push(`${notAttempted} not sent`);
  }
  let text = parts.join(', ');
  if (result.sessionEnded) {
    text += '. Stopped because you signed out or switched account; sign in again to see the current state';
  } else if (result.cancelled) {
    text += '. Stopped on cancel: no new call was started after it';
  }
  if (failed || notAttempted) {
    text += result.sessionEnded ? '.' : '. Use Retry Failed to send the rest.';
  } else {
    text += '.';
  }
  return text;
}

type Listener = (event: StoreEvent) => void;

const MAX_HISTORY_PER_LINK = 20;

export class LinkStore {
  private listeners = new Set<Listener>();
  private serviceFactory: (() => Promise<ClientLinksService>) | undefined;
  private userPromise: Promise<CustomerContext> | undefined;
  private refreshInFlight: Promise<void> | undefined;
  private refreshQueued = false;
  private generation = 0;
  /** Aborted by endSession: reads in flight stop, bulk actions start no new call. */
  private sessionAbort = new AbortController();

  context: CustomerContext | undefined;
  active: CustomerChoice | undefined;
  links: ClientLink[] = [];
  loaded = false;
  loading = false;
  lastSync: number | undefined;
  /** The last refresh failed: `links` is the last good data. */
  stale = false;
  lastError: ClientLinksError | undefined;
  readonly busy = new Set<string>();
  readonly history = new Map<string, HistoryEntry[]>();
  /** Links of the last bulk action that did not succeed, for "Retry failed". */
  lastFailed: { action: LinkAction | 'invite'; links: ClientLink[] } | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(event: StoreEvent): void {
    for (const l of [...this.listeners]) {
      l(event);
    }
  }

  /** Start a session with a service; `preferredCustomerId` picks the customer when the user has several. */
  startSession(factory: () => Promise<ClientLinksService>, preferredCustomerId?: string): void {
    this.endSession();
    this.serviceFactory = factory;
    this.preferredCustomerId = preferredCustomerId;
    this.emit({ type: 'session' });
  }
  private preferredCustomerId: string | undefined;

  /** Forget everything (sign-out, account switch). Anything in flight is ignored when it lands. */
  endSession(): void {
    this.generation++;
    this.sessionAbort.abort();
    this.sessionAbort = new AbortController();
    this.serviceFactory = undefined;
    this.userPromise = undefined;
    this.refreshInFlight = undefined;
    this.refreshQueued = false;
    this.context = undefined;
    this.active = undefined;
    this.links = [];
    this.loaded = false;
    this.loading = false;
    this.stale = false;
    this.lastError = undefined;
    this.lastSync = undefined;
    this.busy.clear();
    this.history.clear();
    this.lastFailed = undefined;
    this.emit({ type: 'session' });
  }

  get hasSession(): boolean {
    return this.serviceFactory !== undefined;
  }

  /** The caller's signal combined with the session's, so sign-out cancels what the session started. */
  private sessionSignal(signal?: AbortSignal): AbortSignal {
    return signal ? AbortSignal.any([signal, this.sessionAbort.signal]) : this.sessionAbort.signal;
  }

  private async service(): Promise<ClientLinksService> {
    if (!this.serviceFactory) {
      throw new CancelledError({ operation: 'Client Links' });
    }
    return this.serviceFactory();
  }

  /** GetUser, once per session (concurrent callers share the call). */
  async loadUser(): Promise<CustomerContext> {
    if (!this.userPromise) {
      const generation = this.generation;
      this.userPromise = (async () => {
        const service = await this.service();
        const result = await service.getUser(this.sessionAbort.signal);
        const context = customerContextFrom(result.value);
        if (generation === this.generation) {
          this.context = context;
          this.active = pickCustomer(context, this.preferredCustomerId) ?? pickCustomer(context);
          this.emit({ type: 'session' });
        }
        return context;
      })();
      this.userPromise.catch(() => {
        if (generation === this.generation) {
          this.userPromise = undefined; // let the next refresh try again
        }
      });
    }
    return this.userPromise;
  }

  /** Switch the active customer and reload its links. */
  async selectCustomer(customerId: string): Promise<void> {
    const context = await this.loadUser();
    const choice = pickCustomer(context, customerId);
    if (!choice) {
      throw new Error(`You have no role on customer ${customerId}.`);
    }
    this.preferredCustomerId = customerId;
    this.active = choice;
    this.links = [];
    this.loaded = false;
    this.history.clear();
    this.emit({ type: 'session' });
    await this.refresh();
  }

  /**
   * Reload the links. A refresh asked for while one runs is not started in parallel: it runs
   * once more after the current one, so the result reflects everything asked before it.
   */
  refresh(signal?: AbortSignal): Promise<void> {
    if (this.refreshInFlight) {
      this.refreshQueued = true;
      return this.refreshInFlight;
    }
    const generation = this.generation;
    const run = async (): Promise<void> => {
      do {
        this.refreshQueued = false;
        await this.refreshOnce(signal);
      } while (this.refreshQueued && !signal?.aborted && generation === this.generation);
    };
    const promise = run().finally(() => {
      if (this.refreshInFlight === promise) {
        this.refreshInFlight = undefined;
      }
    });
    this.refreshInFlight = promise;
    return promise;
  }

  private async refreshOnce(signal?: AbortSignal): Promise<void> {
    const generation = this.generation;
    this.loading = true;
    this.emit({ type: 'loading', loading: true });
    try {
      await this.loadUser();
      const active = this.active;
      if (!active) {
        throw new Error('The signed-in user has no customer roles.');
      }
      const dir = await listLinks(await this.service(), active, { signal: this.sessionSignal(signal) });
      if (generation !== this.generation) {
        return;
      }
      this.applyLinks(dir.links);
      this.stale = false;
      this.lastError = undefined;
    } catch (e) {
      if (generation !== this.generation) {
        return;
      }
      this.stale = this.loaded;
      if (isClientLinksError(e)) {
        this.lastError = e;
        this.emit({ type: 'error', error: e });
      }
      throw e;
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.emit({ type: 'loading', loading: false });
      }
    }
  }

  private applyLinks(next: ClientLink[], cause?: Map<string, string>): void {
    // The previous listing by key: kept from the last apply while `links` is still that listing.
    const before = this.byKey?.links === this.links ? this.byKey.map : new Map(this.links.map((l) => [clientLinkKey(l), l]));
    const nextByKey = new Map<string, ClientLink>();
    const changed: StatusChange[] = [];
    const added: ClientLink[] = [];
    const at = this.now();
    for (const link of next) {
      const key = clientLinkKey(link);
      nextByKey.set(key, link);
      const old = before.get(key);
      if (!old) {
        added.push(link);
        this.record(key, link.Status, at, cause?.get(key));
      } else if (old.Status !== link.Status) {
        changed.push({ link, from: old.Status, to: link.Status });
        this.record(key, link.Status, at, cause?.get(key));
      }
    }
    const removed: ClientLink[] = [];
    for (const [key, link] of before) {
      if (!nextByKey.has(key)) {
        removed.push(link);
      }
    }
    this.byKey = { links: next, map: nextByKey };
    this.links = next;
    this.loaded = true;
    this.lastSync = at;
    this.emit({ type: 'links', changed, added: this.loadedOnce ? added : [], removed });
    this.loadedOnce = true;
  }
  private loadedOnce = false;
  private byKey: { links: ClientLink[]; map: Map<string, ClientLink> } | undefined;
  private awaiting: { links: ClientLink[]; active: CustomerChoice; value: ClientLink[] } | undefined;

  private record(key: string, status: ClientLinkStatus | null | undefined, at: number, cause?: string): void {
    const list = this.history.get(key) ?? [];
    list.push({ status, seenAt: at, cause });
    if (list.length > MAX_HISTORY_PER_LINK) {
      list.splice(0, list.length - MAX_HISTORY_PER_LINK);
    }
    this.history.set(key, list);
  }

  /** Links that need something from the active customer (pending invitations to answer). */
  get awaitingAction(): ClientLink[] {
    const active = this.active;
    if (!active) {
      return [];
    }
    // Asked by the tree, the badge and the status bar after every change: computed once per listing.
    if (this.awaiting?.links !== this.links || this.awaiting.active !== active) {
      this.awaiting = { links: this.links, active, value: this.links.filter((l) => awaitsAction(l.Status, sideOf(l, active))) };
    }
    return this.awaiting.value;
  }

  isBusy(link: ClientLink): boolean {
    return this.busy.has(clientLinkKey(link));
  }

  /**
   * Runs a lifecycle action on links. Links already busy are skipped (refused), so the same link
   * is never sent twice at once. Refreshes afterwards so the tree shows what the service has.
   */
  async runAction(action: LinkAction, links: readonly ClientLink[], options: { signal?: AbortSignal; onProgress?: (p: BulkProgress) => void } = {}): Promise<BulkResult> {
    const active = this.requireActive();
    const free = links.filter((l) => !this.isBusy(l));
    const alreadyRunning: RefusedUpdate[] = links.filter((l) => this.isBusy(l)).map((link) => ({ link, reason: 'An action on this link is already running.' }));
    const plan = planUpdate(action, free, active);
    const result = await this.send(
      action,
      plan.updates.map((u) => u.payload),
      plan.updates.map((u) => u.link),
      (service, payloads, signal) => service.updateClientLinks(payloads, { ...options, signal }),
      `${ACTIONS[action].done} here`,
      options.signal,
    );
    return { ...result, refused: [...alreadyRunning, ...plan.refused] };
  }

  private requireActive(): CustomerChoice {
    const active = this.active;
    if (!active || !this.serviceFactory) {
      throw new AuthError('Not signed in, or the links are not loaded yet.', 'Sign in and load your links first.', { operation: 'Client Links' });
    }
    return active;
  }

  /**
   * "Retry failed": sends the links of the last bulk action that failed or were not attempted, once
   * more. Actions are re-planned on the links as the last refresh shows them (their status or
   * Timestamp may have changed, for example when a lost answer had in fact been applied).
   */
  async retryFailed(options: { signal?: AbortSignal; onProgress?: (p: BulkProgress) => void } = {}): Promise<BulkResult | undefined> {
    const failed = this.lastFailed;
    if (!failed) {
      return undefined;
    }
    if (failed.action === 'invite') {
      return this.invite(failed.links, options);
    }
    const current = new Map(this.links.map((l) => [clientLinkKey(l), l]));
    const resend: ClientLink[] = [];
    const changed: RefusedUpdate[] = [];
    for (const link of failed.links) {
      const now = current.get(clientLinkKey(link)) ?? link;
      if (now.Status !== link.Status) {
        // A lost answer (timeout, reset, 5xx) may hide a change the service applied: never send it again blindly.
        changed.push({ link: now, reason: `Not sent again: it is ${now.Status ?? 'unknown'} now (was ${link.Status ?? 'unknown'} when the action failed), so the service may already have applied it.` });
      } else {
        resend.push(now);
      }
    }
    const result = await this.runAction(failed.action, resend, options);
    return { ...result, refused: [...changed, ...result.refused] };
  }

  /** Sends invitations (AddClientLinks) for the active customer. */
  async invite(links: readonly ClientLink[], options: { signal?: AbortSignal; onProgress?: (p: BulkProgress) => void } = {}): Promise<BulkResult> {
    const active = this.requireActive();
    const payloads: ClientLink[] = [];
    const refused: RefusedUpdate[] = [];
    const seen = new Set<string>();
    for (const link of links) {
      const payload = { ...link, ManagingCustomerId: active.customerId };
      const key = inviteKey(payload);
      if (this.busy.has(key)) {
        refused.push({ link, reason: 'An invitation for this client is already being sent.' });
      } else if (seen.has(key)) {
        refused.push({ link, reason: 'The same client is listed twice; it is invited once.' });
      } else {
        seen.add(key);
        payloads.push(payload);
      }
    }
    const result = await this.send('invite', payloads, payloads, (service, p, signal) => service.addClientLinks(p, { ...options, signal }), 'invited here', options.signal);
    return { ...result, refused };
  }

  private async send(
    action: LinkAction | 'invite',
    payloads: ClientLink[],
    originals: ClientLink[],
    call: (service: ClientLinksService, payloads: ClientLink[], signal: AbortSignal) => Promise<LinkOutcome[]>,
    cause: string,
    signal: AbortSignal | undefined,
  ): Promise<Omit<BulkResult, 'refused'>> {
    const generation = this.generation;
    const keys = payloads.map(action === 'invite' ? inviteKey : clientLinkKey);
    for (const k of keys) {
      this.busy.add(k);
    }
    this.emit({ type: 'busy', keys });
    let outcomes: LinkOutcome[];
    try {
      outcomes = payloads.length ? await call(await this.service(), payloads, this.sessionSignal(signal)) : [];
    } finally {
      if (generation === this.generation) {
        for (const k of keys) {
          this.busy.delete(k);
        }
        this.emit({ type: 'busy', keys });
      }
    }
    const cancelled = outcomes.some((o) => o.state === 'notAttempted');
    if (generation !== this.generation) {
      // Signed out or switched account meanwhile: report, but leave the new session's state alone.
      return { action, outcomes, cancelled: true, sessionEnded: true };
    }
    const failed = outcomes.filter((o) => o.state !== 'succeeded').map((o) => originals[o.index] ?? o.link);
    this.lastFailed = failed.length ? { action, links: failed } : undefined;
    const causes = new Map(outcomes.filter((o) => o.state === 'succeeded').map((o) => [clientLinkKey(o.link), cause]));
    // Refresh after anything was sent: after successes to show them, after failures because a lost
    // answer (timeout, reset, 5xx) may hide a change the service did apply.
    if (outcomes.some((o) => o.state !== 'notAttempted')) {
      try {
        await this.refresh();
        for (const [key, text] of causes) {
          const last = this.history.get(key)?.at(-1);
          if (last && !last.cause) {
            last.cause = text;
          }
        }
      } catch {
        // The action itself succeeded; the refresh error is already reported through the store's events.
      }
    }
    return { action, outcomes, cancelled };
  }
}

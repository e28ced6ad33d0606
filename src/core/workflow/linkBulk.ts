/**
 * Bulk actions and invitations from the store: a link is never sent twice at once, what did not
 * succeed is kept for "Retry failed", and a refresh afterwards shows what the service has, with
 * what this product did recorded as the cause of the changes it made.
 */
import type { ClientLink } from '../model/clientLink';
import { clientLinkKey, linkTypeOf } from '../model/clientLink';
import { ACTIONS, type LinkAction } from '../model/lifecycle';
import type { BulkProgress, ClientLinksService, LinkOutcome } from '../service/types';
import { type RefusedUpdate, planUpdate } from './linkActions';
import type { LinkListing } from './linkListing';
import type { LinkSession } from './linkSession';
import type { StoreEvent } from './storeEvents';

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

export interface BulkOptions {
  signal?: AbortSignal;
  onProgress?: (p: BulkProgress) => void;
}

/** The key an invitation is deduplicated and marked busy by (invitations by number have no id yet). */
export function inviteKey(link: ClientLink): string {
  return link.ClientEntityId ? clientLinkKey(link) : `${link.ManagingCustomerId ?? '?'}:${linkTypeOf(link)}:#${(link.ClientEntityNumber ?? '?').toUpperCase()}`;
}

interface BulkContext {
  session: LinkSession;
  listing: LinkListing;
  /** Reload the links; `causes` (by link key) say what this product did to change them. */
  refresh(causes: ReadonlyMap<string, string>): Promise<void>;
  emit(event: StoreEvent): void;
}

export class BulkRunner {
  readonly busy = new Set<string>();
  /** Links of the last bulk action that did not succeed, for "Retry failed". */
  lastFailed: { action: LinkAction | 'invite'; links: ClientLink[] } | undefined;

  constructor(private readonly store: BulkContext) {}

  isBusy(link: ClientLink): boolean {
    return this.busy.has(clientLinkKey(link));
  }

  /** A lifecycle action on links; links with an action already running are refused. */
  async runAction(action: LinkAction, links: readonly ClientLink[], options: BulkOptions = {}): Promise<BulkResult> {
    const active = this.store.session.requireActive();
    const alreadyRunning: RefusedUpdate[] = links.filter((l) => this.isBusy(l)).map((link) => ({ link, reason: 'An action on this link is already running.' }));
    const plan = planUpdate(action, links.filter((l) => !this.isBusy(l)), active);
    const payloads = plan.updates.map((u) => u.payload);
    const result = await this.send(action, payloads, plan.updates.map((u) => u.link), (service, signal) => service.updateClientLinks(payloads, { ...options, signal }), `${ACTIONS[action].done} here`, options.signal);
    return { ...result, refused: [...alreadyRunning, ...plan.refused] };
  }

  /** Invitations (AddClientLinks) for the active customer; the same client twice is invited once. */
  async invite(links: readonly ClientLink[], options: BulkOptions = {}): Promise<BulkResult> {
    const active = this.store.session.requireActive();
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
    const result = await this.send('invite', payloads, payloads, (service, signal) => service.addClientLinks(payloads, { ...options, signal }), 'invited here', options.signal);
    return { ...result, refused };
  }

  /**
   * Sends the links of the last bulk action that failed or were not attempted once more, as the
   * last refresh shows them: a link whose status changed since is not sent again, because a lost
   * answer (timeout, reset, 5xx) may hide a change the service did apply.
   */
  async retryFailed(options: BulkOptions = {}): Promise<BulkResult | undefined> {
    const failed = this.lastFailed;
    if (!failed) {
      return undefined;
    }
    if (failed.action === 'invite') {
      return this.invite(failed.links, options);
    }
    const resend: ClientLink[] = [];
    const changed: RefusedUpdate[] = [];
    for (const link of failed.links) {
      const now = this.store.listing.current(link);
      if (now.Status !== link.Status) {
        changed.push({ link: now, reason: `Not sent again: it is ${now.Status ?? 'unknown'} now (was ${link.Status ?? 'unknown'} when the action failed), so the service may already have applied it.` });
      } else {
        resend.push(now);
      }
    }
    const result = await this.runAction(failed.action, resend, options);
    return { ...result, refused: [...changed, ...result.refused] };
  }

  clear(): void {
    this.busy.clear();
    this.lastFailed = undefined;
  }

  /**
   * The links are no longer busy and, when the call answered, what did not succeed becomes
   * `lastFailed` (a call that threw tells nothing about its links: the last failures stay).
   * Nothing changes when the session ended meanwhile.
   */
  private release(generation: number, keys: string[], answered?: { action: BulkResult['action']; outcomes: LinkOutcome[]; originals: ClientLink[] }): void {
    if (!this.store.session.isCurrent(generation)) {
      return;
    }
    for (const k of keys) {
      this.busy.delete(k);
    }
    if (answered) {
      const failed = answered.outcomes.filter((o) => o.state !== 'succeeded').map((o) => answered.originals[o.index] ?? o.link);
      this.lastFailed = failed.length ? { action: answered.action, links: failed } : undefined;
    }
    this.store.emit({ type: 'busy', keys });
  }

  private async send(
    action: LinkAction | 'invite',
    payloads: ClientLink[],
    originals: ClientLink[],
    call: (service: ClientLinksService, signal: AbortSignal) => Promise<LinkOutcome[]>,
    cause: string,
    signal: AbortSignal | undefined,
  ): Promise<Omit<BulkResult, 'refused'>> {
    const { session } = this.store;
    const generation = session.generation;
    const keys = payloads.map(action === 'invite' ? inviteKey : clientLinkKey);
    for (const k of keys) {
      this.busy.add(k);
    }
    this.store.emit({ type: 'busy', keys });
    let outcomes: LinkOutcome[];
    try {
      outcomes = payloads.length ? await call(await session.service(), session.signal(signal)) : [];
    } catch (e) {
      this.release(generation, keys);
      throw e;
    }
    this.release(generation, keys, { action, outcomes, originals });
    const cancelled = outcomes.some((o) => o.state === 'notAttempted');
    if (!session.isCurrent(generation)) {
      // Signed out or switched account meanwhile: report, but leave the new session's state alone.
      return { action, outcomes, cancelled: true, sessionEnded: true };
    }
    // Refresh after anything was sent: after successes to show them, after failures because a lost
    // answer (timeout, reset, 5xx) may hide a change the service did apply.
    if (outcomes.some((o) => o.state !== 'notAttempted')) {
      const causes = new Map(outcomes.filter((o) => o.state === 'succeeded').map((o) => [clientLinkKey(o.link), cause]));
      try {
        await this.store.refresh(causes);
      } catch {
        // The action itself succeeded; the refresh error is already reported through the store's events.
      }
    }
    return { action, outcomes, cancelled };
  }
}

/**
 * Bulk actions and invitations from the store: a link is never sent twice at once, what did not
 * succeed is kept for "Retry failed", and a refresh afterwards shows what the service has, with
 * what this product did recorded as the cause of the changes it made.
 */
import * as l10n from '@vscode/l10n';
import type { ItemFailure } from '../errors';
import type { ClientLink, ClientLinkStatus } from '../model/clientLink';
import { clientLinkKey, linkTypeOf } from '../model/clientLink';
import { ACTIONS, findStatusDefinition, SYSTEM_TRANSITIONS, type LinkAction } from '../model/lifecycle';
import type { BulkProgress, ClientLinksService, LinkOutcome } from '../service/types';
import { outcomeFailure } from './bulkSummary';
import type { CustomerNames } from './customerDirectory';
import { type RefusedUpdate, planUpdate } from './linkActions';
import type { LinkListing } from './linkListing';
import type { LinkSession } from './linkSession';
import { planReinvite } from './reinvite';
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

/** A link of the last bulk action that was not done, as it was sent, and why. */
export interface FailedLink {
  link: ClientLink;
  failure: ItemFailure;
}

/** What the last bulk action did not get done. */
export interface BulkFailures {
  action: LinkAction | 'invite';
  failures: FailedLink[];
}

/** A link in the listing marked with the failure of the last action on it, while its status is the one it had then. */
interface FailureMark {
  status: ClientLinkStatus | null | undefined;
  reason: string;
}

interface BulkContext {
  session: LinkSession;
  listing: LinkListing;
  /** Reload the links; `causes` (by link key) say what this product did to change them. */
  refresh(causes: ReadonlyMap<string, string>): Promise<void>;
  emit(event: StoreEvent): void;
  /** The session's customer names, for reasons that name the active customer. */
  customers?(): CustomerNames;
}

export class BulkRunner {
  readonly busy = new Set<string>();
  /**
   * Links of the last bulk action that were not done but may succeed when sent again, for "Retry
   * failed" (throttling, a passing service problem, a lost answer, not sent). Undefined when none.
   */
  lastFailed: { action: LinkAction | 'invite'; links: ClientLink[]; failures: FailedLink[] } | undefined;
  /** Every link the last bulk action did not get done, retryable or not: the failure report. */
  lastFailures: BulkFailures | undefined;
  /** Links in the listing the last action failed on, by key. */
  private marks = new Map<string, FailureMark>();

  constructor(private readonly store: BulkContext) {}

  isBusy(link: ClientLink): boolean {
    // Asked for every row the tree draws: no key made while nothing runs.
    return this.busy.size > 0 && this.busy.has(clientLinkKey(link));
  }

  /** A lifecycle action on links; links with an action already running are refused. */
  async runAction(action: LinkAction, links: readonly ClientLink[], options: BulkOptions = {}): Promise<BulkResult> {
    const active = this.store.session.requireActive();
    const alreadyRunning: RefusedUpdate[] = links.filter((l) => this.isBusy(l)).map((link) => ({ link, reason: l10n.t('An action on this link is already running.') }));
    const plan = planUpdate(action, links.filter((l) => !this.isBusy(l)), active, undefined, this.store.customers?.());
    const payloads = plan.updates.map((u) => u.payload);
    const result = await this.send(action, payloads, plan.updates.map((u) => u.link), (service, signal) => service.updateClientLinks(payloads, { ...options, signal }), l10n.t({ message: '{0} here', args: [ACTIONS[action].done], comment: ['what this product did: accepted here'] }), options.signal);
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
        refused.push({ link, reason: l10n.t('An invitation for this client is already being sent.') });
      } else if (seen.has(key)) {
        refused.push({ link, reason: l10n.t('The same client is listed twice; it is invited once.') });
      } else {
        seen.add(key);
        payloads.push(payload);
      }
    }
    const result = await this.send('invite', payloads, payloads, (service, signal) => service.addClientLinks(payloads, { ...options, signal }), l10n.t('invited here'), options.signal);
    return { ...result, refused };
  }

  /**
   * Re-invite: the same invitation again for links whose invitation ended without a link (see
   * reinvite.ts), through `invite` (same batching, outcomes and Retry Failed); the others are refused with their reason.
   */
  async reinvite(links: readonly ClientLink[], options: BulkOptions = {}): Promise<BulkResult> {
    const plan = planReinvite(links, this.store.session.requireActive(), this.store.customers?.());
    const result = await this.invite(plan.invitations.map((i) => i.payload), options);
    return { ...result, refused: [...plan.refused, ...result.refused] };
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
    // What cannot succeed as it is stays in the failure report after the retry.
    this.carried = (this.lastFailures?.failures ?? []).filter((f) => !f.failure.retryable);
    try {
      if (failed.action === 'invite') {
        return await this.invite(failed.links, options);
      }
      const resend: ClientLink[] = [];
      const changed: RefusedUpdate[] = [];
      for (const { link, failure } of failed.failures) {
        const now = this.store.listing.current(link);
        if (now.Status !== link.Status) {
          changed.push({ link: now, reason: notSentAgainReason(failed.action, link, now, failure) });
        } else {
          resend.push(now);
        }
      }
      const result = await this.runAction(failed.action, resend, options);
      return { ...result, refused: [...changed, ...result.refused] };
    } finally {
      this.carried = [];
    }
  }

  /** Failures of the last retried action that are not sent again (they cannot succeed as they are). */
  private carried: FailedLink[] = [];

  /**
   * Why the last action failed on this link, while the listing still shows the link as it was then
   * (a refresh that shows it changed clears the mark; so does the next action).
   */
  failureFor(link: ClientLink): string | undefined {
    if (this.marks.size === 0) {
      return undefined;
    }
    const mark = this.marks.get(clientLinkKey(link));
    return mark && mark.status === link.Status ? mark.reason : undefined;
  }

  clear(): void {
    this.busy.clear();
    this.lastFailed = undefined;
    this.lastFailures = undefined;
    this.marks.clear();
  }

  /** The links in the listing each failure is about: the link itself, or for an invitation the existing link for that client (1410). */
  private markFailures(action: LinkAction | 'invite', failures: readonly FailedLink[]): Map<string, FailureMark> {
    const marks = new Map<string, FailureMark>();
    if (action !== 'invite') {
      for (const f of failures) {
        marks.set(clientLinkKey(f.link), { status: f.link.Status, reason: f.failure.reason });
      }
      return marks;
    }
    const wanted = new Map(failures.map((f) => [inviteClientKey(f.link), f]));
    for (const link of this.store.listing.links) {
      const f = wanted.get(inviteClientKey(link)) ?? wanted.get(inviteClientKey({ ...link, ClientEntityId: undefined }));
      if (f && link.ManagingCustomerId === f.link.ManagingCustomerId) {
        marks.set(clientLinkKey(link), { status: link.Status, reason: f.failure.reason });
      }
    }
    return marks;
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
    const changed = [...keys];
    if (answered) {
      const failures: FailedLink[] = [];
      for (const o of answered.outcomes) {
        const failure = outcomeFailure(o);
        if (failure) {
          failures.push({ link: answered.originals[o.index] ?? o.link, failure });
        }
      }
      const retryable = failures.filter((f) => f.failure.retryable);
      this.lastFailed = retryable.length ? { action: answered.action, links: retryable.map((f) => f.link), failures: retryable } : undefined;
      const all = [...failures, ...this.carried];
      this.lastFailures = all.length ? { action: answered.action, failures: all } : undefined;
      // The tree redraws the links whose mark appears or goes.
      changed.push(...this.marks.keys());
      this.marks = this.markFailures(answered.action, all);
      changed.push(...this.marks.keys());
    }
    this.store.emit({ type: 'busy', keys: [...new Set(changed)] });
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
    if (session.isCurrent(generation)) {
      this.store.emit({ type: 'outcomes', action, outcomes: outcomes.map((o) => ({ link: { ...o.link, Status: (originals[o.index] ?? o.link).Status }, succeeded: o.state === 'succeeded' })) });
    }
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

/** The client an invitation is for, by id when it has one, else by number (what a 1410 points at). */
function inviteClientKey(link: ClientLink): string {
  return `${linkTypeOf(link)}:${link.ClientEntityId ?? `#${(link.ClientEntityNumber ?? '').toUpperCase()}`}`;
}

/** The statuses a link reaches when `action` is applied: the one it writes and what the service makes of it. */
function resultsOf(action: LinkAction): Set<ClientLinkStatus> {
  const def = ACTIONS[action];
  const reached = new Set<ClientLinkStatus>([def.writes]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of SYSTEM_TRANSITIONS) {
      if (reached.has(t.from) && !reached.has(t.to) && t.to !== def.from) {
        reached.add(t.to);
        grew = true;
      }
    }
  }
  return reached;
}

/**
 * Why Retry Failed does not send a link again whose status changed since the failure: it was done
 * after all (by this action, whose answer was lost, or by someone else), or it changed otherwise
 * and the action no longer applies. Never "may have been applied" where we know nothing was.
 */
export function notSentAgainReason(action: LinkAction, before: ClientLink, now: ClientLink, failure: ItemFailure): string {
  const label = (s: ClientLinkStatus | null | undefined): string => findStatusDefinition(s)?.label ?? s ?? l10n.t('unknown');
  const title = ACTIONS[action].title;
  const head = l10n.t('Not sent again: it is {0} now (was {1} when {2} failed)', label(now.Status), label(before.Status), title);
  if (now.Status && resultsOf(action).has(now.Status)) {
    return failure.mayHaveApplied
      ? l10n.t('{0}: the service applied it although its answer was lost, so it is not sent twice.', head)
      : l10n.t('{0}: someone else did it meanwhile, so it is not sent twice.', head);
  }
  return l10n.t('{0}: it changed meanwhile, so {1} no longer applies to it.', head, title);
}

/**
 * The expiry radar and the stuck-link watch: after each listing, one notification for the pending
 * invitations that have fewer than `clientLinks.expiryWarningDays` days left, and one for the links
 * stuck in a status the service should leave on its own (`clientLinks.stuckThresholdHours`). Each
 * link is announced once: what was announced is remembered in the global state, per customer, across
 * reloads. An invitation is told apart from a later one for the same client by its
 * LastModifiedDateTime, so a re-sent invitation is announced again when its turn comes.
 */
import * as vscode from 'vscode';
import { type ClientLink, clientLinkKey, linkTypeOf } from '../core/model/clientLink';
import { expires, findStatusDefinition, STUCK_WATCH_STATUSES } from '../core/model/lifecycle';
import { runSliced, type Sliced, sliceEnds } from '../core/util/sliced';
import { expiringWithinSliced, HOUR_MS, stuckLinksSliced, type ExpiringLink, type StuckLink } from '../core/workflow/linkDeadlines';
import { linkTitle } from '../core/workflow/linkFacts';
import type { LinkStore } from '../core/workflow/linkStore';
import { parseServiceDateTime } from '../core/workflow/timeFormat';
import type { Clock } from './clock';
import type { Logger } from './logger';
import { readSettings } from './settings';
import { daysText, stuckAdvice, waitedText } from './tree/deadlineText';

/** The global-state key of what was announced: customer id → notice ids. */
export const ANNOUNCED_KEY = 'clientLinks.linkWatch.announced';

type Announced = Record<string, string[]>;

export interface WatchNotices {
  expiring: ExpiringLink[];
  stuck: StuckLink[];
}

/** The id of one announcement: the kind, the link and the change it is about. */
function noticeId(kind: 'expiry' | 'stuck', link: ClientLink): string {
  return `${kind}:${clientLinkKey(link)}:${link.Status ?? ''}@${link.LastModifiedDateTime ?? ''}`;
}

/** The pending invitations expiring within the warning and the stuck links, as the settings ask. */
function* scan(links: readonly ClientLink[], now: number, settings: { expiryWarningDays: number; stuckThresholdHours: number }): Sliced<WatchNotices> {
  const expiring = settings.expiryWarningDays > 0 ? yield* expiringWithinSliced(links, now, settings.expiryWarningDays) : [];
  const stuck = settings.stuckThresholdHours > 0 ? yield* stuckLinksSliced(links, now, settings.stuckThresholdHours * HOUR_MS) : [];
  return { expiring, stuck };
}

/**
 * The ids of what the listing could announce. Only links that can be announced have ids worth
 * keeping (the id holds the status): not one string per link of 100,000.
 */
function* noticeIds(links: readonly ClientLink[]): Sliced<Set<string>> {
  const current = new Set<string>();
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    if (expires(l.Status)) {
      current.add(noticeId('expiry', l));
    }
    if (l.Status && STUCK_WATCH_STATUSES.includes(l.Status)) {
      current.add(noticeId('stuck', l));
    }
    if (sliceEnds(i)) {
      yield;
    }
  }
  return current;
}

/** Names for a sentence: "A, B and 3 more". */
function names(links: readonly ClientLink[]): string {
  const shown = links.slice(0, 3).map(linkTitle).join(', ');
  return links.length > 3 ? vscode.l10n.t('{0} and {1} more', shown, links.length - 3) : shown;
}

export class LinkWatch implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: LinkStore,
    private readonly memory: vscode.Memento,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Shows a link in the tree. */
    private readonly reveal: (link: ClientLink) => void,
  ) {
    this.subscription = store.onDidChange((e) => {
      if (e.type === 'links') {
        void this.check();
      }
    });
  }

  /** Checks one after the other, so two listings in quick succession never announce a link twice. */
  private last: Promise<unknown> = Promise.resolve();

  /** Announces what is new since the last check (each link once); returns what was announced. */
  check(): Promise<WatchNotices> {
    const next = this.last.then(
      () => this.checkNow(),
      () => this.checkNow(),
    );
    this.last = next;
    return next;
  }

  private async checkNow(): Promise<WatchNotices> {
    const active = this.store.active;
    if (!active || !this.store.loaded) {
      return { expiring: [], stuck: [] };
    }
    const settings = readSettings();
    const now = this.clock.now();
    const links = this.store.links;
    // 100,000 links are read in slices (issue 15): a listing or customer that changes meanwhile is
    // left to the check its own event queues behind this one.
    const found = await runSliced(scan(links, now, settings));
    const changed = (): boolean => this.store.active !== active || this.store.links !== links;
    if (!found || changed()) {
      return { expiring: [], stuck: [] };
    }
    const announced = { ...(this.memory.get<Announced>(ANNOUNCED_KEY) ?? {}) };
    const before = new Set(announced[active.customerId] ?? []);
    const isNew = (kind: 'expiry' | 'stuck', link: ClientLink): boolean => !before.has(noticeId(kind, link));
    const expiring = found.expiring.filter((e) => isNew('expiry', e.link));
    const stuck = found.stuck.filter((s) => isNew('stuck', s.link));
    if (expiring.length === 0 && stuck.length === 0) {
      return { expiring, stuck };
    }
    // Remembered: what is still in the listing (bounded by its size), plus what is announced now.
    const current = await runSliced(noticeIds(links));
    if (!current || changed()) {
      return { expiring: [], stuck: [] };
    }
    const kept = [...before].filter((id) => current.has(id));
    announced[active.customerId] = [...kept, ...expiring.map((e) => noticeId('expiry', e.link)), ...stuck.map((s) => noticeId('stuck', s.link))];
    if (expiring.length) {
      this.announceExpiring(expiring, settings.expiryWarningDays);
    }
    if (stuck.length) {
      this.announceStuck(stuck);
    }
    await this.memory.update(ANNOUNCED_KEY, announced);
    return { expiring, stuck };
  }

  private announceExpiring(expiring: readonly ExpiringLink[], warningDays: number): void {
    const first = expiring[0];
    if (!first) {
      return;
    }
    const agencySide = expiring.every((e) => e.link.ManagingCustomerId === this.store.active?.customerId);
    const again = expiring.length === 1 ? vscode.l10n.t('Once it has expired, Re-invite sends the same invitation again.') : vscode.l10n.t('Once they have expired, Re-invite sends the same invitations again.');
    const after = agencySide ? ` ${again}` : '';
    const message =
      expiring.length === 1
        ? vscode.l10n.t('The pending invitation for {0} expires in {1} if nobody answers it.', linkTitle(first.link), daysText(first.daysLeft)) + after
        : vscode.l10n.t('{0} pending invitations expire within {1} days if nobody answers them: {2}.', expiring.length, warningDays, names(expiring.map((e) => e.link))) + after;
    this.logger.info(message);
    const show = expiring.length === 1 ? vscode.l10n.t('Show Link') : vscode.l10n.t('Show Links');
    void vscode.window.showWarningMessage(message, show).then((choice) => {
      if (choice) {
        this.showLinks(expiring.map((e) => e.link));
      }
    });
  }

  private announceStuck(stuck: readonly StuckLink[]): void {
    const first = stuck[0];
    if (!first) {
      return;
    }
    const status = (link: ClientLink): string => findStatusDefinition(link.Status)?.label ?? link.Status ?? '';
    const head =
      stuck.length === 1
        ? vscode.l10n.t('{0} has been "{1}" for {2} without a change.', linkTitle(first.link), status(first.link), waitedText(first.forMs))
        : vscode.l10n.t('{0} links have stayed in a status the service usually leaves within hours, without a change for more than {1}: {2}.', stuck.length, waitedText(readSettings().stuckThresholdHours * HOUR_MS), names(stuck.map((s) => s.link)));
    const message = `${head} ${stuckAdvice()}`;
    this.logger.warn(message);
    const copy = vscode.l10n.t('Copy Support Details');
    const show = stuck.length === 1 ? vscode.l10n.t('Show Link') : vscode.l10n.t('Show Links');
    void vscode.window.showWarningMessage(message, copy, show).then((choice) => {
      if (choice === copy) {
        void vscode.env.clipboard.writeText(this.supportDetails(stuck.map((s) => s.link)));
      } else if (choice === show) {
        this.showLinks(stuck.map((s) => s.link));
      }
    });
  }

  /** What Microsoft support needs about stuck links: their ids, status, last change and the TrackingIds of the listing that showed them. */
  supportDetails(links: readonly ClientLink[]): string {
    const lines = links.map((l) => {
      const since = parseServiceDateTime(l.LastModifiedDateTime);
      return [
        `${linkTypeOf(l)}`,
        `ClientEntityId ${l.ClientEntityId ?? '?'}${l.ClientEntityNumber ? ` (${l.ClientEntityNumber})` : ''}`,
        `ManagingCustomerId ${l.ManagingCustomerId ?? '?'}`,
        `Status ${l.Status ?? '?'}`,
        `LastModifiedDateTime ${since === undefined ? (l.LastModifiedDateTime ?? '?') : `${new Date(since).toISOString()}`}`,
        ...(l.LastModifiedByUserId ? [`LastModifiedByUserId ${l.LastModifiedByUserId}`] : []),
      ].join(', ');
    });
    const tracking = this.store.listingTrackingIds;
    return [...lines, ...(tracking.length ? [`TrackingId (SearchClientLinks): ${tracking.join(', ')}`] : [])].join('\n');
  }

  private showLinks(links: readonly ClientLink[]): void {
    void vscode.commands.executeCommand('clientLinks.links.focus');
    const first = links[0];
    if (first) {
      this.reveal(first);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

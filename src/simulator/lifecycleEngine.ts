/**
 * Applies the service-made transitions of the lifecycle table (SYSTEM_TRANSITIONS in
 * core/model/lifecycle.ts) as simulated time passes. This module only decides WHEN each trigger
 * fires; WHICH transitions exist comes from the table.
 */
import type { ClientLinkStatus } from '../core/model/clientLink';
import { INVITATION_LIFETIME_DAYS, systemTransitionsFrom, type SystemTransition, type SystemTrigger } from '../core/model/lifecycle';
import type { Random } from './prng';
import type { StoredLink } from './state/model';
import type { SimStore } from './state/store';

export interface LifecycleTiming {
  /** LinkPending → LinkExpired. */
  invitationLifetimeMs: number;
  /** Delay of the "immediately" transitions (LinkAccepted → LinkInProgress, UnlinkRequested → UnlinkPending). */
  immediateMs: number;
  /** Billing hand-over after acceptance; Active comes at max(accept + this, StartDate). */
  billingDelayMs: number;
  /** UnlinkPending → UnlinkInProgress. */
  unlinkQueueMs: number;
  /** UnlinkInProgress → Inactive (or UnlinkFailed). */
  unlinkMs: number;
  /** UnlinkFailed → Active. */
  resumeMs: number;
  /** Chance that LinkInProgress ends in LinkFailed. */
  linkFailureRate: number;
  /** Chance that UnlinkInProgress ends in UnlinkFailed. */
  unlinkFailureRate: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Plausible service timings for a manually advanced or wall clock. */
export const REALISTIC_TIMING: LifecycleTiming = {
  invitationLifetimeMs: INVITATION_LIFETIME_DAYS * DAY,
  immediateMs: 0,
  billingDelayMs: 15 * MINUTE,
  unlinkQueueMs: 2 * MINUTE,
  unlinkMs: 10 * MINUTE,
  resumeMs: 5 * MINUTE,
  linkFailureRate: 0,
  unlinkFailureRate: 0,
};

/** Seconds-long delays for live demos (--auto-advance). */
export const AUTO_ADVANCE_TIMING: LifecycleTiming = {
  invitationLifetimeMs: INVITATION_LIFETIME_DAYS * DAY,
  immediateMs: 1_500,
  billingDelayMs: 8_000,
  unlinkQueueMs: 4_000,
  unlinkMs: 8_000,
  resumeMs: 6_000,
  linkFailureRate: 0,
  unlinkFailureRate: 0,
};

/** Triggers that are the failure alternative of another transition from the same status. */
const FAILURE_TRIGGERS: ReadonlySet<SystemTrigger> = new Set(['billingFailed', 'unlinkFailed']);

export class LifecycleEngine {
  constructor(
    private readonly store: SimStore,
    public timing: LifecycleTiming,
    private readonly random: Random,
  ) {}

  /** When `trigger` fires for a link that entered its status at `statusSinceMs`. */
  dueAt(link: StoredLink, trigger: SystemTrigger): number {
    const since = link.statusSinceMs;
    switch (trigger) {
      case 'immediately':
        return since + this.timing.immediateMs;
      case 'noActionFor30Days':
        return since + this.timing.invitationLifetimeMs;
      case 'billingDoneAndStartDateReached':
        return Math.max(since + this.timing.billingDelayMs, link.startDateMs ?? since);
      case 'billingFailed':
        return since + this.timing.billingDelayMs;
      case 'resourcesFree':
        return since + this.timing.unlinkQueueMs;
      case 'unlinkSucceeded':
      case 'unlinkFailed':
        return since + this.timing.unlinkMs;
      case 'linkResumes':
        return since + this.timing.resumeMs;
    }
  }

  private failureRate(trigger: SystemTrigger): number {
    return trigger === 'billingFailed' ? this.timing.linkFailureRate : trigger === 'unlinkFailed' ? this.timing.unlinkFailureRate : 0;
  }

  /** Applies every transition due by `nowMs` (chains included, each at its own due time). Returns how many. */
  advanceTo(nowMs: number): number {
    // Every request calls this; with thousands of moving links, a scan of all of them runs only
    // when one may be due. Until then only the links that changed status since the last call can
    // bring a due time earlier (a write of 10 links costs 10 checks, not a scan of every link).
    const moved = this.store.takeMoved();
    const applied = nowMs < this.nextDueMs ? this.advanceLinks(new Set(moved), nowMs, this.nextDueMs) : this.advanceLinks(this.store.moving, nowMs, Number.POSITIVE_INFINITY);
    this.store.takeMoved(); // seen above, including the links moved here
    return applied;
  }

  /** Applies the due transitions of `links`; the next due time becomes the earliest of `nextDue` and theirs. */
  private advanceLinks(links: ReadonlySet<StoredLink>, nowMs: number, nextDue: number): number {
    let applied = 0;
    for (const link of [...links]) {
      if (link.systemHold) {
        continue;
      }
      let next = this.nextTransition(link, nowMs);
      while (next) {
        this.store.setStatus(link, next.transition.to, next.at);
        applied++;
        next = this.nextTransition(link, nowMs);
      }
      for (const transition of systemTransitionsFrom(link.status)) {
        const at = this.dueAt(link, transition.trigger);
        if (at > nowMs && at < nextDue) {
          nextDue = at;
        }
      }
    }
    this.nextDueMs = nextDue;
    return applied;
  }
  /** The earliest due time of any moving link as of the last scan (0: scan on the next call). */
  private nextDueMs = 0;

  /** The earliest due transition for the link, rolling the dice once for failure alternatives. */
  private nextTransition(link: StoredLink, nowMs: number): { transition: SystemTransition; at: number } | undefined {
    const candidates = systemTransitionsFrom(link.status)
      .map((transition) => ({ transition, at: this.dueAt(link, transition.trigger) }))
      .filter((c) => c.at <= nowMs)
      .sort((a, b) => a.at - b.at || Number(FAILURE_TRIGGERS.has(b.transition.trigger)) - Number(FAILURE_TRIGGERS.has(a.transition.trigger)));
    for (const candidate of candidates) {
      if (!FAILURE_TRIGGERS.has(candidate.transition.trigger)) {
        return candidate;
      }
      if (link.failureRolledFor !== link.status) {
        link.failureRolledFor = link.status;
        if (this.random() < this.failureRate(candidate.transition.trigger)) {
          return candidate;
        }
      }
    }
    return undefined;
  }

  /** Statuses a link in `status` can move to on its own (for tooltips and tests). */
  static successors(status: ClientLinkStatus): ClientLinkStatus[] {
    return systemTransitionsFrom(status).map((t) => t.to);
  }
}

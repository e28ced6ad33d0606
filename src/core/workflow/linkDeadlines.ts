/**
 * The timing rules of links, in one place: when a pending invitation expires, how many days it has
 * left, which invitations expire soon, and which links are stuck in a status the service should
 * leave on its own. Pure functions; the clock (`now`, epoch ms) is always passed in.
 *
 * Which timestamp: the service does not say when an invitation was sent, only when the link was
 * last changed (LastModifiedDateTime). A pending invitation expires after 30 days without action
 * (spec §5), and its last change is the last action on it (it was sent, or its note was edited), so
 * the expiry is LastModifiedDateTime + 30 days. The same timestamp says since when a link has been
 * in its status for the stuck-link watch (a status change is a modification).
 */
import type { ClientLink } from '../model/clientLink';
import { expires, expiresAt, STUCK_WATCH_STATUSES } from '../model/lifecycle';
import { runNow, type Sliced, sliceEnds } from '../util/sliced';
import { parseServiceDateTime } from './timeFormat';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** `clientLinks.expiryWarningDays`: warn when a pending invitation has fewer days left than this. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 5;
/** `clientLinks.stuckThresholdHours`: a link in motion this long without a change is stuck. */
export const DEFAULT_STUCK_THRESHOLD_HOURS = 24;

type Timed = Pick<ClientLink, 'Status' | 'LastModifiedDateTime'>;

/** When a link expires if nobody acts (epoch ms): pending invitations only, 30 days after their last change. */
export function expiryOf(link: Timed): number | undefined {
  if (!expires(link.Status)) {
    return undefined; // no date to read
  }
  const since = parseServiceDateTime(link.LastModifiedDateTime);
  return since === undefined ? undefined : expiresAt(link.Status, since);
}

/**
 * Whole days a pending invitation has left at `now` (rounded down: 0 means less than a day, and also
 * an invitation past its date the service has not expired yet); undefined for links that do not expire.
 */
export function daysLeft(link: Timed, now: number): number | undefined {
  const expiry = expiryOf(link);
  return expiry === undefined ? undefined : wholeDaysLeft(expiry, now);
}

/** Whole days from `now` to `expiry`, rounded down, never negative: the rule of `daysLeft`. */
function wholeDaysLeft(expiry: number, now: number): number {
  return Math.max(0, Math.floor((expiry - now) / DAY_MS));
}

/** Whether an expiry (undefined: none) is less than `days` days after `now`: the rule of `expiresWithin`. */
function isWithin(expiry: number | undefined, now: number, days: number): expiry is number {
  return expiry !== undefined && expiry - now < days * DAY_MS;
}

/** A pending invitation and when it expires. */
export interface ExpiringLink<L extends Timed = ClientLink> {
  link: L;
  /** Epoch ms. */
  expiresAt: number;
  /** As `daysLeft`: whole days, rounded down, never negative. */
  daysLeft: number;
}

/** Whether a pending invitation expires less than `days` days after `now` (or is already past its date). */
export function expiresWithin(link: Timed, now: number, days: number): boolean {
  return isWithin(expiryOf(link), now, days);
}

/** The pending invitations that expire less than `days` days after `now`, the one that expires first first. */
export function expiringWithin<L extends Timed>(links: readonly L[], now: number, days: number): ExpiringLink<L>[] {
  return runNow(expiringWithinSliced(links, now, days));
}

/** `expiringWithin` in slices (100,000 links: the watch after each listing, issue 15). */
export function* expiringWithinSliced<L extends Timed>(links: readonly L[], now: number, days: number): Sliced<ExpiringLink<L>[]> {
  const out: ExpiringLink<L>[] = [];
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    const expiry = expiryOf(link);
    if (isWithin(expiry, now, days)) {
      out.push({ link, expiresAt: expiry, daysLeft: wholeDaysLeft(expiry, now) });
    }
    if (sliceEnds(i)) {
      yield;
    }
  }
  return out.sort((a, b) => a.expiresAt - b.expiresAt);
}

type Watched = Timed & Pick<ClientLink, 'StartDate'>;

/**
 * Since when a link has been waiting on the service in a watched status (epoch ms), or undefined
 * when it is not in one. A link in progress waits for its start date by design: until the start
 * date it is not waiting on anyone, so the wait counts from the later of its last change and its start date.
 */
export function waitingSince(link: Watched): number | undefined {
  if (!link.Status || !STUCK_WATCH_STATUSES.includes(link.Status)) {
    return undefined;
  }
  const modified = parseServiceDateTime(link.LastModifiedDateTime);
  if (modified === undefined) {
    return undefined;
  }
  const start = link.Status === 'LinkInProgress' ? parseServiceDateTime(link.StartDate) : undefined;
  return start !== undefined && start > modified ? start : modified;
}

/** Whether a link has been in a status the service should leave on its own for at least `thresholdMs` at `now`. */
export function isStuck(link: Watched, now: number, thresholdMs: number): boolean {
  return hasWaited(waitingSince(link), now, thresholdMs);
}

/** Whether a wait that began at `since` (undefined: no wait) has lasted `thresholdMs` at `now`: the rule of `isStuck`. */
function hasWaited(since: number | undefined, now: number, thresholdMs: number): since is number {
  return since !== undefined && now - since >= thresholdMs;
}

/** A stuck link and since when it has waited. */
export interface StuckLink<L extends Watched = ClientLink> {
  link: L;
  /** Epoch ms. */
  since: number;
  /** How long it has waited at `now`, ms. */
  forMs: number;
}

/** The stuck links at `now`, the one waiting longest first. */
export function stuckLinks<L extends Watched>(links: readonly L[], now: number, thresholdMs: number): StuckLink<L>[] {
  return runNow(stuckLinksSliced(links, now, thresholdMs));
}

/** `stuckLinks` in slices. */
export function* stuckLinksSliced<L extends Watched>(links: readonly L[], now: number, thresholdMs: number): Sliced<StuckLink<L>[]> {
  const out: StuckLink<L>[] = [];
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    const since = waitingSince(link);
    if (hasWaited(since, now, thresholdMs)) {
      out.push({ link, since, forMs: now - since });
    }
    if (sliceEnds(i)) {
      yield;
    }
  }
  return out.sort((a, b) => a.since - b.since);
}

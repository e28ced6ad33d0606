/** What the overview page is built from: the store's listing and names, the settings, the timing rules and the history. */
import { expiresAt, findStatusDefinition } from '../../core/model/lifecycle';
import type { LinkStore } from '../../core/workflow/linkStore';
import type { OverviewChange, OverviewSources } from '../../core/workflow/overviewModel';
import { parseServiceDateTime } from '../../core/workflow/timeFormat';

export const OVERVIEW_EXPIRING_DAYS = 7;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function overviewSources(store: LinkStore, now: number, stuckHours: number): OverviewSources {
  const links = store.links;
  const expiring: { link: (typeof links)[number]; expiresAt: number }[] = [];
  const stuck: { link: (typeof links)[number]; since: number }[] = [];
  for (const link of links) {
    const since = parseServiceDateTime(link.LastModifiedDateTime);
    if (since === undefined) {
      continue;
    }
    const expires = expiresAt(link.Status, since);
    if (expires !== undefined && expires > now && expires - now <= OVERVIEW_EXPIRING_DAYS * DAY_MS) {
      expiring.push({ link, expiresAt: expires });
    }
    if (findStatusDefinition(link.Status)?.transitional && now - since > stuckHours * HOUR_MS) {
      stuck.push({ link, since });
    }
  }
  expiring.sort((a, b) => a.expiresAt - b.expiresAt);
  stuck.sort((a, b) => a.since - b.since);
  const activity: OverviewChange[] = [];
  for (const [key, entries] of store.history) {
    let from: string | undefined;
    for (const entry of entries) {
      // The first sight of a link is no change (every link is "new" when the window first lists it).
      if (entry.status && (from !== undefined || entry.cause !== undefined)) {
        activity.push({ key, from, to: entry.status, at: entry.seenAt, ours: entry.cause !== undefined });
      }
      from = entry.status ?? undefined;
    }
  }
  activity.sort((a, b) => b.at - a.at);
  const active = store.active;
  return {
    links,
    customerName: active ? store.customers.nameOf(active.customerId) : undefined,
    listedAt: store.lastSync,
    expiringDays: OVERVIEW_EXPIRING_DAYS,
    expiring,
    stuckHours,
    stuck,
    activity,
  };
}


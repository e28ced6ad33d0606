/** What the overview page is built from: the store's listing and names, the timing rules (linkDeadlines) and the link history (the journal). */
import { clientLinkKey } from '../../core/model/clientLink';
import { expiringWithin, HOUR_MS, stuckLinks } from '../../core/workflow/linkDeadlines';
import type { JournalEntry } from '../../core/workflow/linkJournal';
import type { LinkStore } from '../../core/workflow/linkStore';
import { OVERVIEW_LIST_LIMIT, type OverviewChange, type OverviewSources } from '../../core/workflow/overviewModel';

/** The overview lists the invitations that expire within this many days. */
export const OVERVIEW_EXPIRING_DAYS = 7;

function changeOf(entry: JournalEntry): OverviewChange | undefined {
  if (!entry.to) {
    return undefined;
  }
  return {
    key: clientLinkKey(entry),
    name: entry.ClientEntityName,
    from: entry.from ?? undefined,
    to: entry.to,
    at: Date.parse(entry.seenAt),
    ours: entry.ownAction !== undefined,
  };
}

export function overviewSources(store: LinkStore, now: number, stuckHours: number, recent: (limit: number) => readonly JournalEntry[]): OverviewSources {
  const links = store.links;
  const active = store.active;
  return {
    links,
    customerName: active ? store.customers.nameOf(active.customerId) : undefined,
    listedAt: store.lastSync,
    expiringDays: OVERVIEW_EXPIRING_DAYS,
    expiring: expiringWithin(links, now, OVERVIEW_EXPIRING_DAYS),
    stuckHours,
    // 0 turns the stuck-link watch off (the setting): the page then lists none either.
    stuck: stuckHours > 0 ? stuckLinks(links, now, stuckHours * HOUR_MS) : [],
    activity: recent(OVERVIEW_LIST_LIMIT)
      .map(changeOf)
      .filter((c): c is OverviewChange => c !== undefined),
  };
}

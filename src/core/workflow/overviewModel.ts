/**
 * What the Client Links Overview page shows, as data (no vscode, no HTML, no sentences): the links
 * counted by status in lifecycle order, the invitations that expire soon, the links that look stuck
 * and the latest changes from the link history. Each front end renders it in its own words; the
 * extension's page is `src/extension/overview/overviewHtml.ts`.
 */
import * as l10n from '@vscode/l10n';
import { clientLinkKey, type ClientLink } from '../model/clientLink';
import { findStatusDefinition } from '../model/lifecycle';
import { type StatusCount, statusCounts } from './grouping';
import { linkTitle } from './linkFacts';

export { statusCounts } from './grouping';

/** A link the page lists: enough to name it and to reveal it in the tree. */
export interface OverviewLink {
  /** `clientLinkKey` of the link: what a click asks the extension to reveal. */
  readonly key: string;
  readonly name: string;
  readonly status: string;
  readonly statusLabel: string;
}

export interface OverviewExpiring extends OverviewLink {
  /** When the service expires the invitation (epoch ms). */
  readonly expiresAt: number;
}

export interface OverviewStuck extends OverviewLink {
  /** Since when the link has been in its status (its LastModifiedDateTime, epoch ms). */
  readonly since: number;
}

export interface OverviewActivity {
  /** The link's key; the link may no longer be listed (then the page does not offer to reveal it). */
  readonly key: string;
  readonly name: string;
  readonly from?: string;
  readonly to: string;
  readonly toLabel: string;
  /** When the change was seen (epoch ms). */
  readonly at: number;
  /** The change was this product's own action. */
  readonly ours: boolean;
  /** The link is in the current listing (can be revealed). */
  readonly listed: boolean;
}

export interface OverviewModel {
  /** Whose links these are, when known (the active customer's name). */
  readonly customerName?: string;
  readonly total: number;
  readonly statuses: readonly StatusCount[];
  /** The window `expiring` covers, in days. */
  readonly expiringDays: number;
  readonly expiring: readonly OverviewExpiring[];
  readonly stuckHours: number;
  readonly stuck: readonly OverviewStuck[];
  readonly activity: readonly OverviewActivity[];
  /** When the links were last listed (epoch ms), if ever. */
  readonly listedAt?: number;
}

/** A change from the link history, as the overview needs it. */
export interface OverviewChange {
  readonly key: string;
  readonly name?: string;
  readonly from?: string;
  readonly to: string;
  readonly at: number;
  readonly ours: boolean;
}

export interface OverviewSources {
  readonly links: readonly ClientLink[];
  readonly customerName?: string;
  readonly listedAt?: number;
  readonly expiringDays: number;
  /** Invitations expiring within `expiringDays`, soonest first, with their expiry time. */
  readonly expiring: readonly { link: ClientLink; expiresAt: number }[];
  readonly stuckHours: number;
  /** Links stuck in a transitional status, longest first, with the time they entered it. */
  readonly stuck: readonly { link: ClientLink; since: number }[];
  /** Recent changes, newest first. */
  readonly activity: readonly OverviewChange[];
  /** How many items each list shows at most. */
  readonly limit?: number;
}

export const OVERVIEW_LIST_LIMIT = 50;

function statusLabel(status: string | null | undefined): string {
  return findStatusDefinition(status)?.label ?? (status || l10n.t('Unknown status'));
}

function overviewLink(link: ClientLink): OverviewLink {
  return { key: clientLinkKey(link), name: linkTitle(link), status: link.Status ?? 'Unknown', statusLabel: statusLabel(link.Status) };
}

/** The overview from its sources (each list cut at `limit`, default OVERVIEW_LIST_LIMIT). */
export function overviewModel(sources: OverviewSources): OverviewModel {
  const limit = sources.limit ?? OVERVIEW_LIST_LIMIT;
  const listed = new Map(sources.links.map((l) => [clientLinkKey(l), l]));
  return {
    customerName: sources.customerName,
    total: sources.links.length,
    statuses: statusCounts(sources.links),
    expiringDays: sources.expiringDays,
    expiring: sources.expiring.slice(0, limit).map(({ link, expiresAt }) => ({ ...overviewLink(link), expiresAt })),
    stuckHours: sources.stuckHours,
    stuck: sources.stuck.slice(0, limit).map(({ link, since }) => ({ ...overviewLink(link), since })),
    activity: sources.activity.slice(0, limit).map((change) => {
      const link = listed.get(change.key);
      return {
        key: change.key,
        name: change.name ?? (link ? linkTitle(link) : change.key),
        from: change.from,
        to: change.to,
        toLabel: statusLabel(change.to),
        at: change.at,
        ours: change.ours,
        listed: link !== undefined,
      };
    }),
    listedAt: sources.listedAt,
  };
}

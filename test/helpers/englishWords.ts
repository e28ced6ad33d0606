/**
 * The English sentences of the link tooltip and the Link Details page, for tests that render them
 * without VS Code (the extension passes the same sentences through vscode.l10n).
 */
import type { DetailsPageWords } from '../../src/extension/details/linkDetailsHtml';
import type { LinkTooltipWords } from '../../src/extension/tree/linkTooltip';
import type { OverviewPageWords } from '../../src/extension/overview/overviewHtml';

export const ENGLISH_TOOLTIP_WORDS: LinkTooltipWords = {
  expires: (time) => `Expires ${time} if nobody acts.`,
  lastModified: (time, by) => (by ? `Last modified ${time} by ${by}.` : `Last modified ${time}.`),
  field: 'Field',
  value: 'Value',
};

export const ENGLISH_DETAILS_WORDS: DetailsPageWords = {
  language: 'en',
  expires: ENGLISH_TOOLTIP_WORDS.expires,
  lastModified: ENGLISH_TOOLTIP_WORDS.lastModified,
  copy: 'Copy',
  copyField: (label) => `Copy ${label}`,
  historyHeading: 'History',
  noHistory: 'No change recorded yet: changes are recorded from the first time the links are listed on this computer.',
  hint: 'Times are local; hover a time for UTC. Select any value to copy it.',
  gone: 'This link is no longer in the list: it may belong to another customer, or you signed out. Refresh the Client Links view, then open the link again.',
};

export const ENGLISH_OVERVIEW_WORDS: OverviewPageWords = {
  language: 'en',
  title: (customer) => (customer ? `Client Links Overview: ${customer}` : 'Client Links Overview'),
  listed: (time) => `Listed ${time}.`,
  notListed: 'Links not listed yet.',
  statusHeading: 'Links by status',
  linkCount: (n) => (n === 1 ? '(1 link)' : `(${n.toLocaleString('en')} links)`),
  noLinks: 'No client links yet.',
  expiringHeading: (days) => (days === 1 ? 'Invitations expiring in the next day' : `Invitations expiring in the next ${days} days`),
  noExpiring: 'No invitation expires in that time.',
  expiringItem: (name, time) => `${name} expires ${time}`,
  stuckHeading: (hours) => (hours === 1 ? 'Stuck for more than an hour' : `Stuck for more than ${hours} hours`),
  noStuck: 'No link is stuck.',
  stuckOffHeading: 'Stuck links',
  stuckOff: 'The stuck-link watch is off: set clientLinks.stuckThresholdHours to the hours after which a link counts as stuck.',
  stuckItem: (name, status, time) => `${name}: ${status} since ${time}`,
  activityHeading: 'Recent activity',
  noActivity: 'No change recorded yet.',
  activityItem: (name, status, time, ours) => (ours ? `${name} became ${status} (your action) ${time}` : `${name} became ${status} ${time}`),
  reveal: (name) => `Reveal ${name} in the Client Links view`,
};

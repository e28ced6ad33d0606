/**
 * The English sentences of the link tooltip and the Link Details page, for tests that render them
 * without VS Code (the extension passes the same sentences through vscode.l10n).
 */
import type { DetailsPageWords } from '../../src/extension/details/linkDetailsHtml';
import type { LinkTooltipWords } from '../../src/extension/tree/linkTooltip';

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
  historyHeading: 'History seen by this extension',
  noHistory: 'No change seen since this window loaded the links.',
  hint: 'Times are local; hover a time for UTC. Select any value to copy it.',
  gone: 'This link is no longer in the list: it may belong to another customer, or you signed out. Refresh the Client Links view, then open the link again.',
};

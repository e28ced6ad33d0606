/**
 * Link Details' history section from the link journal (issue 14 item 2): each change says from →
 * to in the user's words, a new link says "new", what this product did is beside it, and the
 * service's text is escaped.
 */
import * as assert from 'node:assert/strict';
import { linkFacts } from '../../../src/core/workflow/linkFacts';
import { TimeFormatter } from '../../../src/core/workflow/timeFormat';
import { linkDetailsHtml } from '../../../src/extension/details/linkDetailsHtml';
import { ENGLISH_DETAILS_WORDS } from '../../helpers/englishWords';

const times = new TimeFormatter({ locale: 'en-GB', timeZone: 'UTC', now: () => Date.UTC(2026, 11, 2, 12) });

describe('Link Details history from the journal', () => {
  it('shows from → to with labels, "new" for a link that appeared, and the cause', () => {
    const facts = linkFacts({
      link: { Type: 'AccountLink', ClientEntityId: '1', ClientEntityName: 'A <b>', ManagingCustomerId: '2', Status: 'Active' },
      times,
      history: [
        { status: 'LinkPending', from: null, seenAt: Date.UTC(2026, 11, 1, 9), cause: 'your action: Invite' },
        { status: 'Active', from: 'LinkPending', seenAt: Date.UTC(2026, 11, 2, 9) },
      ],
    });
    assert.deepEqual(
      facts.history.map((h) => [h.from, h.status, h.cause]),
      [
        ['new', 'Pending invitation', 'your action: Invite'],
        ['Pending invitation', 'Active', undefined],
      ],
    );
    const html = linkDetailsHtml(facts, 'NONCE', ENGLISH_DETAILS_WORDS);
    assert.match(html, /<h2>History<\/h2>\s*<ol><li><time[^>]*>[^<]+<\/time>: new → Pending invitation <span class="muted">\(your action: Invite\)<\/span><\/li><li><time[^>]*>[^<]+<\/time>: Pending invitation → Active<\/li><\/ol>/);
    assert.doesNotMatch(html, /<b>/);
  });

  it('what only this window saw (no "from") reads as before, and no history says when recording starts', () => {
    const link = { Type: 'AccountLink', ClientEntityId: '1', ManagingCustomerId: '2', Status: 'Active' as const };
    const seen = linkDetailsHtml(linkFacts({ link, times, history: [{ status: 'Active', seenAt: Date.UTC(2026, 11, 2, 9) }] }), 'N', ENGLISH_DETAILS_WORDS);
    assert.match(seen, /<\/time>: Active<\/li>/);
    assert.match(linkDetailsHtml(linkFacts({ link, times }), 'N', ENGLISH_DETAILS_WORDS), /No change recorded yet/);
  });
});

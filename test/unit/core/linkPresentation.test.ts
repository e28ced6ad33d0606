/**
 * Issue 12, items 5, 17, 18 and the agency additions, in plain Node: how times are shown (local,
 * UTC on hover, age), who changed a link (names where known), the order of links (name, last
 * modified, expiry), pending invitations split by side, which actions apply to a mixed selection,
 * the details page (CSP, escaping, copy buttons) and the tooltip, and when a row opens its details.
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import type { CustomerChoice } from '../../../src/core/workflow/customerContext';
import { groupLinks } from '../../../src/core/workflow/grouping';
import { actionNotApplicableReason, actionsForSelection, noActionReason, selectionActionLabel } from '../../../src/core/workflow/linkActions';
import { linkFacts, linksAsText, userLabel } from '../../../src/core/workflow/linkFacts';
import { expiryOf } from '../../../src/core/workflow/linkDeadlines';
import { sortLinks } from '../../../src/core/workflow/linkSort';
import { parseServiceDateTime, TimeFormatter } from '../../../src/core/workflow/timeFormat';
import { contentSecurityPolicy, escapeHtml, isCopyMessage, linkDetailsHtml } from '../../../src/extension/details/linkDetailsHtml';
import { LinkOpenGesture } from '../../../src/extension/tree/linkOpenGesture';
import { linkTooltipMarkdown } from '../../../src/extension/tree/linkTooltip';
import { ENGLISH_DETAILS_WORDS, ENGLISH_TOOLTIP_WORDS } from '../../helpers/englishWords';

const AGENCY = '251000123';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0); // 2026-01-01 12:00 UTC
const DAY = 86_400_000;

const agency: CustomerChoice = { customerId: AGENCY, roleId: 41, roleName: 'Super Admin', accountIds: [], viaCustomerLink: null, canManageLinks: true };
const viewer: CustomerChoice = { ...agency, roleId: 100, roleName: 'Viewer', canManageLinks: false };

const link = (over: Partial<ClientLink>): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: '180012345',
  ClientEntityNumber: 'F120ABCD',
  ClientEntityName: 'Fabrikam Shoes',
  ManagingCustomerId: AGENCY,
  ManagingCustomerName: 'Contoso Agency',
  Status: 'LinkPending',
  LastModifiedDateTime: '2025-12-29T21:44:11.517',
  LastModifiedByUserId: '171234567',
  ...over,
});

/** Tokyo (UTC+9, no daylight saving) in British English: exact expectations whatever the machine's zone. */
const times = new TimeFormatter({ locale: 'en-GB', timeZone: 'Asia/Tokyo', now: () => NOW });

describe('time formatting (one home: core/workflow/timeFormat)', () => {
  it('reads v13 dateTimes without a zone as UTC, and refuses what is not a dateTime', () => {
    assert.equal(parseServiceDateTime('2025-12-29T21:44:11.517'), Date.UTC(2025, 11, 29, 21, 44, 11, 517));
    assert.equal(parseServiceDateTime('2025-12-29T21:44:11Z'), Date.UTC(2025, 11, 29, 21, 44, 11));
    assert.equal(parseServiceDateTime('2025-12-29T21:44:11+01:00'), Date.UTC(2025, 11, 29, 20, 44, 11));
    assert.equal(parseServiceDateTime('not a date'), undefined);
    assert.equal(parseServiceDateTime(''), undefined);
    assert.equal(parseServiceDateTime(null), undefined);
  });

  it('shows local time in the given zone and locale, UTC to the second, no milliseconds', () => {
    const ms = Date.UTC(2025, 11, 29, 21, 44, 11, 517);
    assert.equal(times.local(ms), '30 Dec 2025, 06:44'); // Tokyo is 9 hours ahead: the next morning
    assert.equal(times.utc(ms), '2025-12-29 21:44:11 UTC');
    const us = new TimeFormatter({ locale: 'en-US', timeZone: 'America/Los_Angeles', now: () => NOW });
    assert.equal(us.local(ms), 'Dec 29, 2025, 1:44 PM');
  });

  it('says how old a time is in words', () => {
    assert.equal(times.relative(NOW - 20_000), 'just now');
    assert.equal(times.relative(NOW - 5 * 60_000), '5 minutes ago');
    assert.equal(times.relative(NOW - 3 * 3_600_000), '3 hours ago');
    assert.equal(times.relative(NOW - DAY), 'yesterday');
    assert.equal(times.relative(NOW - 3 * DAY), '3 days ago');
    assert.equal(times.relative(NOW + 12 * DAY), 'in 12 days');
    assert.equal(times.relative(NOW - 90 * DAY), '3 months ago');
    assert.equal(times.relative(NOW - 800 * DAY), '2 years ago');
  });

  it('shows a UTC calendar date (Start date) as that day in every zone', () => {
    const midnight = Date.UTC(2026, 8, 1);
    const west = new TimeFormatter({ locale: 'en-GB', timeZone: 'America/Los_Angeles' });
    assert.match(west.utcCalendarDate(midnight), /^1 Sept? 2026$/);
    assert.equal(west.localDate(midnight), '31 Aug 2026', 'the same instant is still 31 August in Los Angeles');
  });
});

describe('names where known', () => {
  it('names the signed-in user, and anyone else by id', () => {
    assert.equal(userLabel('171234567', { id: '171234567', name: 'Avery Howard' }), 'Avery Howard (you)');
    assert.equal(userLabel('172000002', { id: '171234567', name: 'Avery Howard' }), 'user 172000002');
    assert.equal(userLabel('172000002'), 'user 172000002');
  });
});

describe('sorting links (name, last modified, expiry)', () => {
  const a = link({ ClientEntityId: '1', ClientEntityName: 'Alpha', LastModifiedDateTime: '2025-12-01T00:00:00', Status: 'LinkPending' });
  const b = link({ ClientEntityId: '2', ClientEntityName: 'Bravo', LastModifiedDateTime: '2025-12-20T00:00:00', Status: 'Active' });
  const c = link({ ClientEntityId: '3', ClientEntityName: 'Charlie', LastModifiedDateTime: '2025-11-25T00:00:00', Status: 'LinkPending' });
  const d = link({ ClientEntityId: '4', ClientEntityName: 'Delta', LastModifiedDateTime: undefined, Status: 'LinkPending' });

  it('expiry is 30 days after a pending invitation was sent; other statuses never expire', () => {
    assert.equal(expiryOf(a), Date.UTC(2025, 11, 31));
    assert.equal(expiryOf(b), undefined);
    assert.equal(expiryOf(d), undefined);
  });

  it('orders by name, by newest change, or by soonest expiry (links without the key last, by name)', () => {
    const names = (links: ClientLink[]): string[] => links.map((l) => l.ClientEntityName ?? '');
    assert.deepEqual(names(sortLinks([d, c, b, a], 'name')), ['Alpha', 'Bravo', 'Charlie', 'Delta']);
    assert.deepEqual(names(sortLinks([d, c, a, b], 'lastModified')), ['Bravo', 'Alpha', 'Charlie', 'Delta']);
    assert.deepEqual(names(sortLinks([d, b, a, c], 'expiry')), ['Charlie', 'Alpha', 'Bravo', 'Delta']);
  });

  it('groups keep the chosen order inside each group', () => {
    const groups = groupLinks([a, b, c, d], 'status', { sortBy: 'expiry' });
    assert.deepEqual(groups.find((g) => g.status === 'LinkPending')?.links.map((l) => l.ClientEntityName), ['Charlie', 'Alpha', 'Delta']);
    assert.deepEqual(groupLinks([a, b, c, d], 'none', { sortBy: 'lastModified' })[0]?.links.map((l) => l.ClientEntityName), ['Bravo', 'Alpha', 'Charlie', 'Delta']);
  });
});

describe('a customer that is both agency and client', () => {
  const sent = link({ ClientEntityId: '10', ClientEntityName: 'Sent One' });
  const received = link({ ClientEntityId: '11', ClientEntityName: 'Invite To Us', ManagingCustomerId: '259999999', ManagingCustomerName: 'Parent Agency' });
  const active = link({ ClientEntityId: '12', Status: 'Active' });

  it('sees pending invitations split: awaiting your answer first, then sent by you', () => {
    const groups = groupLinks([sent, received, active], 'status', { active: agency });
    assert.deepEqual(
      groups.map((g) => [g.id, g.label, g.links.map((l) => l.ClientEntityId)]),
      [
        ['status:LinkPending:awaiting', 'Pending: awaiting your answer', ['11']],
        ['status:LinkPending:sent', 'Pending: sent by you', ['10']],
        ['status:Active', 'Active', ['12']],
      ],
    );
    assert.equal(groups[0]?.side, 'client');
  });

  it('an agency only, or a client only, keeps one pending group', () => {
    assert.deepEqual(groupLinks([sent, active], 'status', { active: agency }).map((g) => g.id), ['status:LinkPending', 'status:Active']);
    assert.deepEqual(groupLinks([sent, received], 'status').map((g) => g.id), ['status:LinkPending'], 'without the active customer nothing is split');
  });
});

describe('actions on a selection of links with different statuses', () => {
  const pending = [1, 2, 3].map((i) => link({ ClientEntityId: `p${i}`, ClientEntityName: `Pending ${i}` }));
  const activeLink = link({ ClientEntityId: 'a1', ClientEntityName: 'Active 1', Status: 'Active' });
  const declined = link({ ClientEntityId: 'd1', ClientEntityName: 'Declined 1', Status: 'LinkDeclined' });

  it('offers each action that applies to some of them, with those links and the count', () => {
    const choices = actionsForSelection([...pending, activeLink, declined], agency);
    assert.deepEqual(
      choices.map((c) => [c.action, c.links.map((l) => l.ClientEntityId), c.of]),
      [
        ['cancel', ['p1', 'p2', 'p3'], 5],
        ['unlink', ['a1'], 5],
      ],
    );
    assert.equal(selectionActionLabel(choices[0]!), 'Cancel invitation: 3 of 5 selected');
    assert.equal(selectionActionLabel(actionsForSelection(pending, agency)[0]!), 'Cancel invitation', 'no count when it applies to all');
  });

  it('counts a link selected twice once', () => {
    assert.equal(actionsForSelection([pending[0]!, pending[0]!, declined], agency)[0]?.of, 2);
  });

  it('says why none applies: the statuses, or the role', () => {
    assert.deepEqual(actionsForSelection([declined, link({ ClientEntityId: 'i', Status: 'Inactive' })], agency), []);
    const why = noActionReason([declined, declined, link({ ClientEntityId: 'i', Status: 'Inactive' })], agency);
    assert.match(why, /^None of the 2 selected links has an action you can take \(1 Declined, 1 Inactive \(unlinked\)\)\./);
    assert.doesNotMatch(why, /LinkDeclined|Inactive\b(?! \()/, 'no raw status names');
    assert.match(noActionReason(pending, viewer), /Your role \(Viewer\) on customer 251000123 cannot change the 3 selected links; a Super Admin can\./);
    assert.equal(actionNotApplicableReason('unlink', [declined, pending[0]!], agency), 'Request unlink does not apply to any of the 2 selected links (1 Declined, 1 Pending invitation): it ends an Active link you manage.');
  });
});

describe('the facts shown about a link (tooltip and details)', () => {
  const l = link({ Note: 'Shopping & search — "holiday" <push>', StartDate: '2026-09-01T00:00:00', IsBillToClient: true });
  const facts = linkFacts({ link: l, times, active: agency, user: { id: '171234567', name: 'Avery Howard' }, history: [{ status: 'LinkPending', seenAt: NOW - DAY, cause: 'sent by you' }] });

  it('times are local with their age, UTC for the hover; the user by name', () => {
    assert.deepEqual(facts.lastModified, { text: '30 Dec 2025, 06:44 (3 days ago)', utc: '2025-12-29 21:44:11 UTC', by: 'Avery Howard (you)' });
    assert.deepEqual(facts.expires, { text: '29 Jan 2026, 06:44 (in 27 days)', utc: '2026-01-28 21:44:11 UTC' });
    assert.equal(facts.rows.find((r) => r.field === 'LastModifiedByUserId')?.value, 'Avery Howard (you)');
    assert.equal(facts.rows.find((r) => r.field === 'Status')?.value, 'Pending invitation');
    assert.equal(facts.rows.find((r) => r.field === 'IsBillToClient')?.value, 'the client');
    assert.equal(facts.history[0]?.text, '31 Dec 2025, 21:00 (yesterday)');
  });

  it('the tooltip has no raw ISO time, no milliseconds and no bare user id', () => {
    const md = linkTooltipMarkdown(facts, ENGLISH_TOOLTIP_WORDS);
    assert.doesNotMatch(md, /\d{4}-\d{2}-\d{2}T|\.517|user 171234567/);
    assert.match(md, /Last modified 30 Dec 2025, 06:44 \\\(3 days ago\\\) by Avery Howard \\\(you\\\)/);
    assert.match(md, /Client id \| 180012345/);
    assert.match(md, /Who pays \| the client/);
  });

  it('copies links as "id<TAB>name", one per line', () => {
    assert.equal(linksAsText([l, link({ ClientEntityId: '2', ClientEntityName: 'Two\nLines' })]), '180012345\tFabrikam Shoes\n2\tTwo Lines');
  });
});

describe('the Link Details page (webview HTML)', () => {
  const evil = link({
    ClientEntityName: '<img src=x onerror=alert(1)>',
    Name: '"><script>alert(2)</script>',
    Note: "it's <b>bold</b> & co",
    InviterEmail: 'avery.howard@contoso-agency.example',
  });
  const html = linkDetailsHtml(linkFacts({ link: evil, times, active: agency, user: { id: '171234567', name: 'Avery Howard' } }), 'NONCE123', ENGLISH_DETAILS_WORDS);

  it('has a strict Content-Security-Policy: nothing but its own nonce', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, contentSecurityPolicy('NONCE123'));
    assert.match(csp ?? '', /^default-src 'none';/);
    assert.doesNotMatch(csp ?? '', /unsafe-inline|unsafe-eval|https?:|\*/);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="NONCE123">'], 'one script, nonce\'d, no src');
    assert.deepEqual(html.match(/<style[^>]*>/g), ['<style nonce="NONCE123">']);
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i, 'no inline event handlers in any tag');
    assert.doesNotMatch(html, /<[a-z][^>]*\s(?:src|href)=/i, 'no remote or local resources in any tag');
  });

  it('escapes every service string', () => {
    assert.doesNotMatch(html, /<img|<script>alert|<b>bold/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /&quot;&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
    assert.match(html, /it&#39;s &lt;b&gt;bold&lt;\/b&gt; &amp; co/);
    assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
  });

  it('values are plain text (no Markdown escapes), times local with UTC in the title, copy buttons for ids', () => {
    assert.match(html, /avery\.howard@contoso-agency\.example/);
    assert.doesNotMatch(html, /\\[.-]/, 'no backslash escapes');
    assert.match(html, /<time title="2025-12-29 21:44:11 UTC">30 Dec 2025, 06:44 \(3 days ago\)<\/time>/);
    assert.match(html, /by Avery Howard \(you\)/);
    assert.match(html, /<button class="copy" type="button" data-copy="ClientEntityId" title="Copy client id" aria-label="Copy client id">Copy<\/button>/);
    assert.match(html, /var\(--vscode-foreground\)/, 'theme colours from VS Code');
    assert.doesNotMatch(html, /#[0-9a-f]{3,6}\b/i, 'no hard-coded colours');
  });

  it('accepts only copy messages naming a field', () => {
    assert.equal(isCopyMessage({ type: 'copy', field: 'ClientEntityId' }), true);
    assert.equal(isCopyMessage({ type: 'copy', field: 3 }), false);
    assert.equal(isCopyMessage('copy'), false);
  });
});

describe('when a link row opens its details', () => {
  let now = 0;
  const opened: string[] = [];
  const gesture = new LinkOpenGesture((key) => opened.push(key), () => now);

  it('a single click only selects; a double-click opens', () => {
    now = 1000;
    assert.equal(gesture.opened('a'), false);
    now = 5000;
    assert.equal(gesture.opened('b'), false, 'a click on another link much later is a new single click');
    now = 5200;
    assert.equal(gesture.opened('b'), true, 'second open of the same link within 500 ms');
    now = 5250;
    assert.equal(gesture.opened('b'), false, "the double-click's own open event does not open it again");
    assert.deepEqual(opened, ['b']);
  });

  it('two quick clicks on different links do not open either', () => {
    now = 9000;
    gesture.opened('c');
    now = 9100;
    assert.equal(gesture.opened('d'), false);
  });

  it('Enter (announced by the keybinding) opens at once', () => {
    now = 20_000;
    gesture.expectKeyboardOpen();
    now = 20_010;
    assert.equal(gesture.opened('e'), true);
    now = 30_000;
    assert.equal(gesture.opened('f'), false, 'only the open right after Enter');
  });
});

describe('the Link Details page in another language', () => {
  const words = {
    ...ENGLISH_DETAILS_WORDS,
    language: 'de',
    expires: (time: string) => `Läuft am ${time} ab, wenn niemand handelt.`,
    lastModified: (time: string, by: string | undefined) => `Zuletzt geändert ${time}${by ? ` von ${by}` : ''}.`,
    copy: 'Kopieren',
    copyField: (label: string) => `${label} kopieren`,
  };
  const l = link({ Note: 'n' });
  const html = linkDetailsHtml(linkFacts({ link: l, times, active: agency, user: { id: '171234567', name: '<Avery & Co>' } }), 'N', words);

  it('shows the translated sentences, with the time element in its place and service text escaped', () => {
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<p>Läuft am <time title="2026-01-28 21:44:11 UTC">29 Jan 2026, 06:44 \(in 27 days\)<\/time> ab, wenn niemand handelt\.<\/p>/);
    assert.match(html, /Zuletzt geändert <time [^>]+>[^<]+<\/time> von &lt;Avery &amp; Co&gt; \(you\)\./);
    assert.match(html, /title="client id kopieren" aria-label="client id kopieren">Kopieren<\/button>/);
  });
});

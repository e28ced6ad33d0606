/**
 * The Client Links Overview: the model (counts in lifecycle order, lists cut, what can be revealed)
 * and the page (a CSP that allows only the extension's own files, no inline code or style, every
 * service string escaped, a bar whose segments add up to all links, clickable links).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clientLinkKey, type ClientLink } from '../../../src/core/model/clientLink';
import { overviewModel, statusCounts, type OverviewSources } from '../../../src/core/workflow/overviewModel';
import { TimeFormatter } from '../../../src/core/workflow/timeFormat';
import { isRevealMessage, overviewContentSecurityPolicy, overviewHtml, statusColorClass } from '../../../src/extension/overview/overviewHtml';
import { STATUS_COLOR_IDS } from '../../../src/extension/tree/statusPalette';
import { ENGLISH_OVERVIEW_WORDS } from '../../helpers/englishWords';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const DAY = 86_400_000;
const times = new TimeFormatter({ locale: 'en-GB', timeZone: 'UTC', now: () => NOW });
const assets = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/overview.css', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/overview.js' };

let next = 180000000;
const link = (over: Partial<ClientLink>): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: String(next++),
  ClientEntityName: 'Fabrikam Shoes',
  ManagingCustomerId: '251000123',
  Status: 'Active',
  LastModifiedDateTime: '2026-11-20T10:00:00',
  ...over,
});

function sources(over: Partial<OverviewSources> = {}): OverviewSources {
  return { links: [], expiringDays: 7, expiring: [], stuckHours: 24, stuck: [], activity: [], ...over };
}

describe('the overview model', () => {
  it('counts links per status in lifecycle order, unknown statuses last, empty statuses left out', () => {
    const links = [link({ Status: 'Active' }), link({ Status: 'LinkPending' }), link({ Status: 'Active' }), link({ Status: 'SomethingNew' as ClientLink['Status'] }), link({ Status: 'LinkExpired' })];
    assert.deepEqual(
      statusCounts(links).map((s) => [s.status, s.label, s.count]),
      [
        ['LinkPending', 'Pending invitation', 1],
        ['Active', 'Active', 2],
        ['LinkExpired', 'Expired', 1],
        ['Unknown', 'Unknown status', 1],
      ],
    );
  });

  it('cuts each list at the limit and says which changed links can still be revealed', () => {
    const listed = link({ ClientEntityName: 'Listed Co' });
    const many = Array.from({ length: 5 }, (_, i) => ({ link: link({ Status: 'LinkPending' }), expiresAt: NOW + i * DAY }));
    const model = overviewModel(
      sources({
        links: [listed],
        expiring: many,
        activity: [
          { key: clientLinkKey(listed), from: 'LinkPending', to: 'Active', at: NOW - 1000, ours: false },
          { key: '251000123:AccountLink:999', name: 'Gone Co', to: 'Inactive', at: NOW - 2000, ours: true },
        ],
        limit: 3,
      }),
    );
    assert.equal(model.expiring.length, 3);
    assert.deepEqual(
      model.activity.map((a) => [a.name, a.toLabel, a.listed, a.ours]),
      [
        ['Listed Co', 'Active', true, false],
        ['Gone Co', 'Inactive (unlinked)', false, true],
      ],
    );
  });
});

describe('the overview page (webview HTML)', () => {
  const evil = link({ ClientEntityName: '<img src=x onerror=alert(1)>', Status: 'LinkPending' });
  const stuck = link({ ClientEntityName: 'Stuck & Co', Status: 'LinkAccepted' });
  const links = [evil, stuck, link({}), link({}), link({ Status: 'LinkDeclined' })];
  const model = overviewModel(
    sources({
      links,
      customerName: 'Contoso "Agency"',
      listedAt: NOW - 60_000,
      expiring: [{ link: evil, expiresAt: NOW + 3 * DAY }],
      stuck: [{ link: stuck, since: NOW - 2 * DAY }],
      activity: [{ key: clientLinkKey(stuck), from: 'LinkPending', to: 'LinkAccepted', at: NOW - 2 * DAY, ours: false }],
    }),
  );
  const html = overviewHtml(model, assets, times, ENGLISH_OVERVIEW_WORDS);

  it('allows only its own stylesheet and script: no inline code, no inline style, nothing remote', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.equal(csp, overviewContentSecurityPolicy(assets.cspSource));
    assert.match(csp, /^default-src 'none';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|nonce-|\*/);
    assert.deepEqual(html.match(/<script[^>]*>[^<]*<\/script>/g), [`<script src="${assets.scriptUri}"></script>`], 'one script, from the media folder, with no inline body');
    assert.doesNotMatch(html, /<style/);
    assert.doesNotMatch(html, /\sstyle=/, 'no style attributes (the CSP would block them)');
    assert.doesNotMatch(html.replace(/"[^"]*"/g, '""'), /<[a-z][^>]*\son[a-z]+=/i, 'no inline event handlers (outside quoted, escaped values)');
    assert.doesNotMatch(html, /#[0-9a-f]{3,6}\b/i, 'no hard-coded colours');
  });

  it('escapes every service string', () => {
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /Stuck &amp; Co/);
    assert.match(html, /<h1>Client Links Overview: Contoso &quot;Agency&quot;<\/h1>/);
  });

  it('draws a status bar whose segments add up to all links, in the status colours, with a readable label', () => {
    const widths = [...html.matchAll(/<rect class="(c-[a-z]+)" x="[\d.]+" y="0" width="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])] as const);
    assert.equal(widths.length, 4, 'four statuses');
    assert.ok(Math.abs(widths.reduce((a, [, w]) => a + w, 0) - 1000) < 0.1);
    assert.deepEqual(
      widths.map(([c]) => c),
      ['c-pending', 'c-linking', 'c-active', 'c-failed'],
    );
    assert.match(html, /role="img" aria-label="Pending invitation 1, Accepted 1, Active 2, Declined 1"/);
    assert.match(html, /Links by status <span class="muted">\(5 links\)<\/span>/);
  });

  it('lists expiring, stuck and recent changes, each a button that reveals its link', () => {
    assert.match(html, new RegExp(`<button class="reveal" type="button" data-reveal="${clientLinkKey(evil)}"[^>]*>&lt;img`));
    assert.match(html, /Invitations expiring in the next 7 days[\s\S]*<\/button> expires <span class="when"><time[^>]*>in 3 days<\/time>/);
    assert.match(html, /Stuck for more than 24 hours[\s\S]*>Stuck &amp; Co<\/button>: Accepted since <span class="when"><time[^>]*>2 days ago<\/time>/);
    assert.match(html, /Recent activity<\/h2><ul class="items"><li[^>]*><button class="reveal"[^>]*>Stuck &amp; Co<\/button> became Accepted <span class="when">/);
  });

  it('says when a list is empty', () => {
    const empty = overviewHtml(overviewModel(sources()), assets, times, ENGLISH_OVERVIEW_WORDS);
    assert.match(empty, /No client links yet\./);
    assert.match(empty, /No invitation expires in that time\./);
    assert.match(empty, /No link is stuck\./);
    assert.match(empty, /No change recorded yet\./);
    assert.match(empty, /Links not listed yet\./);
    const off = overviewHtml(overviewModel(sources({ stuckHours: 0 })), assets, times, ENGLISH_OVERVIEW_WORDS);
    assert.match(off, /<h2 id="h-stuck">Stuck links<\/h2><p class="muted">The stuck-link watch is off: set clientLinks\.stuckThresholdHours/);
  });

  it('accepts only reveal messages naming a key', () => {
    assert.equal(isRevealMessage({ type: 'reveal', key: 'a:b:c' }), true);
    assert.equal(isRevealMessage({ type: 'reveal', key: 1 }), false);
    assert.equal(isRevealMessage({ type: 'copy', field: 'x' }), false);
  });

  it('has a colour class for every status colour the extension contributes, defined in media/overview.css', () => {
    const css = fs.readFileSync(path.join(__dirname, '../../../../media/overview.css'), 'utf8');
    for (const name of Object.keys(STATUS_COLOR_IDS)) {
      const id = STATUS_COLOR_IDS[name as keyof typeof STATUS_COLOR_IDS];
      // VS Code names a colour's CSS variable by replacing only the first dot (clientLinks-status.pending): CSS needs that dot escaped.
      assert.ok(css.includes(`.c-${name} { fill: var(--vscode-${id.replace('.', '-').replace(/\./g, '\\.')}); }`), `.c-${name} in overview.css`);
    }
    assert.equal(statusColorClass('LinkAccepted'), 'c-linking');
    assert.equal(statusColorClass('Nope'), 'c-unknown');
  });
});

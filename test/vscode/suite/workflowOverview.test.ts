/**
 * Issue 14 item 6, in the real extension host against the simulator: the Client Links Overview
 * (its HTML as the panel holds it) shows the simulator's links counted by status, the invitation
 * that expires tomorrow, the links stuck in a transitional status, and what changed; it follows the
 * store; a click on a link reveals it in the tree. Runs after workflow.test.ts and leaves the
 * extension signed out, with no developer token and no panel.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clientLinkKey } from '../../../src/core/model/clientLink';
import type { ClientLinksApi } from '../../../src/extension/extension';
import type { LinkNode } from '../../../src/extension/tree/linksTreeProvider';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { activateAgainst, FakeMicrosoftSignIn, linkNodes, signInAsSuperAdmin, until } from '../hostHelpers';

const AGENCY = '251000123';
const DAY = 86_400_000;

/** Status → count as the page's legend states them. */
function legend(html: string): Map<string, number> {
  return new Map([...html.matchAll(/<li data-status="([A-Za-z]+)">.*?<span class="count">([\d,]+)<\/span><\/li>/g)].map((m) => [m[1]!, Number(m[2]!.replace(/,/g, ''))]));
}

function section(html: string, id: string): string {
  return new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
}

describe('The Client Links Overview in the extension host', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');
  const html = (): string => api.overview.current?.webview.html ?? '';
  const agencyLinks = () => sim.control.state().links?.filter((l) => l.ManagingCustomerId === AGENCY) ?? [];

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    api = await activateAgainst(sim.endpoint);
    await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken);
    await signInAsSuperAdmin(api, sim, signIn, AGENCY);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('clientLinks.signOut');
    await vscode.commands.executeCommand('clientLinks.clearDeveloperToken');
    for (const key of ['endpoint', 'autoRefreshSeconds', 'notifyOnStatusChange']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    signIn.restore();
    await sim?.close();
  });

  it('opens from its command with a CSP that allows only the extension\'s media files, and counts the simulator\'s links by status', async () => {
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('clientLinks.showOverview');
    assert.ok(panel);
    assert.equal(panel.viewType, 'clientLinks.overview');
    assert.equal(panel.title, 'Client Links Overview');
    const page = html();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
    assert.equal(csp, `default-src 'none'; style-src ${panel.webview.cspSource}; script-src ${panel.webview.cspSource}; img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`);
    assert.deepEqual(panel.webview.options.localResourceRoots?.map((u) => u.path.split('/').at(-1)), ['media']);
    assert.match(page, /<h1>Client Links Overview: Contoso Agency<\/h1>/);
    const expected = new Map<string, number>();
    for (const link of agencyLinks()) {
      expected.set(String(link.Status), (expected.get(String(link.Status)) ?? 0) + 1);
    }
    assert.deepEqual(new Map([...legend(page)].sort()), new Map([...expected].sort()), 'the legend counts what the simulator holds');
  });

  it('lists the invitation that expires tomorrow and, with the watch on, the links in motion for longer than the threshold', async () => {
    let page = html();
    const tomorrow = agencyLinks().filter((l) => l.Status === 'LinkPending' && Date.parse(`${l.LastModifiedDateTime}Z`) + 30 * DAY - Date.now() < 2 * DAY);
    assert.ok(tomorrow.length >= 1, 'the demo has an invitation expiring tomorrow');
    const expiring = section(page, 'h-expiring');
    for (const link of tomorrow) {
      assert.match(expiring, new RegExp(`data-reveal="${clientLinkKey(link)}"`));
    }
    assert.match(expiring, /<time[^>]*>in (?:\d+ hours|1 day|tomorrow)<\/time>/);
    // The tests' default turns the watch off: the page says so and how to turn it on.
    assert.match(section(page, 'h-stuck'), /The stuck-link watch is off/);
    // On, two days later: every link the service is still working on has waited longer than a day.
    await config().update('stuckThresholdHours', 24, vscode.ConfigurationTarget.Global);
    const realNow = api.clock.now;
    api.clock.now = () => Date.now() + 2 * DAY;
    try {
      await vscode.commands.executeCommand('clientLinks.showOverview');
      page = html();
      const stuck = section(page, 'h-stuck');
      assert.match(stuck, /<h2 id="h-stuck">Stuck for more than 24 hours<\/h2>/);
      const inMotion = agencyLinks().filter((l) => ['LinkAccepted', 'LinkInProgress', 'UnlinkRequested', 'UnlinkPending', 'UnlinkInProgress'].includes(String(l.Status)));
      const waiting = inMotion.filter((l) => !(l.Status === 'LinkInProgress' && l.StartDate && Date.parse(`${l.StartDate}Z`) > Date.now() + DAY));
      assert.ok(waiting.length >= 5, 'the demo has links in motion');
      for (const link of waiting) {
        assert.match(stuck, new RegExp(`data-reveal="${clientLinkKey(link)}"`), `${link.ClientEntityName} (${link.Status}) is listed as stuck`);
      }
    } finally {
      api.clock.now = realNow;
      await config().update('stuckThresholdHours', 0, vscode.ConfigurationTarget.Global);
    }
  });

  it('follows the store: a canceled invitation moves between the counts and shows in the activity as your action', async () => {
    const before = legend(html());
    const pending = linkNodes(api, 'LinkPending').at(-1)!;
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] } | undefined>('clientLinks.cancel', pending, [pending]);
    assert.deepEqual(result?.outcomes.map((o) => o.state), ['succeeded']);
    await until('the overview shows the cancellation', () => legend(html()).get('LinkCanceled') === (before.get('LinkCanceled') ?? 0) + 1);
    assert.equal(legend(html()).get('LinkPending'), (before.get('LinkPending') ?? 0) - 1);
    // The history is written after the listing: the page's activity follows the journal.
    const expected = new RegExp(`data-reveal="${clientLinkKey(pending.link)}"[^>]*>[^<]+</button> became Canceled \\(your action\\) <span class="when">`);
    await until('the activity shows the cancellation as your action', () => expected.test(section(html(), 'h-activity')));
  });

  it('a click on a link reveals and selects it in the tree; a key the listing does not hold does nothing', async () => {
    const target = linkNodes(api, 'Active')[3]!;
    assert.equal(await api.overview.receive({ type: 'reveal', key: clientLinkKey(target.link) }), true);
    await until('the link is selected', () => api.tree.view.selection.length === 1);
    assert.equal(clientLinkKey((api.tree.view.selection[0] as LinkNode).link), clientLinkKey(target.link));
    assert.equal(await api.overview.receive({ type: 'reveal', key: `${AGENCY}:AccountLink:1` }), false);
    assert.equal(await api.overview.receive({ type: 'copy', field: 'ClientEntityId' }), false);
  });
});

/**
 * Polling that scales (issue 14, item 7) in the real extension host: the automatic refresh (what
 * the timer calls, `connection.refreshAutomatically`) asks only about the links in motion between
 * full listings, and a change the simulator's clock makes shows in the tree after it; Refresh is
 * a full listing; `clientLinks.fullRefreshMinutes` reaches the store.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clientLinkKey } from '../../../src/core/model/clientLink';
import type { ClientLinksApi } from '../../../src/extension/extension';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { activateAgainst, FakeMicrosoftSignIn, linkNodes, signInAsSuperAdmin, until } from '../hostHelpers';

const AGENCY = '251000123';
const MINUTE = 60_000;

describe('Client Links in the extension host: automatic refresh polls the links in motion', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');
  const lastSeq = (): number => sim.control.callLog().at(-1)?.seq ?? 0;
  const tooltipText = (): string => {
    const tooltip = api.statusBar.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  };
  const operationsSince = (seq: number): string[] => sim.control.callLog().filter((c) => c.seq > seq).map((c) => c.operation);

  before(async () => {
    // 300 links, 30 of them in motion; a manual clock, moved only by the test.
    sim = await startSimulator({ seed: 'scale:300,moving:30' });
    signIn.install();
    api = await activateAgainst(sim.endpoint);
    await vscode.commands.executeCommand('clientLinks.signOut');
    await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken);
    await signInAsSuperAdmin(api, sim, signIn, AGENCY);
  });

  after(async () => {
    await vscode.commands.executeCommand('clientLinks.signOut');
    await config().update('fullRefreshMinutes', undefined, vscode.ConfigurationTarget.Global);
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    signIn.restore();
    await sim?.close();
  });

  it('clientLinks.fullRefreshMinutes reaches the store (default 30)', async () => {
    assert.equal(api.store.fullListingEveryMinutes, 30);
    await config().update('fullRefreshMinutes', 45, vscode.ConfigurationTarget.Global);
    await until('the store takes the new interval', () => api.store.fullListingEveryMinutes === 45);
  });

  it('an automatic refresh between full listings asks only about the links in motion and shows what the clock changed', async () => {
    const before = new Map(api.store.links.map((l) => [clientLinkKey(l), l.Status]));
    assert.ok(sim.control.advanceClock(20 * MINUTE) > 0, 'the simulator moved links on');
    const truth = new Map((sim.control.state().links ?? []).filter((l) => l.ManagingCustomerId === AGENCY).map((l) => [clientLinkKey(l), l]));
    const moved = [...truth.values()].filter((l) => before.has(clientLinkKey(l)) && before.get(clientLinkKey(l)) !== l.Status);
    assert.ok(moved.length > 0);

    const start = lastSeq();
    assert.equal(await api.connection.refreshAutomatically(), true);
    const ops = operationsSince(start);
    assert.ok(ops.length > 0 && ops.every((o) => o === 'SearchClientLinks'), `only searches by In: ${ops.join(', ')}`);
    assert.ok(ops.length <= 3, `30 links in motion at most: 3 calls, not a listing of 300 (${ops.length})`);

    for (const link of moved) {
      const node = linkNodes(api, link.Status ?? '').find((n) => clientLinkKey(n.link) === clientLinkKey(link));
      assert.ok(node, `${link.ClientEntityId} shows as ${link.Status ?? ''} in the tree`);
    }
    const wrong = api.store.links.filter((l) => truth.has(clientLinkKey(l)) && truth.get(clientLinkKey(l))?.Status !== l.Status);
    assert.deepEqual(wrong.map((l) => l.ClientEntityId), [], 'every link shows what the service has');
     api.statusBar.update();
    assert.match(tooltipText(), /Last sync .+ \\?\(links in motion\\?\); last full listing /, 'the status bar says when the links not in motion were last read');
  });

  it('Refresh is a full listing', async () => {
    const start = lastSeq();
    await vscode.commands.executeCommand('clientLinks.refresh');
    await until('refreshed', () => !api.store.loading);
    const ops = operationsSince(start);
    assert.ok(ops.includes('GetAccountsInfo') && ops.filter((o) => o === 'SearchClientLinks').length >= 4, `a full listing: ${ops.join(', ')}`);
    api.statusBar.update();
    assert.match(tooltipText(), /Last sync /);
    assert.doesNotMatch(tooltipText(), /last full listing/, 'after a full listing there is one time to tell');
  });
});

/**
 * A whole lifecycle in the real extension host with `clientLinks.api = rest` and the endpoint
 * set to the simulator's bare origin: sign in, the groups, invite, accept as the client, Active,
 * unlink; every request over REST. Then `soap` again: the REST service is replaced and SOAP serves.
 * Runs after workflow.test.ts (file order), which leaves the extension signed out.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClientLinksApi } from '../../../src/extension/extension';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { activateAgainst, FakeMicrosoftSignIn, groups, linkNodes, until } from '../hostHelpers';

const AGENCY = '251000123';
const FABRIKAM = '250987654';
const HOUR = 3_600_000;

describe('Client Links in the extension host over REST (clientLinks.api = rest)', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');
  const tokenOf = (customerId: string): string => {
    const user = sim.users.find((u) => u.customerId === customerId && u.role === 'Super Admin');
    assert.ok(user, `a Super Admin of ${customerId}`);
    return user.accessToken;
  };
  const protocolsSince = (seq: number): string[] => [...new Set(sim.control.callLog().filter((c) => c.seq > seq).map((c) => c.protocol))];
  const lastSeq = (): number => sim.control.callLog().at(-1)?.seq ?? 0;

  async function signInAs(customerId: string, account: string): Promise<void> {
    await vscode.commands.executeCommand('clientLinks.signOut');
    signIn.account = account;
    signIn.token = tokenOf(customerId);
    await vscode.commands.executeCommand('clientLinks.signIn');
    await until(`links of ${customerId} loaded`, () => api.store.loaded && api.store.active?.customerId === customerId && !api.store.loading);
  }

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    await config().update('api', 'rest', vscode.ConfigurationTarget.Global);
    api = await activateAgainst(sim.restBaseUrl);
  });

  after(async () => {
    await vscode.commands.executeCommand('clientLinks.signOut');
    await config().update('api', undefined, vscode.ConfigurationTarget.Global);
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    signIn.restore();
    await sim?.close();
  });

  it('signs in and shows the groups, every request over REST at the bare origin', async () => {
    const start = lastSeq();
    await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken);
    await signInAs(AGENCY, 'agency');
    const expected = sim.control.state().links?.filter((l) => l.ManagingCustomerId === AGENCY).length ?? 0;
    const shown = groups(api).reduce((n, g) => n + api.tree.getChildren(g).length, 0);
    assert.ok(groups(api).length > 3, 'several status groups');
    assert.equal(shown, expected, 'every agency link of the simulator is in the tree');
    assert.deepEqual(protocolsSince(start), ['rest']);
    const tooltip = api.statusBar.item.tooltip;
    const text = typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
    assert.match(text, new RegExp(`API: REST at ${sim.restBaseUrl.replace(/[.]/g, '\\.')}`));
    const log = api.logger.recent.join('\n');
    assert.match(log, /Using the REST API at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(log, /\[rest\] SearchClientLinks ok in \d+ ms .*TrackingId=[0-9a-f-]{36}/, 'each exchange is logged with its protocol and TrackingId');
  });

  let invitedId = '';
  it('invites a client over REST (POST) and shows the pending link', async () => {
    const account = sim.seed.invitableAccounts.find((a) => a.ownerCustomerId === FABRIKAM);
    assert.ok(account);
    invitedId = account.id;
    const start = lastSeq();
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.invite', { accountId: account.id, name: 'Fabrikam over REST', billToClient: true });
    assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded']);
    assert.ok(linkNodes(api, 'LinkPending').some((n) => n.link.ClientEntityId === invitedId));
    assert.ok(sim.control.callLog().some((c) => c.seq > start && c.operation === 'AddClientLinks' && c.protocol === 'rest' && c.status === 200));
  });

  it('the client accepts over REST (PUT), and the link becomes Active', async () => {
    await signInAs(FABRIKAM, 'fabrikam');
    const invitation = linkNodes(api, 'LinkPending').find((n) => n.link.ClientEntityId === invitedId);
    assert.ok(invitation, 'the invitation awaits the client');
    const start = lastSeq();
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.accept', invitation);
    assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded']);
    assert.ok(sim.control.callLog().some((c) => c.seq > start && c.operation === 'UpdateClientLinks' && c.protocol === 'rest' && c.status === 200));
    sim.control.advanceClock(2 * HOUR);
    await vscode.commands.executeCommand('clientLinks.refresh');
    await until('the link is Active', () => linkNodes(api, 'Active').some((n) => n.link.ClientEntityId === invitedId));
  });

  it('the agency requests the unlink over REST', async () => {
    await signInAs(AGENCY, 'agency');
    const active = linkNodes(api, 'Active').find((n) => n.link.ClientEntityId === invitedId);
    assert.ok(active, 'the agency sees it Active');
    assert.match(String(api.tree.getTreeItem(active).contextValue), /;canUnlink\b/);
    const start = lastSeq();
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.unlink', active);
    assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded']);
    const now = api.store.links.find((l) => l.ClientEntityId === invitedId && l.ManagingCustomerId === AGENCY);
    assert.ok(now && ['UnlinkRequested', 'UnlinkPending', 'UnlinkInProgress', 'Inactive'].includes(now.Status ?? ''), `status after unlink: ${now?.Status}`);
    assert.deepEqual(protocolsSince(start), ['rest']);
  });

  it('switching clientLinks.api to soap replaces the service: the next requests go over SOAP', async () => {
    const start = lastSeq();
    await config().update('endpoint', sim.endpoint, vscode.ConfigurationTarget.Global);
    await config().update('api', 'soap', vscode.ConfigurationTarget.Global);
    await until('a SOAP listing', () => protocolsSince(start).includes('soap') && api.store.loaded && !api.store.loading);
    await vscode.commands.executeCommand('clientLinks.refresh');
    const after = sim.control.callLog().filter((c) => c.seq > start);
    const firstSoap = after.findIndex((c) => c.protocol === 'soap');
    assert.ok(firstSoap >= 0);
    assert.ok(after.slice(firstSoap).every((c) => c.protocol === 'soap'), 'once switched, nothing more goes over REST');
    assert.ok(linkNodes(api, 'Active').length > 0 || linkNodes(api, 'UnlinkRequested').length > 0);
  });
});

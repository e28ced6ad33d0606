/**
 * Issue 12, items 7, 8, 13 and 19, in the real extension host against the simulator: each message
 * state of the links view has its button (VS Code hides the welcome content under a view message,
 * so the buttons are rows of the tree), a Viewer is told what the role allows and offered no
 * Invite, a hung refresh can be cancelled and leaves the links shown, and an export in the
 * invitation format is read back by Invite Clients from CSV. Runs after workflowOverRest.test.ts
 * (file order), which leaves the extension signed out; leaves it signed out too.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientLinksApi } from '../../../src/extension/extension';
import { parseInviteCsv } from '../../../src/core/workflow/inviteCsv';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { actionNodes, EXTENSION_ID, FakeMicrosoftSignIn, groups, until } from '../hostHelpers';

const AGENCY = '251000123';

describe('Client Links view states in the extension host (issue 12, items 7, 8, 13, 19)', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  const errors: string[] = [];
  const originalShowError = vscode.window.showErrorMessage;
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');
  const tokenOf = (role: string): string | undefined => sim.users.find((u) => u.customerId === AGENCY && u.role === role)?.accessToken;
  const settled = (): boolean => !api.store.loading && (api.store.loaded || api.store.lastError !== undefined);
  const rowCount = (): number => groups(api).reduce((n, g) => n + g.group.links.length, 0);

  async function signInAs(account: string, role: string): Promise<void> {
    await vscode.commands.executeCommand('clientLinks.signOut');
    signIn.account = account;
    signIn.token = tokenOf(role);
    assert.ok(signIn.token, `the demo seed has a ${role} on the agency`);
    await vscode.commands.executeCommand('clientLinks.signIn');
    await until(`${role} signed in and the listing settled`, () => api.connection.state === 'ready' && api.store.active?.roleName === role && settled());
  }

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string) => {
      errors.push(message);
      return Promise.resolve(undefined);
    };
    await config().update('endpoint', sim.endpoint, vscode.ConfigurationTarget.Global);
    await config().update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    await config().update('notifyOnStatusChange', false, vscode.ConfigurationTarget.Global);
    await config().update('groupBy', 'status', vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<ClientLinksApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    assert.equal(await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken), true);
  });

  after(async () => {
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = originalShowError;
    sim?.control.clearFaults();
    await vscode.commands.executeCommand('clientLinks.signOut');
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    signIn.restore();
    await sim?.close();
  });

  it('a Viewer is told what the role allows, with Select Customer and no Invite (item 7)', async () => {
    await signInAs('agency-viewer', 'Viewer');
    assert.equal(api.store.active?.canManageLinks, false);
    const message = String(api.tree.view.message);
    assert.match(message, /^Viewer: Microsoft Advertising shows client links only to a Super Admin/);
    assert.doesNotMatch(message, /No client links for this customer yet/);
    const buttons = actionNodes(api).map((n) => api.tree.getTreeItem(n));
    assert.deepEqual(buttons.map((b) => b.command?.command), ['clientLinks.selectCustomer', 'clientLinks.showLog']);
    assert.ok(buttons.every((b) => typeof b.label === 'string' && !/invite/i.test(b.label)), 'no Invite button for a role that cannot invite');
    assert.ok(!errors.some((e) => /106/.test(e)), `no error toast for the role: ${errors.join(' | ')}`);
    // Invite from the palette: refused before anything is sent, naming the customer (issue 12, item 2).
    await until('customer names are loaded', () => api.store.customers.state === 'loaded');
    const calls = sim.control.callLog().length;
    errors.length = 0;
    await vscode.commands.executeCommand('clientLinks.invite');
    assert.equal(sim.control.callLog().length, calls, 'nothing sent');
    assert.ok(errors.includes('Your role (Viewer) on Contoso Agency (customer 251000123) cannot invite clients. A Super Admin or Standard user can.'), errors.join(' | '));
  });

  it('a filter with 0 matches offers Clear Filter, which brings the links back (item 8)', async () => {
    await signInAs('agency', 'Super Admin');
    const all = rowCount();
    assert.ok(all > 0);
    await vscode.commands.executeCommand('clientLinks.filter', 'zzzz-no-such-client');
    assert.match(String(api.tree.view.message), /^Filter: "zzzz-no-such-client" \(0 of \d+\): no link matches/);
    assert.equal(groups(api).length, 0);
    const [button] = actionNodes(api);
    assert.ok(button, 'a Clear Filter row');
    const item = api.tree.getTreeItem(button);
    assert.equal(item.label, 'Clear Filter');
    assert.equal(item.command?.command, 'clientLinks.clearFilter');
    await vscode.commands.executeCommand(item.command.command);
    assert.equal(rowCount(), all);
    assert.deepEqual(actionNodes(api), []);
    assert.equal(api.tree.view.message, undefined);
  });

  it('after a refused (expired) access token the view offers Sign In, above the last links (item 8)', async () => {
    const shown = rowCount();
    sim.control.injectFault({ operation: 'SearchClientLinks', fault: 'expiredToken', count: 20 });
    try {
      await vscode.commands.executeCommand('clientLinks.refresh');
      await until('the refusal is shown', () => !api.store.loading && api.store.lastError !== undefined);
      assert.match(String(api.tree.view.message), /the last refresh failed/);
      const buttons = actionNodes(api).map((n) => api.tree.getTreeItem(n));
      assert.deepEqual(buttons.map((b) => b.command?.command), ['clientLinks.signIn']);
      assert.equal(rowCount(), shown, 'the last good links stay below the button');
    } finally {
      sim.control.clearFaults();
    }
    await vscode.commands.executeCommand('clientLinks.refresh');
    assert.deepEqual(actionNodes(api), [], 'the button goes once the refresh works');
  });

  it('Cancel Refresh ends a hung refresh: the links stay, no error, no toast (item 19)', async () => {
    const before = api.store.links.length;
    errors.length = 0;
    sim.control.injectFault({ operation: 'SearchClientLinks', fault: 'hang', count: 1 });
    const refresh = vscode.commands.executeCommand('clientLinks.refresh');
    await until('the refresh is under way', () => api.store.loading);
    assert.equal(await vscode.commands.executeCommand('clientLinks.cancelRefresh'), true);
    await refresh;
    assert.equal(api.store.loading, false);
    assert.equal(api.store.links.length, before, 'the previous links are still shown');
    assert.equal(api.store.stale, false, 'not marked as a failed refresh');
    assert.equal(api.store.lastError, undefined);
    assert.equal(api.tree.view.message, undefined);
    assert.deepEqual(errors, [], 'no error toast');
    assert.match(api.logger.recent.join('\n'), /Refresh cancelled/);
    sim.control.clearFaults();
    await vscode.commands.executeCommand('clientLinks.refresh');
    assert.equal(api.store.links.length, before);
  });

  it('exports the view as invitations that Invite Clients from CSV reads back (item 13)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'export-')), 'invitations.csv');
    const saved = await vscode.commands.executeCommand<vscode.Uri>('clientLinks.exportInvitations', file);
    assert.equal(saved.fsPath, file);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const text = bytes.toString('utf8');
    assert.match(text, /^\uFEFFaccount_id,account_number,client_customer_number,type,name,note,bill_to_client,start_date,suppress_notification\r\n/);
    for (const secret of [sim.developerToken, ...sim.users.map((u) => u.accessToken)]) {
      assert.equal(text.includes(secret), false, 'no token in the export');
    }
    const parsed = parseInviteCsv(bytes);
    assert.ok(parsed.ok, `re-import problems: ${JSON.stringify(!parsed.ok && parsed.problems.slice(0, 3))}`);
    const sent = api.store.links.filter((l) => l.ManagingCustomerId === AGENCY);
    assert.equal(parsed.rows.length, sent.length, 'one invitation per link the agency sent');
    assert.deepEqual(new Set(parsed.rows.map((r) => `${r.invite.type}:${r.invite.clientEntityId}`)), new Set(sent.map((l) => `${l.Type ?? 'AccountLink'}:${l.ClientEntityId}`)));
  });

  it('offers client-invitations-<customer>-<date>.csv as the default file name', async () => {
    const original = vscode.window.showSaveDialog;
    const asked: (vscode.SaveDialogOptions | undefined)[] = [];
    (vscode.window as { showSaveDialog: unknown }).showSaveDialog = (options?: vscode.SaveDialogOptions) => {
      asked.push(options);
      return Promise.resolve(undefined);
    };
    try {
      assert.equal(await vscode.commands.executeCommand('clientLinks.exportInvitations'), undefined);
    } finally {
      (vscode.window as { showSaveDialog: unknown }).showSaveDialog = original;
    }
    assert.match(path.posix.basename(asked[0]?.defaultUri?.path ?? ''), /^client-invitations-251000123-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});

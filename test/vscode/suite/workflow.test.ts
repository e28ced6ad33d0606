/**
 * The extension in the real VS Code extension host, against the simulator started in-process.
 * Sign-in goes through `vscode.authentication.getSession`, replaced here by a stub that records
 * the scopes and answers with a simulator user's token (the real provider cannot run headless).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientLinksApi } from '../../../src/extension/extension';
import type { GroupNode, LinkNode } from '../../../src/extension/tree/linksTreeProvider';
import { EXTENSION_ID, FakeMicrosoftSignIn, groups, linkNodes, until } from '../hostHelpers';
import { CLIENT_LINK_STATUSES } from '../../../src/core/model/clientLink';
import { statusOrder } from '../../../src/core/model/lifecycle';
import { exportFileBytes } from '../../../src/core/workflow/exportLinks';
import { startSimulator } from '../../../src/simulator';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const AGENCY = '251000123';
const FABRIKAM = '250987654';
const signIn = new FakeMicrosoftSignIn();
const calls = signIn.calls;

describe('Client Links in the VS Code extension host', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: ClientLinksApi;

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    const config = vscode.workspace.getConfiguration('clientLinks');
    await config.update('endpoint', sim.endpoint, vscode.ConfigurationTarget.Global);
    await config.update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    await config.update('notifyOnStatusChange', false, vscode.ConfigurationTarget.Global);
    await config.update('expiryWarningDays', 0, vscode.ConfigurationTarget.Global);
    await config.update('stuckThresholdHours', 0, vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<ClientLinksApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
  });

  after(async () => {
    signIn.restore();
    await vscode.commands.executeCommand('clientLinks.signOut');
    await sim?.close();
  });

  it('activates without loading the service layer and shows the signed-out state', () => {
    // How fast activation is belongs to `npm run bench:vscode` (figure 1), not to a test a busy machine could fail.
    assert.equal(api.isServiceLoaded(), false, 'dist/service.js must not load at activation');
    assert.ok(Number.isFinite(api.activationMs), 'activation time is recorded for the benchmark');
    assert.equal(api.connection.state, 'signedOut');
    assert.deepEqual(api.tree.getChildren(), [], 'empty tree so the welcome view shows');
    assert.match(api.statusBar.item.text, /sign-in/);
    assert.equal(api.statusBar.item.command, 'clientLinks.signIn');
  });

  it('probes silently at activation and asks the Microsoft provider for the msads.manage scope', () => {
    const silent = calls.find((c) => c.options?.silent);
    assert.ok(silent, 'a silent getSession call happened');
    assert.equal(silent.providerId, 'microsoft');
    assert.ok(silent.scopes.includes('https://ads.microsoft.com/msads.manage'));
    assert.ok(silent.scopes.includes('offline_access'));
    assert.ok(silent.scopes.includes('VSCODE_TENANT:common'));
    assert.equal(calls.some((c) => c.options?.createIfNone), false, 'no interactive sign-in without the command');
  });

  it('signs in with the command, then asks for the developer token', async () => {
    signIn.token = sim.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin')?.accessToken;
    assert.ok(signIn.token);
    await vscode.commands.executeCommand('clientLinks.signIn');
    const interactive = calls.find((c) => c.options?.createIfNone);
    assert.ok(interactive, 'Sign In asked with createIfNone');
    assert.equal(api.connection.state, 'needsDeveloperToken');
    assert.equal(api.isServiceLoaded(), false, 'still no SOAP before a request can be made');
  });

  it('refuses a malformed developer token and stores a good one in SecretStorage', async () => {
    const refused = await vscode.commands.executeCommand('clientLinks.setDeveloperToken', 'not a token!');
    assert.equal(refused, false);
    assert.equal(api.connection.state, 'needsDeveloperToken');
    const saved = await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken);
    assert.equal(saved, true);
    await until('links loaded', () => api.store.loaded);
    assert.equal(api.connection.state, 'ready');
    assert.equal(api.isServiceLoaded(), true);
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('clientLinks'));
    assert.doesNotMatch(settingsText, new RegExp(sim.developerToken));
  });

  it('shows the demo links grouped by status in lifecycle order with the right counts', () => {
    const expected = new Map<string, number>();
    for (const link of api.store.links) {
      expected.set(link.Status ?? '?', (expected.get(link.Status ?? '?') ?? 0) + 1);
    }
    assert.ok(api.store.links.length >= 60, `demo has ${api.store.links.length} links`);
    const shown = groups(api);
    assert.deepEqual(
      shown.map((g) => g.group.status),
      [...expected.keys()].sort((a, b) => statusOrder(a) - statusOrder(b)),
    );
    for (const node of shown) {
      const item = api.tree.getTreeItem(node);
      assert.equal(item.description, String(expected.get(node.group.status ?? '')), `count of ${node.group.status}`);
      assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    }
    const statuses = new Set(api.store.links.map((l) => l.Status));
    const everyStatus = CLIENT_LINK_STATUSES.filter((s) => s !== 'UnlinkCanceled' && s !== 'UnlinkRequested' && s !== 'LinkAccepted');
    for (const s of everyStatus) {
      assert.ok(statuses.has(s), `demo seed shows ${s}`);
    }
  });

  it('offers only the actions the lifecycle allows (agency side)', () => {
    const pending = linkNodes(api, 'LinkPending')[0];
    const active = linkNodes(api, 'Active')[0];
    const inactive = linkNodes(api, 'Inactive')[0];
    assert.ok(pending && active && inactive);
    const ctx = (n: LinkNode): string => String(api.tree.getTreeItem(n).contextValue);
    assert.match(ctx(pending), /;canCancel\b/);
    assert.doesNotMatch(ctx(pending), /canAccept|canDecline|canUnlink/);
    assert.match(ctx(active), /;canUnlink\b/);
    assert.doesNotMatch(ctx(inactive), /;can/);
    const item = api.tree.getTreeItem(pending);
    assert.equal(item.tooltip, undefined, 'tooltips are resolved on hover');
    const tooltip = api.tree.resolveTreeItem(item, pending).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /Client id/);
    assert.match(tooltip.value, /Who pays/);
  });

  it('the status bar and badge reflect the agency (nothing awaiting its answer)', () => {
    assert.match(api.statusBar.item.text, /\$\(link\) \d+/);
    assert.equal(api.statusBar.item.command, 'clientLinks.links.focus');
    assert.equal(api.tree.view.badge, undefined);
  });

  it('refresh picks up changes made on the service', async () => {
    const before = linkNodes(api, 'Active').length;
    const active = linkNodes(api, 'Active')[0]!;
    // Another session of the agency requests the unlink behind our back.
    const { createClientLinksService } = await import('../../../src/core/service/index');
    const other = createClientLinksService({ endpoint: sim.endpoint, developerToken: () => Promise.resolve(sim.developerToken), tokenSource: { getAccessToken: () => Promise.resolve(signIn.token ?? '') } });
    const [outcome] = await other.updateClientLinks([{ ...active.link, Status: 'UnlinkRequested' }]);
    assert.equal(outcome?.state, 'succeeded');
    const told: (readonly unknown[] | undefined)[] = [];
    const sub = api.tree.onDidChangeTreeData((e) => told.push(e === undefined ? undefined : Array.isArray(e) ? e : [e]));
    try {
      const asked = calls.length;
      const soapCalls = sim.control.callLog().length;
      await api.store.refresh();
      assert.ok(sim.control.callLog().length - soapCalls >= 2, 'the refresh made several calls');
      assert.equal(calls.length, asked, 'the session from sign-in is reused: no getSession round trip per request');
      // The regroup runs in its own turn after the store's update, then VS Code is told once.
      assert.equal(told.length, 0, 'not in the same task as the store update');
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(told.length, 1, 'told once the groups are rebuilt');
      const changedIds = (told[0] ?? []).map((n) => (n as GroupNode).group?.id).filter(Boolean);
      assert.ok(told[0] === undefined || changedIds.some((id) => String(id).includes('Active')), `the Active group is among the changed nodes: ${changedIds.join(', ')}`);
    } finally {
      sub.dispose();
    }
    assert.equal(linkNodes(api, 'Active').length, before - 1);
  });

  let invitedId = '';
  it('invites a client through the command and shows the new pending link', async () => {
    const account = sim.seed.invitableAccounts.find((a) => a.ownerCustomerId === FABRIKAM);
    assert.ok(account, 'the demo seed has an invitable Fabrikam account');
    invitedId = account.id;
    const pendingBefore = linkNodes(api, 'LinkPending').length;
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.invite', { accountId: account.id, name: 'Fabrikam via UI test', billToClient: true });
    assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded']);
    assert.equal(linkNodes(api, 'LinkPending').length, pendingBefore + 1);
  });

  it('refuses invalid invitation input without sending anything', async () => {
    const callsBefore = sim.control.callLog().length;
    const result = await vscode.commands.executeCommand('clientLinks.invite', { accountId: 'abc', billToClient: true });
    assert.equal(result, undefined);
    assert.equal(sim.control.callLog().length, callsBefore, 'no request was sent');
  });

  it('invites from a CSV file; a CSV with problems sends nothing and logs each row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-'));
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'account_id,name,bill_to_client\n12ab,x,yes\n180090002,' + 'n'.repeat(41) + ',yes\n');
    const callsBefore = sim.control.callLog().length;
    const refused = await vscode.commands.executeCommand('clientLinks.inviteFromCsv', bad, { skipPreview: true });
    assert.equal(refused, undefined);
    assert.equal(sim.control.callLog().length, callsBefore, 'nothing sent for an invalid file');
    const log = api.logger.recent.join('\n');
    assert.match(log, /Row 2, account id/);
    assert.match(log, /Row 3, name/);
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, 'account_id,name,bill_to_client\n180090002,Relecloud Brand,yes\n180090003,Fourth Coffee,no\n');
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.inviteFromCsv', vscode.Uri.file(good), { skipPreview: true });
    assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded', 'succeeded']);
    assert.ok(linkNodes(api, 'LinkPending').some((n) => n.link.ClientEntityId === '180090003'));

    // Issue 12, item 14: a failure names the CSV row, not the position in the request.
    const again = path.join(dir, 'again.csv');
    fs.writeFileSync(again, 'account_id,name,bill_to_client\n180090003,Fourth Coffee,no\n');
    const warnings: string[] = [];
    const stub = vscode.window.showWarningMessage;
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (message: string, ...rest: unknown[]) => {
      warnings.push(message);
      return stub(message, ...(rest as string[]));
    };
    try {
      const failed = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.inviteFromCsv', vscode.Uri.file(again), { skipPreview: true });
      assert.deepEqual(failed.outcomes.map((o) => o.state), ['failed']);
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = stub;
    }
    assert.ok(warnings.some((w) => /First problem \(row 2\):/.test(w)), `warnings: ${warnings.join(' | ')}`);
    const failureLog = api.logger.recent.join('\n');
    assert.match(failureLog, /Invite: Fourth Coffee .*\(row 2\) PartialError/);
    assert.ok(failureLog.split('\n').filter((l) => l.includes('Fourth Coffee')).every((l) => !l.includes('input #')));
  });

  it('groups by client customer or as a flat list, and back', async () => {
    await vscode.commands.executeCommand('clientLinks.groupBy', 'none');
    // Issue 12: Group By None is a flat list at the root (it used to be one collapsed "All links" group).
    const root = api.tree.getChildren();
    assert.equal(root.length, api.store.links.length, 'every link at the root');
    // The extension runs from its bundle (other class copies): tell the nodes apart by shape.
    assert.ok(root.every((n) => n.kind === 'link'), 'no group node');
    assert.equal(new Set(root.map((n) => n.key)).size, api.store.links.length);
    assert.ok(root.every((n) => api.tree.getParent(n) === undefined), 'links have no parent node');
    await vscode.commands.executeCommand('clientLinks.groupBy', 'client');
    assert.ok(groups(api).length > 1);
    assert.ok(groups(api).every((g) => g.group.id.startsWith('client:')));
    await vscode.commands.executeCommand('clientLinks.groupBy', 'status');
    assert.ok(groups(api).every((g) => g.group.id.startsWith('status:')));
  });

  it('shows the details of a link with its history, and copies its id', async () => {
    const node = linkNodes(api, 'LinkPending').find((n) => n.link.ClientEntityId === invitedId);
    assert.ok(node);
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('clientLinks.showDetails', node);
    assert.ok(panel, 'the details view opened');
    assert.match(panel.webview.html, /<h2>History<\/h2>/);
    assert.match(panel.webview.html, /Fabrikam via UI test/);
    await vscode.commands.executeCommand('clientLinks.copyId', node);
    assert.equal(await vscode.env.clipboard.readText(), invitedId);
    panel.dispose();
  });

  it('as the client: sees the invitation awaiting an answer and accepts it', async () => {
    await vscode.commands.executeCommand('clientLinks.signOut');
    assert.equal(api.connection.state, 'signedOut');
    signIn.account = 'fabrikam';
    signIn.token = sim.users.find((u) => u.customerId === FABRIKAM && u.role === 'Super Admin')?.accessToken;
    await vscode.commands.executeCommand('clientLinks.signIn');
    await until('client links loaded', () => api.store.loaded && api.store.active?.customerId === FABRIKAM);
    const invitation = linkNodes(api, 'LinkPending').find((n) => n.link.ClientEntityId === invitedId);
    assert.ok(invitation, 'the new invitation is listed for the client');
    assert.match(String(api.tree.getTreeItem(invitation).contextValue), /;canAccept\b.*;canDecline\b/);
    assert.ok(api.tree.view.badge && api.tree.view.badge.value >= 1, 'badge counts invitations to answer');
    assert.match(api.statusBar.item.text, /awaiting/);
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.accept', invitation);
    assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded']);
    const now = api.store.links.find((l) => l.ClientEntityId === invitedId && l.ManagingCustomerId === AGENCY);
    assert.ok(now && ['LinkAccepted', 'LinkInProgress', 'Active'].includes(now.Status ?? ''), `status after accept: ${now?.Status}`);
  });

  it('a failed action is explained in the log with code and TrackingId, and no token appears anywhere', async () => {
    const pending = linkNodes(api, 'LinkPending').filter((n) => n.link.ClientEntityId !== invitedId);
    assert.ok(pending.length >= 1);
    sim.control.injectFault({ operation: 'UpdateClientLinks', fault: 'internalError', count: 1 });
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] } | undefined>('clientLinks.decline', pending[0], [pending[0]]);
    assert.ok(result, 'the command returned a result');
    assert.deepEqual(result.outcomes.map((o) => o.state), ['failed']);
    assert.ok(api.store.lastFailed, 'Retry Failed is available');
    const log = api.logger.recent.join('\n');
    assert.match(log, /\[error\].*Decline/);
    assert.match(log, /TrackingId[= ][0-9a-f-]{8,}/i);
    for (const secret of [sim.developerToken, ...sim.users.map((u) => u.accessToken)]) {
      assert.equal(log.includes(secret), false, 'token leaked into the log');
    }
  });

  it('Retry Failed sends the failed links again and succeeds once the fault is gone', async () => {
    assert.ok(api.store.lastFailed);
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.retryFailed');
    assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded']);
    assert.equal(api.store.lastFailed, undefined);
  });

  it('keeps showing the last good links, marked stale, when a refresh fails; recovers on the next one', async () => {
    const shownBefore = groups(api).flatMap((g) => api.tree.getChildren(g)).length;
    sim.control.injectFault({ operation: 'SearchClientLinks', fault: 'http503', count: 50 });
    await vscode.commands.executeCommand('clientLinks.refresh');
    assert.equal(groups(api).flatMap((g) => api.tree.getChildren(g)).length, shownBefore, 'the tree did not go empty');
    assert.equal(api.store.stale, true);
    assert.match(String(api.tree.view.message), /the last refresh failed/);
    assert.match(api.statusBar.item.text, /warning/);
    assert.match(api.logger.recent.join('\n'), /\[error\] Refresh.*503/);
    sim.control.clearFaults();
    await vscode.commands.executeCommand('clientLinks.refresh');
    assert.equal(api.store.stale, false);
    assert.equal(api.tree.view.message, undefined);
  });

  it('exports the view as JSON with v13 field names and no secrets', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'export-')), 'links.json');
    await vscode.commands.executeCommand('clientLinks.exportLinks', file);
    const text = fs.readFileSync(file, 'utf8');
    const rows = JSON.parse(text) as Record<string, unknown>[];
    assert.equal(rows.length, api.store.links.length);
    assert.ok('ClientEntityId' in rows[0]!);
    for (const secret of [sim.developerToken, ...sim.users.map((u) => u.accessToken)]) {
      assert.equal(text.includes(secret), false);
    }
  });

  it('writes the export file in chunks, byte for byte the CSV of the view (issue 15)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'export-')), 'links.csv');
    await vscode.commands.executeCommand('clientLinks.exportLinks', file);
    const expected = Buffer.from(exportFileBytes(api.tree.visibleLinks(), 'csv'));
    assert.ok(fs.readFileSync(file).equals(expected), 'the file written through the stream is the export built at once');
  });

  it('offers a default file name client-links-<customer>-<date>.csv in the save dialog', async () => {
    const original = vscode.window.showSaveDialog;
    const asked: (vscode.SaveDialogOptions | undefined)[] = [];
    (vscode.window as { showSaveDialog: unknown }).showSaveDialog = (options?: vscode.SaveDialogOptions) => {
      asked.push(options);
      return Promise.resolve(undefined);
    };
    try {
      const result = await vscode.commands.executeCommand('clientLinks.exportLinks');
      assert.equal(result, undefined, 'nothing saved when the dialog is dismissed');
    } finally {
      (vscode.window as { showSaveDialog: unknown }).showSaveDialog = original;
    }
    assert.equal(asked.length, 1);
    const name = path.posix.basename(asked[0]?.defaultUri?.path ?? '');
    assert.match(name, new RegExp(`^client-links-${api.store.active?.customerId ?? 'none'}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  });

  it('a newer filter or listing supersedes a regroup not yet shown: the tree never shows the older one (issue 15)', async () => {
    // What the rows show each time VS Code is told of a change.
    const shownAtEachChange: number[] = [];
    const sub = api.tree.onDidChangeTreeData(() => shownAtEachChange.push(api.tree.visibleLinks().length));
    try {
      api.tree.setFilter(invitedId); // regroups in the next turn...
      api.tree.setFilter('no-such-link-anywhere'); // ...superseded by this one (no rows)...
      const refreshed = api.store.refresh();
      api.tree.setFilter(invitedId); // ...superseded in turn, before either ran; the listing's regroup comes after
      await refreshed;
      await api.tree.settled();
      assert.ok(shownAtEachChange.length >= 1, 'told once the groups are shown');
      assert.deepEqual(
        shownAtEachChange.filter((n) => n !== 1),
        [],
        `only the last filter's rows were ever shown: ${shownAtEachChange.join(', ')}`,
      );
      assert.equal(groups(api).flatMap((g) => api.tree.getChildren(g)).length, 1);
    } finally {
      sub.dispose();
      api.tree.setFilter('');
      await api.tree.settled();
    }
    assert.equal(groups(api).flatMap((g) => api.tree.getChildren(g)).length, api.store.links.length);
  });

  it('filters the tree by text and clears the filter', async () => {
    await vscode.commands.executeCommand('clientLinks.filter', invitedId);
    const shown = groups(api).flatMap((g) => api.tree.getChildren(g));
    assert.equal(shown.length, 1);
    assert.match(String(api.tree.view.message), /Filter/);
    await vscode.commands.executeCommand('clientLinks.clearFilter');
    assert.equal(groups(api).flatMap((g) => api.tree.getChildren(g)).length, api.store.links.length);
  });
});

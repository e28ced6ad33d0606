/**
 * Issue 14 item 2 in the real extension host against the simulator: the link journal. A change made
 * elsewhere and one made here appear, after a refresh, in Link Details' history and in the Activity
 * view (whose rows reveal the link); the history survives a sign-out (the store forgets, the journal
 * does not) and is what a new activation reads; Export Link History writes CSV and JSON.
 * Leaves the extension as it found it: signed out, no developer token, default settings, no panel.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LinkJournal } from '../../../src/core/workflow/linkJournal';
import type { ClientLinksApi } from '../../../src/extension/extension';
import type { LinkNode } from '../../../src/extension/tree/linksTreeProvider';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { activateAgainst, FakeMicrosoftSignIn, linkNodes, until } from '../hostHelpers';

const AGENCY = '251000123';
const GOURMET = '180034001'; // a pending invitation of the agency in the demo seed
const GOURMET_KEY = `${AGENCY}:AccountLink:${GOURMET}`;

describe('Link history (journal) in the extension host', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');
  const originalInfo = vscode.window.showInformationMessage;

  const tokenOf = (customerId: string): string => {
    const user = sim.users.find((u) => u.customerId === customerId && u.role === 'Super Admin');
    assert.ok(user, `a Super Admin of ${customerId}`);
    return user.accessToken;
  };

  async function signInAsAgency(): Promise<void> {
    await vscode.commands.executeCommand('clientLinks.signOut');
    signIn.account = 'agency';
    signIn.token = tokenOf(AGENCY);
    await vscode.commands.executeCommand('clientLinks.signIn');
    await until('links of the agency loaded', () => api.store.loaded && api.store.active?.customerId === AGENCY && !api.store.loading);
    await api.journal.settled();
  }

  const node = (status: string, id: string): LinkNode => {
    const found = linkNodes(api, status).find((n) => n.link.ClientEntityId === id);
    assert.ok(found, `a ${status} link ${id} in the tree`);
    return found;
  };

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = () => Promise.resolve(undefined);
    api = await activateAgainst(sim.endpoint);
    await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken);
    await signInAsAgency();
  });

  after(async () => {
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = originalInfo;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('clientLinks.signOut');
    assert.equal(await vscode.commands.executeCommand('clientLinks.clearDeveloperToken'), true);
    for (const key of ['endpoint', 'autoRefreshSeconds', 'notifyOnStatusChange']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    signIn.restore();
    await sim?.close();
  });

  it('a change made elsewhere and one made here appear in Link Details and in Activity after a refresh', async () => {
    const gourmet = node('LinkPending', GOURMET);
    // Canceled by someone else (another tool), then seen by a refresh here.
    const { createClientLinksService } = await import('../../../src/core/service/index');
    const other = createClientLinksService({ endpoint: sim.endpoint, developerToken: () => Promise.resolve(sim.developerToken), tokenSource: { getAccessToken: () => Promise.resolve(tokenOf(AGENCY)) } });
    const [outcome] = await other.updateClientLinks([{ ...gourmet.link, Status: 'LinkCanceled' }]);
    assert.equal(outcome?.state, 'succeeded');
    await vscode.commands.executeCommand('clientLinks.refresh');
    await api.journal.settled();

    // And one of our own: Request Unlink on an active link (the modal is answered with its action).
    const active = linkNodes(api, 'Active').find((n) => n.link.ManagingCustomerId === AGENCY && n.link.Type !== 'CustomerLink');
    assert.ok(active);
    const activeKey = active.key;
    await vscode.commands.executeCommand('clientLinks.unlink', active);
    await api.journal.settled();

    const rows = api.activity.rows();
    const canceled = rows.find((e) => e.ClientEntityId === GOURMET);
    assert.ok(canceled, 'the cancel is in Activity');
    assert.deepEqual([canceled.from, canceled.to, canceled.ownAction], ['LinkPending', 'LinkCanceled', undefined]);
    const ours = rows.find((e) => e.ClientEntityId === active.link.ClientEntityId && e.ownAction === 'unlink');
    assert.ok(ours, `our unlink is in Activity: ${JSON.stringify(rows)}`);
    assert.ok(rows.indexOf(ours) < rows.indexOf(canceled), 'newest first');
    const item = api.activity.getTreeItem(canceled);
    assert.equal(item.label, 'Northwind Gourmet - US');
    assert.match(String(item.description), /^Pending invitation → Canceled · /);
    assert.equal(item.command?.command, 'clientLinks.revealLink');
    const ourItem = api.activity.getTreeItem(ours);
    assert.match(typeof ourItem.tooltip === 'string' ? ourItem.tooltip : '', /your action: Request unlink/);

    // Its row reveals the link in the Client Links view.
    assert.equal(await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[])), true);
    await until('the link is selected in the tree', () => api.tree.view.selection.some((n) => (n as LinkNode).key === GOURMET_KEY));

    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('clientLinks.showDetails', node('LinkCanceled', GOURMET));
    assert.ok(panel);
    assert.match(panel.webview.html, /<h2>History<\/h2>\s*<ol><li><time[^>]*>[^<]+<\/time>: Pending invitation → Canceled<\/li><\/ol>/);
    panel.dispose();
    const unlinked = await vscode.commands.executeCommand<vscode.WebviewPanel>('clientLinks.showDetails', api.tree.nodeFor(activeKey));
    assert.ok(unlinked);
    assert.match(unlinked.webview.html, /Active → Unlink requested <span class="muted">\(your action: Request unlink\)<\/span>/);
    unlinked.dispose();
  });

  it('the history survives a sign-out and is what a new activation reads', async () => {
    await vscode.commands.executeCommand('clientLinks.signOut');
    await until('signed out', () => !api.store.loaded);
    assert.equal(api.store.history.size, 0, 'the store forgot what it saw');
    await signInAsAgency();
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('clientLinks.showDetails', node('LinkCanceled', GOURMET));
    assert.ok(panel);
    assert.match(panel.webview.html, /Pending invitation → Canceled/, 'the whole history, not only what this session saw');
    panel.dispose();
    // A new activation opens the same file in global storage.
    const files = api.journal.current()?.files;
    assert.ok(files && files.entries.startsWith(api.journal.root));
    const fresh = await new LinkJournal(files, { source: 'extension' }).history(GOURMET_KEY);
    assert.deepEqual(fresh.map((e) => [e.from, e.to]), [['LinkPending', 'LinkCanceled']]);
    for (const f of [files.entries, files.state]) {
      const text = fs.readFileSync(f, 'utf8');
      assert.ok(!text.includes(tokenOf(AGENCY)) && !text.includes(sim.developerToken), `${f} holds a token`);
    }
  });

  it('Export Link History writes CSV (by default) or JSON (.json)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-export-'));
    const csv = await vscode.commands.executeCommand<vscode.Uri>('clientLinks.exportHistory', path.join(dir, 'history.csv'));
    assert.ok(csv);
    const text = fs.readFileSync(csv.fsPath, 'utf8');
    assert.ok(text.startsWith('\uFEFFseen_at,client_id,client_name,type,agency_customer_id,from_status,to_status,'), text.slice(0, 120));
    assert.match(text, new RegExp(`,${GOURMET},Northwind Gourmet - US,AccountLink,${AGENCY},LinkPending,LinkCanceled,`));
    const json = await vscode.commands.executeCommand<vscode.Uri>('clientLinks.exportHistory', path.join(dir, 'one.json'), GOURMET_KEY);
    assert.ok(json);
    const entries = JSON.parse(fs.readFileSync(json.fsPath, 'utf8')) as { ClientEntityId: string; to: string }[];
    assert.deepEqual(entries.map((e) => [e.ClientEntityId, e.to]), [[GOURMET, 'LinkCanceled']]);
  });
});

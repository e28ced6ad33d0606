/**
 * Issue 12, items 5, 12 (copy), 17, 18 and the agency additions, in the real extension host against
 * the simulator: the Link Details webview (its HTML as the panel holds it: CSP, escaping, local times
 * with UTC on hover, names), how a row opens it, the palette asking which link, actions on a mixed
 * selection, status group actions, Ctrl+C's copy, sorting, tooltips and the keybindings.
 * Runs after workflow.test.ts (file order: that suite must be the first to activate the extension)
 * and leaves the extension as it found it: signed out, no developer token, default settings, no panel.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientLink } from '../../../src/core/model/clientLink';
import type { ClientLinksApi } from '../../../src/extension/extension';
import type { GroupNode, LinkNode } from '../../../src/extension/tree/linksTreeProvider';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { activateAgainst, EXTENSION_ID, FakeMicrosoftSignIn, groups, linkNodes, until } from '../hostHelpers';

const AGENCY = '251000123';
const FABRIKAM = '250987654';
const GOURMET = '180034001'; // pending, note: Shopping & search management — "holiday" push <2026>.

interface Captured {
  warnings: { message: string; detail?: string }[];
  infos: string[];
  quickPicks: { items: vscode.QuickPickItem[]; options?: vscode.QuickPickOptions }[];
}

describe('Link details, selections, groups, copy and sort in the extension host', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const captured: Captured = { warnings: [], infos: [], quickPicks: [] };
  /** What the next quick pick answers: the items it is given → the item(s) to choose. */
  let answerQuickPick: (items: vscode.QuickPickItem[]) => vscode.QuickPickItem | vscode.QuickPickItem[] | undefined = () => undefined;
  const originals = { info: vscode.window.showInformationMessage, quickPick: vscode.window.showQuickPick };
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');

  const tokenOf = (customerId: string): string => {
    const user = sim.users.find((u) => u.customerId === customerId && u.role === 'Super Admin');
    assert.ok(user, `a Super Admin of ${customerId}`);
    return user.accessToken;
  };

  async function signInAs(customerId: string, account: string): Promise<void> {
    await vscode.commands.executeCommand('clientLinks.signOut');
    signIn.account = account;
    signIn.token = tokenOf(customerId);
    await vscode.commands.executeCommand('clientLinks.signIn');
    await until(`links of ${customerId} loaded`, () => api.store.loaded && api.store.active?.customerId === customerId && !api.store.loading);
  }

  const node = (status: string, id: string): LinkNode => {
    const found = linkNodes(api, status).find((n) => n.link.ClientEntityId === id);
    assert.ok(found, `a ${status} link ${id} in the tree`);
    return found;
  };
  const serviceStatus = (id: string): string | null | undefined => sim.control.state().links?.find((l) => l.ClientEntityId === id && l.ManagingCustomerId === AGENCY)?.Status;

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    // Record the modal confirmations (the stub still answers them with their first action).
    const answerModal = vscode.window.showWarningMessage;
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (message: string, ...rest: unknown[]) => {
      const options = rest.find((r) => typeof r === 'object' && r !== null && 'modal' in r) as vscode.MessageOptions | undefined;
      captured.warnings.push({ message, detail: options?.detail });
      return answerModal(message, ...(rest as string[]));
    };
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = (message: string) => {
      captured.infos.push(message);
      return Promise.resolve(undefined);
    };
    (vscode.window as { showQuickPick: unknown }).showQuickPick = (items: readonly vscode.QuickPickItem[] | Promise<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) =>
      Promise.resolve(items).then((list) => {
        captured.quickPicks.push({ items: [...list], options });
        return answerQuickPick([...list]);
      });
    api = await activateAgainst(sim.endpoint);
    await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken);
    await signInAs(AGENCY, 'agency');
  });

  after(async () => {
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = originals.info;
    (vscode.window as { showQuickPick: unknown }).showQuickPick = originals.quickPick;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('sortBy', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('clientLinks.signOut');
    // The stub answers the confirmation with "Clear Developer Token".
    assert.equal(await vscode.commands.executeCommand('clientLinks.clearDeveloperToken'), true);
    for (const key of ['endpoint', 'autoRefreshSeconds', 'notifyOnStatusChange']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    signIn.restore();
    await sim?.close();
  });

  beforeEach(() => {
    captured.warnings.length = 0;
    captured.infos.length = 0;
    captured.quickPicks.length = 0;
    answerQuickPick = () => undefined;
  });

  it('Show Link Details opens a webview: strict CSP, escaped service text, plain copyable values, local times with UTC on hover, names', async () => {
    const gourmet = node('LinkPending', GOURMET);
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('clientLinks.showDetails', gourmet);
    assert.ok(panel, 'a panel');
    assert.equal(panel.viewType, 'clientLinks.details');
    assert.equal(panel.title, 'Northwind Gourmet - US', "the client's name (the account's)");
    const html = panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; style-src 'nonce-([A-Za-z0-9+/=]+)'; script-src 'nonce-\1';/, `CSP: ${csp}`);
    assert.doesNotMatch(csp, /unsafe|https?:/);
    assert.deepEqual(panel.webview.options.localResourceRoots, [], 'no local files either');
    // The note holds & " < >: escaped, never markup.
    assert.match(html, /Shopping &amp; search management — &quot;holiday&quot; push &lt;2026&gt;\./);
    assert.doesNotMatch(html, /<2026>/);
    // Values are plain text: no Markdown backslash escapes (what made copied values wrong).
    assert.match(html, /contoso-agency\.example|Contoso Agency/);
    assert.doesNotMatch(html, /\\[.\-_]/);
    // Times: local text with the age, exact UTC in the title; no raw ISO with milliseconds shown.
    assert.match(html, /<time title="\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC">[^<]+\((?:\d+ days ago|yesterday)\)<\/time>/);
    assert.doesNotMatch(html.replace(/<[^>]+>/g, ''), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+/);
    assert.match(html, /Expires <time title="[^"]+ UTC">[^<]+\(in \d+ days\)<\/time> if nobody acts\./);
    // The signed-in user by name (GetUser), not "user 171234567".
    assert.equal(gourmet.link.LastModifiedByUserId, '171234567');
    assert.match(html, /by Avery Howard \(you\)/);
    assert.doesNotMatch(html, /user 171234567/);
    assert.match(html, /data-copy="ClientEntityId"/);
  });

  it('a copy button copies the field of the shown link (the page names the field, the extension reads the value)', async () => {
    const gourmet = node('LinkPending', GOURMET);
    const key = `${AGENCY}:AccountLink:${GOURMET}`;
    assert.match(api.details.panelFor(gourmet.link)?.webview.html ?? '', /<button class="copy" type="button" data-copy="ClientEntityNumber"/);
    await vscode.env.clipboard.writeText('');
    // What the page's script posts when the button is pressed.
    assert.equal(await api.details.receive(key, { type: 'copy', field: 'ClientEntityNumber' }), gourmet.link.ClientEntityNumber);
    assert.equal(await vscode.env.clipboard.readText(), gourmet.link.ClientEntityNumber);
    // A page cannot choose the text: unknown fields and other messages copy nothing.
    assert.equal(await api.details.receive(key, { type: 'copy', field: 'Timestamp' }), undefined);
    assert.equal(await api.details.receive(key, { type: 'copy', value: 'evil' }), undefined);
    assert.equal(await vscode.env.clipboard.readText(), gourmet.link.ClientEntityNumber);
  });

  it('updates when the link changes (canceled elsewhere, then refreshed)', async () => {
    const gourmet = node('LinkPending', GOURMET);
    const panel = api.details.panelFor(gourmet.link);
    assert.ok(panel);
    assert.match(panel.webview.html, /<span class="status">Pending invitation<\/span>/);
    const { createClientLinksService } = await import('../../../src/core/service/index');
    const other = createClientLinksService({ endpoint: sim.endpoint, developerToken: () => Promise.resolve(sim.developerToken), tokenSource: { getAccessToken: () => Promise.resolve(tokenOf(AGENCY)) } });
    const [outcome] = await other.updateClientLinks([{ ...gourmet.link, Status: 'LinkCanceled' }]);
    assert.equal(outcome?.state, 'succeeded');
    await api.store.refresh();
    await until('the panel shows Canceled', () => /<span class="status">Canceled<\/span>/.test(panel.webview.html));
    assert.match(panel.webview.html, /History<\/h2>\s*<ol><li><time/);
    panel.dispose();
  });

  it('a single click on a row only selects; a double-click (two opens) or Enter opens the details', async () => {
    const row = linkNodes(api, 'Active')[0]!;
    const item = api.tree.getTreeItem(row);
    assert.equal(item.command?.command, 'clientLinks.openLink', 'the row runs the open gesture');
    const args = (item.command?.arguments ?? []) as unknown[];
    assert.equal(await vscode.commands.executeCommand('clientLinks.openLink', ...args), false, 'one click: nothing opens');
    assert.equal(api.details.panelFor(row.link), undefined);
    assert.equal(await vscode.commands.executeCommand('clientLinks.openLink', ...args), true, 'the second click of a double-click opens');
    const panel = api.details.panelFor(row.link);
    assert.ok(panel);
    panel.dispose();
    // Groups have no open command: Enter and double-click keep expanding them.
    assert.equal(api.tree.getTreeItem(groups(api)[0]!).command, undefined);
  });

  it('from the palette with nothing selected, asks which link, client name first', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const expected = api.store.links.find((l) => l.ClientEntityId === '180012348')!; // Fabrikam Sandals AU, Active
    answerQuickPick = (items) => items.find((i) => (i as { link?: ClientLink }).link === expected);
    // No node: the palette (the tree's selection is empty in this host).
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('clientLinks.showDetails');
    assert.equal(captured.quickPicks.length, 1, 'asked which link');
    const pick = captured.quickPicks[0]!;
    assert.equal(pick.options?.title, 'Show details of which link?');
    assert.equal(pick.items.length, api.store.links.length);
    const row = pick.items.find((i) => (i as { link?: ClientLink }).link === expected);
    assert.equal(row?.label, 'Fabrikam Sandals - AU');
    assert.match(row?.description ?? '', /Active/);
    assert.ok(panel, 'the chosen link opened');
    assert.equal(panel.title, 'Fabrikam Sandals - AU');
    panel.dispose();
  });

  it('tooltips: local time, age and names; no raw ISO time with milliseconds, no bare user id', () => {
    const row = linkNodes(api, 'Active')[0]!;
    const tooltip = api.tree.resolveTreeItem(api.tree.getTreeItem(row), row).tooltip as vscode.MarkdownString;
    assert.doesNotMatch(tooltip.value, /\d{4}\\?-\d{2}\\?-\d{2}T/);
    assert.doesNotMatch(tooltip.value, /Last modified by user/);
    assert.match(tooltip.value, /Last modified .* ago\\?\)? by (?:Avery Howard \\\(you\\\)|user \d+)/);
  });

  it("the client's Accept picker names the client's account, the agency that asks, who pays and the note", async () => {
    await signInAs(FABRIKAM, 'fabrikam');
    const result = await vscode.commands.executeCommand('clientLinks.accept');
    assert.equal(result, undefined, 'nothing chosen, nothing sent');
    const pick = captured.quickPicks[0];
    assert.ok(pick, 'asked which invitations');
    const shoes = pick.items.find((i) => (i as { link?: ClientLink }).link?.ClientEntityId === '180012345'); // invited as "Fabrikam Shoes US"
    assert.ok(shoes, `rows: ${pick.items.map((i) => i.label).join(', ')}`);
    assert.equal(shoes.label, (shoes as { link?: ClientLink }).link?.ClientEntityName, "the client's account name first");
    assert.match(shoes.description ?? '', /from Contoso Agency/);
    assert.match(shoes.detail ?? '', /^Who pays: (?:you pay|the agency pays) · Note: "Contoso will run your Q4 search campaigns\."$/);
    assert.ok(pick.items.every((i) => !/^Fabrikam, Inc\./.test(i.label)), "no row is labelled with the client's own customer name");
    await signInAs(AGENCY, 'agency');
  });

  it('Actions for Selected Links: offers what applies to some ("Cancel invitation: 3 of 5 selected") and acts only on those', async () => {
    const pending = linkNodes(api, 'LinkPending').slice(0, 3);
    const active = linkNodes(api, 'Active')[0]!;
    const declined = linkNodes(api, 'LinkDeclined')[0]!;
    assert.equal(pending.length, 3);
    const selection = [...pending, active, declined];
    answerQuickPick = (items) => items.find((i) => i.label.startsWith('Cancel invitation'));
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] } | undefined>('clientLinks.actOnSelection', pending[0], selection);
    const labels = captured.quickPicks[0]?.items.map((i) => i.label);
    assert.deepEqual(labels, ['Cancel invitation: 3 of 5 selected', 'Request unlink: 1 of 5 selected']);
    assert.equal(captured.warnings[0]?.message.startsWith('Cancel invitation: 3 of 5 selected: '), true, `confirmation: ${captured.warnings[0]?.message}`);
    assert.match(captured.warnings[0]?.detail ?? '', /2 other selected links are left unchanged/);
    assert.deepEqual(result?.outcomes.map((o) => o.state), ['succeeded', 'succeeded', 'succeeded']);
    for (const n of pending) {
      assert.equal(serviceStatus(n.link.ClientEntityId!), 'LinkCanceled');
    }
    assert.equal(serviceStatus(active.link.ClientEntityId!), 'Active', 'the Active link was not touched');
    assert.equal(serviceStatus(declined.link.ClientEntityId!), 'LinkDeclined');
  });

  it('a menu action on a mixed selection acts on the links it applies to, and says why when none', async () => {
    const pending = linkNodes(api, 'LinkPending')[0]!;
    const active = linkNodes(api, 'Active')[0]!;
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] } | undefined>('clientLinks.unlink', active, [pending, active]);
    assert.match(captured.warnings[0]?.message ?? '', /^Request unlink: 1 of 2 selected: /);
    assert.deepEqual(result?.outcomes.map((o) => o.state), ['succeeded']);
    assert.equal(serviceStatus(pending.link.ClientEntityId!), 'LinkPending', 'the pending link was left alone');
    const declined = linkNodes(api, 'LinkDeclined').slice(0, 2);
    const none = await vscode.commands.executeCommand('clientLinks.cancel', declined[0], declined);
    assert.equal(none, undefined);
    assert.match(captured.infos.at(-1) ?? '', /^Cancel invitation does not apply to any of the 2 selected links \(2 Declined\): it withdraws a pending invitation you sent\.$/);
    await vscode.commands.executeCommand('clientLinks.actOnSelection', declined[0], declined);
    assert.match(captured.infos.at(-1) ?? '', /^None of the 2 selected links has an action you can take \(2 Declined\)\./);
  });

  it('Ctrl+C copies the selected links, id and name one per line (from the menu and from the view selection)', async () => {
    const active = linkNodes(api, 'Active').slice(0, 2);
    const text = await vscode.commands.executeCommand<string>('clientLinks.copySelected', active[0], active);
    const expected = active.map((n) => `${n.link.ClientEntityId}\t${n.link.ClientEntityName}`).join('\n');
    assert.equal(text, expected);
    assert.equal(await vscode.env.clipboard.readText(), expected);
    // The keybinding passes nothing: the view's selection is copied.
    await vscode.commands.executeCommand('clientLinks.links.focus');
    await api.tree.view.reveal(active[1]!, { select: true, focus: true });
    await until('the row is selected', () => api.tree.view.selection.length === 1);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('clientLinks.copySelected');
    assert.equal(await vscode.env.clipboard.readText(), `${active[1]!.link.ClientEntityId}\t${active[1]!.link.ClientEntityName}`);
  });

  it('sorts by expiry (soonest first) and by last modified (newest first), from the setting', async () => {
    await vscode.commands.executeCommand('clientLinks.sortBy', 'expiry');
    const pending = linkNodes(api, 'LinkPending').map((n) => n.link.LastModifiedDateTime ?? '');
    assert.ok(pending.length >= 2);
    assert.deepEqual(pending, [...pending].sort(), 'the invitation sent first expires first');
    await vscode.commands.executeCommand('clientLinks.sortBy', 'lastModified');
    const active = linkNodes(api, 'Active').map((n) => n.link.LastModifiedDateTime ?? '');
    assert.deepEqual(active, [...active].sort().reverse());
    await vscode.commands.executeCommand('clientLinks.sortBy', 'name');
    const names = linkNodes(api, 'Active').map((n) => n.link.ClientEntityName ?? '');
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })));
    assert.equal(config().get('sortBy'), 'name');
  });

  it('status group actions: copy the ids, export the group, cancel all pending invitations in it', async () => {
    const pendingGroup = groups(api).find((g) => g.group.status === 'LinkPending') as GroupNode;
    const ids = pendingGroup.group.links.map((l) => l.ClientEntityId);
    assert.match(String(api.tree.getTreeItem(pendingGroup).contextValue), /;hasLinks;canCancelAll$/);
    assert.doesNotMatch(String(api.tree.getTreeItem(groups(api).find((g) => g.group.status === 'Active')!).contextValue), /canCancelAll/);
    await vscode.commands.executeCommand('clientLinks.copyGroupIds', pendingGroup);
    assert.equal(await vscode.env.clipboard.readText(), ids.join('\n'));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'group-')), 'pending.json');
    await vscode.commands.executeCommand('clientLinks.exportGroup', pendingGroup, file);
    const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as { ClientEntityId: string }[];
    assert.deepEqual(rows.map((r) => r.ClientEntityId), ids);
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.cancelGroup', pendingGroup);
    assert.equal(result.outcomes.length, ids.length);
    assert.ok(result.outcomes.every((o) => o.state === 'succeeded'));
    for (const id of ids) {
      assert.equal(serviceStatus(id!), 'LinkCanceled');
    }
  });

  it('keybindings are contributed for Enter, Ctrl+C, F5 and Ctrl+F in the view', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { keybindings: { key: string; command: string; when: string }[] } };
    const byKey = new Map(manifest.contributes.keybindings.map((k) => [k.key, k]));
    assert.equal(byKey.get('enter')?.command, 'clientLinks.openFocusedLink');
    assert.equal(byKey.get('ctrl+c')?.command, 'clientLinks.copySelected');
    assert.equal(byKey.get('f5')?.command, 'clientLinks.refresh');
    assert.equal(byKey.get('ctrl+f')?.command, 'clientLinks.filter');
  });

});

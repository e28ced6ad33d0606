/**
 * Issue 12, items 2, 3 and 9, in the real extension host against the demo seed: customers by name
 * (view title, status bar, Select Customer, Group By client customer), Select Customer with a
 * customer that cannot be used (Adventure Works Cycles, reached through Contoso's customer link:
 * listing its links answers 106), automatic refresh paused after that failure, and the status bar
 * without a developer token. Leaves the extension signed out with its settings reset.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClientLinksApi } from '../../../src/extension/extension';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { actionNodes, EXTENSION_ID, FakeMicrosoftSignIn, groups, until } from '../hostHelpers';

const AGENCY = '251000123';
const ADVENTURE = '250800001';

type PickItem = vscode.QuickPickItem & { entry?: { customerId: string } };

describe('Client Links in the extension host: customers by name, and a customer that cannot be used', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  const errors: string[] = [];
  const originalShowError = vscode.window.showErrorMessage;
  const originalQuickPick = vscode.window.showQuickPick;
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');
  /** Answers the next Select Customer picker with the row `choose` returns; records its rows. */
  let shownItems: PickItem[] = [];
  let choose: (items: PickItem[]) => PickItem | undefined = () => undefined;

  /** The tooltip's text as rendered: MarkdownString.appendText writes spaces as &nbsp; and escapes punctuation. */
  const plainTooltip = (): string => {
    const tooltip = api.statusBar.item.tooltip;
    const source = typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
    return source.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');
  };

  async function signInAsAgency(): Promise<void> {
    signIn.account = 'agency';
    signIn.token = sim.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin')?.accessToken;
    assert.ok(signIn.token);
    await vscode.commands.executeCommand('clientLinks.signIn');
  }

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string) => {
      errors.push(message);
      return Promise.resolve(undefined);
    };
    (vscode.window as { showQuickPick: unknown }).showQuickPick = (items: PickItem[]) => {
      shownItems = items;
      return Promise.resolve(choose(items));
    };
    await config().update('endpoint', sim.endpoint, vscode.ConfigurationTarget.Global);
    await config().update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    await config().update('notifyOnStatusChange', false, vscode.ConfigurationTarget.Global);
    await config().update('customerId', undefined, vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<ClientLinksApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    await vscode.commands.executeCommand('clientLinks.signOut');
    await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken);
    await signInAsAgency();
    await until('the agency links and customer names load', () => api.store.loaded && !api.store.loading && api.store.customers.state === 'loaded');
  });

  after(async () => {
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = originalShowError;
    (vscode.window as { showQuickPick: unknown }).showQuickPick = originalQuickPick;
    await vscode.commands.executeCommand('clientLinks.signOut');
    for (const key of ['customerId', 'groupBy', 'endpoint']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    signIn.restore();
    await sim?.close();
  });

  it('the view title says for whom and who acts, by name (the customer first); number and role follow in the description', () => {
    assert.equal(api.tree.view.title, 'Contoso Agency · Avery Howard');
    assert.match(String(api.tree.view.description), /A1B2C3D4E5 · id 251000123 · Super Admin/);
  });

  it('the status bar names the customer; its tooltip counts status groups in lifecycle order; its accessible label is plain text', () => {
    const item = api.statusBar.item;
    assert.match(item.text, /^\$\(link\) \d+ · Contoso Agency$/);
    const tooltip = plainTooltip();
    assert.match(tooltip, /Customer: Contoso Agency \(A1B2C3D4E5 · id 251000123\), as Super Admin, signed in as Avery Howard/);
    const listed = [...tooltip.matchAll(/^- (.+): (\d+)$/gm)].map((m) => m[1]);
    const expected = groups(api).map((g) => g.group.label);
    assert.deepEqual(listed, expected, 'the status groups of the tree, in the same (lifecycle) order');
    assert.ok(!/LinkPending|UnlinkPending|LinkInProgress/.test(tooltip), 'no raw status names');
    const aria = item.accessibilityInformation?.label ?? '';
    assert.match(aria, /^Client Links, .*Contoso Agency, as Super Admin\. \d+ links/);
    assert.ok(!/[*\\`]|\$\(/.test(aria), `no Markdown or icon syntax: ${aria}`);
    for (const label of expected) {
      assert.ok(aria.includes(label), `the accessible label counts ${label}`);
    }
  });

  it('Group By client customer labels groups with names, the customer number after them', async () => {
    await vscode.commands.executeCommand('clientLinks.groupBy', 'client');
    try {
      const clientGroups = groups(api);
      const labels = clientGroups.map((g) => g.group.label);
      assert.ok(labels.includes('Adventure Works Cycles'), labels.join(', '));
      assert.ok(!labels.some((l) => /^[A-Z0-9]{8,}$/.test(l) || /\([A-Z0-9]{8,}\)$/.test(l)), `no group is a bare number: ${labels.join(', ')}`);
      const fabrikam = clientGroups.find((g) => g.group.id === 'client:B9X7Z5Q3W1');
      assert.ok(fabrikam, 'the Fabrikam accounts are one group');
      assert.match(fabrikam.group.label, /^Owner of Fabrikam /, 'named by what it owns where the service gives no customer name');
      const item = api.tree.getTreeItem(fabrikam);
      assert.equal(item.description, `customer B9X7Z5Q3W1 · ${fabrikam.group.links.length}`);
      // A group's label is a name from the service or a user: its tooltip shows it as is, not as Markdown.
      const odd = Object.assign(Object.create(Object.getPrototypeOf(fabrikam) as object) as typeof fabrikam, fabrikam, { group: { ...fabrikam.group, label: 'Café *Olé* [EU] <b>x</b> #1_a' } });
      const tooltip = api.tree.getTreeItem(odd).tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString);
      assert.ok(tooltip.value.startsWith('**Café \\*Olé\\* \\[EU\\] \\<b\\>x\\</b\\> \\#1\\_a**: '), tooltip.value);
    } finally {
      await vscode.commands.executeCommand('clientLinks.groupBy', 'status');
    }
  });

  it('Select Customer offers customers by name, number and role second, and the customer-link one apart', async () => {
    choose = () => undefined;
    assert.equal(await vscode.commands.executeCommand('clientLinks.selectCustomer'), false);
    const rows = shownItems.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    const contoso = rows.find((i) => i.entry?.customerId === AGENCY);
    assert.ok(contoso);
    assert.match(contoso.label, /Contoso Agency$/);
    assert.match(contoso.description ?? '', /A1B2C3D4E5 · id 251000123 · Super Admin/);
    assert.ok(contoso.picked);
    const adventure = rows.find((i) => i.entry?.customerId === ADVENTURE);
    assert.ok(adventure);
    assert.equal(adventure.label, 'Adventure Works Cycles');
    const separators = shownItems.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => i.label);
    assert.deepEqual(separators, ['Your customers', 'Reached through a customer link']);
    assert.ok(!rows.some((i) => /^Customer \d/.test(i.label)), 'no customer shown as a bare id');
    assert.equal(api.store.active?.customerId, AGENCY, 'dismissing the picker changes nothing');
  });

  it('a customer whose links cannot be listed (106) is not switched to: the previous customer stays, the setting is not written, the message says so', async () => {
    const before = api.store.links;
    errors.length = 0;
    choose = (items) => items.find((i) => i.entry?.customerId === ADVENTURE);
    assert.equal(await vscode.commands.executeCommand('clientLinks.selectCustomer'), false);
    assert.equal(api.store.active?.customerId, AGENCY);
    assert.equal(api.store.links, before, 'the agency links are still shown');
    assert.equal(api.store.lastError, undefined, 'the view shows no error');
    assert.equal(config().inspect('customerId')?.globalValue, undefined, 'nothing saved to settings');
    assert.equal(api.tree.view.title, 'Contoso Agency · Avery Howard');
    const message = errors.find((m) => m.includes('Adventure Works Cycles'));
    assert.ok(message, `errors: ${errors.join(' | ')}`);
    assert.match(message, /Could not act for Adventure Works Cycles: .*\(106\)/);
    assert.match(message, /You still act for Contoso Agency\./);
    // Offered again, it is shown apart, with why; picking it changes nothing and sends nothing.
    const calls = sim.control.callLog().length;
    errors.length = 0;
    assert.equal(await vscode.commands.executeCommand('clientLinks.selectCustomer'), false);
    const refused = shownItems.find((i) => i.entry?.customerId === ADVENTURE);
    assert.ok(refused);
    assert.match(refused.detail ?? '', /could not be listed: .*\(106\)/);
    assert.ok(shownItems.some((i) => i.kind === vscode.QuickPickItemKind.Separator && i.label === 'Cannot be used'));
    assert.equal(sim.control.callLog().length, calls, 'no call for a customer known to be refused');
    assert.equal(api.store.active?.customerId, AGENCY);
  });

  it('after a permanent failure (106) automatic refresh stops calling the service, and the error is logged once; selecting a usable customer resumes it', async () => {
    // A customer saved before this fix: the session starts with it and its listing is refused.
    await config().update('customerId', ADVENTURE, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('clientLinks.signOut');
    await signInAsAgency();
    await until('the refusal lands', () => api.store.lastError !== undefined && !api.store.loading);
    assert.equal(api.store.active?.customerId, ADVENTURE);
    assert.equal(api.connection.refreshPause.allowsAutomatic, false, 'automatic refresh paused');
    // The view names the refused customer and offers Select Customer first; the status bar says refresh is paused, and why.
    await until('the refused customer is named', () => api.tree.view.title === 'Adventure Works Cycles · Avery Howard');
    assert.match(String(api.tree.view.message), /^Could not load the links: .*\(106\)/);
    assert.deepEqual(actionNodes(api).map((n) => n.action.command), ['clientLinks.selectCustomer', 'clientLinks.refresh', 'clientLinks.showLog']);
    await until('the status bar says refresh is paused', () => /Automatic refresh is paused: you have no permission for this customer\./.test(plainTooltip()));
    assert.match(api.statusBar.item.accessibilityInformation?.label ?? '', /Automatic refresh is paused: you have no permission for this customer\. It resumes when you refresh/);
    const calls = sim.control.callLog().length;
    for (let i = 0; i < 3; i++) {
      assert.equal(await api.connection.refreshAutomatically(), false, 'the timer does not refresh');
    }
    assert.equal(sim.control.callLog().length, calls, 'no call was made');
    const logged = api.logger.recent.filter((l) => /\[error\] Refresh/.test(l) && /106/.test(l));
    assert.equal(logged.length, 1, `logged once: ${logged.join(' | ')}`);
    choose = (items) => items.find((i) => i.entry?.customerId === AGENCY);
    assert.equal(await vscode.commands.executeCommand('clientLinks.selectCustomer'), true);
    assert.equal(api.store.active?.customerId, AGENCY);
    assert.equal(config().inspect('customerId')?.globalValue, AGENCY, 'a customer that works is saved');
    assert.equal(api.connection.refreshPause.allowsAutomatic, true, 'automatic refresh resumes');
    assert.doesNotMatch(plainTooltip(), /paused/, 'the status bar no longer says paused');
    assert.equal(await api.connection.refreshAutomatically(), true);
    assert.ok(sim.control.callLog().length > calls);
  });

  it('without a developer token the status bar says what is missing, not "0"', async () => {
    await vscode.commands.executeCommand('clientLinks.clearDeveloperToken'); // the stub confirms the modal
    await until('the connection needs a developer token', () => api.connection.state === 'needsDeveloperToken');
    const item = api.statusBar.item;
    assert.match(item.text, /no developer token/);
    assert.ok(!/\b0\b/.test(item.text), item.text);
    assert.equal(item.command, 'clientLinks.setDeveloperToken');
    assert.match(plainTooltip(), /no developer token is set for/);
    assert.match(item.accessibilityInformation?.label ?? '', /^Client Links: signed in, but no developer token is set for \w+\. Click to set the developer token\.$/);
    await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken);
    await until('ready again', () => api.connection.state === 'ready' && api.store.loaded && !api.store.loading);
    assert.match(item.text, /Contoso Agency/);
  });
});

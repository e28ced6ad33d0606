/**
 * Issue 12, item 1, in the real extension host: with a wrong developer token the service answers 105
 * (as for a refused access token). The user stays signed in, the message names the developer token,
 * and it offers Set Developer Token and Sign In; entering the right developer token fixes it without
 * signing in again. Runs after workflowOverRest.test.ts (file order), which leaves the extension signed out.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClientLinksApi } from '../../../src/extension/extension';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { activateAgainst, FakeMicrosoftSignIn, linkNodes, until } from '../hostHelpers';

const AGENCY = '251000123';

describe('Client Links in the extension host with a wrong developer token (105)', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  const shown: { message: string; items: string[] }[] = [];
  const originalShowError = vscode.window.showErrorMessage;
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string, ...rest: unknown[]) => {
      shown.push({ message, items: rest.filter((r): r is string => typeof r === 'string') });
      return Promise.resolve(undefined);
    };
    api = await activateAgainst(sim.endpoint);
  });

  after(async () => {
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = originalShowError;
    await vscode.commands.executeCommand('clientLinks.signOut');
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    signIn.restore();
    await sim?.close();
  });

  it('stays signed in, names the developer token and offers Set Developer Token and Sign In', async () => {
    const wrong = `${sim.developerToken}X`;
    await vscode.commands.executeCommand('clientLinks.signOut');
    assert.equal(await vscode.commands.executeCommand('clientLinks.setDeveloperToken', wrong), true);
    signIn.account = 'agency';
    signIn.token = sim.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin')?.accessToken;
    assert.ok(signIn.token);
    shown.length = 0;
    await vscode.commands.executeCommand('clientLinks.signIn');
    await until('the refusal is reported', () => shown.some((s) => /\(105\)/.test(s.message)));
    assert.equal(api.connection.state, 'ready', 'still signed in');
    assert.ok(api.connection.signedIn);
    const report = shown.find((s) => /\(105\)/.test(s.message));
    assert.ok(report);
    assert.match(report.message, /developer token/i);
    assert.doesNotMatch(report.message, /refused the access token/);
    assert.ok(report.items.includes('Set Developer Token'), `items: ${report.items.join(', ')}`);
    assert.ok(report.items.includes('Sign In'), `items: ${report.items.join(', ')}`);
    assert.ok(!report.message.includes(wrong) && !report.message.includes(signIn.token), 'no token in the message');
    assert.match(api.store.lastError?.advice ?? '', /developer token/);
  });

  it('the right developer token fixes it without signing in again', async () => {
    const interactiveBefore = signIn.calls.filter((c) => c.options?.createIfNone).length;
    assert.equal(await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken), true);
    await until('the links load', () => api.store.loaded && !api.store.loading && api.store.active?.customerId === AGENCY);
    assert.equal(api.connection.state, 'ready');
    assert.equal(signIn.calls.filter((c) => c.options?.createIfNone).length, interactiveBefore, 'no new sign-in');
  });

  it('Clear Developer Token asks first, naming the environment, and keeps the token when declined', async () => {
    const environment = String(config().get('environment'));
    const asked: { message: string; modal: boolean; items: string[] }[] = [];
    const stub = vscode.window.showWarningMessage;
    let answer: 'first' | 'none' = 'none';
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (message: string, ...rest: unknown[]) => {
      const items = rest.filter((r): r is string => typeof r === 'string');
      const options = rest.find((r) => typeof r === 'object' && r !== null && 'modal' in r) as vscode.MessageOptions | undefined;
      asked.push({ message, modal: options?.modal === true, items });
      return Promise.resolve(answer === 'first' && options?.modal ? items[0] : undefined);
    };
    try {
      assert.equal(await vscode.commands.executeCommand('clientLinks.clearDeveloperToken'), false, 'declined');
      assert.equal(api.connection.state, 'ready', 'declining keeps the token');
      answer = 'first';
      assert.equal(await vscode.commands.executeCommand('clientLinks.clearDeveloperToken'), true, 'confirmed');
      assert.equal(api.connection.state, 'needsDeveloperToken');
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = stub;
    }
    assert.equal(asked.length, 2);
    for (const a of asked) {
      assert.ok(a.modal, 'a modal confirmation');
      assert.ok(a.message.includes(environment), `names the environment: ${a.message}`);
      assert.deepEqual(a.items, ['Clear Developer Token']);
      assert.ok(!a.message.includes(sim.developerToken), 'no token in the message');
    }
    assert.equal(await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken), true);
    await until('the links load again', () => api.connection.state === 'ready' && api.store.loaded && !api.store.loading);
  });

  it('your own action is reported once, not again as a status change (issue 12, item 11)', async () => {
    const pending = linkNodes(api, 'LinkPending').filter((n) => n.link.ManagingCustomerId === AGENCY && n.link.Type !== 'CustomerLink').slice(0, 2);
    assert.ok(pending.length === 2, 'the demo has two pending account-link invitations from the agency');
    const infos: string[] = [];
    const originalInfo = vscode.window.showInformationMessage;
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = (message: string) => {
      infos.push(message);
      return Promise.resolve(undefined);
    };
    await config().update('notifyOnStatusChange', true, vscode.ConfigurationTarget.Global);
    try {
      const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.cancel', pending[0], pending);
      assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded', 'succeeded']);
      await vscode.commands.executeCommand('clientLinks.refresh');
    } finally {
      await config().update('notifyOnStatusChange', false, vscode.ConfigurationTarget.Global);
      (vscode.window as { showInformationMessage: unknown }).showInformationMessage = originalInfo;
    }
    assert.deepEqual(infos.filter((m) => /changed status|is now/.test(m)), [], `notifications: ${infos.join(' | ')}`);
    assert.ok(infos.some((m) => /all 2 done/.test(m)), `notifications: ${infos.join(' | ')}`);
  });

  it('a Standard user is not offered a customer link: refused before anything is sent, with no Retry (issue 12, item 6)', async () => {
    await vscode.commands.executeCommand('clientLinks.signOut');
    signIn.account = 'agency-standard';
    signIn.token = sim.users.find((u) => u.customerId === AGENCY && u.role === 'Standard')?.accessToken;
    assert.ok(signIn.token, 'the demo seed has a Standard user on the agency');
    await vscode.commands.executeCommand('clientLinks.signIn');
    await until('the Standard user\'s links load', () => api.store.loaded && !api.store.loading && api.store.active?.customerId === AGENCY && api.store.active.roleName === 'Standard');
    const callsBefore = sim.control.callLog().length;
    shown.length = 0;
    const result = await vscode.commands.executeCommand('clientLinks.invite', { type: 'CustomerLink', accountId: '250987654', accountNumber: 'B9X7Z5Q3W1', billToClient: true });
    assert.equal(result, undefined);
    assert.equal(sim.control.callLog().length, callsBefore, 'no request was sent');
    const refusal = shown.find((s) => /cannot invite a customer link/.test(s.message));
    assert.ok(refusal, `messages: ${shown.map((s) => s.message).join(' | ')}`);
    assert.match(refusal.message, /Standard/);
    assert.ok(!refusal.items.includes('Retry'));
  });
});

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
import { EXTENSION_ID, FakeMicrosoftSignIn, until } from '../hostHelpers';

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
    await config().update('endpoint', sim.endpoint, vscode.ConfigurationTarget.Global);
    await config().update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    await config().update('notifyOnStatusChange', false, vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<ClientLinksApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
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
});

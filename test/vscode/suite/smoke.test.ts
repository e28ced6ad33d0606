// Runs inside the real extension host (test/vscode/index.ts): activation, the contributed commands,
// the lazy SOAP chunk, and the Microsoft sign-in request (getSession stubbed: the extension under
// test shares this file's vscode API object, because both live in the extension's folder).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'msads-client-links.msads-client-links';

interface Manifest {
  main: string;
  contributes: { commands: { command: string }[] };
}

type GetSession = typeof vscode.authentication.getSession;

interface SessionCall {
  providerId: string;
  scopes: readonly string[];
  options: vscode.AuthenticationGetSessionOptions | undefined;
}

describe('Smoke: the extension in the real extension host', function () {
  let extension: vscode.Extension<unknown>;
  let manifest: Manifest;
  const calls: SessionCall[] = [];
  let realGetSession: GetSession | undefined;

  before(function () {
    const found = vscode.extensions.getExtension(extensionId);
    assert.ok(found, `extension ${extensionId} is not loaded in the extension host`);
    extension = found;
    manifest = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as Manifest;
    const main = path.join(extension.extensionPath, manifest.main);
    assert.ok(fs.existsSync(main), `${main} does not exist: build the extension first (npm run build)`);

    // No real sign-in in the extension host: record what the extension asks for and answer "no account".
    realGetSession = vscode.authentication.getSession;
    const fake = (
      providerId: string,
      scopes: readonly string[],
      options?: vscode.AuthenticationGetSessionOptions,
    ): Promise<vscode.AuthenticationSession | undefined> => {
      calls.push({ providerId, scopes: [...scopes], options });
      if (options?.createIfNone || options?.forceNewSession) {
        return Promise.reject(new Error('User did not consent to login.'));
      }
      return Promise.resolve(undefined);
    };
    (vscode.authentication as { getSession: unknown }).getSession = fake;
  });

  after(function () {
    if (realGetSession) {
      (vscode.authentication as { getSession: unknown }).getSession = realGetSession;
    }
  });

  it('activates', async function () {
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command contributed in package.json', async function () {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('does not load the SOAP chunk (dist/service.js) on activation', function () {
    const service = path.join(extension.extensionPath, 'dist', 'service.js');
    const loaded = Object.keys(require.cache).filter((k) => k === service || k.endsWith(`${path.sep}dist${path.sep}service.js`));
    assert.deepEqual(loaded, [], 'the SOAP service chunk was loaded during activation');
  });

  it('asks the Microsoft provider for a session with the Microsoft Advertising scopes', async function () {
    if (calls.length === 0) {
      // No silent probe at activation: the Sign In command must ask.
      await vscode.commands.executeCommand('clientLinks.signIn').then(
        () => undefined,
        () => undefined,
      );
    }
    assert.ok(calls.length > 0, 'the extension never called vscode.authentication.getSession');
    for (const call of calls) {
      assert.equal(call.providerId, 'microsoft');
      assert.ok(call.scopes.includes('https://ads.microsoft.com/msads.manage'), `scopes: ${call.scopes.join(' ')}`);
      assert.ok(call.scopes.includes('offline_access'), `scopes: ${call.scopes.join(' ')}`);
      assert.ok(call.scopes.includes('VSCODE_TENANT:common'), `scopes: ${call.scopes.join(' ')}`);
      // clientLinks.clientId set: exactly that app; empty: VS Code's own client id (the scope may be left out).
      const clientIds = call.scopes.filter((s) => s.startsWith('VSCODE_CLIENT_ID:'));
      const configured = vscode.workspace.getConfiguration('clientLinks').get<string>('clientId') ?? '';
      if (configured) {
        assert.deepEqual(clientIds, [`VSCODE_CLIENT_ID:${configured}`], `scopes: ${call.scopes.join(' ')}`);
      } else {
        assert.ok(clientIds.length <= 1 && clientIds.every((s) => /^VSCODE_CLIENT_ID:\S+$/.test(s)), `scopes: ${call.scopes.join(' ')}`);
      }
      assert.ok(call.scopes.every((s) => !s.includes(',') && !s.includes(' ')), 'one scope per element, never joined');
    }
  });
});

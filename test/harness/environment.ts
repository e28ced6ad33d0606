// The whole product running locally, as the UI tests and `npm run demo` need it: the simulator
// (dist/simulator.js) and a VS Code server with the extension installed, the built-in Microsoft sign-in
// disabled, the test-only `microsoft` provider (test/fixtures/fake-microsoft-auth) signing in as the
// simulator's users, and the extension's settings pointing at the simulator. No browser here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionId, extensionRoot, fakeAuthExtensionRoot, repoRoot } from './paths';
import { Managed, startProcess, waitForLine } from './processes';
import { startVsCodeServer, VsCodeServer } from './vscodeServer';

import type { SimulatorUser } from '../../src/simulator';

export type { SimulatorUser };

export interface SimulatorInfo {
  endpoint: string;
  developerToken: string;
  users: SimulatorUser[];
  /** The --json line, saved for the test-only auth provider. */
  usersFile: string;
  managed: Managed;
  stop(): Promise<void>;
}

export interface SimulatorOptions {
  runDir: string;
  /** demo (default), empty, scale:N */
  seed?: string;
  /** Statuses move on their own (--auto-advance). */
  autoAdvance?: boolean;
  /** More flags for dist/simulator.js (e.g. --latency-ms 200, --fault ...). */
  args?: string[];
}

/** Starts `node dist/simulator.js --json` and resolves with its JSON line once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<SimulatorInfo> {
  const script = path.join(repoRoot, 'dist', 'simulator.js');
  if (!fs.existsSync(script)) {
    throw new Error(`${script} is missing: run npm run build first`);
  }
  const args = [script, '--seed', options.seed ?? 'demo', '--json', ...(options.autoAdvance ? ['--auto-advance'] : []), ...(options.args ?? [])];
  const logFile = path.join(options.runDir, 'simulator.log');
  const managed = startProcess(process.execPath, args, { cwd: repoRoot, logFile });
  let line: string;
  try {
    line = (await waitForLine(managed, /^\{.*"endpoint".*\}$/, 30_000, `the simulator's JSON line (log: ${logFile})`))[0];
  } catch (err) {
    await managed.stop();
    throw err;
  }
  const data = JSON.parse(line) as { endpoint: string; developerToken: string; users: SimulatorUser[] };
  const usersFile = path.join(options.runDir, 'simulator.json');
  fs.writeFileSync(usersFile, `${line}\n`);
  return { ...data, usersFile, managed, stop: () => managed.stop() };
}

export interface ClientLinksServerOptions {
  runDir: string;
  simulator: SimulatorInfo;
  /** Users signed in to the test provider at start: 'all' (default), 'none', or names joined by commas. */
  signedIn?: string;
  /** Sign in as this user without the provider's quick pick when VS Code asks it for a new session. */
  autoUser?: string;
  /**
   * Pre-trust the extension for the `microsoft` provider (product.json trustedExtensionAuthAccess in a
   * harness-owned copy of the server): no consent prompt; the extension's silent probe gets a session.
   */
  trusted?: boolean;
  /** More settings (machine scope: the "Remote" settings). */
  settings?: Record<string, unknown>;
  port?: number;
  /** More environment for the server (and so the extension host). */
  env?: NodeJS.ProcessEnv;
  /** Install a copy of the built extension made now (default), or link the repository (false). */
  snapshot?: boolean;
  /**
   * Install this VSIX (`npm run package`) with the server's `--install-extension`, as users install
   * it, instead of the development build: nothing of the repository's dist/ is then used. Default:
   * the environment variable MSADS_TEST_VSIX (so `MSADS_TEST_VSIX=msads-client-links-0.1.0.vsix
   * npm run test:ui` runs the UI tier against the package), else the development build.
   */
  vsix?: string;
}

export interface ClientLinksServer extends VsCodeServer {
  /** One JSON line per call made to the test provider (getSessions, createSession, ...). */
  authLogFile: string;
}

/**
 * Copies what the installed extension consists of (package.json and its strings, l10n/, dist/, media/, docs) into
 * `<runDir>/extension`: a run keeps the build it started with even if dist/ is rebuilt meanwhile
 * (another terminal's `npm run build`, a watcher), and never sees a half-written bundle.
 */
export function snapshotExtension(runDir: string): string {
  const target = path.join(runDir, 'extension');
  fs.mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'package.nls.json', 'l10n', 'dist', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md']) {
    const from = path.join(extensionRoot, entry);
    if (fs.existsSync(from)) {
      fs.cpSync(from, path.join(target, entry), { recursive: true });
    }
  }
  return target;
}

export async function startClientLinksServer(options: ClientLinksServerOptions): Promise<ClientLinksServer> {
  const vsix = options.vsix ?? (process.env.MSADS_TEST_VSIX ? path.resolve(repoRoot, process.env.MSADS_TEST_VSIX) : undefined);
  let extensionFolders: string[] = [];
  if (vsix === undefined) {
    const main = path.join(extensionRoot, 'dist', 'extension.js');
    if (!fs.existsSync(main)) {
      throw new Error(`${main} is missing: run npm run build first`);
    }
    extensionFolders = [options.snapshot === false ? extensionRoot : snapshotExtension(options.runDir)];
  }
  const authLogFile = path.join(options.runDir, 'fake-auth.ndjson');
  const server = await startVsCodeServer({
    runDir: options.runDir,
    installExtensions: [...extensionFolders, fakeAuthExtensionRoot],
    installVsix: vsix === undefined ? undefined : [vsix],
    disableExtensions: ['vscode.microsoft-authentication'],
    trustedAuthExtensions: options.trusted ? [extensionId] : undefined,
    port: options.port,
    extraArgs: process.env.MSADS_SERVER_LOG ? ['--log', process.env.MSADS_SERVER_LOG] : undefined,
    machineSettings: {
      'clientLinks.endpoint': options.simulator.endpoint,
      'fakeMicrosoftAuth.usersFile': options.simulator.usersFile,
      'fakeMicrosoftAuth.signedIn': options.signedIn ?? 'all',
      ...options.settings,
    },
    env: {
      MSADS_FAKE_AUTH_FILE: options.simulator.usersFile,
      MSADS_FAKE_AUTH_SIGNED_IN: options.signedIn ?? 'all',
      MSADS_FAKE_AUTH_LOG: authLogFile,
      ...(options.autoUser ? { MSADS_FAKE_AUTH_USER: options.autoUser } : {}),
      ...options.env,
    },
  });
  return { ...server, authLogFile };
}

export interface AuthCall {
  call: string;
  scopes?: string[];
  user?: string;
  accounts?: string[];
  message?: string;
}

export function readAuthLog(file: string): AuthCall[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuthCall);
}

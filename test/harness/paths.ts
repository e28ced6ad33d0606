// Where the harness finds the project, the code-server install (scripts/setup-code-server.sh) and Chromium.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root, from test/harness (sources) or out/test/harness (compiled). */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

/** The extension's folder (the repository root) and its identifier (publisher.name). */
export const extensionRoot = repoRoot;
export const extensionId = 'msads-client-links.msads-client-links';

/** The test-only authentication provider registering the `microsoft` id (plain JS, no build). */
export const fakeAuthExtensionRoot = path.join(repoRoot, 'test', 'fixtures', 'fake-microsoft-auth');
export const fakeAuthExtensionId = 'msads-client-links-test.fake-microsoft-auth';

/** Where runs leave screenshots, result files and logs (git-ignored). */
export const resultsDir = process.env.MSADS_TEST_RESULTS_DIR ?? path.join(repoRoot, 'test-results');

export const cacheDir = process.env.MSADS_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'msads-client-links');

export interface CodeServerInstall {
  codeServerVersion: string;
  vscodeVersion: string;
  /** Node 24 binary that runs the VS Code server. */
  node: string;
  codeServerHome: string;
  /** lib/vscode/out/server-main.js inside code-server. */
  serverMain: string;
  chromium: string;
}

/** Reads the description written by scripts/setup-code-server.sh, or throws saying how to get it. */
export function codeServerInstall(): CodeServerInstall {
  const file = path.join(cacheDir, 'code-server.json');
  const hint = 'Run `npm run setup:code-server` first (it installs code-server, Node 24 and Chromium).';
  if (!fs.existsSync(file)) {
    throw new Error(`code-server is not installed: ${file} is missing. ${hint}`);
  }
  const install = JSON.parse(fs.readFileSync(file, 'utf8')) as CodeServerInstall;
  for (const p of [install.node, install.serverMain, install.chromium]) {
    if (!fs.existsSync(p)) {
      throw new Error(`code-server install is incomplete: ${p} is missing. ${hint}`);
    }
  }
  return install;
}

/** Creates (and returns) a fresh folder under test-results/.work for one run's server state. */
export function makeRunDir(prefix: string): string {
  const base = path.join(resultsDir, '.work');
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `${prefix}-`));
}

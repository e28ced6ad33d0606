// `npm run demo`: the whole product locally, in real VS Code in your browser.
//   1. builds the extension and the simulator (node scripts/build.mjs);
//   2. installs code-server + Node 24 + Chromium once (scripts/setup-code-server.sh) if missing;
//   3. starts the simulator: --seed demo --auto-advance (statuses move on by themselves in seconds);
//   4. starts the VS Code server of code-server on 127.0.0.1 (no smoke-test driver) with the extension
//      installed, the test-only Microsoft sign-in (test/fixtures/fake-microsoft-auth) standing in for
//      the built-in one, the extension pre-trusted for it, and its settings pointing at the simulator;
//      you start signed in as Avery Howard (Super Admin of Contoso Agency), no click needed;
//   5. prints the URL and runs until Ctrl+C / SIGTERM, which stop everything it started.
// Sign in as someone else (e.g. Mei Chen of Fabrikam, the client side): view menu "..." → Sign Out,
// then Sign In with Microsoft → "Sign in to another account" → pick the user.
//
// Options: --api auto|soap|rest (clientLinks.api; default auto), --port N (default: free port; env MSADS_DEMO_PORT), --user "Name" (default Avery Howard;
//          'none' to start signed out), --no-build, --screenshot FILE (open the URL in headless Chromium,
//          wait for the groups, save a 1400x900 PNG), --exit (stop after the screenshot: a self-check).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const o = { api: 'auto', port: Number(process.env.MSADS_DEMO_PORT ?? 0), user: 'Avery Howard', build: true, screenshot: undefined, exit: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--api') {
      o.api = argv[++i];
      if (!['auto', 'soap', 'rest'].includes(o.api)) {
        console.error(`--api must be auto, soap or rest, got "${o.api}"`);
        process.exit(2);
      }
    } else if (a === '--port') o.port = Number(argv[++i]);
    else if (a === '--user') o.user = argv[++i];
    else if (a === '--no-build') o.build = false;
    else if (a === '--screenshot') o.screenshot = path.resolve(argv[++i]);
    else if (a === '--exit') o.exit = true;
    else if (a === '--help' || a === '-h') {
      console.log('Usage: npm run demo -- [--api auto|soap|rest] [--port N] [--user "Mei Chen"|none] [--no-build] [--screenshot FILE [--exit]]');
      process.exit(0);
    } else {
      console.error(`Unknown option ${a} (try --help)`);
      process.exit(2);
    }
  }
  return o;
}

function run(command, args, what) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`demo: ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

/** The harness (TypeScript in test/harness) bundled to one CommonJS file with esbuild: no tsc needed. */
async function loadHarness() {
  const esbuild = await import('esbuild');
  const outfile = path.join(root, 'test-results', '.work', 'demo-harness.cjs');
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  await esbuild.build({
    stdin: {
      contents: "export * from './environment'; export * from './browser'; export * from './paths'; export * from './processes';",
      resolveDir: path.join(root, 'test', 'harness'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['playwright-core'],
    outfile,
    logLevel: 'warning',
    // paths.ts finds the repository from __dirname; point it at test/harness explicitly.
    define: { __dirname: JSON.stringify(path.join(root, 'test', 'harness')) },
  });
  return require(outfile);
}

async function screenshotDemo(h, url, file) {
  const session = await h.launchBrowser({});
  try {
    const { page } = session;
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    // The test provider reveals the view itself; click the activity bar icon if it did not.
    const groups = page.locator('.sidebar .monaco-list-row[aria-level="1"]');
    try {
      await groups.first().waitFor({ state: 'visible', timeout: 30_000 });
    } catch {
      await page.locator('.activitybar .action-label[aria-label^="Client Links"]').first().click();
      await groups.first().waitFor({ state: 'visible', timeout: 60_000 });
    }
    await page.waitForTimeout(1500);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    const labels = await groups.evaluateAll((rows) => rows.map((r) => r.textContent?.trim() ?? ''));
    console.log(`demo: screenshot ${file} (groups: ${labels.join(' | ')})`);
  } finally {
    await session.close();
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  if (o.build) {
    run(process.execPath, ['scripts/build.mjs', '--quiet'], 'build');
  }
  const cache = process.env.MSADS_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'msads-client-links');
  if (!fs.existsSync(path.join(cache, 'code-server.json'))) {
    console.log('demo: code-server is not installed yet; running scripts/setup-code-server.sh (several minutes, once)');
    run('bash', ['scripts/setup-code-server.sh'], 'setup-code-server');
  }
  const h = await loadHarness();
  const runDir = h.makeRunDir('demo');
  const simulator = await h.startSimulator({ runDir, seed: 'demo', autoAdvance: true });
  const server = await h.startClientLinksServer({
    runDir,
    simulator,
    signedIn: o.user,
    trusted: true,
    port: o.port || undefined,
    settings: { 'clientLinks.autoRefreshSeconds': 10, 'clientLinks.api': o.api },
    env: { MSADS_FAKE_AUTH_FOCUS_VIEW: '1' },
  });
  const url = server.workbenchUrl();
  const stopAll = async () => {
    await server.stop().catch(() => undefined);
    await simulator.stop().catch(() => undefined);
  };
  // Ctrl+C / SIGTERM: test/harness/processes.ts kills every process group it started (server with its
  // extension host, simulator) and exits; nothing outlives this process.
  console.log('');
  console.log(`Client Links demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  Open:       ${url}`);
  console.log(`  Signed in:  ${o.user === 'none' ? 'nobody (run "Client Links: Sign In with Microsoft")' : o.user} (simulator users: ${simulator.users.map((u) => u.name).join(', ')})`);
  console.log(`  API:        clientLinks.api = ${o.api}`);
  console.log(`  Simulator:  ${simulator.endpoint} (statuses advance on their own; control: ${new URL(simulator.endpoint).origin}/__control)`);
  console.log(`  Logs:       ${runDir}`);
  console.log('  Stop:       Ctrl+C');
  if (o.screenshot) {
    try {
      await screenshotDemo(h, url, o.screenshot);
    } catch (err) {
      console.error(`demo: screenshot failed: ${err instanceof Error ? err.message : String(err)}`);
      await stopAll();
      process.exit(1);
    }
    if (o.exit) {
      await stopAll();
      process.exit(0);
    }
  }
  const code = await Promise.race([server.managed.exited, simulator.managed.exited]);
  console.error(`demo: a process stopped unexpectedly (exit ${code}); see ${runDir}`);
  await stopAll();
  process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

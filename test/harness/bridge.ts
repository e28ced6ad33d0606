// Stands in for a VS Code executable (runTests' vscodeExecutablePath), through test/harness/code-bridge.
// Takes the arguments @vscode/test-electron passes (--extensionDevelopmentPath=, --extensionTestsPath=,
// an optional folder; the rest is ignored), starts the VS Code server of code-server with
// --enable-smoke-test-driver, opens the workbench in headless Chromium with those paths in the `payload`
// URL parameter, and exits with the code the workbench reports through window.codeAutomationExit when
// the extension host has finished the tests. Progress comes from the runner's results file.
//
// Env: MSADS_VSCODE_RESULTS (results file, default test-results/vscode/results.ndjson),
//      MSADS_VSCODE_RUN_TIMEOUT_MS (whole run, default 600000), MSADS_VERBOSE=1 (echo server output).
// Exit codes: the workbench's code; 2 setup problem; 3 timeout; 4 browser or server died.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, BrowserSession } from './browser';
import { makeRunDir, resultsDir } from './paths';
import { killAllNow } from './processes';
import { followEvents, formatEvent, readEvents, resultsEnvVar, resultsFile } from './results';
import { startVsCodeServer, VsCodeServer } from './vscodeServer';

interface BridgeArgs {
  developmentPaths: string[];
  testsPath?: string;
  folder?: string;
  ignored: string[];
}

function parseArgs(argv: string[]): BridgeArgs {
  const parsed: BridgeArgs = { developmentPaths: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => inline ?? argv[++i] ?? '';
    if (name === '--extensionDevelopmentPath') {
      parsed.developmentPaths.push(path.resolve(value()));
    } else if (name === '--extensionTestsPath') {
      parsed.testsPath = path.resolve(value());
    } else if (name === '--folder-uri' || (!arg.startsWith('-') && parsed.folder === undefined)) {
      parsed.folder = path.resolve(name === '--folder-uri' ? value().replace(/^file:\/\//, '') : arg);
    } else {
      parsed.ignored.push(arg);
    }
  }
  return parsed;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.developmentPaths.length === 0 || !args.testsPath) {
    say('code-bridge: expected --extensionDevelopmentPath=<folder> and --extensionTestsPath=<module>');
    return 2;
  }
  const timeoutMs = Number(process.env.MSADS_VSCODE_RUN_TIMEOUT_MS ?? 600_000);
  const file = resultsFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  const runDir = makeRunDir('vscode');
  const artifacts = path.join(resultsDir, 'vscode');
  fs.mkdirSync(artifacts, { recursive: true });

  let server: VsCodeServer | undefined;
  let browser: BrowserSession | undefined;
  let stopFollowing: (() => void) | undefined;
  try {
    server = await startVsCodeServer({
      runDir,
      smokeTestDriver: true,
      env: { [resultsEnvVar]: file, MSADS_VSCODE_BRIDGE: '1' },
    });
    say(`code-bridge: VS Code ${server.install.vscodeVersion} server (code-server ${server.install.codeServerVersion}) on ${server.origin}; state in ${runDir}`);
    if (process.env.MSADS_VERBOSE === '1') {
      server.managed.lines.on('line', (line: string) => say(`[server] ${line}`));
    }
    browser = await launchBrowser({ consoleLogFile: path.join(runDir, 'browser-console.log') });
    const page = browser.page;

    let reportExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      fs.appendFileSync(path.join(runDir, 'workbench.log'), `[${type}] ${JSON.stringify(args)}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: { relativePath: string; contents: string }[]) => {
      for (const log of logs ?? []) {
        const target = path.join(runDir, 'logs', log.relativePath.replace(/\.\.(\/|\\)/g, ''));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, log.contents);
      }
      reportExit(code);
    });
    stopFollowing = followEvents(file, (event) => say(formatEvent(event)));

    const payload: [string, string][] = [
      ...args.developmentPaths.map((p): [string, string] => ['extensionDevelopmentPath', server!.remoteUri(p)]),
      ['extensionTestsPath', server.remoteUri(args.testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = server.workbenchUrl({ folder: args.folder, payload });
    fs.writeFileSync(path.join(runDir, 'url.txt'), `${url}\n`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      exitCode.then((code) => ({ kind: 'exit' as const, code })),
      server.managed.exited.then((code) => ({ kind: 'server' as const, code })),
      new Promise<{ kind: 'crash' }>((resolve) => page.once('crash', () => resolve({ kind: 'crash' }))),
      new Promise<{ kind: 'timeout' }>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs))),
    ]);
    clearTimeout(timer);
    stopFollowing();
    stopFollowing = undefined;
    if (outcome.kind !== 'exit') {
      await page.screenshot({ path: path.join(artifacts, 'bridge-failure.png') }).catch(() => undefined);
    }
    const events = readEvents(file);
    const ended = events.some((e) => e.type === 'end');
    switch (outcome.kind) {
      case 'exit':
        say(`code-bridge: the extension host exited with code ${outcome.code}`);
        if (!ended) {
          say(`code-bridge: the test runner never reported its end (see ${runDir}/logs and browser-console.log)`);
          return outcome.code === 0 ? 1 : outcome.code;
        }
        return outcome.code;
      case 'timeout':
        say(`code-bridge: TIMEOUT: no result after ${Math.round(timeoutMs / 1000)} s (MSADS_VSCODE_RUN_TIMEOUT_MS); screenshot ${artifacts}/bridge-failure.png, logs in ${runDir}`);
        return 3;
      case 'server':
        say(`code-bridge: the VS Code server exited (code ${outcome.code}) before the tests finished; log ${server.logFile}`);
        return 4;
      case 'crash':
        say('code-bridge: the browser page crashed before the tests finished');
        return 4;
    }
    return 4;
  } catch (err) {
    say(`code-bridge: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  } finally {
    stopFollowing?.();
    await browser?.close();
    await server?.stop();
  }
}

main().then(
  (code) => {
    killAllNow();
    process.exit(code);
  },
  (err: unknown) => {
    say(`code-bridge: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    killAllNow();
    process.exit(2);
  },
);

// `npm run test:vscode`: runs test/vscode/suite/** in a real VS Code extension host through
// @vscode/test-electron's runTests.
//
// By default vscodeExecutablePath is test/harness/code-bridge: no download, no network; the bridge
// runs the tests in the VS Code server bundled with code-server, driven by headless Chromium.
// Where a desktop VS Code is available, the same call runs there instead:
//   MSADS_VSCODE_EXECUTABLE=/path/to/code   use that desktop VS Code
//   MSADS_VSCODE_DESKTOP=1                  let test-electron download VS Code (MSADS_VSCODE_VERSION, default stable)
// Results: each test is printed as it finishes, then 'N passed, N failed'; the events are in
// test-results/vscode/results.ndjson and a summary in test-results/vscode/results.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { extensionRoot, makeRunDir, repoRoot, resultsDir } from '../harness/paths';
import { defaultResultsFile, formatEvent, readEvents, resultsEnvVar } from '../harness/results';

async function main(): Promise<number> {
  const bridge = path.join(repoRoot, 'test', 'harness', 'code-bridge');
  const desktopExecutable = process.env.MSADS_VSCODE_EXECUTABLE;
  const download = process.env.MSADS_VSCODE_DESKTOP === '1';
  const mode = desktopExecutable ? `desktop VS Code at ${desktopExecutable}` : download ? 'downloaded desktop VS Code' : 'code-server bridge';
  const results = process.env[resultsEnvVar] ?? defaultResultsFile();
  fs.mkdirSync(path.dirname(results), { recursive: true });
  fs.rmSync(results, { force: true });

  if (!fs.existsSync(path.join(extensionRoot, 'dist', 'extension.js'))) {
    console.log(`warning: ${path.join(extensionRoot, 'dist', 'extension.js')} does not exist (run npm run build); the extension cannot activate.`);
  }
  const workspace = path.join(makeRunDir('vscode-workspace'), 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  console.log(`Extension tests in ${mode}`);
  let code: number;
  try {
    await runTests({
      ...(desktopExecutable ? { vscodeExecutablePath: desktopExecutable } : download ? { version: process.env.MSADS_VSCODE_VERSION ?? 'stable' } : { vscodeExecutablePath: bridge }),
      extensionDevelopmentPath: extensionRoot,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv: { [resultsEnvVar]: results },
      launchArgs: [workspace, '--disable-extensions'],
    });
    code = 0;
  } catch (err) {
    console.log(`Extension test run failed: ${err instanceof Error ? err.message : String(err)}`);
    code = 1;
  }

  // What the runner reported, whatever the exit code said.
  const events = readEvents(results);
  const end = events.filter((e) => e.type === 'end').pop();
  const failures = events.filter((e) => e.type === 'fail' || e.type === 'error');
  fs.writeFileSync(
    path.join(resultsDir, 'vscode', 'results.json'),
    `${JSON.stringify({ mode, exitCode: code, summary: end ?? null, events }, null, 2)}\n`,
  );
  if (!end) {
    console.log('The test runner reported no result (it did not start or did not finish).');
    return 1;
  }
  if (failures.length > 0) {
    console.log('\nFailures:');
    failures.forEach((f) => console.log(formatEvent(f)));
  }
  console.log(`\n${formatEvent(end)}`);
  return code !== 0 || end.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

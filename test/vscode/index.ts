// The extensionTestsPath module: VS Code's extension host loads it and awaits run(). It runs every
// out/test/vscode/suite/**/*.test.js with mocha against the real vscode API, appends one JSON event
// per test to the results file (test/harness/results.ts) and prints a line per test plus a closing
// 'N passed, N failed' line. run() rejects when anything failed, so the extension host exits non-zero.
//
// Env: MSADS_VSCODE_RESULTS (results file), MSADS_VSCODE_GREP (mocha grep),
//      MSADS_VSCODE_FILES (comma-separated substrings: only suite files whose path contains one),
//      MSADS_VSCODE_TEST_TIMEOUT_MS (per-test timeout, default 30000).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { resultsFile, TestEvent, formatEvent } from '../harness/results';

// MSADS_VSCODE_SUITE=bench runs the real-VS-Code benchmarks in ./bench instead of the tests in ./suite.
const suiteDir = path.join(__dirname, process.env.MSADS_VSCODE_SUITE === 'bench' ? 'bench' : 'suite');

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...findTests(full));
    } else if (entry.name.endsWith('.test.js')) {
      out.push(full);
    }
  }
  return out.sort();
}

function errorParts(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) {
    return { message: err.message || String(err), stack: err.stack };
  }
  return { message: String(err) };
}

export async function run(): Promise<void> {
  const file = resultsFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  const emit = (event: TestEvent): void => {
    fs.appendFileSync(file, `${JSON.stringify(event)}\n`);
    console.log(formatEvent(event));
  };
  const started = Date.now();
  let failed = 0;
  try {
    const only = (process.env.MSADS_VSCODE_FILES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const files = findTests(suiteDir).filter((f) => only.length === 0 || only.some((o) => path.relative(suiteDir, f).includes(o)));
    if (files.length === 0) {
      throw new Error(`no test files found under ${suiteDir}${only.length ? ` matching ${only.join(',')}` : ''} (is the project compiled? npx tsc -p .)`);
    }
    const mocha = new Mocha({
      ui: 'bdd',
      color: false,
      timeout: Number(process.env.MSADS_VSCODE_TEST_TIMEOUT_MS ?? 30_000),
      // Reporting is done below through the runner's events; Base prints nothing.
      reporter: Mocha.reporters.Base,
    });
    if (process.env.MSADS_VSCODE_GREP) {
      mocha.grep(process.env.MSADS_VSCODE_GREP);
    }
    files.forEach((f) => mocha.addFile(f));
    await mocha.loadFilesAsync();
    const rel = (f: string | undefined): string | undefined => (f ? path.relative(suiteDir, f) : undefined);
    let passed = 0;
    let pending = 0;
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      emit({
        type: 'start',
        files: files.map((f) => path.relative(suiteDir, f)),
        total: runner.total,
        vscodeVersion: vscode.version,
        time: new Date().toISOString(),
      });
      runner.on('pass', (test) => {
        passed++;
        emit({ type: 'pass', title: test.fullTitle(), file: rel(test.file), durationMs: test.duration });
      });
      runner.on('fail', (test, err) => {
        failed++;
        emit({ type: 'fail', title: test.fullTitle(), file: rel(test.file), ...errorParts(err) });
      });
      runner.on('pending', (test) => {
        pending++;
        emit({ type: 'pending', title: test.fullTitle(), file: rel(test.file) });
      });
    });
    emit({ type: 'end', passed, failed, pending, durationMs: Date.now() - started });
  } catch (err) {
    // The runner itself broke (no files, a file that does not load): that is a failure too.
    emit({ type: 'error', ...errorParts(err) });
    emit({ type: 'end', passed: 0, failed: failed + 1, pending: 0, durationMs: Date.now() - started });
    throw err;
  }
  if (failed > 0) {
    throw new Error(`${failed} extension test(s) failed`);
  }
}

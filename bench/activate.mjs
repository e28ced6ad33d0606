// Figure 1: dist/extension.js size, and an APPROXIMATE activate() time in plain Node against a fake
// `vscode` module (bench/fakeVscode.cjs), each run in a fresh process. The real figure comes from
// the extension host (`npm run bench:vscode` writes test-results/vscode-bench.json).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { dist, median, report, root, round } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS_ACTIVATE ?? 9);
const runs = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(JSON.parse(execFileSync(process.execPath, [join(root, 'bench', 'activateProbe.cjs')], { encoding: 'utf8' })));
}
report({
  figure: 1,
  extensionBytes: statSync(dist('extension.js')).size,
  serviceBytes: statSync(dist('service.js')).size,
  cliBytes: statSync(dist('cli.js')).size,
  runs: RUNS,
  approxRequireMs: round(median(runs.map((r) => r.requireMs)), 2),
  approxActivateMs: round(median(runs.map((r) => r.activateMs)), 2),
  serviceLoadedAtActivation: runs.some((r) => r.serviceLoaded),
});

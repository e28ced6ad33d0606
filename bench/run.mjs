// `npm run bench`: runs every figure in its own process, prints a table against the targets of the
// performance issue and writes test-results/bench.json. Numbers, not pass/fail tests (exit 0 even
// when a target is missed). BENCH_ONLY=1,3 runs a subset. Figures 2, 3, 4 and 6 are measured over
// both wire protocols (SOAP and REST) in the same run, side by side.
/* global performance */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, root } from './lib.mjs';

const SCRIPTS = [
  [1, 'activate.mjs'],
  [2, 'coldStart.mjs'],
  [3, 'list10k.mjs'],
  [4, 'bulk.mjs'],
  [6, 'serialize.mjs'],
  [7, 'scale.mjs'],
  [8, 'polling.mjs'],
];
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map(Number)) : undefined;
const started = performance.now();
const results = {};
for (const [figure, script] of SCRIPTS) {
  if (only && !only.has(figure)) continue;
  process.stderr.write(`figure ${figure}: ${script}...\n`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  results[figure] = line ? { ...JSON.parse(line.slice('BENCH_RESULT '.length)), scriptSeconds: Math.round((performance.now() - t) / 100) / 10 } : { error: `exit ${r.status}: ${r.stdout.slice(-500)}` };
}

const vscodeFile = join(root, 'test-results', 'vscode-bench.json');
const vscode = existsSync(vscodeFile) ? JSON.parse(readFileSync(vscodeFile, 'utf8')) : undefined;
const n = (x) => (typeof x === 'number' ? Math.round(x * 10) / 10 : x);

const rows = [];
const row = (figure, what, value, target, met) => rows.push({ figure, what, value, target, status: met === undefined ? '-' : met ? 'met' : 'NOT MET' });
const f1 = results[1];
if (f1 && !f1.error) {
  row('1', 'dist/extension.js size', `${(f1.extensionBytes / 1024).toFixed(1)} KB`, '< 100 KB', f1.extensionBytes < 100 * 1024);
  row('1', 'SOAP chunk loaded at activation', String(f1.serviceLoadedAtActivation), 'false', !f1.serviceLoadedAtActivation);
  row('1', 'activate() APPROXIMATION: Node + fake vscode', `${f1.approxActivateMs} ms (require ${f1.approxRequireMs} ms), median of ${f1.runs}`, '< 10 ms (real VS Code)', undefined);
}
if (vscode) {
  row('1', 'activate() in real VS Code', `${n(vscode.activationMs)} ms (${vscode.machine ?? 'extension host'})`, '< 10 ms', vscode.activationMs < 10);
  row('5', 'tree: refresh to groups (10,000 links)', `${n(vscode.refreshToGroupsMs)} ms median of ${vscode.runs}${vscode.refreshRunsMs ? ` (runs ${vscode.refreshRunsMs.join(', ')})` : ''}`, '< 1 s', vscode.refreshToGroupsMs < 1000);
  if (vscode.refreshListingMs !== undefined) {
    row('5', '  of which: listing / store update + regroup; extension-host CPU', `${n(vscode.refreshListingMs)} / ${n(vscode.refreshAfterListingMs)} ms; CPU ${n(vscode.refreshCpuMs)} ms`, '-', undefined);
  }
  row('5', '  longest extension-host stall during a refresh', `${n(vscode.refreshMaxStallMs)} ms median${vscode.refreshStallsMs ? ` (runs ${vscode.refreshStallsMs.join(', ')})` : ''}`, '< 100 ms', vscode.refreshMaxStallMs < 100);
  row('5', `tree: expand flat (${vscode.expandFlatSize ?? '10000'}) / largest status group (${vscode.expandStatusSize ?? '?'})`, `${n(vscode.expandFlatMs)} / ${n(vscode.expandStatusMs)} ms; stall ${n(vscode.expandFlatMaxStallMs)} ms`, '< 1 s; < 100 ms', vscode.expandFlatMs < 1000 && vscode.expandFlatMaxStallMs < 100);
} else {
  row('1', 'activate() in real VS Code', 'not measured in real VS Code', '< 10 ms', undefined);
  row('5', 'tree at scale', 'not measured in real VS Code (npm run bench:vscode)', 'lead measures', undefined);
}
// Figures 2, 3, 4 and 6 are measured over both wire protocols in the same run: one row per
// protocol ("3 SOAP", "3 REST") and a "REST/SOAP" row of same-run ratios. The issue expects REST
// to be no slower per link than SOAP: the ratio rows say whether that held (<= 1.00x).
const PROTOCOL_ROWS = [['soap', 'SOAP'], ['rest', 'REST']];
const expectation = 'REST no slower (<= 1.00x)';
const f2 = results[2];
if (f2 && !f2.error) {
  for (const [p, label] of PROTOCOL_ROWS) {
    const r = f2.protocols[p];
    row(`2 ${label}`, `cold start: new CLI process lists ${r.links} links (--api ${p})`, `${r.cliListMs} ms median of ${f2.runs} (min ${r.cliListMinMs}; CLI minus bare node, per run: ${r.overBareMs} ms)`, '< 300 ms', r.cliListMs < 300);
    row(`2 ${label}`, '  of which: dist/service.js load / first request written / first call (write + read)', `${r.serviceLoadMs} / ${r.firstRequestMs} / ${r.firstCallMs} ms (fresh process, median of ${f2.probes})`, '-', undefined);
  }
  row('2 REST/SOAP', 'same round, REST over SOAP (median of per-round ratios)', `${f2.restOverSoap}x wall; ${f2.restOverSoapOverBare}x over bare node (bare node -e 0: ${f2.bareNodeMs} ms)`, expectation, f2.restOverSoap <= 1);
}
const f3 = results[3];
if (f3 && !f3.error) {
  for (const [p, label] of PROTOCOL_ROWS) {
    const r = f3.protocols[p];
    row(`3 ${label}`, `list ${r.links} links, ${f3.pages} pages, ${f3.latencyMs} ms/call, concurrency ${f3.concurrency}`, `${r.ms} ms median of ${f3.runs} = ${r.ratio}x bound ${f3.lowerBoundMs} ms; peak RSS ${r.peakRssMb} MB, heap ${r.peakHeapMb} MB (one listing, fresh process)`, '<= 1.3x bound', r.ratio <= 1.3);
    row(`3 ${label}`, '  simulator floor: same pages, bare HTTP client, no parsing', `${r.floorMs} ms = ${r.floorRatio}x bound; ours / floor = ${r.oursOverFloor}x`, 'diagnostic', undefined);
  }
  const rss = Math.round((f3.protocols.rest.peakRssMb / f3.protocols.soap.peakRssMb) * 100) / 100;
  row('3 REST/SOAP', 'same run, REST over SOAP (median of per-run ratios)', `listing ${f3.restOverSoap}x; floor ${f3.restFloorOverSoapFloor}x; peak RSS ${rss}x`, expectation, f3.restOverSoap <= 1);
}
const f4 = results[4];
if (f4 && !f4.error) {
  for (const [p, label] of PROTOCOL_ROWS) {
    const r = f4.protocols[p];
    row(`4 ${label}`, `unlink ${f4.links} links, calls of 10 (${r.method}), ${f4.latencyMs} ms/call, concurrency ${f4.concurrency}`, `${r.ms} ms median of ${f4.runs} = ${r.ratioToLowerBound}x bound ${f4.lowerBoundMs} ms`, '<= 1.3x bound', r.ratioToLowerBound <= 1.3);
    row(`4 ${label}`, '  simulator floor: same requests, bare HTTP client', `${r.floorMs} ms = ${r.floorRatio}x bound; ours / floor = ${r.oursOverFloor}x`, 'diagnostic', undefined);
    row(`4 ${label}`, 'vs one link per call in sequence', `${r.speedup}x (sequential ${r.sequentialMs} ms${f4.sequentialLinksMeasured < f4.links ? `, extrapolated from ${f4.sequentialLinksMeasured} links` : ''}; ${r.sequentialPerCallMs} ms/call)`, '>= 25x', r.speedup >= 25);
  }
  row('4 REST/SOAP', 'same round, REST over SOAP (median of per-run ratios)', `batched ${f4.restOverSoap}x; floor ${f4.restFloorOverSoapFloor}x; sequential ${f4.restOverSoapSequential}x`, expectation, f4.restOverSoap <= 1);
}
const f6 = results[6];
if (f6 && !f6.error) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const [p, label] of PROTOCOL_ROWS) {
    const r = f6.protocols[p];
    row(`6 ${label}`, '100-link page: write request + read response', `${r.pageUsPerLink} µs/link wall, ${r.pageCpuUsPerLink} CPU (median of ${f6.samples}; answer ${kb(r.pageResponseBytes)})`, 'remove our overhead', undefined);
    row(`6 ${label}`, '10-link update: write request + read response', `${r.updateUsPerLink} µs/link wall, ${r.updateCpuUsPerLink} CPU (median of ${f6.samples}; request ${kb(r.updateRequestBytes)})`, 'remove our overhead', undefined);
    if (r.steps) {
      const step = (x) => `${x.writeUs} / ${x.parseUs}${p === 'rest' ? ` (JSON.parse ${x.jsonParseUs})` : ''} / ${x.readUs}`;
      row(`6 ${label}`, `  steps from src, CPU: write / ${p === 'rest' ? 'JSON.parse + fault check' : 'XML scan + envelope'} / read`, `page ${step(r.steps.page)}; update ${step(r.steps.update)} µs/link`, 'diagnostic', undefined);
    }
  }
  row('6 REST/SOAP', 'REST over SOAP (median of per-sample ratios)', `page ${f6.pageRestOverSoap}x wall, ${f6.pageRestOverSoapCpu}x CPU; update ${f6.updateRestOverSoap}x wall, ${f6.updateRestOverSoapCpu}x CPU`, expectation, f6.pageRestOverSoap <= 1 && f6.updateRestOverSoap <= 1);
}
const f7 = results[7];
if (f7 && !f7.error) {
  // Issue 15: 1k / 10k / 100k side by side, fresh CLI process per listing, no injected latency.
  for (const size of f7.sizes) {
    for (const [p, label] of PROTOCOL_ROWS) {
      const r = size.protocols[p];
      const within = r.oursOverFloor <= 1.2 && r.jsonPeakRssMb <= f7.rssTargetMb && r.tablePeakRssMb <= f7.rssTargetMb;
      row(
        `7 ${label}`,
        `msads-links list --side agency, ${r.links} links (${size.pages} pages), fresh process`,
        `--json ${r.jsonMs} ms (floor ${r.floorMs} ms, ours/floor ${r.oursOverFloor}x), peak RSS ${r.jsonPeakRssMb} MB (floor process ${r.floorPeakRssMb} MB); table ${r.tableMs} ms, ${r.tablePeakRssMb} MB`,
        `<= 1.2x floor; <= ${f7.rssTargetMb} MB`,
        within,
      );
    }
    row('7 sim', `scale:${size.links} seed: simulator process start to listening`, `${size.seedMs} ms`, 'seconds', size.seedMs < 10_000);
  }
}
const f8 = results[8];
if (f8 && !f8.error) {
  // Issue 14, item 7: one simulated hour of automatic refresh, calls counted in the simulator's call log.
  for (const [p, label] of PROTOCOL_ROWS) {
    const r = f8.protocols[p];
    const first = r.firstPartial;
    row(`8 ${label}`, `partial poll, scale:${f8.links}, ${first?.inMotion ?? '?'} links in motion`, `${first?.calls ?? '?'} calls (${(first?.operations ?? []).join(', ')}); full listing ${r.fullListingCalls} calls`, '<= 2 calls (service allows >= ceil(N/10))', first ? first.calls <= 2 : undefined);
    row(`8 ${label}`, `  one hour, poll every ${f8.intervalSeconds} s, full every ${f8.fullMinutes} min`, `${r.partialPolls} partial (${r.partialCallsMin}-${r.partialCallsMax} calls, median ${r.partialCallsMedian}; ${r.inMotionMin}-${r.inMotionMax} in motion) + ${r.fullListings} full = ${r.callsPerHour} calls/h; ${r.callsPerHourSteady} at a steady ${f8.moving} in motion; every poll full: ${r.callsPerHourAllFull}`, 'far fewer than every poll full', r.callsPerHourSteady < r.callsPerHourAllFull / 5);
    row(`8 ${label}`, '  changes of links in motion: seen by the next poll', `${r.motionSeen} seen, latest ${r.motionMaxLateIntervals} poll intervals after the change, ${r.missedMotion} missed`, '<= 1 interval, 0 missed', r.missedMotion === 0 && r.motionMaxLateIntervals <= 1);
    row(`8 ${label}`, '  changes of settled links (unlink elsewhere): next full listing', `${r.settledSeen} seen, latest ${r.settledMaxLateMinutes} min after; ${r.unseenSettledAtEnd} not yet at the hour's end`, `<= ${f8.fullMinutes} min (by design)`, undefined);
  }
}
for (const [figure, r] of Object.entries(results)) if (r.error) row(figure, 'ERROR', r.error.replace(/\s+/g, ' ').slice(0, 200), '', false);

const widths = ['figure', 'what', 'value', 'target', 'status'].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
const m = machine();
const out = [
  `Machine: ${m.cpu}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}, load ${m.loadAverage.join(' ')}`,
  line(['figure', 'what', 'value', 'target', 'status']),
  line(widths.map((w) => '-'.repeat(w))),
  ...rows.map((r) => line([r.figure, r.what, r.value, r.target, r.status])),
  `Total ${(Math.round((performance.now() - started) / 100) / 10).toFixed(1)} s`,
];
process.stdout.write(`${out.join('\n')}\n`);
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'bench.json'), `${JSON.stringify({ date: new Date().toISOString(), machine: m, results, vscode: vscode ?? null, table: rows }, null, 2)}\n`);

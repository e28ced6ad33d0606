// Reading one SearchClientLinks page over SOAP (issue 15): the general path (parseXml's element
// tree + readSearchClientLinks) against the page read straight from the characters
// (linkPageReader.ts), same process, same answers, taking turns sample by sample.
// `node --expose-gc bench/linkPage.mjs` (not part of `npm run bench`; src/ is bundled in memory with esbuild).
// Answers: the simulator's own (seed scale:1000, in process), pages of 100 links (the largest the
// service allows), and one page of 1,000 links made of ten of them (the same ClientLink elements in
// one envelope). Also: decoding such a page's UTF-8 bytes (TextDecoder, Buffer#toString, latin1),
// once per page in the transport. Per page: median wall time of the samples, and the GC time the
// samples saw; ratio = tree / characters of the same sample.
/* global performance, setImmediate, TextDecoder */
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { machine, median, require, root } from './lib.mjs';

const SAMPLES = 15;
const NOW = Date.UTC(2026, 8, 1, 17, 5, 12, 530);

const esbuild = require('esbuild');
const entry = [
  "export { readLinkPageFromTree, readSearchClientLinksAnswer, scanLinkPage } from './src/core/soap/linkPageReader';",
  "export { CustomerManagementSoapClient } from './src/core/soap/soapClient';",
  "export { Simulator, ManualClock } from './src/simulator';",
].join('\n');
const built = await esbuild.build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
const file = join(tmpdir(), `msads-bench-linkpage-${process.pid}.cjs`);
writeFileSync(file, built.outputFiles[0].text);
let m;
try {
  m = require(file);
} finally {
  rmSync(file, { force: true });
}

// The simulator's answers to a 100-link listing of the agency.
const sim = new m.Simulator({ seed: 'scale:1000', clock: new m.ManualClock(NOW) });
const answers = [];
const transport = {
  send(request) {
    const reply = sim.handle(request.headers.SOAPAction, request.body);
    const body = typeof reply.body === 'string' ? reply.body : Buffer.concat(reply.body).toString('utf8');
    answers.push(body);
    return Promise.resolve({ status: reply.status, body });
  },
  close() {},
};
const admin = sim.seedInfo.users[0];
const client = new m.CustomerManagementSoapClient({ endpoint: 'http://127.0.0.1:9/x.svc', timeoutMs: 1000, transport, now: () => NOW });
const context = { credentials: { accessToken: admin.accessToken, developerToken: sim.developerToken } };
for (let index = 0; index < 10; index++) {
  await client.searchClientLinks([{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: admin.customerId }], [{ Field: 'Id', Order: 'Ascending' }], { index, size: 100 }, context);
}
sim.dispose();
const page100 = answers[0];
const open = page100.indexOf('<a:ClientLink>') >= 0 ? '<a:ClientLink>' : undefined;
if (!open) throw new Error('unexpected answer shape');
const itemsOf = (text) => text.slice(text.indexOf(open), text.lastIndexOf('</a:ClientLink>') + '</a:ClientLink>'.length);
const page1000 = page100.replace(itemsOf(page100), answers.map(itemsOf).join(''));

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

/** Median time per call of `fn` and GC ms per call, `reps` calls per sample, the variants taking turns. */
async function compare(variants, reps) {
  const times = variants.map(() => []);
  const gcs = variants.map(() => []);
  const turn = () => new Promise((resolve) => setImmediate(resolve)); // the GC observer reports between turns
  for (let s = 0; s < SAMPLES + 2; s++) {
    for (const [i, [, fn]] of variants.entries()) {
      globalThis.gc?.();
      await turn();
      const gcBefore = gcMs;
      const t = performance.now();
      for (let r = 0; r < reps; r++) fn();
      const per = (performance.now() - t) / reps;
      await turn();
      if (s >= 2) {
        times[i].push(per); // the first two samples warm up
        gcs[i].push((gcMs - gcBefore) / reps);
      }
    }
  }
  return variants.map(([name], i) => ({ name, ms: median(times[i]), gcMs: median(gcs[i]), ratioToFirst: median(times[i].map((x, k) => times[0][k] / x)) }));
}

const response = (body) => ({ status: 200, body });
const results = {};
for (const [label, body, reps] of [
  ['100-link page', page100, 200],
  ['1,000-link page', page1000, 20],
]) {
  const tree = m.readLinkPageFromTree(response(body));
  const fast = m.readSearchClientLinksAnswer(response(body));
  if (JSON.stringify(tree) !== JSON.stringify(fast) || !m.scanLinkPage(body)) throw new Error('the readers disagree');
  const loadBefore = loadavg()[0];
  results[label] = {
    links: fast.links.length,
    chars: body.length,
    bytes: Buffer.byteLength(body),
    read: await compare(
      [
        ['tree (parseXml + readSearchClientLinks)', () => m.readLinkPageFromTree(response(body))],
        ['straight from the characters (linkPageReader)', () => m.readSearchClientLinksAnswer(response(body))],
      ],
      reps,
    ),
    decode: await (() => {
      const bytes = Buffer.from(body, 'utf8');
      const utf8 = new TextDecoder('utf-8');
      return compare(
        [
          ['TextDecoder.decode (the transport)', () => utf8.decode(bytes)],
          ['Buffer#toString("utf8")', () => bytes.toString('utf8')],
          ['Buffer#toString("latin1") (wrong for non-ASCII)', () => bytes.toString('latin1')],
        ],
        reps * 5,
      );
    })(),
    load: [loadBefore, loadavg()[0]].map((x) => Math.round(x * 100) / 100),
  };
}

console.log(`Machine: ${JSON.stringify(machine())}`);
for (const [label, r] of Object.entries(results)) {
  console.log(`\n${label}: ${r.links} links, ${r.chars} characters (${r.bytes} bytes UTF-8); load ${r.load.join(' -> ')}`);
  for (const v of [...r.read, ...r.decode]) {
    console.log(`  ${v.name.padEnd(50)} ${v.ms.toFixed(3).padStart(8)} ms/page  GC ${v.gcMs.toFixed(3)} ms/page  first/this ${v.ratioToFirst.toFixed(2)}x`);
  }
}
console.log(`BENCH_RESULT ${JSON.stringify(results)}`);

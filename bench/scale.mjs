// Figure 7: `msads-links list` at scale (issue 15), per protocol, 1,000 / 10,000 / 100,000 links
// side by side. Simulator seed scale:N in its own process, no injected latency (the work is ours and
// the simulator's, not waiting). Each measurement is a fresh child process, timed from spawn to exit:
// - ours: `node dist/cli.js list --json --side agency --api <p>` (GetUser, every page, the sorted
//   JSON written to a file), and once per size the table (`list --side agency`);
// - floor: the bench's bare HTTP client (lib.mjs `rawListing`, the pattern of list10k.mjs) in a
//   child process too: GetUser and the same page requests as our adapter writes them (captured up
//   front, not timed), same paging pattern, answers counted, not parsed, nothing written. What the
//   simulator, the loopback and a Node start cost without our client.
// Peak RSS of the child: /usr/bin/time's maximum resident set (wait4 rusage) when present, else
// /proc/<pid>/status VmHWM sampled every 20 ms. Runs alternate floor and ours; ours/floor is the
// median of the per-run ratios. Checked: SOAP and REST list the same number of links.
/* global performance, setInterval, clearInterval */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureRequests, dist, LABELS, MARKERS, median, PROTOCOLS, rawListing, rawPoster, report, require, round, startSimulatorProcess } from './lib.mjs';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS_SCALE ?? 3);
const RSS_TARGET_MB = 300;
const { DEFAULT_SEARCH_CONCURRENCY } = require(dist('service.js'));
const concurrency = DEFAULT_SEARCH_CONCURRENCY;

if (process.env.BENCH_SCALE_FLOOR_CHILD) {
  // Child: the floor listing, from the requests file.
  const { getUser, pages, marker } = JSON.parse(readFileSync(process.env.BENCH_SCALE_FLOOR_CHILD, 'utf8'));
  const raw = rawPoster();
  await raw.send(getUser);
  const links = await rawListing(raw, pages, marker, concurrency);
  raw.close();
  process.stdout.write(`${JSON.stringify({ links })}\n`);
  process.exit(0);
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const work = mkdtempSync(join(tmpdir(), 'msads-bench-scale-'));

/** Runs `node args` in a fresh process; resolves with wall ms, peak RSS MB and its stdout. */
function measure(args, { env = process.env, stdoutFile } = {}) {
  return new Promise((resolve, reject) => {
    const timeFile = join(work, 'time.txt');
    const [command, commandArgs] = TIME ? [TIME, ['-f', '%M', '-o', timeFile, process.execPath, ...args]] : [process.execPath, args];
    const out = [];
    const err = [];
    const started = performance.now();
    const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let hwmKb = 0;
    const sampler = TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
          } catch {
            // exited
          }
        }, 20);
    const chunks = [];
    child.stdout.on('data', (c) => (stdoutFile ? chunks.push(c.length) : out.push(c)));
    child.stderr.on('data', (c) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (sampler) clearInterval(sampler);
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString().slice(-400)}`));
      const kb = TIME ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) : hwmKb;
      resolve({ ms, rssMb: round(kb / 1024), stdout: Buffer.concat(out).toString(), bytes: chunks.reduce((a, b) => a + b, 0) });
    });
  });
}

/**
 * What the CLI needs to reach the simulator as its first user. Its link history goes to the bench's
 * work folder (removed at the end), not the user's: each simulator has a new port, so each run is an
 * environment's first listing either way (the baseline's cost is part of the figure).
 */
function cliEnv(sim) {
  const user = sim.users[0];
  return { ...process.env, MSADS_ENDPOINT: sim.endpoint, MSADS_ACCESS_TOKEN: user.accessToken, MSADS_DEVELOPER_TOKEN: sim.developerToken, MSADS_CUSTOMER_ID: user.customerId, MSADS_JOURNAL_DIR: join(work, 'journal') };
}

const figures = [];
try {
  for (const links of SIZES) {
    const seedStarted = performance.now();
    const sim = await startSimulatorProcess(['--seed', `scale:${links}`]);
    const seedMs = performance.now() - seedStarted;
    try {
      const customerId = sim.users[0].customerId;
      const query = { predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: customerId }], ordering: [{ Field: 'Id', Order: 'Ascending' }] };
      const pageCount = Math.ceil(links / 100) + concurrency + 2;
      const floorFiles = {};
      for (const protocol of PROTOCOLS) {
        const [getUser] = await captureRequests(sim, protocol, (client, context) => client.getUser(context).catch(() => undefined));
        const pages = await captureRequests(sim, protocol, async (client, context) => {
          for (let i = 0; i < pageCount; i++) await client.searchClientLinks(query.predicates, query.ordering, { index: i, size: 100 }, context);
        });
        floorFiles[protocol] = join(work, `floor-${protocol}-${links}.json`);
        writeFileSync(floorFiles[protocol], JSON.stringify({ getUser, pages, marker: MARKERS[protocol].link }));
      }
      const script = fileURLToPath(import.meta.url);
      const floorRun = (protocol) => measure([script], { env: { ...process.env, BENCH_SCALE_FLOOR_CHILD: floorFiles[protocol] } });
      const cli = (protocol, json) => measure([dist('cli.js'), 'list', ...(json ? ['--json'] : []), '--side', 'agency', '--api', protocol], { env: cliEnv(sim), stdoutFile: true });
      // Warm-up (page cache, the simulator's first scan of the question).
      for (const protocol of PROTOCOLS) await floorRun(protocol);
      const byProtocol = {};
      for (const protocol of PROTOCOLS) byProtocol[protocol] = { floor: [], ours: [], rss: [], floorRss: [], bytes: 0, floorLinks: 0 };
      for (let i = 0; i < RUNS; i++) {
        for (const protocol of i % 2 ? [...PROTOCOLS].reverse() : PROTOCOLS) {
          const r = byProtocol[protocol];
          const f = await floorRun(protocol);
          r.floor.push(f.ms);
          r.floorRss.push(f.rssMb);
          r.floorLinks = JSON.parse(f.stdout.trim()).links;
          const o = await cli(protocol, true);
          r.ours.push(o.ms);
          r.rss.push(o.rssMb);
          r.bytes = o.bytes;
        }
      }
      const protocols = {};
      for (const protocol of PROTOCOLS) {
        const r = byProtocol[protocol];
        const table = await cli(protocol, false);
        protocols[protocol] = {
          label: LABELS[protocol],
          links: r.floorLinks,
          jsonMs: round(median(r.ours)),
          floorMs: round(median(r.floor)),
          oursOverFloor: round(median(r.ours.map((t, i) => t / r.floor[i])), 2),
          jsonPeakRssMb: Math.max(...r.rss),
          floorPeakRssMb: Math.max(...r.floorRss),
          jsonBytes: r.bytes,
          tableMs: round(table.ms),
          tablePeakRssMb: table.rssMb,
          tableBytes: table.bytes,
          jsonTimesMs: r.ours.map((t) => round(t)),
          floorTimesMs: r.floor.map((t) => round(t)),
        };
      }
      // (Not the bytes: the simulator's clock runs, so a status or date may move between two listings.)
      if (protocols.soap.links !== protocols.rest.links) throw new Error(`SOAP listed ${protocols.soap.links} links, REST ${protocols.rest.links}`);
      figures.push({ links, seedMs: round(seedMs), pages: Math.ceil(links / 100), protocols });
    } finally {
      await sim.close();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
report({ figure: 7, runs: RUNS, concurrency, rssTargetMb: RSS_TARGET_MB, peakRssBy: TIME ? '/usr/bin/time (maximum resident set)' : '/proc VmHWM, sampled', sizes: figures });

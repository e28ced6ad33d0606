// Figure 3: list 10,000 links, per protocol. Simulator seed scale:10000 in its own process (one
// simulator serves both protocols), 20 ms injected latency on every call; one service per protocol
// (dist/service.js, `protocol: 'soap'` / `'rest'`), SearchClientLinks by DirectManagingCustomerId,
// 100 links a page (100 pages + the empty page that ends paging).
// Lower bound = pages x latency / concurrency.
// Floor, in the same run (alternating with ours): the same page requests (captured from our
// adapter: SOAP envelopes POSTed with SOAPAction; REST JSON bodies POSTed to
// /CustomerManagement/v13/ClientLinks/Search with our headers), same paging pattern (first page
// alone, the first window, then a sliding window of `concurrency`), sent by a bare HTTP client
// that neither writes requests nor parses answers: what the simulator itself allows.
// Each run measures, for each protocol in turn (alternating which goes first): floor, then ours.
// Peak memory: one listing per protocol in a fresh child process (this script again, with
// BENCH_LIST_MEMORY_CHILD), so neither protocol's heap carries the other's.
/* global performance */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { captureRequests, createService, dist, LABELS, MARKERS, median, PROTOCOLS, rawListing, rawPoster, report, require, round, startSimulatorProcess, withMemoryPeak } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS_LIST ?? 5);
const LATENCY_MS = 20;
const { DEFAULT_SEARCH_CONCURRENCY } = require(dist('service.js'));
const concurrency = Number(process.env.BENCH_SEARCH_CONCURRENCY ?? DEFAULT_SEARCH_CONCURRENCY);
const queryFor = (customerId) => ({ predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: customerId }], ordering: [{ Field: 'Id', Order: 'Ascending' }] });

if (process.env.BENCH_LIST_MEMORY_CHILD) {
  // Child: one listing over one protocol, peak RSS / heap of this process.
  const { sim, protocol } = JSON.parse(process.env.BENCH_LIST_MEMORY_CHILD);
  const service = createService(sim, 0, { protocol, searchConcurrency: concurrency });
  await service.getUser(); // connection warm, as in the parent
  const m = await withMemoryPeak(() => service.searchClientLinks(queryFor(sim.users[0].customerId)));
  service.dispose();
  process.stdout.write(`${JSON.stringify({ links: m.value.links.length, peakRssMb: m.peakRssMb, peakHeapMb: m.peakHeapMb })}\n`);
  process.exit(0);
}

const sim = await startSimulatorProcess(['--seed', 'scale:10000', '--latency-ms', String(LATENCY_MS)]);
try {
  const customerId = sim.users[0].customerId;
  const query = queryFor(customerId);
  const calls = { soap: 0, rest: 0 };
  const services = {};
  const floors = {};
  for (const protocol of PROTOCOLS) {
    services[protocol] = createService(sim, 0, { protocol, searchConcurrency: concurrency, observer: { onCall: () => calls[protocol]++ } });
    await services[protocol].getUser(); // connection warm: the figure is the listing
    // Floor: the requests of pages 0..199 as our adapter writes them, captured once, up front (not timed).
    const requests = await captureRequests(sim, protocol, async (client, context) => {
      for (let i = 0; i < 200; i++) await client.searchClientLinks(query.predicates, query.ordering, { index: i, size: 100 }, context);
    });
    floors[protocol] = { requests, raw: rawPoster(), marker: MARKERS[protocol].link };
  }
  const rawListingOf = async (protocol) => {
    const { requests, raw, marker } = floors[protocol];
    await rawListing(raw, requests, marker, concurrency);
  };
  for (const protocol of PROTOCOLS) await rawListingOf(protocol); // warm-up
  const floorTimes = { soap: [], rest: [] };
  const times = { soap: [], rest: [] };
  const last = {};
  const callsPerListing = {};
  for (let i = 0; i < RUNS; i++) {
    for (const protocol of i % 2 ? [...PROTOCOLS].reverse() : PROTOCOLS) {
      const f = performance.now();
      await rawListingOf(protocol);
      floorTimes[protocol].push(performance.now() - f);
      calls[protocol] = 0;
      const t = performance.now();
      last[protocol] = await services[protocol].searchClientLinks(query);
      times[protocol].push(performance.now() - t);
      callsPerListing[protocol] = calls[protocol];
    }
  }
  for (const protocol of PROTOCOLS) {
    services[protocol].dispose();
    floors[protocol].raw.close();
  }
  if (last.rest.links.length !== last.soap.links.length) throw new Error(`REST listed ${last.rest.links.length} links, SOAP ${last.soap.links.length}`);
  // Peak memory, one fresh process per protocol.
  const memory = {};
  for (const protocol of PROTOCOLS) {
    const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], { encoding: 'utf8', env: { ...process.env, BENCH_LIST_MEMORY_CHILD: JSON.stringify({ sim, protocol }) } });
    if (r.status !== 0) throw new Error(`memory child ${protocol} exited ${r.status}: ${r.stderr.slice(-500)}`);
    memory[protocol] = JSON.parse(r.stdout.trim().split('\n').pop());
  }
  const byProtocol = {};
  let lowerBoundMs;
  let pages;
  for (const protocol of PROTOCOLS) {
    pages = Math.ceil(last[protocol].links.length / 100);
    lowerBoundMs = (pages * LATENCY_MS) / concurrency;
    const ms = median(times[protocol]);
    const floorMs = median(floorTimes[protocol]);
    byProtocol[protocol] = {
      label: LABELS[protocol],
      links: last[protocol].links.length,
      callsPerListing: callsPerListing[protocol],
      ms: round(ms),
      ratio: round(ms / lowerBoundMs, 2),
      floorMs: round(floorMs),
      floorRatio: round(floorMs / lowerBoundMs, 2),
      // Median of the per-run ratios (each run's listing over the floor listing just before it).
      oursOverFloor: round(median(times[protocol].map((t, i) => t / floorTimes[protocol][i])), 2),
      pageRequestBytes: Buffer.byteLength(floors[protocol].requests[0].body),
      peakRssMb: memory[protocol].peakRssMb,
      peakHeapMb: memory[protocol].peakHeapMb,
      timesMs: times[protocol].map((t) => round(t)),
      floorTimesMs: floorTimes[protocol].map((t) => round(t)),
    };
  }
  report({
    figure: 3,
    runs: RUNS,
    links: last.soap.links.length,
    pages,
    latencyMs: LATENCY_MS,
    concurrency,
    lowerBoundMs: round(lowerBoundMs),
    protocols: byProtocol,
    // Median of the per-run ratios (REST's listing over SOAP's in the same run).
    restOverSoap: round(median(times.rest.map((t, i) => t / times.soap[i])), 2),
    restFloorOverSoapFloor: round(median(floorTimes.rest.map((t, i) => t / floorTimes.soap[i])), 2),
  });
} finally {
  await sim.close();
}

// Figure 3: list 10,000 links. Simulator seed scale:10000 in its own process, 20 ms injected
// latency on every call; one service (dist/service.js), SearchClientLinks by
// DirectManagingCustomerId, 100 links a page (100 pages + the empty page that ends paging).
// Lower bound = pages x latency / concurrency. Peak memory of this (client) process.
// Floor, in the same run (alternating with ours): the same page requests, same paging pattern
// (first page alone, the first window, then a sliding window of `concurrency`), sent by a bare
// HTTP client that neither writes envelopes nor parses answers: what the simulator itself allows.
/* global performance */
import { countOf, createService, median, rawPoster, report, require, round, startSimulatorProcess, withMemoryPeak } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS_LIST ?? 5);
const LATENCY_MS = 20;
const sim = await startSimulatorProcess(['--seed', 'scale:10000', '--latency-ms', String(LATENCY_MS)]);
try {
  const { DEFAULT_SEARCH_CONCURRENCY } = (await import('./lib.mjs')).require('../dist/service.js');
  const concurrency = Number(process.env.BENCH_SEARCH_CONCURRENCY ?? DEFAULT_SEARCH_CONCURRENCY);
  let calls = 0;
  const service = createService(sim, 0, { searchConcurrency: concurrency, observer: { onCall: () => calls++ } });
  const customerId = sim.users[0].customerId;
  const query = { predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: customerId }], ordering: [{ Field: 'Id', Order: 'Ascending' }] };
  await service.getUser(); // WSDL/writer ready, connection warm: the figure is the listing
  // Floor: envelopes written once, up front, by our writer (not timed).
  const { CustomerManagementSoapClient } = require('../dist/service.js');
  const writer = new CustomerManagementSoapClient({ endpoint: sim.endpoint, timeoutMs: 60_000 });
  const credentials = { accessToken: sim.users[0].accessToken, developerToken: sim.developerToken };
  const pageBody = (index) => ({
    Predicates: { Predicate: query.predicates.map((p) => ({ ...p })) },
    Ordering: { OrderBy: query.ordering.map((o) => ({ ...o })) },
    PageInfo: { Index: index, Size: 100 },
  });
  const envelopes = [];
  for (let i = 0; i < 200; i++) envelopes.push(await writer.envelopeFor('SearchClientLinks', pageBody(i), credentials));
  writer.close();
  const raw = rawPoster(sim.endpoint, '"SearchClientLinks"');
  const rawListing = async () => {
    // The client's pattern (paging.ts): page 0 alone, the first window, then a sliding window.
    const full = (answer) => countOf(answer, '</a:ClientLink>') >= 100;
    let more = full(await raw.post(envelopes[0]));
    const inFlight = new Map();
    let next = 1;
    const launch = () => {
      while (more && inFlight.size < concurrency) {
        const index = next++;
        inFlight.set(index, raw.post(envelopes[index]));
      }
    };
    launch();
    for (let index = 1; more && inFlight.has(index); index++) {
      const answer = await inFlight.get(index);
      inFlight.delete(index);
      more = full(answer);
      if (index >= concurrency) launch();
    }
    await Promise.allSettled(inFlight.values());
  };
  await rawListing();
  const floorTimes = [];
  const times = [];
  let last;
  let memory;
  for (let i = 0; i < RUNS; i++) {
    const f = performance.now();
    await rawListing();
    floorTimes.push(performance.now() - f);
    calls = 0;
    const m = await withMemoryPeak(async () => {
      const t = performance.now();
      const r = await service.searchClientLinks(query);
      return { ms: performance.now() - t, r };
    });
    times.push(m.value.ms);
    last = m.value.r;
    memory = i === 0 ? m : memory;
  }
  service.dispose();
  raw.close();
  const floorMs = median(floorTimes);
  const pages = Math.ceil(last.links.length / 100);
  const lowerBoundMs = (pages * LATENCY_MS) / concurrency;
  const ms = median(times);
  report({
    figure: 3,
    runs: RUNS,
    links: last.links.length,
    pages,
    callsPerListing: calls,
    latencyMs: LATENCY_MS,
    concurrency,
    ms: round(ms),
    lowerBoundMs: round(lowerBoundMs),
    ratio: round(ms / lowerBoundMs, 2),
    floorMs: round(floorMs),
    floorRatio: round(floorMs / lowerBoundMs, 2),
    // Median of the per-run ratios (each run's listing over the floor listing just before it).
    oursOverFloor: round(median(times.map((t, i) => t / floorTimes[i])), 2),
    peakRssMb: memory.peakRssMb,
    peakHeapMb: memory.peakHeapMb,
  });
} finally {
  await sim.close();
}

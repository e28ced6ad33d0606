// Figure 3: list 10,000 links. Simulator seed scale:10000 in its own process, 20 ms injected
// latency on every call; one service (dist/service.js), SearchClientLinks by
// DirectManagingCustomerId, 100 links a page (100 pages + the empty page that ends paging).
// Lower bound = pages x latency / concurrency. Peak memory of this (client) process.
/* global performance */
import { createService, median, report, round, startSimulatorProcess, withMemoryPeak } from './lib.mjs';

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
  const times = [];
  let last;
  let memory;
  for (let i = 0; i < RUNS; i++) {
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
    peakRssMb: memory.peakRssMb,
    peakHeapMb: memory.peakHeapMb,
  });
} finally {
  await sim.close();
}

// Figure 4: request unlink for 1,000 Active links (agency side, UpdateClientLinks with
// Status=UnlinkRequested), 50 ms injected latency per call. Batched: calls of 10 with the
// service's default write concurrency. Baseline: one link per call, in sequence, on the same
// links after a reset (BENCH_SEQUENTIAL_LINKS to shorten; the figure is then extrapolated and says so).
// Lower bound = calls x latency / concurrency.
// Floor, in the same run (alternating with ours, each after a reset): the very envelopes our
// client sends (written beforehand, not timed), posted by a bare HTTP client with the same
// concurrency, answers not parsed: what the simulator itself allows.
/* global performance */
import { countOf, createService, median, pool, rawPoster, report, round, startSimulatorProcess, require, dist } from './lib.mjs';

const LATENCY_MS = 50;
const LINKS = 1000;
const RUNS = Number(process.env.BENCH_RUNS_BULK ?? 3);
const SEQUENTIAL_LINKS = Number(process.env.BENCH_SEQUENTIAL_LINKS ?? 1000);
const sim = await startSimulatorProcess(['--seed', 'scale:10000', '--latency-ms', String(LATENCY_MS)]);
try {
  const { DEFAULT_WRITE_CONCURRENCY } = require(dist('service.js'));
  const concurrency = Number(process.env.BENCH_WRITE_CONCURRENCY ?? DEFAULT_WRITE_CONCURRENCY);
  const service = createService(sim, 0, { writeConcurrency: concurrency });
  const customerId = sim.users[0].customerId;
  await sim.control('/latency', { ms: 0 });
  const all = await service.searchClientLinks({ predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: customerId }] });
  const active = all.links.filter((l) => l.Status === 'Active' && l.ManagingCustomerId === customerId);
  if (active.length < LINKS) throw new Error(`only ${active.length} Active links, need ${LINKS}`);
  // Every run acts on the same 1,000 Active links: the simulator is reset to its seed before each.
  // (A reset re-anchors the seed's dates, so the links are searched again, without latency.)
  const reset = async () => {
    await sim.control('/reset', { seed: 'scale:10000' });
    await sim.control('/latency', { ms: 0 });
    const fresh = await service.searchClientLinks({ predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: customerId }] });
    await sim.control('/latency', { ms: LATENCY_MS });
    return fresh.links.filter((l) => l.Status === 'Active' && l.ManagingCustomerId === customerId);
  };
  const unlink = (links) => links.map((l) => ({ ...l, Status: 'UnlinkRequested' }));
  const check = (outcomes) => {
    const failed = outcomes.filter((o) => o.state !== 'succeeded');
    if (failed.length) throw new Error(`${failed.length} links failed: ${JSON.stringify(failed[0].errors ?? failed[0].error?.message)}`);
  };
  // The envelopes our client would send for these links, captured through a transport that answers
  // at once (same order and content: ids and Timestamps come from the seed, equal after each reset).
  const { CustomerManagementSoapClient } = require(dist('service.js'));
  const captured = [];
  const capture = new CustomerManagementSoapClient({
    endpoint: sim.endpoint,
    timeoutMs: 60_000,
    transport: {
      post: async (request) => {
        captured.push(request.body);
        return { status: 200, body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><UpdateClientLinksResponse xmlns="https://bingads.microsoft.com/Customer/v13"/></s:Body></s:Envelope>' };
      },
      close() {},
    },
  });
  const raw = rawPoster(sim.endpoint, '"UpdateClientLinks"');
  const batched = [];
  const floor = [];
  for (let r = 0; r < RUNS; r++) {
    const links = unlink((await reset()).slice(0, LINKS));
    const t = performance.now();
    check(await service.updateClientLinks(links));
    batched.push(performance.now() - t);

    const again = unlink((await reset()).slice(0, LINKS));
    captured.length = 0;
    const context = { credentials: { accessToken: sim.users[0].accessToken, developerToken: sim.developerToken } };
    for (let i = 0; i < again.length; i += 10) await capture.updateClientLinks(again.slice(i, i + 10), context);
    const f = performance.now();
    await pool(captured.length, concurrency, async (i) => {
      const answer = await raw.post(captured[i]);
      if (countOf(answer, '<a:Code>') > 0) throw new Error(`floor call ${i} failed: ${answer.slice(0, 300)}`);
    });
    floor.push(performance.now() - f);
  }
  raw.close();
  // Baseline: one link per UpdateClientLinks call, awaited one after the other.
  const seqLinks = unlink((await reset()).slice(0, SEQUENTIAL_LINKS));
  const t = performance.now();
  for (const link of seqLinks) check(await service.updateClientLinks([link]));
  const sequentialMeasuredMs = performance.now() - t;
  const sequentialMs = (sequentialMeasuredMs * LINKS) / SEQUENTIAL_LINKS;
  service.dispose();
  const calls = Math.ceil(LINKS / 10);
  const lowerBoundMs = (calls * LATENCY_MS) / concurrency;
  const ms = median(batched);
  report({
    figure: 4,
    runs: RUNS,
    links: LINKS,
    latencyMs: LATENCY_MS,
    concurrency,
    calls,
    ms: round(ms),
    lowerBoundMs: round(lowerBoundMs),
    ratioToLowerBound: round(ms / lowerBoundMs, 2),
    floorMs: round(median(floor)),
    floorRatio: round(median(floor) / lowerBoundMs, 2),
    // Median of the per-run ratios (each run's bulk action over the floor run just after it).
    oursOverFloor: round(median(batched.map((t, i) => t / floor[i])), 2),
    sequentialMs: round(sequentialMs),
    sequentialLinksMeasured: SEQUENTIAL_LINKS,
    speedup: round(sequentialMs / ms, 1),
  });
} finally {
  await sim.close();
}

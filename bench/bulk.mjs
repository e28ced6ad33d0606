// Figure 4: request unlink for 1,000 Active links per protocol (agency side, UpdateClientLinks with
// Status=UnlinkRequested; SOAP: POST of the envelope, REST: PUT /CustomerManagement/v13/ClientLinks
// with a JSON body), 50 ms injected latency per call. Batched: calls of 10 with the service's
// default write concurrency. One simulator serves both protocols; each protocol acts on its own
// 1,000 links (SOAP the first 1,000 Active links of the agency, REST the next 1,000), so both run
// after one reset, one after the other, alternating which goes first.
// Baseline: one link per call, in sequence, on the same links after a reset, the two protocols
// alternating in chunks of 50 links (BENCH_SEQUENTIAL_LINKS per protocol, default 500 to keep
// `npm run bench` short: the figure is then extrapolated to 1,000 and says so).
// Lower bound = calls x latency / concurrency.
// Floor, in the same run (after a reset of its own): the very requests our client sends (captured
// from our adapter beforehand, not timed: verb, URL, headers, body), sent by a bare HTTP client with
// the same concurrency, answers not parsed (only checked for an error code): what the simulator
// itself allows.
/* global performance */
import { captureRequests, countOf, createService, dist, LABELS, MARKERS, median, pool, PROTOCOLS, rawPoster, report, require, round, startSimulatorProcess } from './lib.mjs';

const LATENCY_MS = 50;
const LINKS = 1000;
const RUNS = Number(process.env.BENCH_RUNS_BULK ?? 3);
const SEQUENTIAL_LINKS = Math.min(LINKS, Number(process.env.BENCH_SEQUENTIAL_LINKS ?? 500));
const SEQUENTIAL_CHUNK = 50;
const sim = await startSimulatorProcess(['--seed', 'scale:10000', '--latency-ms', String(LATENCY_MS)]);
try {
  const { DEFAULT_WRITE_CONCURRENCY } = require(dist('service.js'));
  const concurrency = Number(process.env.BENCH_WRITE_CONCURRENCY ?? DEFAULT_WRITE_CONCURRENCY);
  const services = {};
  for (const protocol of PROTOCOLS) services[protocol] = createService(sim, 0, { protocol, writeConcurrency: concurrency });
  const customerId = sim.users[0].customerId;
  const query = { predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: customerId }] };
  // Every run acts on the same links: the simulator is reset to its seed before each.
  // (A reset re-anchors the seed's dates, so the links are searched again, without latency.)
  const reset = async () => {
    await sim.control('/reset', { seed: 'scale:10000' });
    await sim.control('/latency', { ms: 0 });
    const fresh = await services.soap.searchClientLinks(query);
    await sim.control('/latency', { ms: LATENCY_MS });
    const active = fresh.links.filter((l) => l.Status === 'Active' && l.ManagingCustomerId === customerId);
    if (active.length < PROTOCOLS.length * LINKS) throw new Error(`only ${active.length} Active links, need ${PROTOCOLS.length * LINKS}`);
    // SOAP acts on the first LINKS, REST on the next LINKS.
    return Object.fromEntries(PROTOCOLS.map((p, k) => [p, unlink(active.slice(k * LINKS, (k + 1) * LINKS))]));
  };
  const unlink = (links) => links.map((l) => ({ ...l, Status: 'UnlinkRequested' }));
  const check = (outcomes) => {
    const failed = outcomes.filter((o) => o.state !== 'succeeded');
    if (failed.length) throw new Error(`${failed.length} links failed: ${JSON.stringify(failed[0].errors ?? failed[0].error?.message)}`);
  };
  // The requests our client would send for these links (calls of 10, in order), captured after
  // the floor's reset (a reset re-anchors the seed's dates, which updates echo).
  const capture = async (sets) => {
    const floors = {};
    for (const protocol of PROTOCOLS) {
      const requests = await captureRequests(sim, protocol, async (client, context) => {
        for (let i = 0; i < LINKS; i += 10) await client.updateClientLinks(sets[protocol].slice(i, i + 10), context);
      });
      floors[protocol] = { requests, marker: MARKERS[protocol].error };
    }
    return floors;
  };
  const raws = Object.fromEntries(PROTOCOLS.map((p) => [p, rawPoster()]));
  let floors;
  const batched = { soap: [], rest: [] };
  const floor = { soap: [], rest: [] };
  // Round -1 is a warm-up (connections opened, code compiled), not counted.
  for (let r = -1; r < RUNS; r++) {
    const order = r % 2 ? [...PROTOCOLS].reverse() : PROTOCOLS;
    const sets = await reset();
    for (const protocol of order) {
      const t = performance.now();
      check(await services[protocol].updateClientLinks(sets[protocol]));
      if (r >= 0) batched[protocol].push(performance.now() - t);
    }
    floors = await capture(await reset());
    for (const protocol of order) {
      const { requests, marker } = floors[protocol];
      const raw = raws[protocol];
      const f = performance.now();
      await pool(requests.length, concurrency, async (i) => {
        const answer = await raw.send(requests[i]);
        if (countOf(answer, marker) > 0) throw new Error(`${protocol} floor call ${i} failed: ${answer.slice(0, 1200)}`);
      });
      if (r >= 0) floor[protocol].push(performance.now() - f);
    }
  }
  for (const protocol of PROTOCOLS) raws[protocol].close();
  // Baseline: one link per UpdateClientLinks call, awaited one after the other; the protocols
  // alternate in chunks so the host's noise hits both alike.
  const seqSets = await reset();
  const sequentialMeasured = { soap: 0, rest: 0 };
  for (let i = 0; i < SEQUENTIAL_LINKS; i += SEQUENTIAL_CHUNK) {
    for (const protocol of (i / SEQUENTIAL_CHUNK) % 2 ? [...PROTOCOLS].reverse() : PROTOCOLS) {
      const t = performance.now();
      for (const link of seqSets[protocol].slice(i, Math.min(i + SEQUENTIAL_CHUNK, SEQUENTIAL_LINKS))) check(await services[protocol].updateClientLinks([link]));
      sequentialMeasured[protocol] += performance.now() - t;
    }
  }
  for (const protocol of PROTOCOLS) services[protocol].dispose();
  const calls = Math.ceil(LINKS / 10);
  const lowerBoundMs = (calls * LATENCY_MS) / concurrency;
  const byProtocol = {};
  for (const protocol of PROTOCOLS) {
    const ms = median(batched[protocol]);
    const sequentialMs = (sequentialMeasured[protocol] * LINKS) / SEQUENTIAL_LINKS;
    byProtocol[protocol] = {
      label: LABELS[protocol],
      method: floors[protocol].requests[0].method,
      ms: round(ms),
      ratioToLowerBound: round(ms / lowerBoundMs, 2),
      floorMs: round(median(floor[protocol])),
      floorRatio: round(median(floor[protocol]) / lowerBoundMs, 2),
      // Median of the per-run ratios (each run's bulk action over the floor run of the same round).
      oursOverFloor: round(median(batched[protocol].map((t, i) => t / floor[protocol][i])), 2),
      sequentialMs: round(sequentialMs),
      sequentialPerCallMs: round(sequentialMeasured[protocol] / SEQUENTIAL_LINKS, 2),
      speedup: round(sequentialMs / ms, 1),
      updateRequestBytes: Buffer.byteLength(floors[protocol].requests[0].body),
      timesMs: batched[protocol].map((t) => round(t)),
      floorTimesMs: floor[protocol].map((t) => round(t)),
    };
  }
  report({
    figure: 4,
    runs: RUNS,
    links: LINKS,
    latencyMs: LATENCY_MS,
    concurrency,
    calls,
    lowerBoundMs: round(lowerBoundMs),
    sequentialLinksMeasured: SEQUENTIAL_LINKS,
    protocols: byProtocol,
    // Median of the per-run ratios (REST's bulk action over SOAP's in the same round).
    restOverSoap: round(median(batched.rest.map((t, i) => t / batched.soap[i])), 2),
    restFloorOverSoapFloor: round(median(floor.rest.map((t, i) => t / floor.soap[i])), 2),
    restOverSoapSequential: round(sequentialMeasured.rest / sequentialMeasured.soap, 2),
  });
} finally {
  await sim.close();
}

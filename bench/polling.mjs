// Figure 8: polling that scales (issue 14, item 7). Calls, not time: one simulated hour of
// automatic refresh for an agency with 10,000 links, 50 of them in motion (seed
// `scale:10000,moving:50`), per protocol. The simulator runs in this process on a manual clock; the
// bench moves it in 30-second steps and, every `autoRefreshSeconds` (120), calls the link store's
// `poll()` (what the extension's timer calls), full listing every `fullRefreshMinutes` (30).
// Meanwhile other people act, as in a real agency: every 5 minutes a client accepts a pending
// invitation (in motion: the next poll must see it), every 20 minutes a colleague requests an
// unlink of an Active link (not in motion: only a full listing can see it), and the simulator's
// clock moves links on (linking done, unlinks finishing, failed unlinks resuming).
// Counted: SearchClientLinks / GetAccountsInfo calls per poll from the simulator's call log (its own
// requests only; the truth is read from the simulator's state, not through calls), and for every
// change the simulator made, how late the store saw it (poll time minus the time of the change).
// src/core and src/simulator are bundled in memory with esbuild (the store is not in dist/).
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, PROTOCOLS, report, require, root, round } from './lib.mjs';

const LINKS = Number(process.env.BENCH_POLL_LINKS ?? 10_000);
const MOVING = Number(process.env.BENCH_POLL_MOVING ?? 50);
const INTERVAL_S = 120;
const FULL_MINUTES = 30;
const STEP_S = 30;
const HOUR_S = 3600;
const AGENCY = '251000123';

const work = mkdtempSync(join(tmpdir(), 'msads-bench-poll-'));
const bundle = join(work, 'polling.cjs');
buildSync({
  stdin: {
    contents: [
      "export { LinkStore } from './src/core/workflow/linkStore';",
      "export { isInMotion } from './src/core/model/lifecycle';",
      "export { clientLinkKey } from './src/core/model/clientLink';",
      "export { createClientLinksService } from './src/core/service/index';",
      "export { startSimulator } from './src/simulator/index';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'error',
});
const { LinkStore, isInMotion, clientLinkKey, createClientLinksService, startSimulator } = require(bundle);

async function hourOf(protocol) {
  const sim = await startSimulator({ seed: `scale:${LINKS},moving:${MOVING}` });
  const simStore = sim.control.simulator.store;
  const admin = sim.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin');
  const service = createClientLinksService({
    endpoint: sim.endpoint,
    protocol,
    developerToken: () => Promise.resolve(sim.developerToken),
    tokenSource: { getAccessToken: () => Promise.resolve(admin.accessToken) },
  });
  const now = () => sim.control.now();
  const store = new LinkStore(now);
  store.fullListingEveryMinutes = FULL_MINUTES;
  store.startSession(() => service);

  // The truth: the latest link of every pair the store lists, straight from the simulator's state.
  const stored = new Map();
  const truth = () => {
    const map = new Map();
    for (const l of simStore.latestLinks()) {
      const key = clientLinkKey({ ManagingCustomerId: l.managingCustomerId, ClientEntityId: l.clientEntityId, Type: l.type });
      if (stored.has(key)) map.set(key, { status: l.status, link: l });
    }
    return map;
  };
  const syncStored = () => {
    stored.clear();
    for (const l of store.links) stored.set(clientLinkKey(l), l.Status);
  };
  const callsDuring = async (fn) => {
    const before = sim.control.callLog().length;
    await fn();
    return sim.control.callLog().slice(before);
  };

  const first = await callsDuring(() => store.poll()); // before the hour: the first full listing
  syncStored();
  const fullListingCalls = first.length;

  let last = truth();
  /** key → { since, fromInMotion }: a change the store has not shown yet. */
  const unseen = new Map();
  const seen = { motion: [], settled: [] };
  const partialCalls = [];
  const inMotionAtPolls = [];
  let firstPartial;
  const fullCalls = [];
  let transitions = 0;
  const pending = () => [...simStore.latestLinksManagedBy([AGENCY])].filter((l) => l.status === 'LinkPending');
  const active = () => [...simStore.latestLinksManagedBy([AGENCY])].filter((l) => l.status === 'Active');
  for (let t = STEP_S; t <= HOUR_S; t += STEP_S) {
    sim.control.advanceClock(STEP_S * 1000);
    const at = now();
    if (t % 300 === 150) {
      const invitation = pending()[0];
      if (invitation) simStore.setStatus(invitation, 'LinkAccepted', at, '172000001'); // a client accepts (web UI)
    }
    if (t % 1200 === 630) {
      const link = active()[0];
      if (link) simStore.setStatus(link, 'UnlinkRequested', at, '171000002'); // a colleague unlinks elsewhere
    }
    sim.control.advanceClock(0); // the simulator's immediate follow-ons
    const current = truth();
    for (const [key, { status }] of current) {
      if (last.get(key)?.status !== status) {
        transitions++;
        if (!unseen.has(key)) unseen.set(key, { since: at, fromInMotion: isInMotion(stored.get(key)) });
      }
    }
    last = current;
    if (t % INTERVAL_S !== 0) continue;

    const wasFull = store.lastFullSync;
    const polled = store.links.filter((l) => isInMotion(l.Status)).length;
    const calls = await callsDuring(() => store.poll());
    if (store.lastFullSync !== wasFull) {
      fullCalls.push(calls.length);
    } else {
      partialCalls.push(calls.length);
      inMotionAtPolls.push(polled);
      if (firstPartial === undefined) firstPartial = { inMotion: polled, calls: calls.length, operations: [...new Set(calls.map((c) => c.operation))] };
    }
    syncStored();
    for (const [key, { since, fromInMotion }] of unseen) {
      if (stored.get(key) === current.get(key)?.status) {
        (fromInMotion ? seen.motion : seen.settled).push(at - since);
        unseen.delete(key);
      }
    }
  }
  const missed = [...unseen.values()];
  service.dispose?.();
  await sim.close();

  const polls = partialCalls.length + fullCalls.length;
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const max = (xs) => (xs.length ? Math.max(...xs) : 0);
  return {
    links: store.links.length,
    fullListingCalls,
    polls,
    partialPolls: partialCalls.length,
    fullListings: fullCalls.length,
    firstPartial,
    inMotionMedian: median(inMotionAtPolls),
    inMotionMax: max(inMotionAtPolls),
    inMotionMin: inMotionAtPolls.length ? Math.min(...inMotionAtPolls) : 0,
    partialCallsMedian: median(partialCalls),
    partialCallsMax: max(partialCalls),
    partialCallsMin: partialCalls.length ? Math.min(...partialCalls) : 0,
    callsPerHour: sum(partialCalls) + sum(fullCalls),
    callsPerHourAllFull: polls * fullListingCalls,
    // The same hour if MOVING links stayed in motion throughout: ceil(MOVING / 10) calls a partial poll.
    callsPerHourSteady: partialCalls.length * Math.ceil(MOVING / 10) + sum(fullCalls),
    transitions,
    motionSeen: seen.motion.length,
    motionMaxLateIntervals: round(max(seen.motion) / (INTERVAL_S * 1000), 2),
    settledSeen: seen.settled.length,
    settledMaxLateMinutes: round(max(seen.settled) / 60_000, 1),
    missedMotion: missed.filter((m) => m.fromInMotion).length,
    unseenSettledAtEnd: missed.filter((m) => !m.fromInMotion).length,
  };
}

const protocols = {};
for (const protocol of PROTOCOLS) {
  protocols[protocol] = await hourOf(protocol);
}
rmSync(work, { recursive: true, force: true });
report({ links: LINKS, moving: MOVING, intervalSeconds: INTERVAL_S, fullMinutes: FULL_MINUTES, protocols });

// Figure 2: cold start, per protocol. A new `node dist/cli.js list --side agency --json --api soap`
// (resp. `--api rest`) process per run against the simulator (scale:100: a 100-link agency
// customer) on loopback, no injected latency; whole process wall time from spawn to exit. Each
// round runs a bare `node -e 0` (reference for this machine), then the two protocols in turn,
// alternating which goes first, so the host's noise hits both alike. Every protocol's first run
// is checked: the same 100 links, and every call of it came in on that protocol (simulator call log).
// Also the CLI's internal phases from a probe in a fresh process per protocol (bench/firstCallProbe.cjs):
// dist/service.js load, first request written, first call (write + read of a real GetUser answer).
/* global performance */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { captureRequests, dist, LABELS, median, PROTOCOLS, rawPoster, report, root, round, startSimulatorProcess } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS_COLD ?? 11);
const PROBES = Number(process.env.BENCH_PROBES_COLD ?? 7);
const sim = await startSimulatorProcess(['--seed', 'scale:100']);
try {
  const env = { ...process.env, MSADS_ENDPOINT: sim.endpoint, MSADS_ACCESS_TOKEN: sim.users[0].accessToken, MSADS_DEVELOPER_TOKEN: sim.developerToken };
  delete env.MSADS_API;
  const timed = (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { ms, stdout: r.stdout };
  };
  const cliArgs = (protocol) => [dist('cli.js'), 'list', '--side', 'agency', '--json', '--api', protocol];
  const linksOf = (stdout) => {
    const listed = JSON.parse(stdout);
    return Array.isArray(listed) ? listed : (listed.links ?? []);
  };
  // First run of each protocol (not timed): same links, and the simulator saw only that protocol.
  const counts = {};
  const callsPerRun = {};
  let reference;
  for (const protocol of PROTOCOLS) {
    const before = (await sim.control('/calls')).length;
    const links = linksOf(timed(cliArgs(protocol)).stdout);
    const calls = (await sim.control('/calls')).slice(before);
    const other = calls.filter((c) => c.protocol !== protocol);
    if (other.length) throw new Error(`--api ${protocol}: ${other.length} of ${calls.length} calls came in over ${other[0].protocol}`);
    const ids = JSON.stringify(links.map((l) => `${l.ClientEntityId}/${l.Status}`).sort());
    if (reference !== undefined && ids !== reference) throw new Error(`--api ${protocol} listed other links than --api ${PROTOCOLS[0]}`);
    reference = ids;
    counts[protocol] = links.length;
    callsPerRun[protocol] = calls.length;
  }
  const cli = { soap: [], rest: [] };
  const overBare = { soap: [], rest: [] };
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    const b = timed(['-e', '0']).ms;
    bare.push(b);
    const order = i % 2 ? [...PROTOCOLS].reverse() : PROTOCOLS;
    for (const protocol of order) {
      const ms = timed(cliArgs(protocol)).ms;
      cli[protocol].push(ms);
      overBare[protocol].push(ms - b);
    }
  }
  // Phases inside fresh processes, per protocol, alternating (median of PROBES each).
  const probeInput = {};
  for (const protocol of PROTOCOLS) {
    const [request] = await captureRequests(sim, protocol, (client, context) => client.getUser(context).catch(() => undefined)); // the empty answer has no User
    const raw = rawPoster();
    const body = await raw.send(request);
    raw.close();
    const answer = { status: 200, body, headers: { 'content-type': protocol === 'rest' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8' } };
    const url = protocol === 'rest' ? new URL(sim.endpoint).origin : sim.endpoint;
    probeInput[protocol] = JSON.stringify({ service: dist('service.js'), protocol, url, answer, context: { credentials: { accessToken: sim.users[0].accessToken, developerToken: sim.developerToken }, customerId: sim.users[0].customerId } });
  }
  const probes = { soap: [], rest: [] };
  for (let i = 0; i < PROBES; i++) {
    for (const protocol of i % 2 ? [...PROTOCOLS].reverse() : PROTOCOLS) {
      const r = spawnSync(process.execPath, [join(root, 'bench', 'firstCallProbe.cjs')], { encoding: 'utf8', env: { ...process.env, BENCH_PROBE: probeInput[protocol] } });
      if (r.status !== 0) throw new Error(`probe ${protocol} exited ${r.status}: ${r.stderr}`);
      probes[protocol].push(JSON.parse(r.stdout));
    }
  }
  const byProtocol = {};
  for (const protocol of PROTOCOLS) {
    const p = probes[protocol];
    byProtocol[protocol] = {
      label: LABELS[protocol],
      links: counts[protocol],
      callsPerRun: callsPerRun[protocol],
      cliListMs: round(median(cli[protocol])),
      cliListMinMs: round(Math.min(...cli[protocol])),
      // Per run: CLI wall time minus the bare `node -e 0` just before it (less sensitive to load).
      overBareMs: round(median(overBare[protocol])),
      serviceLoadMs: round(median(p.map((x) => x.serviceLoadMs))),
      firstRequestMs: round(median(p.map((x) => x.firstRequestMs)), 2),
      firstCallMs: round(median(p.map((x) => x.firstCallMs)), 2),
    };
  }
  report({
    figure: 2,
    runs: RUNS,
    probes: PROBES,
    links: counts.soap,
    bareNodeMs: round(median(bare)),
    protocols: byProtocol,
    // Median of the per-round ratios (the two CLI runs of a round, one right after the other).
    restOverSoap: round(median(cli.rest.map((r, i) => r / cli.soap[i])), 2),
    restOverSoapOverBare: round(median(overBare.rest.map((r, i) => r / overBare.soap[i])), 2),
  });
} finally {
  await sim.close();
}

// Figure 2: cold start. A new `node dist/cli.js list --side agency --json` process per run against
// the simulator (scale:100: a 100-link agency customer) on loopback, no injected latency; whole
// process wall time from spawn to exit. Also: bare `node -e 0` on this machine for reference, and
// the CLI's internal phases (service.js load, first envelope) from a probe.
/* global performance */
import { spawnSync } from 'node:child_process';
import { dist, median, report, round, startSimulatorProcess, require } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS_COLD ?? 11);
const sim = await startSimulatorProcess(['--seed', 'scale:100']);
try {
  const env = { ...process.env, MSADS_ENDPOINT: sim.endpoint, MSADS_ACCESS_TOKEN: sim.users[0].accessToken, MSADS_DEVELOPER_TOKEN: sim.developerToken };
  const timed = (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { ms, stdout: r.stdout };
  };
  const first = timed([dist('cli.js'), 'list', '--side', 'agency', '--json']);
  const listed = JSON.parse(first.stdout);
  const count = Array.isArray(listed) ? listed.length : (listed.links?.length ?? NaN);
  const cli = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(timed(['-e', '0']).ms);
    cli.push(timed([dist('cli.js'), 'list', '--side', 'agency', '--json']).ms);
  }
  // Phases inside fresh processes (median of 5).
  const probeOnce = () =>
    JSON.parse(
      spawnSync(
        process.execPath,
        [
          '-e',
          `const t0=performance.now();const m=require(${JSON.stringify(dist('service.js'))});const t1=performance.now();` +
            `const c=new m.CustomerManagementSoapClient({endpoint:'http://127.0.0.1:9/x',timeoutMs:1000});` +
            `c.envelopeFor('GetUser',{UserId:null},{accessToken:'a',developerToken:'d'}).then(()=>{const t2=performance.now();console.log(JSON.stringify({serviceLoadMs:t1-t0,firstEnvelopeMs:t2-t1}));c.close();});`,
        ],
        { encoding: 'utf8' },
      ).stdout,
    );
  const probes = Array.from({ length: 5 }, probeOnce);
  const phases = { serviceLoadMs: median(probes.map((p) => p.serviceLoadMs)), firstEnvelopeMs: median(probes.map((p) => p.firstEnvelopeMs)) };
  void require;
  report({
    figure: 2,
    runs: RUNS,
    links: count,
    cliListMs: round(median(cli)),
    cliListMinMs: round(Math.min(...cli)),
    bareNodeMs: round(median(bare)),
    // Per run: CLI wall time minus the bare `node -e 0` just before it (less sensitive to load).
    overBareMs: round(median(cli.map((c, i) => c - bare[i]))),
    serviceLoadMs: round(phases.serviceLoadMs),
    firstEnvelopeMs: round(phases.firstEnvelopeMs),
  });
} finally {
  await sim.close();
}

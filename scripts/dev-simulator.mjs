// The simulator for the F5 loop (.vscode/launch.json "Run Extension against the simulator", started by
// the "simulator" task in .vscode/tasks.json): waits for the watch build's dist/simulator.js, starts
// it with the demo seed and statuses that move on their own, writes its --json line to
// .vscode-test/dev/simulator.json (read by the test-only Microsoft sign-in and by
// test/harness/dev-simulator-settings, which set the endpoint), makes .vscode-test/dev/workspace with
// a sample invitation CSV, prints `[dev-simulator] ready: <endpoint>` and runs until stopped.
// Usage: node scripts/dev-simulator.mjs [--port N] [more dist/simulator.js flags]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const script = join(root, 'dist', 'simulator.js');
const dev = join(root, '.vscode-test', 'dev');
console.log('[dev-simulator] starting');

// The watch build writes dist/ at the same time: wait until simulator.js exists and stops changing.
let last = -1;
for (let waited = 0; ; waited += 500) {
  const size = existsSync(script) ? statSync(script).size : -1;
  if (size > 0 && size === last) {
    break;
  }
  if (waited > 120_000) {
    console.error(`[dev-simulator] ERROR ${script} did not appear: run npm run build (or the "watch" task)`);
    process.exit(1);
  }
  last = size;
  await sleep(500);
}

const child = spawn(process.execPath, [script, '--seed', 'demo', '--auto-advance', '--json', ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill('SIGTERM'));
}
child.on('exit', (code) => {
  console.log(`[dev-simulator] the simulator stopped (exit ${code})`);
  process.exit(code ?? 1);
});

createInterface({ input: child.stdout }).on('line', (line) => {
  if (!/^\{.*"endpoint".*\}$/.test(line)) {
    console.log(line);
    return;
  }
  const info = JSON.parse(line);
  mkdirSync(join(dev, 'workspace'), { recursive: true });
  writeFileSync(join(dev, 'simulator.json'), `${line}\n`);
  const csv = join(dev, 'workspace', 'clients.csv');
  if (!existsSync(csv)) {
    writeFileSync(csv, 'account_id,bill_to_client,note\n180012346,yes,Fabrikam Outlet\n180012347,yes,Fabrikam Boots\n180034002,no,Northwind Deli\n');
  }
  console.log(`[dev-simulator] users: ${info.users.map((u) => `${u.name} (${u.role}, customer ${u.customerId})`).join('; ')}`);
  console.log(`[dev-simulator] ready: ${info.endpoint} (REST at ${info.restBaseUrl ?? new URL(info.endpoint).origin}; control: ${new URL(info.endpoint).origin}/__control)`);
});

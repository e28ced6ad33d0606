// `npm run watch`: the developer loop. Runs side by side, until Ctrl+C:
//   - esbuild in watch mode (`npm run watch:esbuild`: dist/extension.js, service.js, cli.js, simulator.js);
//   - tsc in watch mode (`npm run watch:tsc`: type errors, and out/ for the test tiers and the
//     "Extension Tests" launch configuration).
// VS Code's F5 (.vscode/launch.json) starts the two as separate background tasks instead
// (.vscode/tasks.json), so that each has its own problem matcher.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const children = [
  spawn(process.execPath, [join(root, 'scripts', 'build.mjs'), '--watch'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'], {
    cwd: root,
    stdio: 'inherit',
  }),
];

let stopping = false;
function stop(code) {
  if (stopping) {
    return;
  }
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
  }
  process.exitCode = code;
}

for (const child of children) {
  child.on('exit', (code, signal) => stop(code ?? (signal ? 1 : 0)));
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => stop(signal === 'SIGINT' ? 130 : 143));
}

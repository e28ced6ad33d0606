// Bundles the extension, its lazily loaded SOAP service chunk, the CLI and the simulator with esbuild.
// Usage: node scripts/build.mjs [--watch] [--quiet] [--production]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const quiet = args.has('--quiet');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: quiet ? 'error' : 'info',
  absWorkingDir: root,
};

/** Entry points: [input, output, external]. */
const targets = [
  // The extension itself: no soap in here (the SOAP stack is dist/service.js, loaded on first use).
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './service.js'] },
  // The SOAP service layer: soap + axios + our client. Loaded with require() when the first request is made.
  { entryPoints: ['src/core/service/index.ts'], outfile: 'dist/service.js', external: [] },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['./service.js'], banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/simulator/main.ts'], outfile: 'dist/simulator.js', external: [] },
].filter((t) => existsSync(join(root, t.entryPoints[0])));

function copyWsdl() {
  const from = join(root, 'src/core/soap/wsdl');
  if (!existsSync(from)) return;
  const to = join(root, 'dist/wsdl');
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) copyFileSync(join(from, f), join(to, f));
}

if (args.has('--watch')) {
  for (const t of targets) {
    const ctx = await esbuild.context({ ...common, ...t });
    await ctx.watch();
  }
  copyWsdl();
} else {
  await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t, metafile: true })));
  copyWsdl();
}

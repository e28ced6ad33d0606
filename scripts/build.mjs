// Derives the SOAP writer plan from our WSDL with node-soap, then bundles the extension, its lazily
// loaded service chunk (both wire protocols), the CLI and the simulator with esbuild.
// Usage: node scripts/build.mjs [--watch] [--quiet] [--production]
//   --production  what ships (`vscode:prepublish`, `npm run package`, `npm run package:cli`): minified,
//                 no source maps, no `//# sourceMappingURL` comments, stale dist/*.map removed.
//   --watch       rebuild on change (`npm run watch`); prints `[watch] build started` and
//                 `[watch] build finished` around each rebuild of all the bundles, with errors as
//                 `✘ [ERROR] message` + `    file:line:column:` (.vscode/tasks.json matches these lines).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const quiet = args.has('--quiet');
const watch = args.has('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  // In watch mode the plugin below reports (one start/finish pair for all bundles, errors included).
  logLevel: watch ? 'silent' : quiet ? 'error' : 'info',
  absWorkingDir: root,
};

/** Entry points: [input, output, external]. */
const targets = [
  // The extension itself: no protocol code in here (SOAP and REST are dist/service.js, loaded on first use).
  // Minified (names kept, source map beside it) so the file VS Code reads and compiles at activation stays small (< 100 KB).
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './service.js'], minify: true, keepNames: true },
  // The service layer: the protocol-neutral service, the SOAP and REST adapters, the transport. Loaded with require() when the first request is made.
  // node-soap is not in it: the SOAP writer plan it derives is embedded (src/core/soap/generated/writer-plan.json).
  { entryPoints: ['src/core/service/index.ts'], outfile: 'dist/service.js', external: [], minify: true, keepNames: true },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['./service.js'], banner: { js: '#!/usr/bin/env node' }, minify: true, keepNames: true },
  { entryPoints: ['src/simulator/main.ts'], outfile: 'dist/simulator.js', external: [] },
].filter((t) => existsSync(join(root, t.entryPoints[0])));

function copyWsdl() {
  const from = join(root, 'src/core/soap/wsdl');
  if (!existsSync(from)) return;
  const to = join(root, 'dist/wsdl');
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) copyFileSync(join(from, f), join(to, f));
}

await deriveWriterPlan();
if (watch) {
  const plugins = [watchReporter(targets.length)];
  for (const t of targets) {
    const ctx = await esbuild.context({ ...common, ...t, plugins });
    await ctx.watch();
  }
  copyWsdl();
} else {
  await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t, metafile: true })));
  copyWsdl();
  if (production) {
    removeSourceMaps();
  }
}

/** A production build writes no maps: remove those a development build left, so none is stale. */
function removeSourceMaps() {
  const dist = join(root, 'dist');
  for (const f of readdirSync(dist)) {
    if (f.endsWith('.js.map')) {
      rmSync(join(dist, f));
    }
  }
}

/**
 * Watch mode: one `[watch] build started` when the first bundle starts rebuilding and one
 * `[watch] build finished` when every bundle that started is done, with each error as
 * `✘ [ERROR] text` and `    file:line:column:` (the background problem matcher in .vscode/tasks.json).
 */
function watchReporter(count) {
  let running = 0;
  let errors = 0;
  return {
    name: 'watch-reporter',
    setup(build) {
      build.onStart(() => {
        if (running++ === 0) {
          errors = 0;
          console.log('[watch] build started');
        }
      });
      build.onEnd((result) => {
        for (const { text, location } of result.errors) {
          errors++;
          console.error(`✘ [ERROR] ${text}`);
          if (location) {
            console.error(`    ${location.file}:${location.line}:${location.column}:`);
          }
        }
        if (--running === 0) {
          console.log(`[watch] build finished (${count} bundles, ${errors} error${errors === 1 ? '' : 's'})`);
        }
      });
    },
  };
}

/**
 * src/core/soap/generated/writer-plan.json: what node-soap derives from our WSDL (element names,
 * namespaces, member order; see src/core/soap/compiledWriter.ts), embedded in dist/service.js so
 * no process at run time loads node-soap. Rewritten only when it changes (it is committed, and a
 * unit test checks it is current).
 */
async function deriveWriterPlan() {
  const cache = join(root, 'node_modules/.cache/msads-client-links');
  mkdirSync(cache, { recursive: true });
  const tool = join(cache, 'writer-plan-derivation.cjs');
  await esbuild.build({ ...common, entryPoints: ['src/core/soap/writerPlanDerivation.ts'], outfile: tool, sourcemap: false, minify: false, logLevel: 'error' });
  const require = createRequire(import.meta.url);
  delete require.cache[tool];
  const { deriveWriterPlan: derive } = require(tool);
  const plan = await derive(join(root, 'src/core/soap/wsdl/CustomerManagementService.v13.client-links.wsdl'));
  const target = join(root, 'src/core/soap/generated/writer-plan.json');
  const text = `${JSON.stringify(plan, null, 1)}\n`;
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    writeFileSync(target, text);
  }
}

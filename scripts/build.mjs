// Bundles the extension, its lazily loaded SOAP service chunk, the CLI and the simulator with esbuild.
// Usage: node scripts/build.mjs [--watch] [--quiet] [--production]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const quiet = args.has('--quiet');

/**
 * node-soap's `lib/http.js` is its axios-based HTTP client (axios, axios-ntlm, form-data,
 * formidable, follow-redirects, mime-db, whatwg-mimetype: ~700 KB of the SOAP chunk and most of its
 * load time). We never call it: nodeSoapAdapter gives node-soap a capturing `httpClient` and a
 * local WSDL path, and transport.ts does the sending. It is replaced by a stub that fails loudly if
 * anything ever constructs it (a WSDL URL instead of a path, a Client without httpClient).
 */
const stubNodeSoapHttp = {
  name: 'stub-node-soap-http',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/http$/ }, (args) =>
      /[\\/]node_modules[\\/]soap[\\/]lib([\\/]wsdl)?$/.test(args.resolveDir) ? { path: 'soap-http-stub', namespace: 'stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      loader: 'js',
      contents: `"use strict";
class HttpClient {
  constructor() {
    throw new Error("node-soap's HTTP client (axios) is not part of this build: msads-client-links sends requests with its own transport. Pass node-soap an httpClient and a local WSDL path.");
  }
}
exports.HttpClient = HttpClient;`,
    }));
  },
};

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
  // Minified (names kept, source map beside it) so the file VS Code reads and compiles at activation stays small (< 100 KB).
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './service.js'], minify: true, keepNames: true },
  // The SOAP service layer: our client, request writer, reader and transport. Loaded with require() when the first request is made.
  { entryPoints: ['src/core/service/index.ts'], outfile: 'dist/service.js', external: [], plugins: [stubNodeSoapHttp], minify: true, keepNames: true },
  // node-soap (without its axios HTTP client), required by dist/service.js only when the writer plan cannot serve (see nodeSoapAdapter.ts).
  { entryPoints: ['src/core/soap/nodeSoapModules.ts'], outfile: 'dist/node-soap.js', external: [], plugins: [stubNodeSoapHttp], minify: true, keepNames: true },
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

if (args.has('--watch')) {
  for (const t of targets) {
    const ctx = await esbuild.context({ ...common, ...t });
    await ctx.watch();
  }
  copyWsdl();
} else {
  await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t, metafile: true })));
  copyWsdl();
  await writeWriterPlan();
}

/**
 * dist/wsdl/*.writer-plan.json: the request writer's plan derived by node-soap from the bundled
 * WSDL (see src/core/soap/compiledWriter.ts), so a process writes envelopes without parsing the
 * WSDL. Keyed by the WSDL's hash: a stale or missing plan is ignored and derived at run time.
 */
async function writeWriterPlan() {
  const service = join(root, 'dist/service.js');
  if (!existsSync(service)) return;
  const m = createRequire(import.meta.url)(service);
  const wsdlPath = join(root, 'dist/wsdl', m.WSDL_FILE_NAME);
  if (!existsSync(wsdlPath)) return;
  const plan = await m.deriveWriterPlan(wsdlPath);
  writeFileSync(m.writerPlanPath(wsdlPath), `${JSON.stringify(plan)}\n`);
}

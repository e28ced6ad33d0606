// `npm run package:cli`: the msads-links CLI as an npm tarball, msads-links-<version>.tgz in the
// repository root, installable with `npm install -g ./msads-links-<version>.tgz`.
// It holds only the bundled CLI: dist/cli.js (the bin) and dist/service.js (the service layer it
// requires on the first request), a package.json with no dependencies, and the licence. Built in
// production mode first (minified, no source maps) unless --no-build is given (the bundles are then
// taken from dist/ as they are; `npm run test:packages` passes it right after `npm run package`).
// Staged in node_modules/.cache/msads-client-links/cli-package and packed there with `npm pack`.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function run(command, commandArgs, options = {}) {
  const r = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
  if (r.status !== 0) {
    console.error(`package:cli: ${command} ${commandArgs.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  return r.stdout;
}

if (!args.has('--no-build')) {
  run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', '--quiet'], { stdio: 'inherit' });
}

const files = ['dist/cli.js', 'dist/service.js'];
for (const f of files) {
  if (!existsSync(join(root, f))) {
    console.error(`package:cli: ${f} is missing; run without --no-build (or npm run build first)`);
    process.exit(1);
  }
}

const stage = join(root, 'node_modules', '.cache', 'msads-client-links', 'cli-package');
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
for (const f of files) {
  copyFileSync(join(root, f), join(stage, f));
}
chmodSync(join(stage, 'dist', 'cli.js'), 0o755);
copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));

const cliManifest = {
  name: 'msads-links',
  version: manifest.version,
  description:
    'Command-line tool for the client links of Microsoft Advertising (Customer Management v13, SOAP and REST): list, invite, accept, decline, cancel and unlink links between an agency and its clients.',
  keywords: ['microsoft-advertising', 'bing-ads', 'client-links', 'agency', 'cli'],
  license: manifest.license,
  repository: manifest.repository,
  bugs: manifest.bugs,
  homepage: manifest.homepage,
  bin: { 'msads-links': 'dist/cli.js' },
  files,
  engines: { node: '>=20' },
};
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(cliManifest, null, 2)}\n`);

// npm pack (the ordinary client) writes <name>-<version>.tgz; --json says what it packed.
const npm = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
const packed = JSON.parse(run(npm[0], [...npm.slice(1), 'pack', '--json', '--pack-destination', root, '--loglevel=error'], { cwd: stage }))[0];
const tarball = join(root, packed.filename);
console.log(`package:cli: ${packed.filename} (${(statSync(tarball).size / 1024).toFixed(1)} KB, unpacked ${(packed.unpackedSize / 1024).toFixed(1)} KB)`);
for (const f of packed.files) {
  console.log(`  package/${f.path}  ${(f.size / 1024).toFixed(1)} KB`);
}

// What `npm run package:cli` wrote, as users get it: the tarball holds only the bundled CLI, and
// `npm install -g ./msads-links-<version>.tgz` (into a temporary prefix) gives a working
// `msads-links` that answers --help and --version and talks to the simulator over REST, loading the
// service layer from its own install (not from this repository).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SimulatorInfo, startSimulator } from '../harness/environment';
import { makeRunDir, repoRoot } from '../harness/paths';
import { cliTarball, readTarball, requireFile, rootManifest } from './archives';

interface CliManifest {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines?: { node?: string };
  dependencies?: unknown;
  optionalDependencies?: unknown;
  peerDependencies?: unknown;
  bundleDependencies?: unknown;
  scripts?: Record<string, string>;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('The msads-links CLI users install (npm run package:cli)', () => {
  let prefix: string;
  let bin: string;

  before(function () {
    requireFile(cliTarball, 'npm run package:cli');
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'msads-links-prefix-'));
    bin = path.join(prefix, 'bin', 'msads-links');
  });

  after(() => {
    if (prefix) {
      fs.rmSync(prefix, { recursive: true, force: true });
    }
  });

  /** Runs the installed msads-links from a folder outside the repository, with only `env` set for it. */
  function cli(args: string[], env: NodeJS.ProcessEnv = {}): Run {
    const clean: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (!k.startsWith('MSADS_') && !k.startsWith('npm_')) {
        clean[k] = v;
      }
    }
    const r = spawnSync(bin, args, { cwd: prefix, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  it('holds only the bundled CLI, its service chunk, package.json and the licence', () => {
    const entries = readTarball(cliTarball);
    const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
    console.log(`      ${path.basename(cliTarball)}: ${kb(fs.statSync(cliTarball).size)}`);
    for (const e of entries) {
      console.log(`        ${e.name}  ${kb(e.size)}`);
    }
    assert.deepEqual(entries.map((e) => e.name).sort(), ['package/LICENSE', 'package/dist/cli.js', 'package/dist/service.js', 'package/package.json']);
    const cliJs = entries.find((e) => e.name === 'package/dist/cli.js');
    assert.ok(cliJs);
    assert.match(cliJs.data().toString('utf8'), /^#!\/usr\/bin\/env node\n/, 'dist/cli.js starts with a node shebang');
    for (const e of entries.filter((x) => x.name.endsWith('.js'))) {
      assert.doesNotMatch(e.data().toString('utf8'), /sourceMappingURL/, `${e.name} is a production bundle`);
    }
  });

  it('has a manifest with a bin entry and nothing to fetch or run at install', () => {
    const entry = readTarball(cliTarball).find((e) => e.name === 'package/package.json');
    assert.ok(entry);
    const manifest = JSON.parse(entry.data().toString('utf8')) as CliManifest;
    assert.equal(manifest.name, 'msads-links');
    assert.equal(manifest.version, rootManifest.version);
    assert.equal(manifest.license, 'MIT');
    assert.deepEqual(manifest.bin, { 'msads-links': 'dist/cli.js' });
    assert.match(manifest.engines?.node ?? '', />=\s*20/);
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'scripts'] as const) {
      assert.equal(manifest[field], undefined, `no ${field}`);
    }
  });

  it('installs with npm install -g into a fresh prefix', function () {
    this.timeout(120_000);
    const r = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', cliTarball], {
      cwd: prefix,
      encoding: 'utf8',
      timeout: 110_000,
    });
    assert.equal(r.status, 0, `npm install -g failed:\n${r.stdout}\n${r.stderr}`);
    assert.ok(fs.existsSync(bin), `${bin} exists`);
    const real = fs.realpathSync(bin);
    assert.ok(real.startsWith(fs.realpathSync(prefix)), `the bin is the installed copy (${real}), not the repository's`);
    assert.ok(!real.startsWith(repoRoot), 'not in the repository');
    assert.deepEqual(fs.readdirSync(path.join(prefix, 'lib', 'node_modules', 'msads-links')).sort(), ['LICENSE', 'dist', 'package.json']);
    assert.deepEqual(fs.readdirSync(path.join(prefix, 'lib', 'node_modules', 'msads-links', 'dist')).sort(), ['cli.js', 'service.js']);
  });

  it('answers --help', () => {
    const r = cli(['--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^msads-links <command> \[options\]/);
    assert.match(r.stdout, /--api auto\|soap\|rest/);
  });

  it('answers --version with the package version', () => {
    const r = cli(['--version']);
    assert.equal(r.status, 0, `msads-links --version exited ${r.status}: ${r.stderr.split('\n')[0]}`);
    assert.equal(r.stdout.trim(), rootManifest.version);
  });

  describe('against the simulator over REST', () => {
    let simulator: SimulatorInfo;

    before(async function () {
      this.timeout(60_000);
      simulator = await startSimulator({ runDir: makeRunDir('cli-package'), seed: 'demo' });
    });

    after(async () => {
      await simulator?.stop();
    });

    it('whoami and list work from the installed package (service.js loaded from the install)', async () => {
      const agency = simulator.users.find((u) => u.name === 'Avery Howard');
      assert.ok(agency, 'the demo seed has Avery Howard');
      const env = { MSADS_ENDPOINT: simulator.endpoint, MSADS_ACCESS_TOKEN: agency.accessToken, MSADS_DEVELOPER_TOKEN: simulator.developerToken, MSADS_API: 'rest' };
      const whoami = cli(['whoami'], env);
      assert.equal(whoami.status, 0, whoami.stderr);
      assert.match(whoami.stdout, /Avery Howard/);
      assert.match(whoami.stdout, /API: REST at http:\/\/127\.0\.0\.1:\d+/);
      const list = cli(['list', '--status', 'Active', '--json'], env);
      assert.equal(list.status, 0, list.stderr);
      const links = JSON.parse(list.stdout) as { Status?: string }[];
      assert.ok(links.length > 0, 'the demo agency has active links');
      assert.ok(links.every((l) => l.Status === 'Active'));
      const res = await fetch(`${new URL(simulator.endpoint).origin}/__control/calls`);
      const calls = (await res.json()) as { protocol?: string }[];
      assert.ok(calls.length > 0);
      assert.deepEqual([...new Set(calls.map((c) => c.protocol))], ['rest']);
    });
  });
});

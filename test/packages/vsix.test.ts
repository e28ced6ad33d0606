// What `npm run package` wrote, read back from the .vsix itself: only what runs (no sources, tests,
// benchmarks, scripts, source maps, node_modules, CLI or simulator), small, with a Marketplace-ready
// manifest, the 128x128 icon, the licence, and a README whose images VS Code can show (https URLs of
// files in the repository: VS Code's extension page drops relative image paths).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';
import { ArchiveEntry, pngSize, readZip, requireFile, rootManifest, vsixFile } from './archives';

interface PackagedManifest {
  name: string;
  version: string;
  publisher: string;
  license: string;
  main: string;
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  repository?: { url?: string } | string;
  bugs?: { url?: string };
  homepage?: string;
  categories?: string[];
  keywords?: string[];
  bin?: unknown;
  dependencies?: Record<string, string>;
  engines: { vscode: string };
  contributes: { viewsContainers: { activitybar: { icon: string }[] }; views: Record<string, { icon?: string }[]> };
}

/** Everything the VSIX may hold; anything else is a packaging mistake. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(?:\.[a-z-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(?:\.[a-z-]+)?\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(?:extension|service)\.js$/,
  /^extension\/media\/(?:client-links\.svg|icon\.png|overview\.css|overview\.js)$/,
];

/**
 * The code that runs (dist/extension.js + dist/service.js): about 288 KB today (production build,
 * 2026-12-02: 215 KB extension, 73 KB service). What it holds beyond the first release: the
 * extension's and the core's strings as l10n messages with their translator comments (~30 KB),
 * issue 14's features (history journal, overview, sync, pre-flight checks, expiry radar, partial
 * polling, ~55 KB), and issue 15's work at 100,000 links (the sliced grouping kept between
 * regroupings, the SOAP page reader that builds links while scanning, ~20 KB). The service (SOAP and
 * REST) still loads only at the first call. The bound leaves room for one more feature of that size.
 */
const MAX_CODE_BYTES = 340 * 1024;
/**
 * The whole VSIX: about 150 KB today, compressed: the code (~95 KB), the README (~17 KB), the
 * CHANGELOG (~14 KB), the l10n bundle (~13 KB), the manifest, its strings and the media (~10 KB).
 */
const MAX_VSIX_BYTES = 180 * 1024;

describe('The VSIX users install (npm run package)', () => {
  let entries: ArchiveEntry[];
  let byName: Map<string, ArchiveEntry>;
  let manifest: PackagedManifest;

  before(() => {
    requireFile(vsixFile, 'npm run package');
    entries = readZip(vsixFile);
    byName = new Map(entries.map((e) => [e.name, e]));
    manifest = JSON.parse(entry('extension/package.json').data().toString('utf8')) as PackagedManifest;
    const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
    console.log(`      ${path.basename(vsixFile)}: ${kb(fs.statSync(vsixFile).size)}, ${entries.length} files`);
    for (const e of entries) {
      console.log(`        ${e.name}  ${kb(e.size)}`);
    }
  });

  function entry(name: string): ArchiveEntry {
    const e = byName.get(name);
    assert.ok(e, `${name} is in ${path.basename(vsixFile)} (it has: ${[...byName.keys()].join(', ')})`);
    return e;
  }

  it('is named after the manifest and holds only what runs', () => {
    assert.equal(path.basename(vsixFile), `msads-client-links-${rootManifest.version}.vsix`);
    for (const e of entries) {
      assert.ok(
        ALLOWED.some((re) => re.test(e.name)),
        `${e.name} should not be in the VSIX (.vscodeignore lets in only the bundles, the manifest and its strings, l10n/, media, README, CHANGELOG and LICENSE)`,
      );
    }
    for (const name of ['extension/dist/extension.js', 'extension/dist/service.js', 'extension/package.json', 'extension/package.nls.json', 'extension/l10n/bundle.l10n.json', 'extension/readme.md', 'extension/LICENSE.txt', 'extension/media/icon.png', 'extension/media/overview.css', 'extension/media/overview.js']) {
      entry(name);
    }
  });

  it('is small', () => {
    const code = entry('extension/dist/extension.js').size + entry('extension/dist/service.js').size;
    assert.ok(code < MAX_CODE_BYTES, `the bundles are ${code} bytes (limit ${MAX_CODE_BYTES})`);
    const size = fs.statSync(vsixFile).size;
    assert.ok(size < MAX_VSIX_BYTES, `the VSIX is ${size} bytes (limit ${MAX_VSIX_BYTES})`);
  });

  it('ships production bundles: minified, no source map references, no node-soap, vscode left external', () => {
    for (const name of ['extension/dist/extension.js', 'extension/dist/service.js']) {
      const text = entry(name).data().toString('utf8');
      assert.doesNotMatch(text, /sourceMappingURL/, `${name} refers to no source map`);
      assert.doesNotMatch(text, /require\("soap"\)|open_wsdl/, `${name} does not carry node-soap`);
      const lines = text.split('\n').length;
      assert.ok(text.length / lines > 500, `${name} is minified (${lines} lines for ${text.length} characters)`);
    }
    const extension = entry('extension/dist/extension.js').data().toString('utf8');
    assert.match(extension, /require\("vscode"\)/, 'vscode is required at run time, not bundled');
    assert.match(extension, /"service\.js"/, 'the extension loads service.js beside it on the first request');
  });

  it('has a Marketplace-ready manifest', () => {
    assert.equal(manifest.name, 'msads-client-links');
    assert.equal(manifest.version, rootManifest.version);
    assert.equal(manifest.publisher, 'msads-client-links');
    assert.equal(manifest.license, 'MIT');
    const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    assert.match(repository ?? '', /^https:\/\//, 'repository');
    assert.match(manifest.bugs?.url ?? '', /^https:\/\//, 'bugs');
    assert.match(manifest.homepage ?? '', /^https:\/\//, 'homepage');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/, 'galleryBanner.color');
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''), 'galleryBanner.theme');
    assert.ok((manifest.categories ?? []).length > 0, 'categories');
    assert.ok((manifest.keywords ?? []).length >= 3 && (manifest.keywords ?? []).length <= 30, 'keywords (vsce allows 30)');
    assert.equal(manifest.bin, undefined, 'no bin: the CLI is its own package (npm run package:cli)');
    // @vscode/l10n (the core's localisation) is a dependency of the code, bundled by esbuild: nothing is installed with the VSIX.
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), ['@vscode/l10n'], 'the only runtime dependency is bundled');
    for (const name of ['extension/dist/extension.js', 'extension/dist/service.js']) {
      assert.doesNotMatch(entry(name).data().toString('utf8'), /require\("@vscode\/l10n"\)/, `${name} carries @vscode/l10n`);
    }
    assert.ok(!entries.some((e) => e.name.startsWith('extension/node_modules/')), 'no node_modules in the VSIX');
    assert.equal(manifest.main, './dist/extension.js');
    entry(`extension/${manifest.main.replace(/^\.\//, '')}`);
  });

  it('has a 128x128 PNG icon, made from media/client-links.svg by npm run icon', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    assert.deepEqual(pngSize(entry('extension/media/icon.png').data()), { width: 128, height: 128 });
    const vsixManifest = entry('extension.vsixmanifest').data().toString('utf8');
    assert.match(vsixManifest, /<Icon>extension\/media\/icon\.png<\/Icon>/);
    // The committed PNG is what the script renders from the SVG now.
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'icon.mjs'), '--check'], { cwd: repoRoot, stdio: 'pipe' });
  });

  it('carries every icon the manifest names', () => {
    const icons = [
      ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
      ...Object.values(manifest.contributes.views).flatMap((views) => views.map((v) => v.icon)),
    ].filter((i): i is string => typeof i === 'string' && !i.startsWith('$('));
    assert.ok(icons.length > 0);
    for (const icon of icons) {
      entry(`extension/${icon}`);
    }
  });

  it('carries the MIT licence of the repository', () => {
    assert.equal(entry('extension/LICENSE.txt').data().toString('utf8'), fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'));
    assert.match(fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'), /^MIT License/);
  });

  it('has a README whose images and links point at files of the repository over https (VS Code shows README images only from https)', () => {
    const readme = entry('extension/readme.md').data().toString('utf8');
    const repository = (typeof manifest.repository === 'string' ? manifest.repository : (manifest.repository?.url ?? '')).replace(/\.git$/, '');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g), ...readme.matchAll(/<img[^>]+src=["']([^"']+)["']/g)].map((m) => m[1] as string);
    assert.ok(images.length > 0, 'the README shows screenshots');
    for (const image of images) {
      assert.ok(image.startsWith(`${repository}/raw/HEAD/`), `${image} is served from the repository (${repository}/raw/HEAD/...)`);
      const file = path.join(repoRoot, image.slice(`${repository}/raw/HEAD/`.length));
      assert.ok(fs.existsSync(file), `${image}: ${file} is in the repository`);
      assert.ok(pngSize(fs.readFileSync(file)).width > 0, `${file} is a PNG`);
      assert.equal(byName.has(`extension/${path.relative(repoRoot, file)}`), false, `${file} is not shipped: VS Code would never show the copy in the package`);
    }
    const links = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s#]+)[^)]*\)/g)].map((m) => m[1] as string).filter((l) => l.startsWith(`${repository}/blob/HEAD/`));
    for (const link of links) {
      const file = path.join(repoRoot, link.slice(`${repository}/blob/HEAD/`.length));
      assert.ok(fs.existsSync(file), `README link ${link}: ${file} is in the repository`);
    }
  });
});

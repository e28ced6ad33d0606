// Issue 15: memory of exporting 100,000 links (CSV and JSON), written in chunks (exportFileChunks,
// as the extension's Export writes a file: URI) against the all-at-once bytes it wrote before
// (the whole text, then one Uint8Array, then one write). Each case runs in its own Node process:
// build 100,000 links like the simulator's scale seed, collect garbage, note RSS and heap, export
// to a temporary file, and report the process's peak RSS (resourceUsage().maxRSS) above that
// baseline and the largest heap seen (sampled after every chunk, or once the bytes are built).
// `node bench/exportMemory.mjs [links]`; src/core is bundled in memory with esbuild.
/* global gc, performance */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const [, , mode, format, count = '100000', moduleFile] = process.argv;

function links(n) {
  const statuses = ['Active', 'Active', 'Active', 'Active', 'LinkPending', 'LinkPending', 'Inactive', 'LinkExpired', 'LinkDeclined', 'UnlinkRequested'];
  return Array.from({ length: n }, (_, i) => ({
    Type: 'AccountLink',
    ClientEntityId: String(190000001 + i),
    ClientEntityNumber: `S${String(i + 1).padStart(7, '0')}`,
    ClientEntityName: `Café Fabrikam ${Math.floor(i / 5) + 1} - Search`,
    ManagingCustomerId: '251000123',
    ManagingCustomerNumber: 'C1234567AB',
    ManagingCustomerName: 'Contoso Agency',
    Name: `Link "${i + 1}"`,
    Note: i % 3 === 0 ? `Renewal, line one\nline two ${i}` : undefined,
    IsBillToClient: i % 2 === 0,
    StartDate: '2026-01-15T00:00:00',
    Status: statuses[i % statuses.length],
    SuppressNotification: false,
    LastModifiedDateTime: '2026-11-30T10:15:30.123',
    LastModifiedByUserId: '1000001',
    InviterEmail: 'inviter@contoso.example',
    InviterName: 'Alex Inviter',
    InviterPhone: '+14255550100',
  }));
}

if (mode === 'chunks' || mode === 'whole') {
  const { exportFileBytes, exportFileChunks } = await import(pathToFileURL(moduleFile).href);
  const data = links(Number(count));
  gc();
  const base = process.memoryUsage();
  let heapPeak = base.heapUsed;
  const file = join(mkdtempSync(join(tmpdir(), 'msads-export-')), `links.${format}`);
  const started = performance.now();
  if (mode === 'chunks') {
    const stream = createWriteStream(file, { encoding: 'utf8' });
    for (const chunk of exportFileChunks(data, format, '251000123')) {
      if (!stream.write(chunk)) {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        await once(stream, 'drain');
      }
    }
    stream.end();
    await once(stream, 'finish');
  } else {
    const bytes = exportFileBytes(data, format, '251000123');
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    writeFileSync(file, bytes);
  }
  const ms = performance.now() - started;
  const size = statSync(file).size;
  rmSync(join(file, '..'), { recursive: true, force: true });
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ mode, format, links: data.length, fileMb: size / 1e6, ms, baseRssMb: base.rss / 1e6, peakRssMb: peakRss / 1e6, rssAboveBaseMb: (peakRss - base.rss) / 1e6, heapAboveBaseMb: (heapPeak - base.heapUsed) / 1e6 }));
} else {
  const out = join(mkdtempSync(join(tmpdir(), 'msads-export-bundle-')), 'exportLinks.mjs');
  buildSync({ entryPoints: [join(root, 'src/core/workflow/exportLinks.ts')], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'error' });
  const n = process.argv[2] && !Number.isNaN(Number(process.argv[2])) ? process.argv[2] : '100000';
  const rows = [];
  for (const format of ['csv', 'json']) {
    for (const m of ['whole', 'chunks']) {
      const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), m, format, n, out], { encoding: 'utf8' });
      if (r.status !== 0) {
        throw new Error(r.stderr);
      }
      rows.push(JSON.parse(r.stdout));
    }
  }
  rmSync(join(out, '..'), { recursive: true, force: true });
  console.log(`Export of ${n} links, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('format | written | file MB | time ms | peak RSS MB | RSS above baseline MB | heap above baseline MB');
  for (const r of rows) {
    console.log(`${r.format} | ${r.mode === 'chunks' ? 'in chunks' : 'all at once'} | ${r.fileMb.toFixed(1)} | ${Math.round(r.ms)} | ${Math.round(r.peakRssMb)} | ${Math.round(r.rssAboveBaseMb)} | ${Math.round(r.heapAboveBaseMb)}`);
  }
}

// Reading what `npm run package` and `npm run package:cli` wrote, without unpacking tools: the VSIX
// (a zip: central directory, stored or deflated entries) and the npm tarball (gzip over ustar).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { repoRoot } from '../harness/paths';

export interface ArchiveEntry {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  data(): Buffer;
}

interface RootManifest {
  name: string;
  version: string;
}

export const rootManifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as RootManifest;
export const vsixFile = path.join(repoRoot, `${rootManifest.name}-${rootManifest.version}.vsix`);
export const cliTarball = path.join(repoRoot, `msads-links-${rootManifest.version}.tgz`);

export function requireFile(file: string, how: string): void {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: ${how} makes it (npm run test:packages runs it first)`);
  }
}

/** The entries of a zip file, from its central directory. */
export function readZip(file: string): ArchiveEntry[] {
  const zip = fs.readFileSync(file);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new Error(`${file} is not a zip file (no end of central directory)`);
  }
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ArchiveEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) {
      throw new Error(`${file}: bad central directory entry at ${at}`);
    }
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      size,
      data() {
        const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
        const raw = zip.subarray(start, start + compressedSize);
        if (method === 0) {
          return Buffer.from(raw);
        }
        if (method === 8) {
          return zlib.inflateRawSync(raw);
        }
        throw new Error(`${file}: ${name} uses compression method ${method}`);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The regular files of a .tgz (ustar), e.g. `package/package.json`, with their mode. */
export function readTarball(file: string): (ArchiveEntry & { mode: number })[] {
  const tar = zlib.gunzipSync(fs.readFileSync(file));
  const entries: (ArchiveEntry & { mode: number })[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) {
      break;
    }
    const field = (offset: number, length: number): string => header.toString('utf8', offset, offset + length).replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const mode = parseInt(field(100, 8).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const start = at + 512;
    if (type === '0') {
      entries.push({ name, size, mode, data: () => Buffer.from(tar.subarray(start, start + size)) });
    }
    at = start + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

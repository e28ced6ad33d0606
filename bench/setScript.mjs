// Sets (only) package.json scripts.bench, keeping the rest of the file as it is.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const file = join(root, 'package.json');
const text = readFileSync(file, 'utf8');
const pkg = JSON.parse(text);
const value = 'node scripts/build.mjs --quiet && node bench/run.mjs';
if (pkg.scripts.bench !== value) {
  pkg.scripts.bench = value;
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

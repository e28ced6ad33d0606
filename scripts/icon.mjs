// `npm run icon`: renders the Marketplace icon media/icon.png (128x128) from the activity-bar glyph
// media/client-links.svg with resvg (@resvg/resvg-js, a dev dependency): the glyph, white, on a
// rounded Microsoft-blue square. The PNG is committed (vsce packages it; the Marketplace and the
// Extensions view show it); run this again after changing the SVG.
//   node scripts/icon.mjs           write media/icon.png
//   node scripts/icon.mjs --check   exit 1 if media/icon.png is not what the SVG renders to now
import { Resvg } from '@resvg/resvg-js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(root, 'media', 'client-links.svg');
const TARGET = join(root, 'media', 'icon.png');
const SIZE = 128;
const BACKGROUND = '#0078D4';
const FOREGROUND = '#FFFFFF';
const MARGIN = 16;

/** The icon's SVG: the glyph's own <svg> (currentColor made white) nested in a 128x128 tile. */
function iconSvg(glyph = readFileSync(SOURCE, 'utf8')) {
  const open = /^\s*<svg\b[^>]*>/.exec(glyph);
  if (!open) {
    throw new Error(`${SOURCE}: no <svg> root element`);
  }
  const inner = SIZE - 2 * MARGIN;
  const rootTag = open[0].replace(/\s(?:x|y|width|height)="[^"]*"/g, '').replace(/^(\s*<svg)/, `$1 x="${MARGIN}" y="${MARGIN}" width="${inner}" height="${inner}"`);
  const nested = (rootTag + glyph.slice(open[0].length)).replace(/currentColor/g, FOREGROUND);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}"><rect width="${SIZE}" height="${SIZE}" rx="22" fill="${BACKGROUND}"/>${nested}</svg>`;
}

function renderIcon() {
  const resvg = new Resvg(iconSvg(), { fitTo: { mode: 'width', value: SIZE }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

const png = renderIcon();
if (process.argv.includes('--check')) {
  const current = existsSync(TARGET) ? readFileSync(TARGET) : undefined;
  if (!current || !current.equals(png)) {
    console.error(`${TARGET} is not what ${SOURCE} renders to: run npm run icon`);
    process.exit(1);
  }
  console.log(`${TARGET} is current`);
} else {
  writeFileSync(TARGET, png);
  console.log(`wrote ${TARGET} (${SIZE}x${SIZE}, ${png.length} bytes) from ${SOURCE}`);
}

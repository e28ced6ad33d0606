/**
 * Issue 15: an export is written in chunks (exportFileChunks) so 100,000 links never become one
 * string; the file must stay byte for byte what the all-at-once export wrote. The previous
 * functions are kept here, verbatim, as the reference.
 */
import * as assert from 'node:assert/strict';
import { type ClientLink, DISPLAY_FIELDS } from '../../../src/core/model/clientLink';
import { csvCell, csvLine, UTF8_BOM } from '../../../src/core/workflow/csvWriting';
import { countInvitations, exportFileBytes, exportFileChunks, type ExportFormat } from '../../../src/core/workflow/exportLinks';
import { INVITE_CSV_HEADER, inviteCsvValues } from '../../../src/core/workflow/inviteCsv';

const AGENCY = '251000123';
const NOW = new Date('2026-12-02T10:00:00Z');

// The export as it was before chunking (issue 12), the reference for byte identity.
function previousExportLinks(links: readonly ClientLink[], format: 'csv' | 'json'): string {
  if (format === 'json') {
    return `${JSON.stringify(
      links.map((l) => Object.fromEntries(DISPLAY_FIELDS.map((f) => [f, l[f] ?? null]))),
      null,
      2,
    )}\n`;
  }
  const lines = [DISPLAY_FIELDS.join(',')];
  for (const l of links) {
    lines.push(DISPLAY_FIELDS.map((f) => csvCell(l[f])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
function previousExportInvitations(links: readonly ClientLink[], agencyCustomerId: string | undefined, now: Date): string {
  const lines: string[] = [csvLine(INVITE_CSV_HEADER)];
  for (const l of links) {
    if (!agencyCustomerId || l.ManagingCustomerId !== agencyCustomerId) {
      continue;
    }
    lines.push(csvLine(inviteCsvValues(l, { startDateFrom: now })));
  }
  return `${lines.join('\r\n')}\r\n`;
}
function previousExportFileBytes(links: readonly ClientLink[], format: ExportFormat, agencyCustomerId: string | undefined, now: Date): Uint8Array {
  const text = format === 'invitations' ? previousExportInvitations(links, agencyCustomerId, now) : previousExportLinks(links, format);
  return new TextEncoder().encode(format === 'json' ? text : `${UTF8_BOM}${text}`);
}

const NAMES = ['Café Olé', 'Contoso, "main"', 'Line one\nline two', 'CR\r\nLF', `${UTF8_BOM}BOM first`, 'עברית', 'العربية', '😀 emoji', '=HYPERLINK("x")', '+14255550100', 'tab\tinside', 'back\\slash', ''];
const STATUSES = ['Active', 'LinkPending', 'LinkExpired', 'UnlinkRequested', 'LinkDeclined'] as const;

/** A few thousand links covering accents, quotes, newlines, a BOM inside a value, absent fields and both sides. */
function manyLinks(count: number): ClientLink[] {
  const links: ClientLink[] = [];
  for (let i = 0; i < count; i++) {
    const name = NAMES[i % NAMES.length]!;
    const link: ClientLink = {
      Type: i % 7 === 0 ? 'CustomerLink' : 'AccountLink',
      ClientEntityId: String(180000000 + i),
      ManagingCustomerId: i % 5 === 0 ? '259999999' : AGENCY,
      Status: STATUSES[i % STATUSES.length],
      IsBillToClient: i % 3 === 0,
      SuppressNotification: i % 2 === 0,
    };
    if (i % 4 !== 0) {
      link.Name = `${name} ${i}`;
      link.ClientEntityName = name;
    }
    if (i % 6 === 0) {
      link.Note = `${name}\n"quoted" ${i}`;
      link.StartDate = i % 12 === 0 ? '2027-01-15T00:00:00' : '2025-01-01T09:30:00.517';
      link.ClientEntityNumber = `F${i}`;
    }
    links.push(link);
  }
  return links;
}

describe('export written in chunks (issue 15)', () => {
  const links = manyLinks(3_456);

  for (const format of ['csv', 'json', 'invitations'] as const) {
    it(`${format}: the chunks joined are byte for byte the all-at-once export (3,456 links)`, () => {
      const chunks = [...exportFileChunks(links, format, AGENCY, NOW)];
      const expected = previousExportFileBytes(links, format, AGENCY, NOW);
      assert.ok(chunks.length > 3, 'written in several chunks, not one string');
      assert.ok(Buffer.from(new TextEncoder().encode(chunks.join(''))).equals(Buffer.from(expected)));
      assert.ok(Buffer.from(exportFileBytes(links, format, AGENCY, NOW)).equals(Buffer.from(expected)));
    });
  }

  it('no chunk holds more than about a thousand rows', () => {
    const plain: ClientLink[] = Array.from({ length: 10_000 }, (_, i) => ({ ClientEntityId: String(i), Name: `Client ${i}`, Status: 'Active' }));
    const largest = Math.max(...[...exportFileChunks(plain, 'csv')].map((c) => c.split('\r\n').length - 1));
    assert.ok(largest <= 1000, `largest chunk has ${largest} rows`);
  });

  for (const format of ['csv', 'json', 'invitations'] as const) {
    it(`${format}: empty and one-link exports are unchanged too`, () => {
      for (const some of [[], links.slice(0, 1), links.slice(0, 1000), links.slice(0, 1001)]) {
        const joined = [...exportFileChunks(some, format, AGENCY, NOW)].join('');
        assert.ok(Buffer.from(new TextEncoder().encode(joined)).equals(Buffer.from(previousExportFileBytes(some, format, AGENCY, NOW))), `${some.length} links`);
      }
    });
  }

  it('invitations without an agency customer: header only, every link counted as left out', () => {
    assert.deepEqual(countInvitations(links, undefined), { rows: 0, skipped: links.length });
    assert.ok(Buffer.from(exportFileBytes(links, 'invitations', undefined, NOW)).equals(Buffer.from(previousExportFileBytes(links, 'invitations', undefined, NOW))));
  });
});

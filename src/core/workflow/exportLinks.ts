/**
 * Exports links as CSV or JSON with the v13 field names (every field), or as an invitations CSV
 * in the columns Invite Clients from CSV reads (inviteCsv.ts), so an export can be edited and sent
 * again. Never includes Timestamp (opaque) or tokens (links hold none).
 */
import { type ClientLink, DISPLAY_FIELDS } from '../model/clientLink';
import { csvLine, UTF8_BOM } from './csvWriting';
import { INVITE_CSV_HEADER, inviteCsvValues } from './inviteCsv';

/** `csv` and `json`: every field; `invitations`: the invitation CSV's columns. */
export type ExportFormat = 'csv' | 'json' | 'invitations';
export const EXPORT_FIELDS = DISPLAY_FIELDS;

/** Rows per chunk of an export file: small enough to bound memory, large enough to keep writes few. */
const ROWS_PER_CHUNK = 1000;

/**
 * The text of `rowText` for each link (undefined: no row), joined ROWS_PER_CHUNK links at a time,
 * so a large export is built and written a batch of rows after another.
 */
function* inChunks(links: readonly ClientLink[], rowText: (link: ClientLink, index: number) => string | undefined): Generator<string> {
  for (let start = 0; start < links.length; start += ROWS_PER_CHUNK) {
    const rows: string[] = [];
    for (let i = start; i < Math.min(start + ROWS_PER_CHUNK, links.length); i++) {
      const row = rowText(links[i]!, i);
      if (row !== undefined) {
        rows.push(row);
      }
    }
    if (rows.length) {
      yield rows.join('');
    }
  }
}

/** One link as an export object: every field, in order, `null` where absent. */
function exportObject(l: ClientLink): Record<string, unknown> {
  return Object.fromEntries(EXPORT_FIELDS.map((f) => [f, l[f] ?? null]));
}

/**
 * The text of an export in chunks of a few hundred kilobytes (no BOM): the same text as one
 * `JSON.stringify(objects, null, 2)` (plus a newline) or one CSV, built one batch of rows at a
 * time so 100,000 links never sit in memory as one string.
 */
function* linkChunks(links: readonly ClientLink[], format: 'csv' | 'json'): Generator<string> {
  if (format === 'json') {
    if (links.length === 0) {
      yield '[]\n';
      return;
    }
    // Nested one level in the array: every line of the object indented by two more spaces
    // (string values hold no raw newline: JSON escapes them).
    yield* inChunks(links, (l, i) => `${i === 0 ? '[\n' : ',\n'}  ${JSON.stringify(exportObject(l), null, 2).replace(/\n/g, '\n  ')}`);
    yield '\n]\n';
    return;
  }
  yield `${EXPORT_FIELDS.join(',')}\r\n`;
  yield* inChunks(links, (l) => `${csvLine(EXPORT_FIELDS.map((f) => l[f]))}\r\n`);
}

export function exportLinks(links: readonly ClientLink[], format: 'csv' | 'json'): string {
  return [...linkChunks(links, format)].join('');
}

/** The links `exportInvitations` writes a row for: the ones the agency sent (see there). */
function invitationRowOf(l: ClientLink, agencyCustomerId: string | undefined): boolean {
  return agencyCustomerId !== undefined && agencyCustomerId !== '' && l.ManagingCustomerId === agencyCustomerId;
}

/** How many invitation rows an export of `links` has, and how many links it leaves out. */
export function countInvitations(links: readonly ClientLink[], agencyCustomerId: string | undefined): { rows: number; skipped: number } {
  let rows = 0;
  for (const l of links) {
    if (invitationRowOf(l, agencyCustomerId)) {
      rows++;
    }
  }
  return { rows, skipped: links.length - rows };
}

function* invitationChunks(links: readonly ClientLink[], agencyCustomerId: string | undefined, now: Date): Generator<string> {
  yield `${csvLine(INVITE_CSV_HEADER)}\r\n`;
  yield* inChunks(links, (l) => (invitationRowOf(l, agencyCustomerId) ? `${csvLine(inviteCsvValues(l, { startDateFrom: now }))}\r\n` : undefined));
}

/**
 * One invitation row per link the agency sent (`ManagingCustomerId` = `agencyCustomerId`; links
 * where it is the client cannot be sent again by it), with what an invitation needs: the client
 * (account id, plus the owning customer's number; for a customer link its id and number), type,
 * name, note, who pays, and the start date only when it is still ahead (a past one is refused).
 */
export function exportInvitations(links: readonly ClientLink[], agencyCustomerId: string | undefined, now: Date = new Date()): { text: string; rows: number; skipped: number } {
  return { text: [...invitationChunks(links, agencyCustomerId, now)].join(''), ...countInvitations(links, agencyCustomerId) };
}

/**
 * An export file's text in chunks, to be written one after another (UTF-8): a BOM first for CSV
 * (spreadsheets need it; JSON must not have one). The invitations format needs the agency's
 * customer id (see exportInvitations). Joined, the chunks are exactly `exportFileBytes`' text.
 */
export function* exportFileChunks(links: readonly ClientLink[], format: ExportFormat, agencyCustomerId?: string, now: Date = new Date()): Generator<string> {
  if (format !== 'json') {
    yield UTF8_BOM;
  }
  yield* format === 'invitations' ? invitationChunks(links, agencyCustomerId, now) : linkChunks(links, format);
}

/** The bytes of an export file at once (small exports, tests); large ones are written from `exportFileChunks`. */
export function exportFileBytes(links: readonly ClientLink[], format: ExportFormat, agencyCustomerId?: string, now?: Date): Uint8Array {
  return new TextEncoder().encode([...exportFileChunks(links, format, agencyCustomerId, now)].join(''));
}

/**
 * The save dialog's default name, the date local: client-links-<customer>-<yyyy-mm-dd>.<csv|json>,
 * or client-invitations-<customer>-<yyyy-mm-dd>.csv for the invitations format.
 */
export function defaultExportFileName(customerId: string | undefined, date: Date, format: ExportFormat): string {
  const day = localDayStamp(date);
  const customer = (customerId ?? '').replace(/[^A-Za-z0-9_-]/g, '');
  return `client-${format === 'invitations' ? 'invitations' : 'links'}-${customer ? `${customer}-` : ''}${day}.${format === 'json' ? 'json' : 'csv'}`;
}

/** yyyy-mm-dd of `date` in local time, for file names a user recognises. */
export function localDayStamp(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

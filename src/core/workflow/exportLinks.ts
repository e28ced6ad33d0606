/**
 * Exports links as CSV or JSON with the v13 field names (every field), or as an invitations CSV
 * in the columns Invite Clients from CSV reads (inviteCsv.ts), so an export can be edited and sent
 * again. Never includes Timestamp (opaque) or tokens (links hold none).
 */
import { type ClientLink, DISPLAY_FIELDS } from '../model/clientLink';
import { csvCell, csvLine, UTF8_BOM } from './csvWriting';
import { INVITE_CSV_HEADER, inviteCsvValues } from './inviteCsv';


/** `csv` and `json`: every field; `invitations`: the invitation CSV's columns. */
export type ExportFormat = 'csv' | 'json' | 'invitations';
export const EXPORT_FIELDS = DISPLAY_FIELDS;

export function exportLinks(links: readonly ClientLink[], format: 'csv' | 'json'): string {
  if (format === 'json') {
    return `${JSON.stringify(
      links.map((l) => Object.fromEntries(EXPORT_FIELDS.map((f) => [f, l[f] ?? null]))),
      null,
      2,
    )}\n`;
  }
  const lines = [EXPORT_FIELDS.join(',')];
  for (const l of links) {
    lines.push(EXPORT_FIELDS.map((f) => csvCell(l[f])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One invitation row per link the agency sent (`ManagingCustomerId` = `agencyCustomerId`; links
 * where it is the client cannot be sent again by it), with what an invitation needs: the client
 * (account id, plus the owning customer's number; for a customer link its id and number), type,
 * name, note, who pays, and the start date only when it is still ahead (a past one is refused).
 */
export function exportInvitations(links: readonly ClientLink[], agencyCustomerId: string | undefined, now: Date = new Date()): { text: string; rows: number; skipped: number } {
  const lines: string[] = [csvLine(INVITE_CSV_HEADER)];
  let skipped = 0;
  for (const l of links) {
    if (!agencyCustomerId || l.ManagingCustomerId !== agencyCustomerId) {
      skipped++;
      continue;
    }
    lines.push(csvLine(inviteCsvValues(l, { startDateFrom: now })));
  }
  return { text: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1, skipped };
}

/**
 * The bytes of an export file: UTF-8, with a BOM for CSV (spreadsheets need it; JSON must not have
 * one). The invitations format needs the agency's customer id (see exportInvitations).
 */
export function exportFileBytes(links: readonly ClientLink[], format: ExportFormat, agencyCustomerId?: string, now?: Date): Uint8Array {
  const text = format === 'invitations' ? exportInvitations(links, agencyCustomerId, now).text : exportLinks(links, format);
  return new TextEncoder().encode(format === 'json' ? text : `${UTF8_BOM}${text}`);
}

/**
 * The save dialog's default name, the date local: client-links-<customer>-<yyyy-mm-dd>.<csv|json>,
 * or client-invitations-<customer>-<yyyy-mm-dd>.csv for the invitations format.
 */
export function defaultExportFileName(customerId: string | undefined, date: Date, format: ExportFormat): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const customer = (customerId ?? '').replace(/[^A-Za-z0-9_-]/g, '');
  return `client-${format === 'invitations' ? 'invitations' : 'links'}-${customer ? `${customer}-` : ''}${day}.${format === 'json' ? 'json' : 'csv'}`;
}

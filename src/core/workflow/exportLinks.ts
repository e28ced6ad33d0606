/** Exports links as CSV or JSON with the v13 field names. Never includes Timestamp (opaque) or tokens (links hold none). */
import { type ClientLink, DISPLAY_FIELDS, type DisplayField } from '../model/clientLink';

export type ExportFormat = 'csv' | 'json';
export const EXPORT_FIELDS = DISPLAY_FIELDS;

/** One CSV cell: quoted when needed, a spreadsheet formula neutralised. */
export function csvCell(value: ClientLink[DisplayField]): string {
  if (value === undefined || value === null) {
    return '';
  }
  let text = String(value);
  // Spreadsheet formula injection: a cell starting with = + - @ (or a tab or CR) is prefixed with '
  // so it is shown as text. A phone number, + and digits only (+14255550100), is left alone: it
  // cannot call a function or reference a cell, so nothing is lost. Everything else that starts with
  // those characters stays protected: =HYPERLINK(…), +1+cmd|…, -2+3, @SUM(…), "+1 425 …" (a space).
  if (/^[=+\-@\t\r]/.test(text) && !/^\+\d+$/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportLinks(links: readonly ClientLink[], format: ExportFormat): string {
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

/** UTF-8 byte order mark: without it Excel reads a CSV in the system's code page (garbling é, Hebrew, Arabic, emoji). */
export const UTF8_BOM = '\uFEFF';

/** The bytes of an export file: UTF-8, with a BOM for CSV (spreadsheets need it; JSON must not have one). */
export function exportFileBytes(links: readonly ClientLink[], format: ExportFormat): Uint8Array {
  const text = exportLinks(links, format);
  return new TextEncoder().encode(format === 'csv' ? `${UTF8_BOM}${text}` : text);
}

/** The save dialog's default name: client-links-<customer>-<yyyy-mm-dd>.<csv|json>, the date local. */
export function defaultExportFileName(customerId: string | undefined, date: Date, format: ExportFormat): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const customer = (customerId ?? '').replace(/[^A-Za-z0-9_-]/g, '');
  return `client-links-${customer ? `${customer}-` : ''}${day}.${format}`;
}

/** Exports links as CSV or JSON with the v13 field names. Never includes Timestamp (opaque) or tokens (links hold none). */
import { type ClientLink, DISPLAY_FIELDS, type DisplayField } from '../model/clientLink';

export type ExportFormat = 'csv' | 'json';
export const EXPORT_FIELDS = DISPLAY_FIELDS;

function csvCell(value: ClientLink[DisplayField]): string {
  if (value === undefined || value === null) {
    return '';
  }
  let text = String(value);
  // Spreadsheet formula injection: a cell starting with = + - @ is prefixed so it is shown as text.
  if (/^[=+\-@\t\r]/.test(text)) {
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

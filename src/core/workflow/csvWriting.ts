/** Writing CSV the way spreadsheets read it: one cell, one line, the UTF-8 byte order mark. */

/** UTF-8 byte order mark: without it Excel reads a CSV in the system's code page (garbling é, Hebrew, Arabic, emoji). */
export const UTF8_BOM = '\uFEFF';

/** One CSV cell: quoted when needed, a spreadsheet formula neutralised. */
export function csvCell(value: string | number | boolean | null | undefined): string {
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

/** A CSV line from values (quoted where needed, spreadsheet formulas neutralised). */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map((v) => csvCell(v)).join(',');
}

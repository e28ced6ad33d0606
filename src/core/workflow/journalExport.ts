/**
 * The link journal as rows a user takes elsewhere: a CSV a spreadsheet reads (UTF-8 with the byte
 * order mark, formulas neutralised) or a JSON array of the journal's own entries (the shape
 * `msads-links history --json` prints).
 */
import { csvLine, UTF8_BOM } from './csvWriting';
import type { JournalEntry } from './linkJournal';

/** The CSV columns, in order. Statuses are the v13 names, times as recorded (UTC). */
export const JOURNAL_CSV_COLUMNS = [
  'seen_at',
  'client_id',
  'client_name',
  'type',
  'agency_customer_id',
  'from_status',
  'to_status',
  'last_modified',
  'last_modified_by_user_id',
  'own_action',
  'follows_own_action',
  'source',
] as const;

/** One entry as CSV cells, in JOURNAL_CSV_COLUMNS order. */
export function journalCsvRow(e: JournalEntry): (string | boolean | undefined)[] {
  return [e.seenAt, e.ClientEntityId, e.ClientEntityName, e.Type, e.ManagingCustomerId, e.from ?? '', e.to ?? '', e.LastModifiedDateTime, e.LastModifiedByUserId, e.ownAction, e.followsOwnAction === true, e.source];
}

/** The whole CSV file: the byte order mark, the header, one line per entry. */
export function journalCsv(entries: readonly JournalEntry[]): string {
  return `${UTF8_BOM}${[csvLine(JOURNAL_CSV_COLUMNS), ...entries.map((e) => csvLine(journalCsvRow(e)))].join('\r\n')}\r\n`;
}

/** The JSON file: the entries as recorded, in the order given. */
export function journalJson(entries: readonly JournalEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** CSV or JSON by the file name's extension (.json; anything else is CSV). */
export function journalExportText(entries: readonly JournalEntry[], fileName: string): string {
  return fileName.toLowerCase().endsWith('.json') ? journalJson(entries) : journalCsv(entries);
}

/**
 * Reading invitations from a CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
 * Every problem is reported with its row and column and nothing is sent while any remains.
 */
import * as l10n from '@vscode/l10n';
import type { ValidationProblem } from '../errors';
import { type ClientLink, linkTypeOf } from '../model/clientLink';
import { type DateOrder, type InviteFields, type ValidInvite, impliedDateOrder, inviteIdentity, validateInvite } from './inviteInput';

export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 5000;

/** Accepted column names (normalised: lower case, no spaces, dashes or underscores) → field. */
const COLUMNS: Readonly<Record<string, keyof InviteFields>> = {
  accountid: 'accountId',
  clientaccountid: 'accountId',
  cliententityid: 'accountId',
  customerid: 'accountId',
  accountnumber: 'accountNumber',
  clientaccountnumber: 'accountNumber',
  cliententitynumber: 'accountNumber',
  clientcustomernumber: 'clientCustomerNumber',
  cliententitycustomernumber: 'clientCustomerNumber',
  owningcustomernumber: 'clientCustomerNumber',
  type: 'type',
  linktype: 'type',
  name: 'name',
  linkname: 'name',
  note: 'note',
  billtoclient: 'billToClient',
  isbilltoclient: 'billToClient',
  startdate: 'startDate',
  suppressnotification: 'suppressNotification',
};

/** Columns read and then left alone: the reason a failure report gives, so a fixed report can be imported as it is. */
const IGNORED_COLUMNS: ReadonlySet<string> = new Set(['reason', 'failurereason']);

function csvColumnHelp(): string {
  return l10n.t('account_id or account_number (required), client_customer_number, type, name, note, bill_to_client, start_date, suppress_notification (a reason column is ignored)');
}

/** How to state the order of dates like 03/04/2026 in the file itself: in the start date column's header. */
function dateOrderHint(): string {
  return l10n.t('name the column start_date (DD/MM/YYYY) or start_date (MM/DD/YYYY) to say which order the file uses');
}

/** The columns of an invitations CSV as this product writes them (failure reports): what parseInviteCsv reads back. */
export const INVITE_CSV_HEADER = ['account_id', 'account_number', 'client_customer_number', 'type', 'name', 'note', 'bill_to_client', 'start_date', 'suppress_notification'] as const;

/**
 * One link as an invitation in the columns of INVITE_CSV_HEADER, so it can be fixed and imported
 * again (the failure report) or sent again (the invitations export): an account link with its id,
 * or its number when the id is unknown, plus the owning customer's number; a customer link with its
 * id and number; who pays only for account links. `startDateFrom`: leave out a start date before
 * that day (UTC), which the import would refuse as past.
 */
export function inviteCsvValues(link: ClientLink, options: { startDateFrom?: Date } = {}): string[] {
  const yesNo = (v: boolean | null | undefined): string => (v === undefined || v === null ? '' : v ? 'yes' : 'no');
  const customerLink = linkTypeOf(link) === 'CustomerLink';
  let start = link.StartDate ? link.StartDate.replace(/T00:00:00(?:\.0+)?Z?$/, '') : '';
  const from = options.startDateFrom;
  if (start && from && Date.parse(`${link.StartDate!.slice(0, 10)}T00:00:00Z`) < Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())) {
    start = '';
  }
  return [
    link.ClientEntityId ?? '',
    // An account link is sent with the id or the number, not both; a customer link needs both.
    customerLink || !link.ClientEntityId ? (link.ClientEntityNumber ?? '') : '',
    customerLink ? '' : (link.ClientEntityCustomerNumber ?? ''),
    linkTypeOf(link),
    link.Name ?? '',
    link.Note ?? '',
    customerLink ? '' : yesNo(link.IsBillToClient),
    start,
    yesNo(link.SuppressNotification),
  ];
}

/** The header of a start date column that states its date order: "start_date (DD/MM/YYYY)". */
function statedDateOrder(raw: string): { name: string; order?: DateOrder } {
  const m = /^(.*?)\s*\(\s*(dd|mm|d|m)\s*[/.-]\s*(mm|dd|m|d)\s*[/.-]\s*(?:yyyy|yy)\s*\)\s*$/i.exec(raw);
  if (!m || (m[2] as string).toLowerCase()[0] === (m[3] as string).toLowerCase()[0]) {
    return { name: raw };
  }
  return { name: m[1] as string, order: (m[2] as string).toLowerCase().startsWith('d') ? 'dayFirst' : 'monthFirst' };
}

export interface CsvReadOptions {
  /** The order of dates like 03/04/2026 when the file does not state it (a setting). */
  dateOrder?: DateOrder;
  /**
   * Keep a row that invites a client an earlier row invites (it gets `duplicateOf`) and a start
   * date before today, instead of refusing the file: the pre-flight checks (inviteChecks.ts)
   * report them on their rows, and the other rows can still be sent.
   */
  deferToChecks?: boolean;
  /** Read a `desired` column (linked, the default, or unlinked): a desired-state file (desiredState.ts). */
  desiredColumn?: boolean;
}

/** What a desired-state file says a client's link should be. */
export type DesiredState = 'linked' | 'unlinked';

export interface CsvInviteRow {
  /** 1-based line number of the row in the file (the header is row 1). */
  row: number;
  invite: ValidInvite;
  /** The earlier row for the same client (read with `deferToChecks` only). */
  duplicateOf?: number;
  /** The row's `desired` value (read with `desiredColumn` only). */
  desired?: DesiredState;
}

export type CsvInviteResult = { ok: true; rows: CsvInviteRow[] } | { ok: false; problems: ValidationProblem[] };

/** Decodes file bytes: UTF-8 (with or without BOM) or UTF-16 with BOM; refuses anything else. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string } | { problem: ValidationProblem } {
  if (bytes.length === 0) {
    return { problem: { message: l10n.t('The file is empty. Add a header row and one row per client.') } };
  }
  if (bytes.length > MAX_CSV_BYTES) {
    return { problem: { message: l10n.t('The file is {0} MB; invitations files are limited to 1 MB ({1} rows). Split it.', (bytes.length / 1024 / 1024).toFixed(1), MAX_CSV_ROWS) } };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  if (bytes.includes(0)) {
    return {
      problem: {
        message: l10n.t('The file contains NUL bytes: it looks like UTF-16 without a byte order mark, or not a text file. Save it as "CSV UTF-8" and try again.'),
      },
    };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { problem: { message: l10n.t('The file is not valid UTF-8 text. Save it as "CSV UTF-8" and try again.') } };
  }
}

/** Splits CSV text into records of fields, with the 1-based line each record starts on. */
export function parseCsvRecords(text: string): { records: { line: number; fields: string[] }[] } | { problem: ValidationProblem } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const delimiter = detectDelimiter(text);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') {
          line++;
        }
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') {
        i++;
      }
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (inQuotes) {
    return { problem: { row: recordLine, message: l10n.t('Row {0} has a quote that is never closed.', recordLine) } };
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return { records: records.filter((r) => r.fields.some((f) => f.trim() !== '')) };
}

function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/** Which InviteFields member a validation problem's field name is about. */
const PROBLEM_FIELDS: Readonly<Record<string, keyof InviteFields>> = {
  'account id': 'accountId',
  'customer id': 'accountId',
  'account number': 'accountNumber',
  'customer number': 'clientCustomerNumber',
  type: 'type',
  name: 'name',
  note: 'note',
  'bill to client': 'billToClient',
  'suppress notification': 'suppressNotification',
  'start date': 'startDate',
};

/** The 1-based column (and its header as written in the file) a problem points at, or that the column is missing. */
function columnOf(field: string | undefined, columns: readonly (keyof InviteFields | undefined)[], headers: readonly string[]): { column?: number; text: string } {
  const key = field ? PROBLEM_FIELDS[field] : undefined;
  const index = key ? columns.indexOf(key) : -1;
  if (index >= 0) {
    return { column: index + 1, text: l10n.t('column {0}, "{1}"', index + 1, (headers[index] ?? '').trim()) };
  }
  return { text: key ? l10n.t('the file has no {0} column', field?.replace(/ /g, '_') ?? '') : l10n.t('this row') };
}

/** The optional column of a desired-state file (normalised header). */
const DESIRED_COLUMN = 'desired';

/** A `desired` cell: linked (also when empty) or unlinked, in any case and with spaces around; undefined for anything else. */
function readDesired(value: string): DesiredState | undefined {
  const v = value.trim().toLowerCase();
  return v === '' || v === 'linked' ? 'linked' : v === 'unlinked' ? 'unlinked' : undefined;
}

/** Parses and validates a whole invitations CSV. */
export function parseInviteCsv(bytes: Uint8Array, now?: Date, options: CsvReadOptions = {}): CsvInviteResult {
  const decoded = decodeCsvBytes(bytes);
  if ('problem' in decoded) {
    return { ok: false, problems: [decoded.problem] };
  }
  const parsed = parseCsvRecords(decoded.text);
  if ('problem' in parsed) {
    return { ok: false, problems: [parsed.problem] };
  }
  const [header, ...rows] = parsed.records;
  if (!header) {
    return { ok: false, problems: [{ message: l10n.t('The file has no rows. The first row names the columns: {0}.', csvColumnHelp()) }] };
  }
  const problems: ValidationProblem[] = [];
  const columns: (keyof InviteFields | undefined)[] = [];
  const seenColumns = new Set<keyof InviteFields>();
  let statedOrder: DateOrder | undefined;
  let desiredIndex = -1;
  header.fields.forEach((raw, i) => {
    const stated = statedDateOrder(raw);
    const name = normaliseHeader(stated.name);
    const field = COLUMNS[name];
    if (field === 'startDate' && stated.order) {
      statedOrder = stated.order;
    }
    if (options.desiredColumn && name === DESIRED_COLUMN && desiredIndex < 0) {
      desiredIndex = i;
      columns.push(undefined);
      return;
    }
    if (!field && IGNORED_COLUMNS.has(name)) {
      columns.push(undefined);
      return;
    }
    if (!field) {
      problems.push({ row: header.line, field: raw, column: i + 1, message: l10n.t('Column {0} "{1}" is not a known column. Known columns: {2}.', i + 1, raw.trim(), csvColumnHelp()) });
    } else if (seenColumns.has(field)) {
      problems.push({ row: header.line, field: raw, column: i + 1, message: l10n.t('Column {0} "{1}" repeats another column.', i + 1, raw.trim()) });
    }
    if (field) {
      seenColumns.add(field);
    }
    columns.push(field ?? 'note');
  });
  if (!seenColumns.has('accountId') && !seenColumns.has('accountNumber')) {
    problems.push({ row: header.line, message: l10n.t('The header needs an account_id or account_number column. Known columns: {0}.', csvColumnHelp()) });
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  if (rows.length === 0) {
    return { ok: false, problems: [{ message: l10n.t('The file has a header but no invitations.') }] };
  }
  if (rows.length > MAX_CSV_ROWS) {
    return { ok: false, problems: [{ message: l10n.t('The file has {0} rows; at most {1} per file.', rows.length, MAX_CSV_ROWS) }] };
  }
  // Dates like 03/04/2026: the order stated in the header, else the setting, else the one the file's
  // other dates prove (15/12/2026 can only be day first) when they all agree; else each says how to fix it.
  const dateColumn = columns.indexOf('startDate');
  const implied = new Set(dateColumn < 0 ? [] : rows.map((r) => impliedDateOrder(r.fields[dateColumn] ?? '')).filter((o) => o !== undefined));
  const dateOrder = statedOrder ?? options.dateOrder ?? (implied.size === 1 ? [...implied][0] : undefined);
  const dates = { order: dateOrder, ambiguousHint: dateOrderHint(), allowPast: options.deferToChecks === true };
  const result: CsvInviteRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const record of rows) {
    if (record.fields.length > columns.length) {
      problems.push({ row: record.line, message: l10n.t('Row {0} has {1} values but the header names {2} columns.', record.line, record.fields.length, columns.length) });
      continue;
    }
    const fields: InviteFields = {};
    record.fields.forEach((value, i) => {
      const key = columns[i];
      if (key) {
        (fields as Record<string, string>)[key] = value;
      }
    });
    let desired: DesiredState | undefined;
    if (desiredIndex >= 0) {
      const value = readDesired(record.fields[desiredIndex] ?? '');
      if (value === undefined) {
        const raw = (record.fields[desiredIndex] ?? '').trim();
        problems.push({
          row: record.line,
          column: desiredIndex + 1,
          message: l10n.t('Row {0}, desired: must be linked or unlinked (or empty for linked), got "{1}" (column {2}, "{3}")', record.line, raw.length > 40 ? `${raw.slice(0, 37)}...` : raw, desiredIndex + 1, (header.fields[desiredIndex] ?? '').trim()),
        });
        continue;
      }
      desired = value;
      if (desired === 'unlinked') {
        // Only who the client is matters for a link that should end: nothing is sent with these fields.
        fields.startDate = undefined;
        if (fields.billToClient === undefined || fields.billToClient === '') {
          fields.billToClient = /^customer(link)?$/i.test((fields.type ?? '').trim()) ? undefined : 'no';
        }
      }
    } else if (options.desiredColumn) {
      desired = 'linked';
    }
    const validated = validateInvite(fields, now, dates);
    if ('problems' in validated) {
      for (const p of validated.problems) {
        const where = columnOf(p.field, columns, header.fields);
        problems.push({ row: record.line, field: p.field, column: where.column, message: l10n.t('Row {0}, {1}: {2} ({3})', record.line, p.field ?? '', p.message, where.text) });
      }
      continue;
    }
    const identity = inviteIdentity(validated.invite);
    const first = firstRowOf.get(identity);
    const row: CsvInviteRow = { row: record.line, invite: validated.invite };
    if (desired !== undefined) {
      row.desired = desired;
    }
    if (first !== undefined) {
      if (!options.deferToChecks) {
        problems.push({ row: record.line, message: l10n.t('Row {0} invites the same client as row {1}.', record.line, first) });
        continue;
      }
      row.duplicateOf = first;
    } else {
      firstRowOf.set(identity, record.line);
    }
    result.push(row);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows: result };
}

/**
 * The CSV row a link sent from a CSV file came from, so a failure names the row the user can find
 * in the file. `links[i]` was built from `rows[i]`; a link handed back by the service is matched on
 * its type and client (the first row with that client, as duplicates are sent once).
 */
export function csvRowOf(rows: readonly CsvInviteRow[], links: readonly ClientLink[]): (link: ClientLink) => number | undefined {
  const byObject = new Map<ClientLink, number>();
  const byClient = new Map<string, number>();
  const clientOf = (link: ClientLink): string => `${linkTypeOf(link)}:${link.ClientEntityId ?? `#${(link.ClientEntityNumber ?? '').toUpperCase()}`}`;
  links.forEach((link, i) => {
    const row = rows[i]?.row;
    if (row === undefined) {
      return;
    }
    byObject.set(link, row);
    const client = clientOf(link);
    if (!byClient.has(client)) {
      byClient.set(client, row);
    }
  });
  return (link) => byObject.get(link) ?? byClient.get(clientOf(link));
}

/** Where a link sent from a CSV file came from, in words: "row 3". */
export function csvRowLocator(rows: readonly CsvInviteRow[], links: readonly ClientLink[]): (link: ClientLink) => string | undefined {
  const rowOf = csvRowOf(rows, links);
  return (link) => {
    const row = rowOf(link);
    return row === undefined ? undefined : l10n.t('row {0}', row);
  };
}

/**
 * Where a problem is in the file's text, for an editor: 0-based line and character range of its
 * cell when the problem names a column, else of its whole row (the first line for a file problem).
 */
export function problemLocation(text: string, problem: Pick<ValidationProblem, 'row' | 'column'>): { line: number; start: number; end: number } {
  const lines = text.split(/\r\n|\n|\r/);
  const line = Math.min(Math.max((problem.row ?? 1) - 1, 0), Math.max(lines.length - 1, 0));
  const content = lines[line] ?? '';
  const whole = { line, start: 0, end: content.length };
  if (problem.column === undefined) {
    return whole;
  }
  const delimiter = detectDelimiter(text);
  let column = 1;
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i <= content.length; i++) {
    const ch = content[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
    } else if ((ch === delimiter && !inQuotes) || i === content.length) {
      if (column === problem.column) {
        return { line, start, end: i };
      }
      column++;
      start = i + 1;
    }
  }
  return whole;
}

/** Plain-text rendering for the terminal. */
import type { ClientLink } from '../core/model/clientLink';
import { linkTypeOf } from '../core/model/clientLink';
import { statusOrder } from '../core/model/lifecycle';
import { daysLeft } from '../core/workflow/linkDeadlines';

export function table(headers: string[], rows: string[][]): string {
  return [...tableLines(headers, rows, columnWidths(headers, rows))].join('\n');
}

/** Each column's width: its longest cell, header included. */
export function columnWidths(headers: readonly string[], rows: Iterable<readonly string[]>): number[] {
  const widths = headers.map((h) => h.length);
  for (const r of rows) {
    for (let i = 0; i < widths.length; i++) {
      widths[i] = Math.max(widths[i] ?? 0, (r[i] ?? '').length);
    }
  }
  return widths;
}

/** One table line: cells padded to the widths, two spaces apart, no trailing blanks. */
export function tableLine(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
}

/** The header, the rule under it, then the rows (which may be read one at a time). */
export function* tableLines(headers: readonly string[], rows: Iterable<readonly string[]>, widths: readonly number[]): Generator<string> {
  yield tableLine(headers, widths);
  yield tableLine(
    widths.map((w) => '-'.repeat(w)),
    widths,
  );
  for (const r of rows) {
    yield tableLine(r, widths);
  }
}

/** Plain code-point order: loading ICU collation data costs a short CLI run tens of milliseconds. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the CLI sorts links by. */
export type LinkSortKey = Pick<ClientLink, 'Status' | 'ClientEntityName' | 'ClientEntityId'>;

/** The CLI's order of links: lifecycle order of the status, then client name, then client id. */
export function compareLinks(a: LinkSortKey, b: LinkSortKey): number {
  return statusOrder(a.Status ?? '') - statusOrder(b.Status ?? '') || byCodePoint(a.ClientEntityName ?? '', b.ClientEntityName ?? '') || byCodePoint(a.ClientEntityId ?? '', b.ClientEntityId ?? '');
}

export function sortLinks(links: ClientLink[]): ClientLink[] {
  return [...links].sort(compareLinks);
}

export const LINK_TABLE_HEADERS = ['STATUS', 'TYPE', 'CLIENT ID', 'NUMBER', 'CLIENT NAME', 'MANAGED BY', 'PAYS', 'START', 'EXPIRES IN'];

/** How long a pending invitation has left at `now`: "12 days", "1 day", "< 1 day"; empty for links that do not expire. */
export function expiresIn(l: ClientLink, now: number): string {
  const days = daysLeft(l, now);
  return days === undefined ? '' : days === 0 ? '< 1 day' : `${days} day${days === 1 ? '' : 's'}`;
}

/** One link's row of the links table; `now` (epoch ms) says how long pending invitations have left. */
export function linkRow(l: ClientLink, activeCustomerId: string, now: number = Date.now()): string[] {
  return [
    l.Status ?? '?',
    linkTypeOf(l) === 'CustomerLink' ? 'customer' : 'account',
    l.ClientEntityId ?? '',
    l.ClientEntityNumber ?? '',
    l.ClientEntityName ?? '',
    l.ManagingCustomerId === activeCustomerId ? 'you (agency)' : `${l.ManagingCustomerName ?? l.ManagingCustomerId ?? '?'}`,
    l.IsBillToClient === true ? 'client' : l.IsBillToClient === false ? 'agency' : '',
    l.StartDate?.slice(0, 10) ?? '',
    expiresIn(l, now),
  ];
}

export function linksTable(links: ClientLink[], activeCustomerId: string, now: number = Date.now()): string {
  return table(
    LINK_TABLE_HEADERS,
    sortLinks(links).map((l) => linkRow(l, activeCustomerId, now)),
  );
}

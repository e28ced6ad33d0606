/** Plain-text rendering for the terminal. */
import type { ClientLink } from '../core/model/clientLink';
import { linkTypeOf } from '../core/model/clientLink';
import { statusOrder } from '../core/model/lifecycle';

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Plain code-point order: loading ICU collation data costs a short CLI run tens of milliseconds. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortLinks(links: ClientLink[]): ClientLink[] {
  return [...links].sort(
    (a, b) => statusOrder(a.Status ?? '') - statusOrder(b.Status ?? '') || byCodePoint(a.ClientEntityName ?? '', b.ClientEntityName ?? '') || byCodePoint(a.ClientEntityId ?? '', b.ClientEntityId ?? ''),
  );
}

export function linksTable(links: ClientLink[], activeCustomerId: string): string {
  const rows = sortLinks(links).map((l) => [
    l.Status ?? '?',
    linkTypeOf(l) === 'CustomerLink' ? 'customer' : 'account',
    l.ClientEntityId ?? '',
    l.ClientEntityNumber ?? '',
    l.ClientEntityName ?? '',
    l.ManagingCustomerId === activeCustomerId ? 'you (agency)' : `${l.ManagingCustomerName ?? l.ManagingCustomerId ?? '?'}`,
    l.IsBillToClient === true ? 'client' : l.IsBillToClient === false ? 'agency' : '',
    l.StartDate?.slice(0, 10) ?? '',
  ]);
  return table(['STATUS', 'TYPE', 'CLIENT ID', 'NUMBER', 'CLIENT NAME', 'MANAGED BY', 'PAYS', 'START'], rows);
}

/**
 * Exports links as CSV or JSON with the v13 field names (every field), or as an invitations CSV
 * in the columns Invite Clients from CSV reads (inviteCsv.ts), so an export can be edited and sent
 * again. Never includes Timestamp (opaque) or tokens (links hold none).
 */
import { type ClientLink, DISPLAY_FIELDS, linkTypeOf } from '../model/clientLink';

/** `csv` and `json`: every field; `invitations`: the invitation CSV's columns. */
export type ExportFormat = 'csv' | 'json' | 'invitations';
export const EXPORT_FIELDS = DISPLAY_FIELDS;

/** The header of an invitations export: column names Invite Clients from CSV reads, in its documented order. */
export const INVITATION_COLUMNS = ['account_id', 'account_number', 'client_customer_number', 'type', 'name', 'note', 'bill_to_client', 'start_date', 'suppress_notification'] as const;

function csvCell(value: string | number | boolean | null | undefined): string {
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
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const lines: string[] = [INVITATION_COLUMNS.join(',')];
  let skipped = 0;
  for (const l of links) {
    if (!agencyCustomerId || l.ManagingCustomerId !== agencyCustomerId) {
      skipped++;
      continue;
    }
    const customerLink = linkTypeOf(l) === 'CustomerLink';
    const start = l.StartDate && Date.parse(`${l.StartDate.slice(0, 19)}Z`) >= today ? l.StartDate.slice(0, 19) : '';
    const row: Record<(typeof INVITATION_COLUMNS)[number], string> = {
      account_id: l.ClientEntityId ?? '',
      // An account link is sent with the id or the number, not both; a customer link needs both.
      account_number: customerLink || !l.ClientEntityId ? (l.ClientEntityNumber ?? '') : '',
      client_customer_number: customerLink ? '' : (l.ClientEntityCustomerNumber ?? ''),
      type: linkTypeOf(l),
      name: l.Name ?? '',
      note: l.Note ?? '',
      bill_to_client: customerLink || l.IsBillToClient === null || l.IsBillToClient === undefined ? '' : l.IsBillToClient ? 'yes' : 'no',
      start_date: start,
      suppress_notification: l.SuppressNotification ? 'yes' : 'no',
    };
    lines.push(INVITATION_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  return { text: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1, skipped };
}

/** UTF-8 byte order mark: without it Excel reads a CSV in the system's code page (garbling é, Hebrew, Arabic, emoji). */
export const UTF8_BOM = '\uFEFF';

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

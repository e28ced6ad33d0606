/** The Markdown tooltip and the details document of one link: every field, service text escaped. */
import type { ClientLink } from '../../core/model/clientLink';
import { DISPLAY_FIELDS, type DisplayField, linkTypeOf } from '../../core/model/clientLink';
import { expiresAt, findStatusDefinition } from '../../core/model/lifecycle';
import type { HistoryEntry } from '../../core/workflow/linkStore';

/** Escapes Markdown (and HTML) so service data can never inject links, images or markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => `\\${c}`);
}

const LABELS: Partial<Record<keyof ClientLink, string>> = {
  Type: 'Type',
  ClientEntityId: 'Client id',
  ClientEntityNumber: 'Client number',
  ClientEntityName: 'Client name',
  ClientEntityCustomerNumber: 'Owning customer number',
  ManagingCustomerId: 'Agency customer id',
  ManagingCustomerNumber: 'Agency customer number',
  ManagingCustomerName: 'Agency',
  Name: 'Link name',
  Note: 'Note',
  InviterName: 'Inviter (company)',
  InviterEmail: 'Inviter email',
  InviterPhone: 'Inviter phone',
  IsBillToClient: 'Who pays',
  StartDate: 'Start date (UTC)',
  Status: 'Status',
  SuppressNotification: 'Notification suppressed',
  LastModifiedDateTime: 'Last modified (UTC)',
  LastModifiedByUserId: 'Last modified by user',
  CustomerLinkPermission: 'Customer link permission',
};

export function fieldValue(link: ClientLink, field: DisplayField): string | undefined {
  const value = link[field];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (field === 'IsBillToClient') {
    return value ? 'the client' : 'the agency';
  }
  if (field === 'Type') {
    return linkTypeOf(link) === 'CustomerLink' ? 'Customer link' : 'Account link';
  }
  if (field === 'SuppressNotification') {
    return value ? 'yes' : 'no';
  }
  if (field === 'Status') {
    const def = findStatusDefinition(String(value));
    return def ? `${def.label} (${String(value)})` : String(value);
  }
  return String(value);
}

export function linkMarkdown(link: ClientLink, options: { heading: boolean; history?: readonly HistoryEntry[]; side?: string } = { heading: true }): string {
  const lines: string[] = [];
  const title = link.ClientEntityName ?? link.Name ?? link.ClientEntityId ?? 'Client link';
  if (options.heading) {
    lines.push(`**${escapeMarkdown(title)}**`, '');
  }
  const def = findStatusDefinition(link.Status);
  if (def) {
    lines.push(`_${escapeMarkdown(def.meaning)}_`, '');
  }
  const since = link.LastModifiedDateTime ? Date.parse(`${link.LastModifiedDateTime}Z`) : Number.NaN;
  const expires = Number.isNaN(since) ? undefined : expiresAt(link.Status, since);
  if (expires !== undefined) {
    lines.push(`Expires around ${new Date(expires).toISOString().slice(0, 10)} if nobody acts.`, '');
  }
  lines.push('| Field | Value |', '|---|---|');
  for (const field of DISPLAY_FIELDS) {
    const label = LABELS[field];
    const value = fieldValue(link, field);
    if (label && value !== undefined) {
      lines.push(`| ${label} | ${escapeMarkdown(value).replace(/\r?\n/g, ' ')} |`);
    }
  }
  if (options.side) {
    lines.push(`| Your side | ${options.side} |`);
  }
  if (options.history?.length) {
    lines.push('', '**History seen by this extension**', '');
    for (const h of options.history) {
      lines.push(`- ${new Date(h.seenAt).toISOString().replace('T', ' ').slice(0, 19)} UTC: ${escapeMarkdown(h.status ?? 'unknown')}${h.cause ? ` (${escapeMarkdown(h.cause)})` : ''}`);
    }
  }
  return lines.join('\n');
}

/**
 * What people are shown about one link, whatever renders it (the tree's tooltip as Markdown, the
 * details view as HTML): labelled values in the user's words, times in local time with the UTC time
 * and the age beside them, and users by name where the session knows it. Plain text only: each
 * renderer escapes for its own format.
 */
import * as l10n from '@vscode/l10n';
import { type ClientLink, type ClientLinkStatus, DISPLAY_FIELDS, type DisplayField, linkTypeOf } from '../model/clientLink';
import { findStatusDefinition } from '../model/lifecycle';
import { type CustomerChoice, sideOf } from './customerContext';
import { expiryOf } from './linkDeadlines';
import { parseServiceDateTime, type TimeFormatter } from './timeFormat';

export interface FactRow {
  field: DisplayField | 'side';
  label: string;
  value: string;
  /** Hover text: the exact UTC time of a local time, the v13 name of a status. */
  title?: string;
  /** An id, number or address someone would paste elsewhere (the details view offers a copy button). */
  copyable?: boolean;
}

export interface TimeFact {
  /** "29 Dec 2025, 21:44 (3 days ago)". */
  text: string;
  /** "2025-12-29 21:44:11 UTC". */
  utc: string;
}

export interface LinkFacts {
  title: string;
  statusLabel: string;
  meaning?: string;
  /** When a pending invitation expires if nobody acts. */
  expires?: TimeFact;
  lastModified?: TimeFact & { by?: string };
  rows: FactRow[];
  /** Oldest first. `from`: the status before (absent when unknown; "new" for a link that appeared). */
  history: (TimeFact & { status: string; from?: string; cause?: string })[];
}

/** One change in a link's history: what the store saw in this window, or the link journal's entry. */
export interface HistoryItem {
  status: ClientLinkStatus | null | undefined;
  /** Epoch ms when this product saw (or made) the change. */
  seenAt: number;
  /** The status before: null when the link was new, absent when not known. */
  from?: ClientLinkStatus | null;
  /** What this product had to do with the change, in the front end's words. */
  cause?: string;
}

/** The signed-in user, whose id the session knows a name for (GetUser). */
export interface KnownUser {
  id: string;
  name: string;
}

export interface FactsInput {
  link: ClientLink;
  times: TimeFormatter;
  active?: Pick<CustomerChoice, 'customerId'>;
  user?: KnownUser;
  history?: readonly HistoryItem[];
}

/** A field's label in the user's words ("Client number"). */
export function fieldLabel(field: DisplayField): string {
  switch (field) {
    case 'Type':
      return l10n.t('Type');
    case 'ClientEntityId':
      return l10n.t('Client id');
    case 'ClientEntityNumber':
      return l10n.t('Client number');
    case 'ClientEntityName':
      return l10n.t('Client name');
    case 'ClientEntityCustomerNumber':
      return l10n.t('Owning customer number');
    case 'ManagingCustomerId':
      return l10n.t('Agency customer id');
    case 'ManagingCustomerNumber':
      return l10n.t('Agency customer number');
    case 'ManagingCustomerName':
      return l10n.t('Agency');
    case 'Name':
      return l10n.t('Link name');
    case 'Note':
      return l10n.t('Note');
    case 'InviterName':
      return l10n.t('Inviter (company)');
    case 'InviterEmail':
      return l10n.t('Inviter email');
    case 'InviterPhone':
      return l10n.t('Inviter phone');
    case 'IsBillToClient':
      return l10n.t('Who pays');
    case 'StartDate':
      return l10n.t('Start date');
    case 'Status':
      return l10n.t('Status');
    case 'SuppressNotification':
      return l10n.t('Notification suppressed');
    case 'LastModifiedDateTime':
      return l10n.t('Last modified');
    case 'LastModifiedByUserId':
      return l10n.t('Last modified by');
    case 'CustomerLinkPermission':
      return l10n.t('Customer link permission');
  }
}

const COPYABLE: ReadonlySet<DisplayField> = new Set<DisplayField>([
  'ClientEntityId',
  'ClientEntityNumber',
  'ClientEntityName',
  'ClientEntityCustomerNumber',
  'ManagingCustomerId',
  'ManagingCustomerNumber',
  'Name',
  'InviterEmail',
  'InviterPhone',
]);

/** "Avery Howard (you)" for the signed-in user, "user 171234567" for anyone else. */
export function userLabel(userId: string, user?: KnownUser): string {
  return user && user.id === userId ? l10n.t('{0} (you)', user.name) : l10n.t('user {0}', userId);
}

/** The name a link goes by in lists: the client's name first. */
export function linkTitle(link: ClientLink): string {
  return link.ClientEntityName || link.Name || link.ClientEntityId || l10n.t('Client link');
}

/** What Copy puts on the clipboard for links: "id<TAB>name", one link per line (pastes into two spreadsheet columns). */
export function linksAsText(links: readonly ClientLink[]): string {
  return links.map((l) => `${l.ClientEntityId ?? ''}\t${linkTitle(l).replace(/\s+/g, ' ')}`).join('\n');
}

/** "29 Dec 2025, 21:44 (3 days ago)" with its UTC time, from epoch ms. */
export function timeFact(times: TimeFormatter, ms: number): TimeFact {
  const shown = times.show(ms);
  return { text: l10n.t({ message: '{0} ({1})', args: [shown.local, shown.relative], comment: ['a local time and its age: 29 Dec 2025, 21:44 (3 days ago)'] }), utc: shown.utc };
}

function row(input: FactsInput, field: DisplayField): FactRow | undefined {
  const { link, times } = input;
  const value = link[field];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const base = { field, label: fieldLabel(field) };
  if (field === 'IsBillToClient') {
    return { ...base, value: value ? l10n.t('the client') : l10n.t('the agency') };
  }
  if (field === 'Type') {
    return { ...base, value: linkTypeOf(link) === 'CustomerLink' ? l10n.t('Customer link (all accounts of the client customer)') : l10n.t('Account link') };
  }
  if (field === 'SuppressNotification') {
    return { ...base, value: value ? l10n.t('yes') : l10n.t('no') };
  }
  const text = String(value);
  if (field === 'Status') {
    return { ...base, value: findStatusDefinition(text)?.label ?? text, title: l10n.t('{0} (Microsoft Advertising status)', text) };
  }
  if (field === 'StartDate' || field === 'LastModifiedDateTime') {
    const ms = parseServiceDateTime(text);
    if (ms === undefined) {
      return { ...base, value: text };
    }
    if (field === 'StartDate') {
      return { ...base, value: times.utcCalendarDate(ms), title: times.utc(ms) };
    }
    const t = timeFact(times, ms);
    return { ...base, value: t.text, title: t.utc };
  }
  if (field === 'LastModifiedByUserId') {
    return { ...base, value: userLabel(text, input.user), title: l10n.t('user id {0}', text) };
  }
  return { ...base, value: text.replace(/\r?\n/g, ' '), copyable: COPYABLE.has(field) };
}

export function linkFacts(input: FactsInput): LinkFacts {
  const { link, times } = input;
  const def = findStatusDefinition(link.Status);
  const rows = DISPLAY_FIELDS.map((f) => row(input, f)).filter((r): r is FactRow => r !== undefined);
  if (input.active) {
    const side = sideOf(link, input.active) === 'agency' ? l10n.t('agency (you manage this client)') : l10n.t('client (an agency manages you)');
    rows.push({ field: 'side', label: l10n.t('Your side'), value: side });
  }
  const expiry = expiryOf(link);
  const modified = parseServiceDateTime(link.LastModifiedDateTime);
  return {
    title: linkTitle(link),
    statusLabel: def?.label ?? link.Status ?? l10n.t('Unknown status'),
    meaning: def?.meaning,
    expires: expiry === undefined ? undefined : timeFact(times, expiry),
    lastModified: modified === undefined ? undefined : { ...timeFact(times, modified), by: link.LastModifiedByUserId ? userLabel(link.LastModifiedByUserId, input.user) : undefined },
    rows,
    history: (input.history ?? []).map((h) => ({
      ...timeFact(times, h.seenAt),
      status: findStatusDefinition(h.status)?.label ?? h.status ?? l10n.t('unknown'),
      ...(h.from === undefined ? {} : { from: h.from === null ? l10n.t({ message: 'new', comment: ['the status before a link that appeared: new → Pending invitation'] }) : (findStatusDefinition(h.from)?.label ?? h.from) }),
      cause: h.cause,
    })),
  };
}

/**
 * Validation of invitation input (from the wizard, CLI flags or a CSV row) and the ClientLink it
 * becomes. Everything is checked before any request: bad input changes nothing.
 */
import * as l10n from '@vscode/l10n';
import { CLIENT_LINK_TYPES, type ClientLink, type ClientLinkType } from '../model/clientLink';
import { canManage } from '../model/lifecycle';
import type { ValidationProblem } from '../errors';
import { type CustomerNames, customerInSentence } from './customerDirectory';

export const MAX_LINK_NAME_LENGTH = 40;
export const MAX_NOTE_LENGTH = 2000;

/** Raw, untrusted text fields of one invitation. */
export interface InviteFields {
  accountId?: string;
  accountNumber?: string;
  /** The 10-character number of the customer that owns the client account (ClientEntityCustomerNumber). */
  clientCustomerNumber?: string;
  type?: string;
  name?: string;
  note?: string;
  billToClient?: string | boolean;
  startDate?: string;
  suppressNotification?: string | boolean;
}

export interface ValidInvite {
  type: ClientLinkType;
  clientEntityId?: string;
  clientEntityNumber?: string;
  clientCustomerNumber?: string;
  name?: string;
  note?: string;
  isBillToClient?: boolean;
  startDate?: string;
  suppressNotification: boolean;
}

const ID_PATTERN = /^[1-9][0-9]{0,18}$/;
const ACCOUNT_NUMBER_PATTERN = /^[A-Z0-9]{8}$/;
const CUSTOMER_NUMBER_PATTERN = /^[A-Z0-9]{10}$/;
const MAX_LONG = 9223372036854775807n;

/** Which id a message is about. */
export type IdKind = 'accountId' | 'customerId';

/** Which customer number a message is about. */
export type CustomerNumberKind = 'customerNumber' | 'clientCustomerNumber';

export function validateEntityId(value: string, kind: IdKind = 'accountId'): string | undefined {
  const v = value.trim();
  if (!v) {
    return kind === 'customerId' ? l10n.t('Enter a customer id.') : l10n.t('Enter an account id.');
  }
  if (!ID_PATTERN.test(v) || BigInt(v) > MAX_LONG) {
    const label = kind === 'customerId' ? l10n.t('Customer id') : l10n.t('Account id');
    return l10n.t('{0} must be a positive whole number (digits only), got "{1}"{2}.', label, shorten(value), idHint(v));
  }
  return undefined;
}

/** What probably happened to an id that is not plain digits (spreadsheets reformat them). */
function idHint(v: string): string {
  if (/^\d+(?:[.,]\d+)?[eE][+-]?\d+$/.test(v)) {
    return l10n.t(': a spreadsheet turned it into scientific notation and lost digits; format the column as Text and enter the id again');
  }
  if (/^\d+[.,]0+$/.test(v)) {
    return l10n.t(': remove the decimal part ({0})', v.replace(/[.,]0+$/, ''));
  }
  if (/^0+[1-9]\d*$/.test(v)) {
    return l10n.t(': ids do not start with 0');
  }
  if (/^\d{1,3}(?:[,.'\s\u00a0\u202f]\d{3})+$/.test(v)) {
    return l10n.t(': remove the digit separators ({0})', v.replace(/[^\d]/g, ''));
  }
  if (/^\d+$/.test(v)) {
    return v.length > 19 || BigInt(v) > MAX_LONG ? l10n.t(': too large for an id') : '';
  }
  return '';
}

/**
 * The wizard's client step: an account id (digits) or an account number, or for a customer link
 * the customer id; an empty answer asks for it instead of quoting it.
 */
export function validateClientIdOrNumber(value: string, customerLink: boolean): string | undefined {
  const t = value.trim();
  if (!t) {
    return customerLink ? l10n.t('Enter a customer id.') : l10n.t('Enter an account id or account number.');
  }
  if (customerLink || /^\d+$/.test(t)) {
    return validateEntityId(t, customerLink ? 'customerId' : 'accountId');
  }
  return validateAccountNumber(t);
}

export function validateAccountNumber(value: string): string | undefined {
  if (!value.trim()) {
    return l10n.t('Enter an account number.');
  }
  return ACCOUNT_NUMBER_PATTERN.test(value.trim().toUpperCase())
    ? undefined
    : l10n.t('Account number must be 8 letters or digits (for example F120ABCD), got "{0}".', shorten(value));
}

export function validateCustomerNumber(value: string, kind: CustomerNumberKind = 'customerNumber'): string | undefined {
  const client = kind === 'clientCustomerNumber';
  if (!value.trim()) {
    return client ? l10n.t('Enter a client customer number.') : l10n.t('Enter a customer number.');
  }
  return CUSTOMER_NUMBER_PATTERN.test(value.trim().toUpperCase())
    ? undefined
    : l10n.t('{0} must be 10 letters or digits (for example B9X7Z5Q3W1), got "{1}".', client ? l10n.t('Client customer number') : l10n.t('Customer number'), shorten(value));
}

/**
 * Characters XML 1.0 cannot carry, even escaped: C0 controls other than tab, LF and CR, U+FFFE and
 * U+FFFF, and UTF-16 surrogates not in a pair (half an emoji, from a cut string). The service's XML
 * reader refuses the whole request on one of them; we refuse the field before anything is sent.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Says where text has a character the service cannot receive, or undefined when it has none. */
export function validateXmlText(value: string, label: string): string | undefined {
  const m = XML_UNSAFE.exec(value);
  if (!m) {
    return undefined;
  }
  const code = m[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = code >= 0xd800 && code <= 0xdfff ? l10n.t('half of an emoji or other character ({0}, an unpaired surrogate)', hex) : l10n.t('an invisible control character ({0})', hex);
  return l10n.t('{0} contains {1} at position {2}, which the service cannot receive; remove it (it often comes from copying text out of another program).', label, what, m.index + 1);
}

export function validateLinkName(value: string): string | undefined {
  if (value.length > MAX_LINK_NAME_LENGTH) {
    // The limit is in UTF-16 units, as .NET counts string length: an emoji counts as 2.
    return value.length !== [...value].length
      ? l10n.t('Name is {0} characters (as the service counts them: most emoji count as 2); the service allows at most {1}.', value.length, MAX_LINK_NAME_LENGTH)
      : l10n.t('Name is {0} characters; the service allows at most {1}.', value.length, MAX_LINK_NAME_LENGTH);
  }
  return validateXmlText(value, l10n.t({ message: 'Name', comment: ['the link name field'] }));
}

export function validateNote(value: string): string | undefined {
  if (value.length > MAX_NOTE_LENGTH) {
    return l10n.t('Note is {0} characters; keep it to at most {1}.', value.length, MAX_NOTE_LENGTH);
  }
  return validateXmlText(value, l10n.t('Note'));
}

export function parseBoolean(value: string | boolean | undefined): boolean | undefined | 'invalid' {
  if (value === undefined || typeof value === 'boolean') {
    return value;
  }
  const v = value.trim().toLowerCase();
  if (v === '') {
    return undefined;
  }
  if (['true', 'yes', 'y', '1', 'client'].includes(v)) {
    return true;
  }
  if (['false', 'no', 'n', '0', 'agency'].includes(v)) {
    return false;
  }
  return 'invalid';
}

/** Which comes first in a date like 03/04/2026: the day (most of the world) or the month (US). */
export type DateOrder = 'dayFirst' | 'monthFirst';

/** How to read start dates: the order stated for them, and what to tell the user when a date is ambiguous and none is. */
export interface DateReading {
  order?: DateOrder;
  /** Appended to the message about an ambiguous date (the CSV reader names its ways to state the order). */
  ambiguousHint?: string;
  /**
   * Read a date before today as it is instead of refusing it: the pre-flight checks
   * (inviteChecks.ts) report it on its row, so the rest of a file can still be sent.
   */
  allowPast?: boolean;
}

/** A month's name in the user's words (1 = January), "?" outside 1–12. */
function monthName(month: number): string {
  switch (month) {
    case 1:
      return l10n.t('January');
    case 2:
      return l10n.t('February');
    case 3:
      return l10n.t('March');
    case 4:
      return l10n.t('April');
    case 5:
      return l10n.t('May');
    case 6:
      return l10n.t('June');
    case 7:
      return l10n.t('July');
    case 8:
      return l10n.t('August');
    case 9:
      return l10n.t('September');
    case 10:
      return l10n.t('October');
    case 11:
      return l10n.t('November');
    case 12:
      return l10n.t('December');
    default:
      return '?';
  }
}
/** Day and month, then year (separator /, - or .), optional time with AM/PM: what spreadsheets write. */
const LOCAL_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
/** Year first with / or . (2026/12/15): always year, month, day. */
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;

/**
 * The order a date like 15/12/2026 proves (a number above 12 can only be the day), or undefined
 * when it proves none (03/04/2026, 2026-12-15, 15.12.2026: dots are day-first everywhere).
 */
export function impliedDateOrder(value: string): DateOrder | undefined {
  const m = LOCAL_DATE.exec(value.trim());
  if (!m || m[2] === '.') {
    return undefined;
  }
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a > 12 && b <= 12) {
    return 'dayFirst';
  }
  return b > 12 && a <= 12 ? 'monthFirst' : undefined;
}

/**
 * A start date typed by a person → the service's dateTime form `YYYY-MM-DDTHH:MM:SS`, UTC, with no
 * offset suffix (spec §11.1: the service rejects signed offsets). Accepts `YYYY-MM-DD`, a date-time
 * with optional `Z` or offset (converted to UTC), `YYYY/MM/DD`, and the forms spreadsheets write:
 * `15.12.2026` (day first), `12/15/2026` or `15/12/2026` when a number above 12 shows which is the
 * day, and `03/04/2026` only when `reading.order` says which comes first; otherwise it says how to
 * write it unambiguously. Refuses dates before today (UTC).
 */
export function parseStartDate(value: string, now: Date = new Date(), reading: DateReading = {}): { value: string } | { error: string } {
  const v = value.trim();
  const local = localDate(v, reading);
  if (local && 'error' in local) {
    return local;
  }
  const m = local ? undefined : /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!local && !m) {
    const serial = /^\d{5}$/.test(v) ? l10n.t(' (a spreadsheet wrote the date as a serial number: format the column as a date or as text)') : '';
    return { error: l10n.t('Start date must be a date like 2026-12-15 (year-month-day), 15.12.2026 or 12/15/2026, got "{0}"{1}.', shorten(value), serial) };
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = local ? ['', ...local.parts, undefined] : (m as RegExpExecArray);
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ? normaliseZone(zone) : 'Z'}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d) && !zone) {
    return { error: l10n.t('Start date "{0}" is not a real date{1}.', shorten(value), local?.note ?? '') };
  }
  if (!reading.allowPast && isPastStartDate(date, now)) {
    return { error: l10n.t('Start date {0} is in the past; use today or a later date, or leave it empty to start as soon as the client accepts.', v) };
  }
  return { value: toServiceDateTime(date) };
}

/**
 * Whether a start date lies before today (UTC): the service starts a link on a date not yet
 * reached, so an earlier one is refused here (typed) or reported by the pre-flight checks (CSV).
 */
export function isPastStartDate(date: Date | string, now: Date): boolean {
  const at = typeof date === 'string' ? Date.parse(/Z|[+-]\d{2}:?\d{2}$/.test(date) ? date : `${date}Z`) : date.getTime();
  return at < Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** A spreadsheet's date as [year, month, day, hour, minute, second] (zero-padded), an error, or undefined when it is not one. */
function localDate(v: string, reading: DateReading): { parts: string[]; note?: string } | { error: string } | undefined {
  const pad = (n: number | string): string => String(n).padStart(2, '0');
  const yearFirst = YEAR_FIRST.exec(v);
  if (yearFirst) {
    return { parts: [yearFirst[1] as string, pad(yearFirst[2] as string), pad(yearFirst[3] as string), '00', '00', '00'] };
  }
  const m = LOCAL_DATE.exec(v);
  if (!m) {
    return undefined;
  }
  const [, first, separator, second, year, hour, minute = '00', secs = '00', ampm] = m as unknown as string[];
  if ((year as string).length === 2) {
    return { error: l10n.t('Start date "{0}" has a two-digit year: write the year in full (20{1}), or the date as 20{1}-MM-DD.', shorten(v), year as string) };
  }
  const a = Number(first);
  const b = Number(second);
  let order: DateOrder | undefined = reading.order ?? (separator === '.' ? 'dayFirst' : impliedDateOrder(v));
  if (!order && a === b) {
    order = 'dayFirst'; // 05/05/2026 is the same date either way
  }
  if (!order) {
    const asDay = l10n.t({ message: '{0} {1} {2}', args: [a, monthName(b), year as string], comment: ['day, month name, year: 3 April 2026'] });
    const asMonth = l10n.t({ message: '{0} {1}, {2}', args: [monthName(a), b, year as string], comment: ['month name, day, year: March 4, 2026'] });
    const dayFirst = `${year}-${pad(b)}-${pad(a)}`;
    const monthFirst = `${year}-${pad(a)}-${pad(b)}`;
    return {
      error: reading.ambiguousHint
        ? l10n.t('Start date "{0}" could be {1} or {2}: write it as {3} or {4} (year-month-day), or {5}.', shorten(v), asDay, asMonth, dayFirst, monthFirst, reading.ambiguousHint)
        : l10n.t('Start date "{0}" could be {1} or {2}: write it as {3} or {4} (year-month-day).', shorten(v), asDay, asMonth, dayFirst, monthFirst),
    };
  }
  const [day, month] = order === 'dayFirst' ? [a, b] : [b, a];
  let h = hour === undefined ? 0 : Number(hour);
  if (ampm) {
    h = (h % 12) + (/^p/i.test(ampm) ? 12 : 0);
  }
  const note = reading.order ? l10n.t(' (read as {0}, the order stated for these dates)', order === 'dayFirst' ? 'DD/MM/YYYY' : 'MM/DD/YYYY') : '';
  if (month < 1 || month > 12 || day < 1 || h > 23) {
    return { error: l10n.t('Start date "{0}" is not a real date{1}.', shorten(v), note) };
  }
  return { parts: [year as string, pad(month), pad(day), pad(h), pad(minute), pad(secs)], note };
}

function normaliseZone(zone: string): string {
  return zone === 'Z' || zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC with no suffix: the form the service accepts (spec §11.1). */
export function toServiceDateTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

/** Checks every field; returns the invite or the list of problems (field-named). */
export function validateInvite(fields: InviteFields, now?: Date, dates?: DateReading): { invite: ValidInvite } | { problems: ValidationProblem[] } {
  const problems: ValidationProblem[] = [];
  const add = (field: string, message: string | undefined): void => {
    if (message) {
      problems.push({ field, message });
    }
  };
  const typeRaw = (fields.type ?? '').trim();
  let type: ClientLinkType = 'AccountLink';
  if (/^customer(link)?$/i.test(typeRaw)) {
    type = 'CustomerLink';
  } else if (typeRaw !== '' && !/^account(link)?$/i.test(typeRaw)) {
    add('type', l10n.t('Link type must be AccountLink or CustomerLink, got "{0}".', shorten(typeRaw)));
  }
  const accountId = fields.accountId?.trim() || undefined;
  const accountNumber = fields.accountNumber?.trim().toUpperCase() || undefined;
  if (!accountId && !accountNumber) {
    add(type === 'CustomerLink' ? 'customer id' : 'account id', type === 'CustomerLink' ? l10n.t('Give the client customer id and number.') : l10n.t('Give the client account id or the account number.'));
  }
  if (accountId) {
    add('account id', validateEntityId(accountId, type === 'CustomerLink' ? 'customerId' : 'accountId'));
  }
  if (accountNumber) {
    add('account number', type === 'CustomerLink' ? validateCustomerNumber(accountNumber) : validateAccountNumber(accountNumber));
  }
  if (type === 'CustomerLink' && (!accountId || !accountNumber)) {
    add('account number', l10n.t('A customer link needs both the client customer id and its 10-character customer number.'));
  }
  const clientCustomerNumber = fields.clientCustomerNumber?.trim().toUpperCase() || undefined;
  if (clientCustomerNumber) {
    if (type === 'CustomerLink') {
      add('customer number', l10n.t('The owning customer number applies to account links only.'));
    } else {
      add('customer number', validateCustomerNumber(clientCustomerNumber, 'clientCustomerNumber'));
    }
  }
  const name = fields.name?.trim() || undefined;
  if (name) {
    add('name', validateLinkName(name));
  }
  const note = fields.note?.trim() || undefined;
  if (note) {
    add('note', validateNote(note));
  }
  const bill = parseBoolean(fields.billToClient);
  if (bill === 'invalid') {
    add('bill to client', l10n.t('Who pays must be yes (the client pays) or no (the agency pays), got "{0}".', shorten(String(fields.billToClient))));
  } else if (bill === undefined && type === 'AccountLink') {
    add('bill to client', l10n.t('Say who pays: bill to client yes (the client pays) or no (the agency pays).'));
  } else if (bill !== undefined && type === 'CustomerLink') {
    add('bill to client', l10n.t('Who pays applies to account links only; leave it empty for a customer link.'));
  }
  const suppress = parseBoolean(fields.suppressNotification);
  if (suppress === 'invalid') {
    add('suppress notification', l10n.t('Suppress notification must be yes or no, got "{0}".', shorten(String(fields.suppressNotification))));
  }
  let startDate: string | undefined;
  if (fields.startDate?.trim()) {
    const parsed = parseStartDate(fields.startDate, now, dates);
    if ('error' in parsed) {
      add('start date', parsed.error);
    } else {
      startDate = parsed.value;
    }
  }
  if (problems.length > 0) {
    return { problems };
  }
  return {
    invite: {
      type,
      clientEntityId: accountId,
      clientEntityNumber: accountNumber,
      clientCustomerNumber,
      name,
      note,
      isBillToClient: bill === 'invalid' ? undefined : bill,
      startDate,
      suppressNotification: suppress === true,
    },
  };
}

/** The AddClientLinks item for a valid invite, members in wire order. */
export function toAddClientLink(invite: ValidInvite, managingCustomerId: string): ClientLink {
  const link: ClientLink = { Type: invite.type };
  if (invite.clientEntityId) {
    link.ClientEntityId = invite.clientEntityId;
  }
  if (invite.clientEntityNumber) {
    link.ClientEntityNumber = invite.clientEntityNumber;
  }
  link.ManagingCustomerId = managingCustomerId;
  if (invite.note) {
    link.Note = invite.note;
  }
  if (invite.name) {
    link.Name = invite.name;
  }
  if (invite.isBillToClient !== undefined) {
    link.IsBillToClient = invite.isBillToClient;
  }
  if (invite.startDate) {
    link.StartDate = invite.startDate;
  }
  link.SuppressNotification = invite.suppressNotification;
  if (invite.clientCustomerNumber) {
    link.ClientEntityCustomerNumber = invite.clientCustomerNumber;
  }
  return link;
}

/** A key for spotting the same client twice in one batch. */
export function inviteIdentity(invite: ValidInvite): string {
  return `${invite.type}:${invite.clientEntityId ?? ''}:${invite.clientEntityNumber ?? ''}`;
}

/** The link types a user with `roleId` may invite: what the invite wizard offers. */
export function invitableLinkTypes(roleId: number): ClientLinkType[] {
  return CLIENT_LINK_TYPES.filter((t) => canManage(roleId, t));
}

/**
 * Why a user with this role cannot invite a link of `type` (before anything is sent), or undefined
 * when the role may. An unknown type is left to validateInvite.
 */
export function inviteRoleProblem(role: { roleId: number; roleName: string; customerId: string }, type: string | undefined, names?: CustomerNames): string | undefined {
  const linkType = (type ?? 'AccountLink') as ClientLinkType;
  if (!(CLIENT_LINK_TYPES as readonly string[]).includes(linkType) || canManage(role.roleId, linkType)) {
    return undefined;
  }
  const allowed = invitableLinkTypes(role.roleId);
  const can = allowed.length === 0 ? '' : allowed.length === 1 ? (allowed[0] === 'CustomerLink' ? l10n.t('; it can invite customer links') : l10n.t('; it can invite account links')) : l10n.t('; it can invite account links and customer links');
  const customer = customerInSentence(role.customerId, names);
  return linkType === 'CustomerLink'
    ? l10n.t('Your role ({0}) on {1} cannot invite a customer link{2}. A Super Admin can.', role.roleName, customer, can)
    : l10n.t('Your role ({0}) on {1} cannot invite an account link{2}. A Super Admin can.', role.roleName, customer, can);
}

/**
 * REST response bodies → the same model objects the SOAP reader makes (REST spec §3, §4): a
 * listing read over either protocol gives equal objects. Read tolerantly: null, absent and []
 * alike; ids as strings (a number is taken too); unknown members ignored; dateTimes kept as sent.
 */
import type { ServiceErrorEntry } from '../errors';
import type {
  AccountInfo,
  ClientLink,
  ClientLinkStatus,
  CustomerInfo,
  CustomerRole,
  GetUserResult,
  KeyValuePair,
  LinkedAccountsAndCustomers,
  PersonName,
} from '../model/clientLink';
import { sharedString } from '../model/sharedStrings';
import type { LinkWriteResult } from '../service/wireClient';

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordOf(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** The items of a JSON array (null/absent → []). */
export function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A 64-bit id: a string of digits (trimmed), or a number Microsoft's SDKs would refuse but we take. */
export function idOf(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : null;
}

export function intOf(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? value : null;
  }
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
    return Number(value);
  }
  return null;
}

function booleanOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') {
    return value;
  }
  return value === 'true' ? true : value === 'false' ? false : null;
}

function keyValuePairs(value: unknown): KeyValuePair[] | null {
  if (!Array.isArray(value)) {
    return null;
  }
  return value.filter(isRecord).map((p) => ({ key: textOf(p.Key ?? p.key), value: textOf(p.Value ?? p.value) }));
}

/** One ClientLink, built in the same member order as the SOAP reader (non-nullable members only when present). */
export function readJsonClientLink(json: JsonRecord): ClientLink {
  const link: ClientLink = {
    Type: sharedString(textOf(json.Type)),
    ClientEntityId: idOf(json.ClientEntityId),
    ClientEntityNumber: textOf(json.ClientEntityNumber),
    ClientEntityName: textOf(json.ClientEntityName),
    ManagingCustomerId: sharedString(idOf(json.ManagingCustomerId)),
    ManagingCustomerNumber: sharedString(textOf(json.ManagingCustomerNumber)),
    ManagingCustomerName: sharedString(textOf(json.ManagingCustomerName)),
    Note: textOf(json.Note),
    Name: textOf(json.Name),
    InviterEmail: sharedString(textOf(json.InviterEmail)),
    InviterName: sharedString(textOf(json.InviterName)),
    InviterPhone: sharedString(textOf(json.InviterPhone)),
    IsBillToClient: booleanOf(json.IsBillToClient),
    StartDate: textOf(json.StartDate),
    Status: sharedString(textOf(json.Status)) as ClientLinkStatus | null,
  };
  const suppress = booleanOf(json.SuppressNotification);
  if (suppress !== null) {
    link.SuppressNotification = suppress;
  }
  const modified = textOf(json.LastModifiedDateTime);
  if (modified !== null) {
    link.LastModifiedDateTime = modified;
  }
  const modifiedBy = sharedString(idOf(json.LastModifiedByUserId));
  if (modifiedBy !== null) {
    link.LastModifiedByUserId = modifiedBy;
  }
  link.Timestamp = textOf(json.Timestamp);
  link.ForwardCompatibilityMap = keyValuePairs(json.ForwardCompatibilityMap);
  link.CustomerLinkPermission = sharedString(textOf(json.CustomerLinkPermission));
  link.ClientEntityCustomerNumber = textOf(json.ClientEntityCustomerNumber);
  return link;
}

export function readJsonSearchClientLinks(body: JsonRecord): ClientLink[] {
  const links: ClientLink[] = [];
  for (const item of arrayOf(body.ClientLinks)) {
    if (isRecord(item)) {
      links.push(readJsonClientLink(item));
    }
  }
  return links;
}

/** OperationError (`Details`) or AdApiError (`Detail`, `ErrorCode`) → our entry. */
export function readJsonErrorEntry(json: JsonRecord): ServiceErrorEntry {
  return {
    code: intOf(json.Code) ?? -1,
    errorCode: textOf(json.ErrorCode),
    message: textOf(json.Message) ?? '',
    details: textOf(json.Details ?? json.Detail),
  };
}

export function readJsonErrorEntries(value: unknown): ServiceErrorEntry[] {
  return arrayOf(value).filter(isRecord).map(readJsonErrorEntry);
}

/**
 * Add/UpdateClientLinksResponse. PartialErrors has two levels (REST spec §5.3, §7.5): one entry per
 * requested link, null or an array of OperationError. A flat entry (one OperationError object, as
 * Microsoft's doc templates draw it) is taken as that link's single error.
 */
export function readJsonLinkWriteResult(body: JsonRecord): LinkWriteResult {
  const partialErrors = arrayOf(body.PartialErrors).map((entry) => {
    const errors = Array.isArray(entry) ? readJsonErrorEntries(entry) : isRecord(entry) ? [readJsonErrorEntry(entry)] : [];
    return errors.length ? errors : null;
  });
  return { operationErrors: readJsonErrorEntries(body.OperationErrors), partialErrors };
}

function idsOf(value: unknown): string[] | null {
  if (!Array.isArray(value)) {
    return null;
  }
  return value.map(idOf).filter((id): id is string => id !== null);
}

function readCustomerRole(json: JsonRecord): CustomerRole {
  return {
    RoleId: intOf(json.RoleId) ?? 0,
    CustomerId: idOf(json.CustomerId) ?? '',
    AccountIds: idsOf(json.AccountIds),
    LinkedAccountIds: idsOf(json.LinkedAccountIds),
    CustomerLinkPermission: textOf(json.CustomerLinkPermission),
  };
}

function readPersonName(value: unknown): PersonName | null {
  const json = recordOf(value);
  return json ? { FirstName: textOf(json.FirstName), LastName: textOf(json.LastName), MiddleInitial: textOf(json.MiddleInitial) } : null;
}

/** GetUserResponse; null when it has no User (malformed). */
export function readJsonGetUser(body: JsonRecord): GetUserResult | null {
  const user = recordOf(body.User);
  if (!user) {
    return null;
  }
  return {
    User: {
      Id: idOf(user.Id) ?? '',
      CustomerId: idOf(user.CustomerId),
      UserName: textOf(user.UserName),
      Name: readPersonName(user.Name),
      Email: textOf(recordOf(user.ContactInfo)?.Email),
      UserLifeCycleStatus: textOf(user.UserLifeCycleStatus),
    },
    CustomerRoles: arrayOf(body.CustomerRoles).filter(isRecord).map(readCustomerRole),
  };
}

function readAccountInfo(json: JsonRecord): AccountInfo {
  return {
    Id: idOf(json.Id) ?? '',
    Name: textOf(json.Name),
    Number: textOf(json.Number),
    AccountLifeCycleStatus: textOf(json.AccountLifeCycleStatus),
    PauseReason: intOf(json.PauseReason),
  };
}

function readCustomerInfo(json: JsonRecord): CustomerInfo {
  return { Id: idOf(json.Id) ?? '', Name: textOf(json.Name) };
}

export function readJsonAccountsInfo(body: JsonRecord): AccountInfo[] {
  return arrayOf(body.AccountsInfo).filter(isRecord).map(readAccountInfo);
}

export function readJsonCustomersInfo(body: JsonRecord): CustomerInfo[] {
  return arrayOf(body.CustomersInfo).filter(isRecord).map(readCustomerInfo);
}

export function readJsonLinkedAccountsAndCustomers(body: JsonRecord): LinkedAccountsAndCustomers {
  return { AccountsInfo: readJsonAccountsInfo(body), CustomersInfo: readJsonCustomersInfo(body) };
}

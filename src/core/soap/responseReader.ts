/**
 * Response wrappers → core model types (spec §3, §4, §8.1). Absent, nil and empty arrays all read
 * as []; absent or nil nillable members as null; members are matched by local name.
 */
import type { ServiceErrorEntry } from '../errors';
import {
  CLIENT_LINK_FIELDS,
  type AccountInfo,
  type ClientLink,
  type ClientLinkStatus,
  type CustomerInfo,
  type CustomerRole,
  type GetUserResult,
  type KeyValuePair,
  type LinkedAccountsAndCustomers,
  type PersonName,
  type User,
} from '../model/clientLink';
import { readOperationErrors } from './faults';
import { booleanOf, intOf, longOf, textOf } from './values';
import { child, childrenNamed, type XmlElement } from './xml';

type ClientLinkField = (typeof CLIENT_LINK_FIELDS)[number];
type LinkMemberReader = (element: XmlElement) => ClientLink[ClientLinkField];

const LONG_FIELDS: ReadonlySet<ClientLinkField> = new Set(['ClientEntityId', 'ManagingCustomerId', 'LastModifiedByUserId']);
const BOOLEAN_FIELDS: ReadonlySet<ClientLinkField> = new Set(['IsBillToClient', 'SuppressNotification']);
/** Non-nillable members: when absent or nil they are left out of the object, not set to null. */
const NON_NILLABLE: ReadonlySet<ClientLinkField> = new Set(['SuppressNotification', 'LastModifiedDateTime', 'LastModifiedByUserId']);

function readKeyValuePairs(element: XmlElement): KeyValuePair[] | null {
  if (element.nil) {
    return null;
  }
  return element.children.filter((c) => !c.nil).map((pair) => ({ key: textOf(child(pair, 'key')), value: textOf(child(pair, 'value')) }));
}

function memberReader(field: ClientLinkField): LinkMemberReader {
  if (field === 'ForwardCompatibilityMap') {
    return readKeyValuePairs;
  }
  if (LONG_FIELDS.has(field)) {
    return longOf;
  }
  if (BOOLEAN_FIELDS.has(field)) {
    return booleanOf;
  }
  if (field === 'Status') {
    return (e) => textOf(e) as ClientLinkStatus | null;
  }
  return textOf;
}

const LINK_MEMBERS: ReadonlyMap<string, LinkMemberReader> = new Map(CLIENT_LINK_FIELDS.map((f) => [f, memberReader(f)]));

/** One `e:ClientLink`: every member in WSDL order; nillable ones null when absent or nil. */
export function readClientLink(element: XmlElement): ClientLink {
  const values = new Map<string, ClientLink[ClientLinkField]>();
  for (const member of element.children) {
    const read = LINK_MEMBERS.get(member.name);
    if (read && !values.has(member.name)) {
      values.set(member.name, read(member));
    }
  }
  const link: Record<string, ClientLink[ClientLinkField]> = {};
  for (const field of CLIENT_LINK_FIELDS) {
    const value = values.get(field) ?? null;
    if (value === null && NON_NILLABLE.has(field)) {
      continue;
    }
    link[field] = value;
  }
  return link as ClientLink;
}

/** SearchClientLinksResponse → its links (absent/nil/empty → []). */
export function readSearchClientLinks(wrapper: XmlElement): ClientLink[] {
  const array = child(wrapper, 'ClientLinks');
  if (!array || array.nil) {
    return [];
  }
  const links: ClientLink[] = [];
  for (const item of array.children) {
    if (item.name === 'ClientLink' && !item.nil) {
      links.push(readClientLink(item));
    }
  }
  return links;
}

export interface LinkWriteResult {
  /** Whole-call errors: nothing was applied. */
  operationErrors: ServiceErrorEntry[];
  /** One item per requested link, same index; null = succeeded. Empty when the service sent none. */
  partialErrors: (ServiceErrorEntry[] | null)[];
}

/** Add/UpdateClientLinksResponse → OperationErrors and PartialErrors. */
export function readLinkWriteResult(wrapper: XmlElement): LinkWriteResult {
  const partial = child(wrapper, 'PartialErrors');
  const partialErrors: (ServiceErrorEntry[] | null)[] = [];
  if (partial && !partial.nil) {
    for (const item of partial.children) {
      if (item.name !== 'ArrayOfOperationError') {
        continue;
      }
      const errors = readOperationErrors(item);
      partialErrors.push(item.nil || errors.length === 0 ? null : errors);
    }
  }
  return { operationErrors: readOperationErrors(child(wrapper, 'OperationErrors')), partialErrors };
}

function readLongArray(element: XmlElement | undefined): string[] | null {
  if (!element || element.nil) {
    return null;
  }
  const ids: string[] = [];
  for (const item of element.children) {
    const id = longOf(item);
    if (id !== null) {
      ids.push(id);
    }
  }
  return ids;
}

function readPersonName(element: XmlElement | undefined): PersonName | null {
  if (!element || element.nil) {
    return null;
  }
  return { FirstName: textOf(child(element, 'FirstName')), LastName: textOf(child(element, 'LastName')), MiddleInitial: textOf(child(element, 'MiddleInitial')) };
}

function readCustomerRole(element: XmlElement): CustomerRole {
  return {
    RoleId: intOf(child(element, 'RoleId')) ?? 0,
    CustomerId: longOf(child(element, 'CustomerId')) ?? '',
    AccountIds: readLongArray(child(element, 'AccountIds')),
    LinkedAccountIds: readLongArray(child(element, 'LinkedAccountIds')),
    CustomerLinkPermission: textOf(child(element, 'CustomerLinkPermission')),
  };
}

/** GetUserResponse → User and CustomerRoles. A response without a User is malformed: returns null. */
export function readGetUser(wrapper: XmlElement): GetUserResult | null {
  const user = child(wrapper, 'User');
  if (!user || user.nil) {
    return null;
  }
  const value: User = {
    Id: longOf(child(user, 'Id')) ?? '',
    CustomerId: longOf(child(user, 'CustomerId')),
    UserName: textOf(child(user, 'UserName')),
    Name: readPersonName(child(user, 'Name')),
    Email: textOf(child(child(user, 'ContactInfo'), 'Email')),
    UserLifeCycleStatus: textOf(child(user, 'UserLifeCycleStatus')),
  };
  const roles = childrenNamed(child(wrapper, 'CustomerRoles'), 'CustomerRole').filter((r) => !r.nil).map(readCustomerRole);
  return { User: value, CustomerRoles: roles };
}

function readAccountInfo(element: XmlElement): AccountInfo {
  return {
    Id: longOf(child(element, 'Id')) ?? '',
    Name: textOf(child(element, 'Name')),
    Number: textOf(child(element, 'Number')),
    AccountLifeCycleStatus: textOf(child(element, 'AccountLifeCycleStatus')),
    PauseReason: intOf(child(element, 'PauseReason')),
  };
}

function readCustomerInfo(element: XmlElement): CustomerInfo {
  return { Id: longOf(child(element, 'Id')) ?? '', Name: textOf(child(element, 'Name')) };
}

function readAccountsInfoArray(array: XmlElement | undefined): AccountInfo[] {
  return array && !array.nil ? childrenNamed(array, 'AccountInfo').filter((a) => !a.nil).map(readAccountInfo) : [];
}

/** GetAccountsInfoResponse → AccountsInfo. */
export function readGetAccountsInfo(wrapper: XmlElement): AccountInfo[] {
  return readAccountsInfoArray(child(wrapper, 'AccountsInfo'));
}

/** GetLinkedAccountsAndCustomersInfoResponse → AccountsInfo, CustomersInfo. */
export function readLinkedAccountsAndCustomers(wrapper: XmlElement): LinkedAccountsAndCustomers {
  const customers = child(wrapper, 'CustomersInfo');
  return {
    AccountsInfo: readAccountsInfoArray(child(wrapper, 'AccountsInfo')),
    CustomersInfo: customers && !customers.nil ? childrenNamed(customers, 'CustomerInfo').filter((c) => !c.nil).map(readCustomerInfo) : [],
  };
}

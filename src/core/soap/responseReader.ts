/**
 * Response wrappers → core model types (spec §3, §4, §8.1). Absent, nil and empty arrays all read
 * as []; absent or nil nillable members as null; members are matched by local name. Ids and
 * dateTimes stay the exact text the service sent.
 *
 * Why our own reader rather than node-soap's parser (which can keep longs and dateTimes as strings
 * when told to): node-soap is not shipped at run time at all (it only compiles our WSDL into the
 * writer plan at build time and serves as the tests' oracle), and this reader, over our small XML
 * scanner (xml.ts), reads a 100-link page several times faster than node-soap's schema-driven
 * parser, which matters for listings of thousands of links (BENCHMARKS.md, figure 6).
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
import { REPEATING_LINK_FIELDS, sharedString } from '../model/sharedStrings';
import type { LinkWriteResult } from '../service/wireClient';
import { readOperationErrors } from './faults';
import { booleanText, detached, intOf, longOf, longText, textOf } from './values';
import { child, childrenNamed, type XmlElement } from './xml';

type ClientLinkField = (typeof CLIENT_LINK_FIELDS)[number];
/** A member's value as read, before the link object is built (undefined: not in the answer). */
export type ClientLinkValue = ClientLink[ClientLinkField] | undefined;
type LinkMemberReader = (element: XmlElement) => ClientLink[ClientLinkField];

const LONG_FIELDS: ReadonlySet<ClientLinkField> = new Set(['ClientEntityId', 'ManagingCustomerId', 'LastModifiedByUserId']);
const BOOLEAN_FIELDS: ReadonlySet<ClientLinkField> = new Set(['IsBillToClient', 'SuppressNotification']);

const TEXT = 0;
const LONG = 1;
const BOOLEAN = 2;
/** How each member's text reads, by index in CLIENT_LINK_FIELDS (ForwardCompatibilityMap is read from its children). */
const FIELD_KIND: readonly number[] = CLIENT_LINK_FIELDS.map((f) => (LONG_FIELDS.has(f) ? LONG : BOOLEAN_FIELDS.has(f) ? BOOLEAN : TEXT));
const FIELD_SHARED: readonly boolean[] = CLIENT_LINK_FIELDS.map((f) => REPEATING_LINK_FIELDS.has(f));

/** The index of ForwardCompatibilityMap in CLIENT_LINK_FIELDS: the one member with children. */
export const FORWARD_COMPATIBILITY_MAP = CLIENT_LINK_FIELDS.indexOf('ForwardCompatibilityMap');

/**
 * The value of member `index` (of CLIENT_LINK_FIELDS) from its text, the element being present and
 * not nil: text copied (values.ts), `long` trimmed, booleans, repeating values shared. One rule for
 * both readers (the tree's and linkPageReader.ts).
 */
export function linkMemberValue(index: number, text: string): string | boolean | null {
  const kind = FIELD_KIND[index];
  const value = kind === LONG ? longText(detached(text)) : kind === BOOLEAN ? booleanText(text) : detached(text);
  return FIELD_SHARED[index] === true ? sharedString(value as string | null) : value;
}

function readKeyValuePairs(element: XmlElement): KeyValuePair[] | null {
  if (element.nil) {
    return null;
  }
  return element.children.filter((c) => !c.nil).map((pair) => ({ key: textOf(child(pair, 'key')), value: textOf(child(pair, 'value')) }));
}

function memberReader(index: number): LinkMemberReader {
  if (index === FORWARD_COMPATIBILITY_MAP) {
    return readKeyValuePairs;
  }
  return (e) => (e.nil ? null : linkMemberValue(index, e.text));
}

const FIELD_COUNT = CLIENT_LINK_FIELDS.length;
const FIELD_INDEX: ReadonlyMap<string, number> = new Map(CLIENT_LINK_FIELDS.map((f, i) => [f, i]));
const FIELD_READERS: readonly LinkMemberReader[] = CLIENT_LINK_FIELDS.map((_field, index) => memberReader(index));

/**
 * One `e:ClientLink`: every member in WSDL order; nillable ones null when absent or nil; the first
 * occurrence of a member wins. Members usually arrive in WSDL order, so each is first compared with
 * the one expected next (no map lookup); the object is then built in WSDL order (clientLinkOf).
 */
export function readClientLink(element: XmlElement): ClientLink {
  const values: ClientLinkValue[] = new Array<ClientLinkValue>(FIELD_COUNT);
  let expected = 0;
  for (const member of element.children) {
    const name = member.name;
    const index = expected < FIELD_COUNT && CLIENT_LINK_FIELDS[expected] === name ? expected : FIELD_INDEX.get(name);
    if (index === undefined || values[index] !== undefined) {
      continue;
    }
    values[index] = (FIELD_READERS[index] as LinkMemberReader)(member);
    expected = index + 1;
  }
  return clientLinkOf(values);
}

/**
 * The link from its members' values, by index in CLIENT_LINK_FIELDS (undefined or null: absent or
 * nil). The non-nillable members (SuppressNotification, LastModifiedDateTime, LastModifiedByUserId)
 * are left out of the object when absent or nil, not set to null.
 */
export function clientLinkOf(values: readonly ClientLinkValue[]): ClientLink {
  // One object literal in WSDL order (a single hidden class, no keyed stores); the non-nillable
  // members are added only when present. Order and completeness checked by the unit tests.
  // (No helper closure here: the bundles keep function names, which costs a defineProperty per closure created.)
  const link: ClientLink = {
    Type: (values[0] ?? null) as string | null,
    ClientEntityId: (values[1] ?? null) as string | null,
    ClientEntityNumber: (values[2] ?? null) as string | null,
    ClientEntityName: (values[3] ?? null) as string | null,
    ManagingCustomerId: (values[4] ?? null) as string | null,
    ManagingCustomerNumber: (values[5] ?? null) as string | null,
    ManagingCustomerName: (values[6] ?? null) as string | null,
    Note: (values[7] ?? null) as string | null,
    Name: (values[8] ?? null) as string | null,
    InviterEmail: (values[9] ?? null) as string | null,
    InviterName: (values[10] ?? null) as string | null,
    InviterPhone: (values[11] ?? null) as string | null,
    IsBillToClient: (values[12] ?? null) as boolean | null,
    StartDate: (values[13] ?? null) as string | null,
    Status: (values[14] ?? null) as ClientLinkStatus | null,
  };
  if (values[15] != null) {
    link.SuppressNotification = values[15] as boolean;
  }
  if (values[16] != null) {
    link.LastModifiedDateTime = values[16] as string;
  }
  if (values[17] != null) {
    link.LastModifiedByUserId = values[17] as string;
  }
  link.Timestamp = (values[18] ?? null) as string | null;
  link.ForwardCompatibilityMap = (values[19] ?? null) as KeyValuePair[] | null;
  link.CustomerLinkPermission = (values[20] ?? null) as string | null;
  link.ClientEntityCustomerNumber = (values[21] ?? null) as string | null;
  return link;
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

function readCustomersInfoArray(array: XmlElement | undefined): CustomerInfo[] {
  return array && !array.nil ? childrenNamed(array, 'CustomerInfo').filter((c) => !c.nil).map(readCustomerInfo) : [];
}

/** GetLinkedAccountsAndCustomersInfoResponse → AccountsInfo, CustomersInfo. */
export function readLinkedAccountsAndCustomers(wrapper: XmlElement): LinkedAccountsAndCustomers {
  return {
    AccountsInfo: readAccountsInfoArray(child(wrapper, 'AccountsInfo')),
    CustomersInfo: readCustomersInfoArray(child(wrapper, 'CustomersInfo')),
  };
}

/** GetCustomersInfoResponse → CustomersInfo. */
export function readGetCustomersInfo(wrapper: XmlElement): CustomerInfo[] {
  return readCustomersInfoArray(child(wrapper, 'CustomersInfo'));
}

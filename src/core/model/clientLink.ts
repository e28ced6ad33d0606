/**
 * The Customer Management v13 data model used by the client links feature.
 *
 * Field names are the v13 wire names (PascalCase) so that JSON exports and the CLI's `--json`
 * output speak the same language as Microsoft's documentation. `long` ids and `dateTime` values
 * are kept as strings: ids can exceed 2^53 and dateTimes must be echoed exactly as the service
 * returned them (spec §11.1, §11.6). `null` means the service sent `i:nil="true"` or omitted
 * the element; an absent key means we never had the value.
 */

/** Every v13 ClientLinkStatus value, in WSDL order. */
export const CLIENT_LINK_STATUSES = [
  'LinkPending',
  'LinkCanceled',
  'LinkExpired',
  'LinkAccepted',
  'LinkDeclined',
  'LinkInProgress',
  'Active',
  'LinkFailed',
  'UnlinkRequested',
  'UnlinkPending',
  'UnlinkCanceled',
  'UnlinkInProgress',
  'Inactive',
  'UnlinkFailed',
] as const;

export type ClientLinkStatus = (typeof CLIENT_LINK_STATUSES)[number];

export function isClientLinkStatus(value: string): value is ClientLinkStatus {
  return (CLIENT_LINK_STATUSES as readonly string[]).includes(value);
}

/** `Type` of a client link. An absent or empty Type means AccountLink on the wire. */
export const CLIENT_LINK_TYPES = ['AccountLink', 'CustomerLink'] as const;
export type ClientLinkType = (typeof CLIENT_LINK_TYPES)[number];

export type CustomerLinkPermission = 'Administrative' | 'Standard';

/** One `KeyValuePairOfstringstring` of a ForwardCompatibilityMap. */
export interface KeyValuePair {
  key: string | null;
  value: string | null;
}

/** `e:ClientLink`, every v13 member, in WSDL order. */
export interface ClientLink {
  Type?: string | null;
  ClientEntityId?: string | null;
  ClientEntityNumber?: string | null;
  ClientEntityName?: string | null;
  ManagingCustomerId?: string | null;
  ManagingCustomerNumber?: string | null;
  ManagingCustomerName?: string | null;
  Note?: string | null;
  Name?: string | null;
  InviterEmail?: string | null;
  InviterName?: string | null;
  InviterPhone?: string | null;
  IsBillToClient?: boolean | null;
  StartDate?: string | null;
  Status?: ClientLinkStatus | null;
  SuppressNotification?: boolean;
  LastModifiedDateTime?: string;
  LastModifiedByUserId?: string;
  Timestamp?: string | null;
  ForwardCompatibilityMap?: KeyValuePair[] | null;
  CustomerLinkPermission?: string | null;
  ClientEntityCustomerNumber?: string | null;
}

/** The member names of `e:ClientLink` in WSDL (wire) order. */
export const CLIENT_LINK_FIELDS = [
  'Type',
  'ClientEntityId',
  'ClientEntityNumber',
  'ClientEntityName',
  'ManagingCustomerId',
  'ManagingCustomerNumber',
  'ManagingCustomerName',
  'Note',
  'Name',
  'InviterEmail',
  'InviterName',
  'InviterPhone',
  'IsBillToClient',
  'StartDate',
  'Status',
  'SuppressNotification',
  'LastModifiedDateTime',
  'LastModifiedByUserId',
  'Timestamp',
  'ForwardCompatibilityMap',
  'CustomerLinkPermission',
  'ClientEntityCustomerNumber',
] as const satisfies readonly (keyof ClientLink)[];

/** A member shown to people (exports, tooltips, details): every one but the opaque Timestamp and the ForwardCompatibilityMap. */
export type DisplayField = Exclude<(typeof CLIENT_LINK_FIELDS)[number], 'Timestamp' | 'ForwardCompatibilityMap'>;

/** The members shown to people, in WSDL order; each is a scalar (text, boolean or status). */
export const DISPLAY_FIELDS: readonly DisplayField[] = CLIENT_LINK_FIELDS.filter((f): f is DisplayField => f !== 'Timestamp' && f !== 'ForwardCompatibilityMap');

/** The link type with the wire default applied (absent or empty → AccountLink). */
export function linkTypeOf(link: Pick<ClientLink, 'Type'>): ClientLinkType {
  return link.Type === 'CustomerLink' ? 'CustomerLink' : 'AccountLink';
}

/**
 * A link has no public id; it is identified by (ManagingCustomerId, ClientEntityId, Type)
 * (spec §4). This key is stable across refreshes and is used for tree ids and outcome maps.
 */
export function clientLinkKey(link: Pick<ClientLink, 'ManagingCustomerId' | 'ClientEntityId' | 'Type'>): string {
  return `${link.ManagingCustomerId ?? '?'}:${linkTypeOf(link)}:${link.ClientEntityId ?? '?'}`;
}

/** `x:OperationError`. Customer Management has no ErrorCode element (spec §8.1). */
export interface OperationError {
  Code: number;
  Details: string | null;
  Message: string | null;
}

/** `ad:AdApiError` inside an `AdApiFaultDetail`. */
export interface AdApiError {
  Code: number;
  Detail: string | null;
  ErrorCode: string | null;
  Message: string | null;
}

/** Role ids of `e:CustomerRole.RoleId` (spec §3.4). */
export const ROLE_IDS = {
  SuperAdmin: 41,
  Standard: 203,
  AdvertiserCampaignManager: 16,
  Viewer: 100,
  Aggregator: 33,
} as const;

export function roleName(roleId: number): string {
  for (const [name, id] of Object.entries(ROLE_IDS)) {
    if (id === roleId) {
      return name.replace(/([a-z])([A-Z])/g, '$1 $2');
    }
  }
  return `Role ${roleId}`;
}

export interface CustomerRole {
  RoleId: number;
  CustomerId: string;
  AccountIds: string[] | null;
  LinkedAccountIds: string[] | null;
  CustomerLinkPermission: string | null;
}

export interface PersonName {
  FirstName: string | null;
  LastName: string | null;
  MiddleInitial: string | null;
}

/** The parts of `e:User` the product reads. */
export interface User {
  Id: string;
  CustomerId: string | null;
  UserName: string | null;
  Name: PersonName | null;
  Email: string | null;
  UserLifeCycleStatus: string | null;
}

export interface GetUserResult {
  User: User;
  CustomerRoles: CustomerRole[];
}

/** `e:AccountInfo` from GetLinkedAccountsAndCustomersInfo / GetAccountsInfo. */
export interface AccountInfo {
  Id: string;
  Name: string | null;
  Number: string | null;
  AccountLifeCycleStatus: string | null;
  PauseReason: number | null;
}

/** `e:CustomerInfo`. */
export interface CustomerInfo {
  Id: string;
  Name: string | null;
}

export interface LinkedAccountsAndCustomers {
  AccountsInfo: AccountInfo[];
  CustomersInfo: CustomerInfo[];
}

/** SearchClientLinks predicate fields supported by the service (spec §7). */
export const CLIENT_LINK_PREDICATE_FIELDS = [
  'ClientAccountId',
  'ClientCustomerId',
  'DirectManagingCustomerId',
  'ManagingCustomerId',
] as const;
export type ClientLinkPredicateField = (typeof CLIENT_LINK_PREDICATE_FIELDS)[number];

export type PredicateOperator = 'Equals' | 'In';

export interface Predicate {
  Field: ClientLinkPredicateField;
  Operator: PredicateOperator;
  Value: string;
}

export type ClientLinkOrderField = 'Id' | 'Name' | 'Number';
export type SortOrder = 'Ascending' | 'Descending';

export interface OrderBy {
  Field: ClientLinkOrderField;
  Order: SortOrder;
}

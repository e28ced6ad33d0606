/**
 * Reads each operation's JSON request body (REST spec §4, §5) into the inputs the rules take, the
 * same inputs the SOAP reader produces: absent members `undefined`, `null` members `null`.
 * Member names are PascalCase and case-sensitive; others are skipped (and logged).
 */
import { CLIENT_LINK_FIELDS, CLIENT_LINK_STATUSES, type ClientLink, type KeyValuePair } from '../../core/model/clientLink';
import { ORDER_BY_FIELDS, PREDICATE_OPERATORS, SORT_ORDERS, type ClientLinksInput, type CustomerAccountsInput, type CustomersInfoInput, type GetUserInput, type PagingInput, type SearchAccountsInput, type SearchInput } from '../rules/inputs';
import type { OperationInputs, OperationName } from '../service';
import { JsonMembers, type JsonObject, type ReadSettings } from './json';

type Readers = { readonly [K in OperationName]: (body: JsonObject, settings: ReadSettings) => OperationInputs[K] };

const root = (body: JsonObject, known: readonly string[], settings: ReadSettings) => new JsonMembers(body, '', known, settings);

export const REST_READERS: Readers = {
  GetUser: (body, settings): GetUserInput => ({ UserId: root(body, ['UserId'], settings).long('UserId') }),
  SearchClientLinks: (body, settings) => searchParts(root(body, ['Predicates', 'Ordering', 'PageInfo'], settings)),
  AddClientLinks: (body, settings) => clientLinks(root(body, ['ClientLinks'], settings)),
  UpdateClientLinks: (body, settings) => clientLinks(root(body, ['ClientLinks'], settings)),
  GetLinkedAccountsAndCustomersInfo: (body, settings) => customerAccounts(root(body, ['CustomerId', 'OnlyParentAccounts'], settings)),
  GetAccountsInfo: (body, settings) => customerAccounts(root(body, ['CustomerId', 'OnlyParentAccounts'], settings)),
  GetCustomersInfo: (body, settings): CustomersInfoInput => {
    const m = root(body, ['CustomerNameFilter', 'TopN'], settings);
    return { CustomerNameFilter: m.string('CustomerNameFilter'), TopN: m.int('TopN', false) ?? undefined };
  },
  SearchAccounts: (body, settings): SearchAccountsInput => {
    const m = root(body, ['Predicates', 'Ordering', 'PageInfo', 'ReturnAdditionalFields'], settings);
    // A flag enum: names joined by commas over REST (PY joins with ", "), by spaces over SOAP.
    const flags = m.string('ReturnAdditionalFields');
    return { ...searchParts(m), ReturnAdditionalFields: flags ? flags.split(/[\s,]+/).filter((f) => f !== '') : [] };
  },
};

function customerAccounts(m: JsonMembers): CustomerAccountsInput {
  return { CustomerId: m.long('CustomerId'), OnlyParentAccounts: m.boolean('OnlyParentAccounts', false) ?? undefined };
}

function searchParts(m: JsonMembers): SearchInput {
  return {
    Predicates: m.list('Predicates', ['Field', 'Operator', 'Value'], (p) => ({
      Field: p.string('Field'),
      Operator: p.enumValue('Operator', PREDICATE_OPERATORS, false) ?? undefined,
      Value: p.string('Value'),
    })),
    Ordering: m.list('Ordering', ['Field', 'Order'], (o) => ({
      Field: o.enumValue('Field', ORDER_BY_FIELDS, false) ?? undefined,
      Order: o.enumValue('Order', SORT_ORDERS, false) ?? undefined,
    })),
    PageInfo: m.object('PageInfo', ['Index', 'Size'], (p): PagingInput => ({ Index: p.int('Index', false) ?? undefined, Size: p.int('Size', false) ?? undefined })),
  };
}

function clientLinks(m: JsonMembers): ClientLinksInput {
  return { ClientLinks: m.list('ClientLinks', CLIENT_LINK_FIELDS, clientLink) };
}

/** Non-nullable members (REST spec §3): `Status`, `SuppressNotification`, `LastModifiedDateTime`, `LastModifiedByUserId`. */
function clientLink(m: JsonMembers): ClientLink {
  const link: ClientLink = {
    Type: m.string('Type'),
    ClientEntityId: m.long('ClientEntityId'),
    ClientEntityNumber: m.string('ClientEntityNumber'),
    ClientEntityName: m.string('ClientEntityName'),
    ManagingCustomerId: m.long('ManagingCustomerId'),
    ManagingCustomerNumber: m.string('ManagingCustomerNumber'),
    ManagingCustomerName: m.string('ManagingCustomerName'),
    Note: m.string('Note'),
    Name: m.string('Name'),
    InviterEmail: m.string('InviterEmail'),
    InviterName: m.string('InviterName'),
    InviterPhone: m.string('InviterPhone'),
    IsBillToClient: m.boolean('IsBillToClient'),
    StartDate: m.dateTime('StartDate'),
    Status: m.enumValue('Status', CLIENT_LINK_STATUSES, false),
    SuppressNotification: m.boolean('SuppressNotification', false) ?? undefined,
    LastModifiedDateTime: m.dateTime('LastModifiedDateTime', false) ?? undefined,
    LastModifiedByUserId: m.long('LastModifiedByUserId', false) ?? undefined,
    Timestamp: m.base64('Timestamp'),
    ForwardCompatibilityMap: m.list('ForwardCompatibilityMap', ['Key', 'Value', 'key', 'value'], keyValuePair),
    CustomerLinkPermission: m.string('CustomerLinkPermission'),
    ClientEntityCustomerNumber: m.string('ClientEntityCustomerNumber'),
  };
  // Absent members stay absent so the rules can tell "not sent" from "sent as null" (as on SOAP).
  for (const key of CLIENT_LINK_FIELDS) {
    if (!m.has(key) || link[key] === undefined) {
      delete link[key];
    }
  }
  return link;
}

/** The SDKs write `Key`/`Value`; Microsoft's JSON reference pages draw `key`/`value` (REST spec §9): both are read. */
function keyValuePair(m: JsonMembers): KeyValuePair {
  return { key: m.string('Key') ?? m.string('key') ?? null, value: m.string('Value') ?? m.string('value') ?? null };
}

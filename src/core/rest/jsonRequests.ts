/**
 * Request bodies over REST (REST spec §3, §5): the request object's members directly, arrays as
 * JSON arrays, 64-bit ids as strings (they are strings in the model), int32 and booleans as JSON
 * numbers and booleans, enums by name. Non-nullable members are omitted rather than sent as null;
 * searched values (dateTimes, Timestamp) are echoed untouched; a dateTime we create carries no offset.
 */
import { CLIENT_LINK_FIELDS, type ClientLink, type OrderBy, type Predicate } from '../model/clientLink';
import { NON_NILLABLE_LINK_FIELDS, toServiceDateTime } from '../model/serviceValues';
import type { CustomersInfoQuery, PageRequest } from '../service/wireClient';

export type JsonValue = string | number | boolean | null | JsonObject | JsonValue[];
export interface JsonObject {
  [member: string]: JsonValue;
}

/** ClientLink.Status is non-nullable over REST (REST spec §3), though nillable in the WSDL. */
const NON_NULLABLE_LINK_FIELDS: ReadonlySet<string> = new Set([...NON_NILLABLE_LINK_FIELDS, 'Status']);

/** One ClientLink: `undefined` members omitted, `null` sent as null where the member is nullable. */
export function toJsonClientLink(link: ClientLink, purpose: 'add' | 'update'): JsonObject {
  const json: JsonObject = {};
  for (const field of CLIENT_LINK_FIELDS) {
    const value = link[field];
    if (value === undefined) {
      continue;
    }
    if (value === null) {
      if (!NON_NULLABLE_LINK_FIELDS.has(field)) {
        json[field] = null;
      }
      continue;
    }
    if (field === 'ForwardCompatibilityMap') {
      json[field] = (value as NonNullable<ClientLink['ForwardCompatibilityMap']>).map((p) => ({ Key: p.key, Value: p.value }));
      continue;
    }
    json[field] = field === 'StartDate' && purpose === 'add' ? toServiceDateTime(value as string) : (value as string | boolean);
  }
  return json;
}

/** AddClientLinksRequest / UpdateClientLinksRequest. */
export function clientLinksBody(links: readonly ClientLink[], purpose: 'add' | 'update'): JsonObject {
  return { ClientLinks: links.map((l) => toJsonClientLink(l, purpose)) };
}

/** SearchClientLinksRequest. */
export function searchClientLinksBody(predicates: readonly Predicate[], ordering: readonly OrderBy[] | undefined, page: PageRequest): JsonObject {
  const body: JsonObject = { Predicates: predicates.map((p) => ({ Field: p.Field, Operator: p.Operator, Value: p.Value })) };
  if (ordering?.length) {
    body.Ordering = ordering.map((o) => ({ Field: o.Field, Order: o.Order }));
  }
  body.PageInfo = { Index: page.index, Size: page.size };
  return body;
}

/** GetUserRequest for the signed-in user. */
export function getUserBody(): JsonObject {
  return { UserId: null };
}

/** GetAccountsInfoRequest / GetLinkedAccountsAndCustomersInfoRequest. */
export function customerAccountsBody(customerId: string): JsonObject {
  return { CustomerId: customerId, OnlyParentAccounts: false };
}

/** GetCustomersInfoRequest (REST spec §10): `CustomerNameFilter` a string, `TopN` an int32. */
export function customersInfoBody(query: CustomersInfoQuery): JsonObject {
  return { CustomerNameFilter: query.nameFilter, TopN: query.topN };
}

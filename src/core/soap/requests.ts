/**
 * Request content in wire shape: model objects → plain objects whose keys are the v13 member
 * names in WSDL order (spec §3, §4), ready for node-soap to serialize. Also the two SOAP headers
 * we send (spec §2). Ids and dateTimes stay strings; searched dateTimes are echoed untouched, and
 * a dateTime we create never carries an offset (spec §11.1).
 */
import { CLIENT_LINK_FIELDS, type ClientLink, type OrderBy, type Predicate } from '../model/clientLink';
import type { WireObject } from './nodeSoapAdapter';
import { NS } from './namespaces';

/** ClientLink members that are not nillable: never sent as nil (spec §11.3). */
const NON_NILLABLE_LINK_FIELDS: ReadonlySet<string> = new Set(['SuppressNotification', 'LastModifiedDateTime', 'LastModifiedByUserId']);

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'));
}

/** The `s:Header` content: AuthenticationToken then DeveloperToken, in the v13 namespace. Nothing else. */
export function requestHeaderXml(accessToken: string, developerToken: string): string {
  return (
    `<AuthenticationToken xmlns="${NS.v13}">${escapeXml(accessToken)}</AuthenticationToken>` +
    `<DeveloperToken xmlns="${NS.v13}">${escapeXml(developerToken)}</DeveloperToken>`
  );
}

const OFFSET_SUFFIX = /(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * A dateTime we send for a new link: `YYYY-MM-DDTHH:MM:SS[.fff]` in UTC without suffix. A value
 * that already has no suffix is kept as given; one with `Z` or a signed offset is converted to UTC.
 */
export function toServiceDateTime(value: string): string {
  if (!OFFSET_SUFFIX.test(value)) {
    return value;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return value;
  }
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return date.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}

/**
 * `e:ClientLink` in WSDL order. `undefined` members are omitted; `null` nillable members are sent
 * as `xsi:nil` (an echo of what Search returned); `null` non-nillable members are omitted.
 */
export function toWireClientLink(link: ClientLink, purpose: 'add' | 'update'): WireObject {
  const wire: WireObject = {};
  for (const field of CLIENT_LINK_FIELDS) {
    const value = link[field];
    if (value === undefined) {
      continue;
    }
    if (value === null) {
      if (!NON_NILLABLE_LINK_FIELDS.has(field)) {
        wire[field] = null;
      }
      continue;
    }
    if (field === 'ForwardCompatibilityMap') {
      const pairs = value as NonNullable<ClientLink['ForwardCompatibilityMap']>;
      if (pairs.length) {
        wire[field] = { KeyValuePairOfstringstring: pairs.map((p) => ({ key: p.key, value: p.value })) };
      }
      continue;
    }
    if (field === 'StartDate' && purpose === 'add') {
      wire[field] = toServiceDateTime(value as string);
      continue;
    }
    wire[field] = value as string | boolean;
  }
  return wire;
}

/** AddClientLinksRequest / UpdateClientLinksRequest: `ClientLinks` of `e:ClientLink`. */
export function clientLinksRequest(links: readonly ClientLink[], purpose: 'add' | 'update'): WireObject {
  return { ClientLinks: { ClientLink: links.map((l) => toWireClientLink(l, purpose)) } };
}

export interface PageRequest {
  index: number;
  size: number;
}

/** SearchClientLinksRequest: Predicates, Ordering, PageInfo, in that order (spec §3.3). */
export function searchClientLinksRequest(predicates: readonly Predicate[], ordering: readonly OrderBy[] | undefined, page: PageRequest): WireObject {
  const body: WireObject = {
    Predicates: { Predicate: predicates.map((p) => ({ Field: p.Field, Operator: p.Operator, Value: p.Value })) },
  };
  if (ordering?.length) {
    body.Ordering = { OrderBy: ordering.map((o) => ({ Field: o.Field, Order: o.Order })) };
  }
  body.PageInfo = { Index: page.index, Size: page.size };
  return body;
}

/** GetUserRequest for the signed-in user: `<UserId xsi:nil="true"/>`. */
export function getUserRequest(): WireObject {
  return { UserId: null };
}

/** GetAccountsInfoRequest / GetLinkedAccountsAndCustomersInfoRequest: CustomerId, OnlyParentAccounts=false. */
export function customerAccountsRequest(customerId: string): WireObject {
  return { CustomerId: customerId, OnlyParentAccounts: false };
}

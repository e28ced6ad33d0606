/**
 * Request content in wire shape: model objects → plain objects whose keys are the v13 member
 * names in WSDL order (spec §3, §4), ready for the envelope writer (compiledWriter.ts). Also the two SOAP headers
 * we send (spec §2). Ids and dateTimes stay strings; searched dateTimes are echoed untouched, and
 * a dateTime we create never carries an offset (spec §11.1).
 */
import { CLIENT_LINK_FIELDS, type ClientLink, type OrderBy, type Predicate } from '../model/clientLink';
import type { CustomersInfoQuery, PageRequest } from '../service/wireClient';
import type { WireObject } from './compiledWriter';
import { NS } from './namespaces';
import { NON_NILLABLE_LINK_FIELDS, toServiceDateTime } from '../model/serviceValues';

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

export { toServiceDateTime };

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

/** GetCustomersInfoRequest: CustomerNameFilter (a prefix, "" = all), TopN, in WSDL order. */
export function customersInfoRequest(query: CustomersInfoQuery): WireObject {
  return { CustomerNameFilter: query.nameFilter, TopN: query.topN };
}

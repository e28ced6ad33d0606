/**
 * Success envelopes of each operation, shaped like the real service (spec §10): wrapper in the
 * default v13 namespace, `a:` for the child objects, `i:` for nil, `h:TrackingId` header.
 */
import type { ClientLink, CustomerRole, OperationError } from '../../core/model/clientLink';
import type { SimAccount, SimCustomer, SimUser } from '../state/model';
import { NS } from '../xml/namespaces';
import { element, nilElement, startTag } from '../xml/writer';
import { accountInfoXml, advertiserAccountXml, clientLinkXmlBytes, customerInfoXml, customerRoleXml, userXml, type AdvertiserAccountExtras } from './entities';
import { operationErrorXml } from './faults';

/**
 * What an operation answers inside `s:Body`: XML text, or, for pages of search results, the same
 * XML already encoded, as pieces to concatenate (each link's bytes are cached by the view, so a
 * page costs a copy instead of building, joining and encoding ~120 KB of text per request).
 */
export type BodyXml = string | readonly Buffer[];

export function responseEnvelope(body: string, trackingId: string): string;
export function responseEnvelope(body: BodyXml, trackingId: string): string | readonly Buffer[];
export function responseEnvelope(body: BodyXml, trackingId: string): string | readonly Buffer[] {
  const head = `<s:Envelope xmlns:s="${NS.soap}">` + `<s:Header><h:TrackingId xmlns:h="${NS.v13}">${trackingId}</h:TrackingId></s:Header>` + '<s:Body>';
  if (typeof body === 'string') {
    return head + body + '</s:Body></s:Envelope>';
  }
  // The head holds only ASCII (namespace URIs, a GUID), so its Latin-1 and UTF-8 forms are the same.
  // Pieces, not one buffer: the server writes them as they are (no 120 KB copy per page).
  return [Buffer.from(head, 'latin1'), ...body, ENVELOPE_TAIL];
}

const entitiesNs = { 'xmlns:a': NS.entities, 'xmlns:i': NS.xsi };
const exceptionNs = { 'xmlns:a': NS.exception, 'xmlns:i': NS.xsi };

function wrapper(operation: string, children: string): string {
  return element(`${operation}Response`, children, { xmlns: NS.v13 });
}

/** SearchClientLinks: the page's links, encoded (see BodyXml); the same bytes as the text form would give. */
export function searchClientLinksResponse(links: readonly ClientLink[]): BodyXml {
  if (links.length === 0) {
    return wrapper('SearchClientLinks', element('ClientLinks', '', entitiesNs));
  }
  const chunks: Buffer[] = [SEARCH_OPEN];
  for (const link of links) {
    chunks.push(clientLinkXmlBytes(link));
  }
  chunks.push(SEARCH_CLOSE);
  return chunks;
}

const ENVELOPE_TAIL = Buffer.from('</s:Body></s:Envelope>', 'latin1');
const SEARCH_OPEN = Buffer.from(startTag('SearchClientLinksResponse', { xmlns: NS.v13 }) + startTag('ClientLinks', entitiesNs), 'utf8');
const SEARCH_CLOSE = Buffer.from('</ClientLinks></SearchClientLinksResponse>', 'utf8');

/** Add/UpdateClientLinks: OperationErrors, then PartialErrors with nil items for successes. */
export function linkBatchResponse(operation: 'AddClientLinks' | 'UpdateClientLinks', result: { operationErrors: readonly OperationError[]; partialErrors: readonly (readonly OperationError[] | null)[] }): string {
  const operationErrors = element('OperationErrors', result.operationErrors.map((e) => operationErrorXml(e)).join(''), exceptionNs);
  const partial = result.partialErrors
    .map((item) => (item === null ? nilElement('a:ArrayOfOperationError') : element('a:ArrayOfOperationError', item.map((e) => operationErrorXml(e)).join(''))))
    .join('');
  return wrapper(operation, operationErrors + element('PartialErrors', partial, exceptionNs));
}

export function getUserResponse(user: SimUser, roles: readonly CustomerRole[], userModifiedMs: number, userTimestamp: string): string {
  return wrapper('GetUser', element('User', userXml(user, userModifiedMs, userTimestamp), entitiesNs) + element('CustomerRoles', roles.map(customerRoleXml).join(''), entitiesNs));
}

export function linkedAccountsAndCustomersResponse(accounts: readonly SimAccount[], customers: readonly SimCustomer[]): string {
  return wrapper(
    'GetLinkedAccountsAndCustomersInfo',
    element('AccountsInfo', accounts.map(accountInfoXml).join(''), entitiesNs) + element('CustomersInfo', customers.map(customerInfoXml).join(''), entitiesNs),
  );
}

export function accountsInfoResponse(accounts: readonly SimAccount[]): string {
  return wrapper('GetAccountsInfo', element('AccountsInfo', accounts.map(accountInfoXml).join(''), entitiesNs));
}

export function customersInfoResponse(customers: readonly SimCustomer[]): string {
  return wrapper('GetCustomersInfo', element('CustomersInfo', customers.map(customerInfoXml).join(''), entitiesNs));
}

export function searchAccountsResponse(accounts: readonly { account: SimAccount; extras: AdvertiserAccountExtras }[]): string {
  return wrapper('SearchAccounts', element('Accounts', accounts.map((a) => advertiserAccountXml(a.account, a.extras)).join(''), entitiesNs));
}

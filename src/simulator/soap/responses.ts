/**
 * Success envelopes of each operation, shaped like the real service (spec §10): wrapper in the
 * default v13 namespace, `a:` for the child objects, `i:` for nil, `h:TrackingId` header.
 */
import type { ClientLink, CustomerRole, OperationError } from '../../core/model/clientLink';
import type { SimAccount, SimCustomer, SimUser } from '../state/model';
import { NS } from '../xml/namespaces';
import { element, nilElement } from '../xml/writer';
import { accountInfoXml, advertiserAccountXml, clientLinkXml, customerInfoXml, customerRoleXml, userXml, type AdvertiserAccountExtras } from './entities';
import { operationErrorXml } from './faults';

export function responseEnvelope(body: string, trackingId: string): string {
  return (
    `<s:Envelope xmlns:s="${NS.soap}">` +
    `<s:Header><h:TrackingId xmlns:h="${NS.v13}">${trackingId}</h:TrackingId></s:Header>` +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

const entitiesNs = { 'xmlns:a': NS.entities, 'xmlns:i': NS.xsi };
const exceptionNs = { 'xmlns:a': NS.exception, 'xmlns:i': NS.xsi };

function wrapper(operation: string, children: string): string {
  return element(`${operation}Response`, children, { xmlns: NS.v13 });
}

export function searchClientLinksResponse(links: readonly ClientLink[]): string {
  return wrapper('SearchClientLinks', element('ClientLinks', links.map(clientLinkXml).join(''), entitiesNs));
}

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

/**
 * Serializers of the `Customer/v13/Entities` data objects. Every member is written in WSDL
 * order with the `a:` prefix (declared on the enclosing wrapper child); nulls as `i:nil`.
 */
import { CLIENT_LINK_FIELDS, type ClientLink, type CustomerRole } from '../../core/model/clientLink';
import type { AdvertiserAccountExtras } from '../service';
import type { SimAccount, SimCustomer, SimUser } from '../state/model';
import { NS } from '../xml/namespaces';
import { element, nilElement, nillable, optional, textElement } from '../xml/writer';
import { formatDateTime } from '../xml/dateTime';

export type { AdvertiserAccountExtras } from '../service';

const P = 'a';
const e = (name: string) => `${P}:${name}`;

/** XML of frozen (cached) views, by identity: a view never changes, so neither does its XML. */
const linkXml = new WeakMap<ClientLink, string>();
/** The same, encoded (UTF-8): a page of search results is then a concatenation of buffers. */
const linkBytes = new WeakMap<ClientLink, Buffer>();

export function clientLinkXml(link: ClientLink): string {
  if (!Object.isFrozen(link)) {
    return buildClientLinkXml(link);
  }
  let xml = linkXml.get(link);
  if (xml === undefined) {
    xml = buildClientLinkXml(link);
    linkXml.set(link, xml);
  }
  return xml;
}

/** `clientLinkXml(link)` in UTF-8, cached like the text for frozen views. */
export function clientLinkXmlBytes(link: ClientLink): Buffer {
  if (!Object.isFrozen(link)) {
    return Buffer.from(buildClientLinkXml(link), 'utf8');
  }
  let bytes = linkBytes.get(link);
  if (bytes === undefined) {
    bytes = Buffer.from(clientLinkXml(link), 'utf8');
    linkBytes.set(link, bytes);
  }
  return bytes;
}

function buildClientLinkXml(link: ClientLink): string {
  const parts = CLIENT_LINK_FIELDS.map((field) => {
    const value = link[field];
    if (field === 'ForwardCompatibilityMap') {
      return keyValuePairsXml(e(field), link.ForwardCompatibilityMap ?? null);
    }
    if (field === 'ClientEntityCustomerNumber') {
      // EmitDefaultValue=false: omitted, not nil, when null (spec §4 row 22).
      return optional(e(field), link.ClientEntityCustomerNumber);
    }
    return nillable(e(field), value as string | boolean | null | undefined);
  });
  return element(e('ClientLink'), parts.join(''));
}

function keyValuePairsXml(name: string, pairs: readonly { key: string | null; value: string | null }[] | null): string {
  const ns = { 'xmlns:b': NS.generic };
  if (pairs === null) {
    return nilElement(name, ns);
  }
  const items = pairs.map((p) => element('b:KeyValuePairOfstringstring', nillable('b:key', p.key) + nillable('b:value', p.value))).join('');
  return element(name, items, ns);
}

function longArrayXml(name: string, ids: readonly string[] | null): string {
  const ns = { 'xmlns:b': NS.arrays };
  if (ids === null) {
    return nilElement(name, ns);
  }
  return element(name, ids.map((id) => textElement('b:long', id)).join(''), ns);
}

export function customerRoleXml(role: CustomerRole): string {
  return element(
    e('CustomerRole'),
    textElement(e('RoleId'), String(role.RoleId)) +
      textElement(e('CustomerId'), role.CustomerId) +
      longArrayXml(e('AccountIds'), role.AccountIds) +
      longArrayXml(e('LinkedAccountIds'), role.LinkedAccountIds) +
      nillable(e('CustomerLinkPermission'), role.CustomerLinkPermission),
  );
}

/** `e:User` for GetUser. `userTimestamp` is the user's row version as base64. */
export function userXml(user: SimUser, modifiedMs: number, userTimestamp: string): string {
  const contact =
    nilElement(e('Address')) +
    nillable(e('ContactByPhone'), false) +
    nillable(e('ContactByPostalMail'), false) +
    nillable(e('Email'), user.email) +
    nillable(e('EmailFormat'), 'Html') +
    nilElement(e('Fax')) +
    nilElement(e('HomePhone')) +
    nillable(e('Id'), user.id) +
    nilElement(e('Mobile')) +
    nillable(e('Phone1'), user.phone) +
    nilElement(e('Phone2'));
  const name = nillable(e('FirstName'), user.firstName) + nillable(e('LastName'), user.lastName) + nilElement(e('MiddleInitial'));
  return (
    element(e('ContactInfo'), contact) +
    nillable(e('CustomerId'), user.customerId) +
    nillable(e('Id'), user.id) +
    nillable(e('JobTitle'), user.jobTitle) +
    nillable(e('LastModifiedByUserId'), user.id) +
    nillable(e('LastModifiedTime'), formatDateTime(modifiedMs)) +
    nillable(e('Lcid'), 'EnglishUS') +
    element(e('Name'), name) +
    nilElement(e('Password')) +
    nilElement(e('SecretAnswer')) +
    textElement(e('SecretQuestion'), 'None') +
    nillable(e('UserLifeCycleStatus'), 'Active') +
    nillable(e('TimeStamp'), userTimestamp) +
    nillable(e('UserName'), user.userName) +
    keyValuePairsXml(e('ForwardCompatibilityMap'), null)
    // AuthenticationToken: EmitDefaultValue=false, never returned.
  );
}

export function accountInfoXml(account: SimAccount): string {
  return element(
    e('AccountInfo'),
    textElement(e('Id'), account.id) +
      nillable(e('Name'), account.name) +
      nillable(e('Number'), account.number) +
      textElement(e('AccountLifeCycleStatus'), account.lifeCycleStatus) +
      nilElement(e('PauseReason')),
  );
}

export function customerInfoXml(customer: SimCustomer): string {
  return element(e('CustomerInfo'), nillable(e('Id'), customer.id) + nillable(e('Name'), customer.name));
}

/** `e:AdvertiserAccount` (SearchAccounts), 26 members plus the two on-request ones. */
export function advertiserAccountXml(account: SimAccount, extras: AdvertiserAccountExtras): string {
  const agencies = extras.linkedAgencies.map(customerInfoXml).join('');
  return element(
    e('AdvertiserAccount'),
    nillable(e('BillToCustomerId'), account.ownerCustomerId) +
      nillable(e('CurrencyCode'), 'USD') +
      nillable(e('AccountFinancialStatus'), 'ClearFinancialStatus') +
      nillable(e('Id'), account.id) +
      nillable(e('Language'), 'English') +
      nillable(e('LastModifiedByUserId'), account.primaryUserId) +
      nillable(e('LastModifiedTime'), formatDateTime(extras.modifiedMs)) +
      nillable(e('Name'), account.name) +
      nillable(e('Number'), account.number) +
      textElement(e('ParentCustomerId'), account.ownerCustomerId) +
      nilElement(e('PaymentMethodId')) +
      nillable(e('PaymentMethodType'), account.prepaid ? 'CreditCard' : 'Invoice') +
      nillable(e('PrimaryUserId'), account.primaryUserId) +
      nillable(e('AccountLifeCycleStatus'), account.lifeCycleStatus) +
      nillable(e('TimeStamp'), extras.timestamp) +
      nillable(e('TimeZone'), 'PacificTimeUSCanadaTijuana') +
      nilElement(e('PauseReason')) +
      keyValuePairsXml(e('ForwardCompatibilityMap'), null) +
      element(e('LinkedAgencies'), agencies) +
      nilElement(e('SalesHouseCustomerId')) +
      keyValuePairsXml(e('TaxInformation'), null) +
      nilElement(e('BackUpPaymentInstrumentId')) +
      nilElement(e('BillingThresholdAmount')) +
      nilElement(e('BusinessAddress')) +
      nilElement(e('AutoTagType')) +
      nilElement(e('SoldToPaymentInstrumentId')) +
      (extras.additionalFields.includes('TaxCertificate') ? nilElement(e('TaxCertificate')) : '') +
      (extras.additionalFields.includes('AccountMode') ? nillable(e('AccountMode'), 'Expert') : ''),
  );
}

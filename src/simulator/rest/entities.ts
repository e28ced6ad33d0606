/**
 * The `Customer/v13/Entities` data objects as JSON (REST spec §3, §4), emitted strictly: every
 * 64-bit id a string, int32 values numbers, enums member names, date-times as the SOAP side
 * writes them (`yyyy-MM-ddTHH:mm:ss[.fffffff]`, UTC without suffix), absent values `null`
 * (members the service omits when empty are left out, as its EmitDefaultValue=false does).
 */
import { CLIENT_LINK_FIELDS, type ClientLink, type CustomerRole, type KeyValuePair, type OperationError } from '../../core/model/clientLink';
import type { AdvertiserAccountExtras, UserResult } from '../service';
import type { SimAccount, SimCustomer } from '../state/model';
import { formatDateTime } from '../xml/dateTime';
import type { Json, JsonObject } from './json';

function keyValuePairs(pairs: readonly KeyValuePair[] | null | undefined): Json {
  return pairs ? pairs.map((p) => ({ Key: p.key, Value: p.value })) : null;
}

export function clientLinkJson(link: ClientLink): JsonObject {
  const json: JsonObject = {};
  for (const field of CLIENT_LINK_FIELDS) {
    if (field === 'ForwardCompatibilityMap') {
      json[field] = keyValuePairs(link.ForwardCompatibilityMap);
    } else if (field === 'ClientEntityCustomerNumber') {
      // EmitDefaultValue=false on the service side: omitted, not null, when it has no value (SOAP spec §4 row 22).
      if (link.ClientEntityCustomerNumber) {
        json[field] = link.ClientEntityCustomerNumber;
      }
    } else {
      // Ids are already decimal strings in the view; the other members are strings, booleans or null.
      json[field] = link[field] ?? null;
    }
  }
  return json;
}

/**
 * `clientLinkJson` as UTF-8 bytes with a leading comma, cached per view: views are frozen and
 * rebuilt on every change of the link's row version (rules/clientLinkView.ts), so a cached entry
 * is the JSON of one version of one link. A page is then a list of cached buffers, written with
 * one writev (the first item without its comma, by a zero-copy subarray).
 */
const linkBytes = new WeakMap<ClientLink, Buffer>();

export function clientLinkJsonBytes(link: ClientLink): Buffer {
  if (!Object.isFrozen(link)) {
    return Buffer.from(`,${JSON.stringify(clientLinkJson(link))}`, 'utf8');
  }
  let bytes = linkBytes.get(link);
  if (bytes === undefined) {
    bytes = Buffer.from(`,${JSON.stringify(clientLinkJson(link))}`, 'utf8');
    linkBytes.set(link, bytes);
  }
  return bytes;
}

export function operationErrorJson(error: OperationError): JsonObject {
  return { Code: error.Code, Details: error.Details, Message: error.Message };
}

export function customerRoleJson(role: CustomerRole): JsonObject {
  return {
    RoleId: role.RoleId,
    CustomerId: role.CustomerId,
    AccountIds: role.AccountIds ? [...role.AccountIds] : null,
    LinkedAccountIds: role.LinkedAccountIds ? [...role.LinkedAccountIds] : null,
    CustomerLinkPermission: role.CustomerLinkPermission,
  };
}

/** `User` for GetUser: the members and values the SOAP side writes; AuthenticationToken is never returned. */
export function userJson({ user, modifiedMs, timestamp }: UserResult): JsonObject {
  return {
    ContactInfo: {
      Address: null,
      ContactByPhone: false,
      ContactByPostalMail: false,
      Email: user.email,
      EmailFormat: 'Html',
      Fax: null,
      HomePhone: null,
      Id: user.id,
      Mobile: null,
      Phone1: user.phone,
      Phone2: null,
    },
    CustomerId: user.customerId,
    Id: user.id,
    JobTitle: user.jobTitle,
    LastModifiedByUserId: user.id,
    LastModifiedTime: formatDateTime(modifiedMs),
    Lcid: 'EnglishUS',
    Name: { FirstName: user.firstName, LastName: user.lastName, MiddleInitial: null },
    Password: null,
    SecretAnswer: null,
    SecretQuestion: 'None',
    UserLifeCycleStatus: 'Active',
    TimeStamp: timestamp,
    UserName: user.userName,
    ForwardCompatibilityMap: null,
  };
}

export function accountInfoJson(account: SimAccount): JsonObject {
  return { Id: account.id, Name: account.name, Number: account.number, AccountLifeCycleStatus: account.lifeCycleStatus, PauseReason: null };
}

export function customerInfoJson(customer: SimCustomer): JsonObject {
  return { Id: customer.id, Name: customer.name };
}

/** `AdvertiserAccount` (SearchAccounts): the 26 members, plus the two only sent on request. */
export function advertiserAccountJson(account: SimAccount, extras: AdvertiserAccountExtras): JsonObject {
  const json: JsonObject = {
    BillToCustomerId: account.ownerCustomerId,
    CurrencyCode: 'USD',
    AccountFinancialStatus: 'ClearFinancialStatus',
    Id: account.id,
    Language: 'English',
    LastModifiedByUserId: account.primaryUserId,
    LastModifiedTime: formatDateTime(extras.modifiedMs),
    Name: account.name,
    Number: account.number,
    ParentCustomerId: account.ownerCustomerId,
    PaymentMethodId: null,
    PaymentMethodType: account.prepaid ? 'CreditCard' : 'Invoice',
    PrimaryUserId: account.primaryUserId,
    AccountLifeCycleStatus: account.lifeCycleStatus,
    TimeStamp: extras.timestamp,
    TimeZone: 'PacificTimeUSCanadaTijuana',
    PauseReason: null,
    ForwardCompatibilityMap: null,
    LinkedAgencies: extras.linkedAgencies.map(customerInfoJson),
    SalesHouseCustomerId: null,
    TaxInformation: null,
    BackUpPaymentInstrumentId: null,
    BillingThresholdAmount: null,
    BusinessAddress: null,
    AutoTagType: null,
    SoldToPaymentInstrumentId: null,
  };
  if (extras.additionalFields.includes('TaxCertificate')) {
    json.TaxCertificate = null;
  }
  if (extras.additionalFields.includes('AccountMode')) {
    json.AccountMode = 'Expert';
  }
  return json;
}

/**
 * The simulator's responses as read by node-soap from Microsoft's own WSDL: if node-soap parses
 * every member here, the shapes match the real contract.
 *
 * Two node-soap quirks shape the test inputs (the simulator stays strict):
 * - by default node-soap turns xs:dateTime into Date objects and then serializes Date members as
 *   EMPTY elements, which the service refuses (a:DeserializationFailed). The client keeps dateTimes
 *   as raw strings (spec §11.1), so the test does the same with `customDeserializer.dateTime`.
 * - without `handleNilAsNull`, node-soap drops `<ArrayOfOperationError i:nil="true"/>` items,
 *   which shifts PartialErrors indexes; with it they come back as null at their index.
 */
import * as assert from 'node:assert/strict';
import * as soap from 'soap';
import { CLIENT_LINK_FIELDS } from '../../src/core/model/clientLink';
import { ManualClock, startSimulator, type RunningSimulator } from '../../src/simulator';
import { referenceWsdlPath } from '../helpers/paths';

const V13 = 'https://bingads.microsoft.com/Customer/v13';
const AGENCY = '251000123';
const FABRIKAM = '250987654';

interface SoapError {
  root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; detail?: Record<string, Record<string, unknown>> } } } };
}

type Row = Record<string, unknown>;

/** The operations this test calls: node-soap generates them from the WSDL at run time (its own type for them is `any`). */
type ReferenceClient = Pick<soap.Client, 'clearSoapHeaders' | 'addSoapHeader'> &
  Record<
    'GetUserAsync' | 'SearchClientLinksAsync' | 'AddClientLinksAsync' | 'UpdateClientLinksAsync' | 'GetLinkedAccountsAndCustomersInfoAsync' | 'GetAccountsInfoAsync' | 'GetCustomersInfoAsync' | 'SearchAccountsAsync',
    (args: Row) => Promise<unknown>
  >;
const asArray = <T>(value: T | T[] | undefined | null): T[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

describe('conformance: simulator responses through node-soap and the real Microsoft WSDL', function () {
  this.timeout(30_000);
  let sim: RunningSimulator;
  let client: ReferenceClient;

  const as = (token: string) => {
    client.clearSoapHeaders();
    client.addSoapHeader({ AuthenticationToken: token }, '', 'tns', V13);
    client.addSoapHeader({ DeveloperToken: sim.developerToken }, '', 'tns', V13);
  };
  const tokenOf = (customerId: string) => sim.users.find((u) => u.customerId === customerId && u.role === 'Super Admin')!.accessToken;
  const fault = async (call: Promise<unknown>) => {
    const error = (await call.then(
      () => assert.fail('expected a SOAP fault'),
      (e: unknown) => e,
    )) as SoapError;
    const f = error.root?.Envelope?.Body?.Fault;
    assert.ok(f, 'node-soap exposes root.Envelope.Body.Fault');
    return f;
  };

  before(async () => {
    sim = await startSimulator({ seed: 'demo', clock: new ManualClock(Date.UTC(2026, 8, 1, 17, 5, 12, 530)) });
    client = (await soap.createClientAsync(referenceWsdlPath, { endpoint: sim.endpoint, handleNilAsNull: true, customDeserializer: { dateTime: (text: string) => text } })) as unknown as ReferenceClient;
  });
  after(async () => {
    await sim?.close();
  });

  it('GetUser: User members and CustomerRoles', async () => {
    as(tokenOf(AGENCY));
    const [result] = (await client.GetUserAsync({})) as [Row];
    const user = result.User as Row;
    assert.equal(String(user.Id), '171234567');
    assert.equal(String(user.CustomerId), AGENCY);
    assert.deepEqual(user.Name, { FirstName: 'Avery', LastName: 'Howard', MiddleInitial: null });
    assert.equal((user.ContactInfo as Row).Email, 'avery.howard@contoso-agency.example');
    assert.equal(user.Lcid, 'EnglishUS');
    assert.equal(user.SecretQuestion, 'None');
    assert.equal(user.UserLifeCycleStatus, 'Active');
    assert.match(String(user.LastModifiedTime), /^\d{4}-\d\d-\d\dT[\d:.]+$/);
    assert.equal('AuthenticationToken' in user, false);
    const roles = asArray((result.CustomerRoles as Row).CustomerRole as Row[]);
    assert.equal(roles[0]?.RoleId, 41);
    assert.equal(String(roles[0]?.CustomerId), AGENCY);
    assert.ok(asArray((roles[0]?.LinkedAccountIds as Row).long).length > 10, 'LinkedAccountIds parsed as arr:long');
    assert.equal(roles[0]?.CustomerLinkPermission, null);
    const viaCustomerLink = roles.find((r) => r.CustomerLinkPermission === 'Administrative');
    assert.ok(viaCustomerLink, 'a customer reached through a customer link');
  });

  it('SearchClientLinks: every ClientLink member', async () => {
    as(tokenOf(AGENCY));
    const [result] = (await client.SearchClientLinksAsync({
      Predicates: { Predicate: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY }] },
      Ordering: { OrderBy: [{ Field: 'Id', Order: 'Ascending' }] },
      PageInfo: { Index: 0, Size: 100 },
    })) as [Row];
    const links = asArray((result.ClientLinks as Row).ClientLink as Row[]);
    assert.ok(links.length >= 60);
    const first = links.find((l) => String(l.ClientEntityId) === '180012345')!;
    assert.deepEqual(Object.keys(first), [...CLIENT_LINK_FIELDS], 'every member, in WSDL order');
    assert.equal(first.Status, 'LinkPending');
    assert.equal(first.IsBillToClient, true);
    assert.equal(first.SuppressNotification, false);
    assert.equal(first.ClientEntityNumber, 'F120ABCD');
    assert.equal(first.ClientEntityCustomerNumber, 'B9X7Z5Q3W1');
    assert.equal(first.ManagingCustomerNumber, 'A1B2C3D4E5');
    assert.equal(first.ForwardCompatibilityMap, null);
    assert.equal(first.CustomerLinkPermission, null);
    assert.match(String(first.StartDate), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/);
    assert.match(String(first.Timestamp), /^[A-Za-z0-9+/]+=*$/);
    const customerLink = links.find((l) => l.Type === 'CustomerLink')!;
    assert.equal('ClientEntityCustomerNumber' in customerLink, false, 'omitted when null');
    assert.ok(['Administrative', 'Standard'].includes(String(customerLink.CustomerLinkPermission)));
  });

  let invited = '';
  it('AddClientLinks: one success and one partial error at its index', async () => {
    as(tokenOf(AGENCY));
    const account = sim.seed.invitableAccounts.find((a) => a.ownerCustomerId === FABRIKAM)!;
    invited = account.id;
    const [result] = (await client.AddClientLinksAsync({
      ClientLinks: {
        ClientLink: [
          { Type: 'AccountLink', ClientEntityId: account.id, ManagingCustomerId: AGENCY, Note: 'Contoso & you <3', Name: 'Fabrikam via node-soap', IsBillToClient: true, SuppressNotification: false, ClientEntityCustomerNumber: 'B9X7Z5Q3W1' },
          { ClientEntityId: '180012345', ManagingCustomerId: AGENCY, IsBillToClient: false },
        ],
      },
    })) as [Row];
    assert.equal(result.OperationErrors, null);
    const partial = (result.PartialErrors as Row).ArrayOfOperationError as (Row | null)[];
    assert.equal(partial.length, 2);
    assert.equal(partial[0], null);
    const errors = asArray(partial[1]?.OperationError as Row[]);
    assert.equal(errors[0]?.Code, 1410);
    assert.equal(errors[0]?.Details, null);
    assert.match(String(errors[0]?.Message), /already exists/);
  });

  it('UpdateClientLinks: the client echoes the searched link with a new Status', async () => {
    as(tokenOf(FABRIKAM));
    const [found] = (await client.SearchClientLinksAsync({ Predicates: { Predicate: [{ Field: 'ClientAccountId', Operator: 'Equals', Value: invited }] }, PageInfo: { Index: 0, Size: 10 } })) as [Row];
    const link = asArray((found.ClientLinks as Row).ClientLink as Row[])[0]!;
    assert.equal(link.Note, 'Contoso & you <3');
    const [result] = (await client.UpdateClientLinksAsync({ ClientLinks: { ClientLink: [{ ...link, Status: 'LinkAccepted' }] } })) as [Row];
    assert.equal(result.OperationErrors, null);
    assert.deepEqual((result.PartialErrors as Row).ArrayOfOperationError, [null]);
    const stale = (await client.UpdateClientLinksAsync({ ClientLinks: { ClientLink: [{ ...link, Status: 'LinkDeclined' }] } })) as [Row];
    const staleErrors = asArray(((stale[0].PartialErrors as Row).ArrayOfOperationError as Row[])[0]?.OperationError as Row[]);
    assert.equal(staleErrors[0]?.Code, 90003, 'the Timestamp changed with the first update');
  });

  it('GetLinkedAccountsAndCustomersInfo: AccountsInfo and CustomersInfo', async () => {
    as(tokenOf(AGENCY));
    const [result] = (await client.GetLinkedAccountsAndCustomersInfoAsync({ CustomerId: AGENCY, OnlyParentAccounts: false })) as [Row];
    const accounts = asArray((result.AccountsInfo as Row).AccountInfo as Row[]);
    assert.ok(accounts.length > 10);
    assert.deepEqual(Object.keys(accounts[0]!), ['Id', 'Name', 'Number', 'AccountLifeCycleStatus', 'PauseReason']);
    assert.ok(accounts.some((a) => String(a.Id) === '180012348'), 'an account linked to the agency');
    const customers = asArray((result.CustomersInfo as Row).CustomerInfo as Row[]);
    assert.deepEqual(customers.map((c) => c.Name), ['Adventure Works Cycles']);
  });

  it('GetAccountsInfo, GetCustomersInfo and SearchAccounts parse too', async () => {
    as(tokenOf(FABRIKAM));
    const [info] = (await client.GetAccountsInfoAsync({ CustomerId: FABRIKAM, OnlyParentAccounts: true })) as [Row];
    assert.equal(asArray((info.AccountsInfo as Row).AccountInfo as Row[]).length, 4);
    const [customers] = (await client.GetCustomersInfoAsync({ CustomerNameFilter: 'fab', TopN: 10 })) as [Row];
    assert.deepEqual(asArray((customers.CustomersInfo as Row).CustomerInfo as Row[]).map((c) => c.Name), ['Fabrikam, Inc.']);
    const [search] = (await client.SearchAccountsAsync({ Predicates: { Predicate: [{ Field: 'UserId', Operator: 'Equals', Value: '172000001' }] }, PageInfo: { Index: 0, Size: 100 } })) as [Row];
    const accounts = asArray((search.Accounts as Row).AdvertiserAccount as Row[]);
    assert.equal(accounts.length, 4);
    assert.equal(String(accounts[0]?.ParentCustomerId), FABRIKAM);
    assert.ok(accounts.some((a) => asArray(((a.LinkedAgencies as Row | null)?.CustomerInfo ?? []) as Row[]).some((c) => c.Name === 'Contoso Agency')));
  });

  it('faults: AdApiFaultDetail (expired token) and ApiFault (empty list)', async () => {
    as('sim-expired-contoso-admin');
    const expired = await fault(client.GetUserAsync({}));
    assert.equal(expired.faultcode, 's:Server');
    const adApi = expired.detail?.AdApiFaultDetail as Row;
    assert.match(String(adApi.TrackingId), /^[0-9a-f-]{36}$/);
    const adError = asArray((adApi.Errors as Row).AdApiError as Row[])[0];
    assert.equal(String(adError?.Code), '109');
    assert.equal(adError?.ErrorCode, 'AuthenticationTokenExpired');

    as(tokenOf(AGENCY));
    const empty = await fault(client.AddClientLinksAsync({ ClientLinks: {} }));
    const apiFault = empty.detail?.ApiFault as Row;
    assert.match(String(apiFault.TrackingId), /^[0-9a-f-]{36}$/);
    assert.equal(String(asArray((apiFault.OperationErrors as Row).OperationError as Row[])[0]?.Code), '3087');
  });
});

/**
 * The simulator's REST/JSON wire over HTTP (REST spec): the eight routes beside the SOAP endpoint,
 * on the same state, rules, clock, faults, latency and call log.
 */
import * as assert from 'node:assert/strict';
import { FAULT_KINDS, ManualClock, REST_ROUTES, startSimulator, type FaultKind, type RunningSimulator } from '../../../src/simulator';
import { AGENCY_PREDICATE, envelope, jsonOf, post, rest, restPost, SEARCH_AGENCY, SEARCH_AGENCY_JSON, soap, type RestResponse } from './http';
import { AGENCY, FABRIKAM, NOW } from './world';

type Row = Record<string, unknown>;
interface OperationErrorJson {
  Code: number;
  Details: string | null;
  Message: string | null;
}
interface BatchBody {
  OperationErrors: OperationErrorJson[] | null;
  PartialErrors: (OperationErrorJson[] | null)[] | null;
}
interface AdApiFaultBody {
  TrackingId: string;
  Type: string;
  Errors: { Code: number; Detail: string | null; ErrorCode: string; Message: string }[];
}
interface ApiFaultBody {
  TrackingId: string;
  Type: string;
  OperationErrors: OperationErrorJson[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ID = /^\d+$/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?$/;
const links = (res: RestResponse) => jsonOf<{ ClientLinks: Row[] }>(res).ClientLinks;
const byAccount = (id: string) => ({ Predicates: [{ Field: 'ClientAccountId', Operator: 'Equals', Value: id }], PageInfo: { Index: 0, Size: 10 } });

/** The AdApi fault of a response, with the status and Type checked. */
function adApiFault(res: RestResponse, status: number): AdApiFaultBody['Errors'][number] {
  assert.equal(res.status, status, res.text);
  assert.match(res.contentType, /^application\/json; charset=utf-8$/);
  const body = jsonOf<AdApiFaultBody>(res);
  assert.equal(body.Type, 'AdApiFaultDetail');
  assert.equal(body.TrackingId, res.headers.get('trackingid'), 'the TrackingId of the body is the header');
  assert.equal(body.Errors.length, 1);
  return body.Errors[0]!;
}

function apiFault(res: RestResponse): OperationErrorJson {
  assert.equal(res.status, 400, res.text);
  const body = jsonOf<ApiFaultBody>(res);
  assert.equal(body.Type, 'ApiFault');
  assert.match(body.TrackingId, GUID);
  return body.OperationErrors[0]!;
}

describe('simulator REST server', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ seed: 'demo', clock: new ManualClock(NOW) });
  });
  afterEach(async () => {
    await sim.close();
  });

  const fabrikamAccount = () => sim.seed.invitableAccounts.find((a) => a.ownerCustomerId === FABRIKAM)!;
  const invite = (id: string, extra: Row = {}) => ({ ClientEntityId: id, ManagingCustomerId: AGENCY, IsBillToClient: true, ...extra });

  it('has a base URL without trailing slash and serves SOAP, ?wsdl and /__control as before', async () => {
    assert.match(sim.restBaseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sim.endpoint, `${sim.restBaseUrl}/Api/CustomerManagement/v13/CustomerManagementService.svc`);
    assert.equal((await soap(sim.endpoint, 'GetUser', '')).status, 200);
    assert.ok([200, 404].includes((await fetch(`${sim.endpoint}?wsdl`)).status));
    assert.equal((await fetch(`${sim.controlUrl}/clock`)).status, 200);
  });

  describe('operations', () => {
    it('GetUser: the caller, with every id a string and RoleId a number', async () => {
      const res = await rest(sim.restBaseUrl, 'GetUser', { UserId: null });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('trackingid') ?? '', GUID);
      const body = jsonOf<{ User: Row & { ContactInfo: Row }; CustomerRoles: Row[] }>(res);
      assert.equal(body.User.Id, '171234567');
      assert.equal(body.User.CustomerId, AGENCY);
      assert.equal(body.User.ContactInfo.Id, '171234567');
      assert.equal(body.User.Lcid, 'EnglishUS');
      assert.match(String(body.User.LastModifiedTime), DATE_TIME);
      assert.equal('AuthenticationToken' in body.User, false);
      const [home] = body.CustomerRoles;
      assert.equal(home?.RoleId, 41);
      assert.equal(home?.CustomerId, AGENCY);
      const linked = home?.LinkedAccountIds as unknown[];
      assert.ok(linked.length > 10 && linked.every((id) => typeof id === 'string' && ID.test(id)), 'LinkedAccountIds are strings');
      assert.ok(body.CustomerRoles.some((r) => r.CustomerLinkPermission === 'Administrative'), 'a customer reached through a customer link');
      // `{}` is the same question (REST spec §5.1); another user of the customer, by id as a string.
      assert.equal(jsonOf<{ User: Row }>(await rest(sim.restBaseUrl, 'GetUser', {})).User.Id, '171234567');
      assert.equal(jsonOf<{ User: Row }>(await rest(sim.restBaseUrl, 'GetUser', { UserId: '171234568' })).User.Id, '171234568');
    });

    it('SearchClientLinks: every ClientLink member, strictly typed', async () => {
      const res = await rest(sim.restBaseUrl, 'SearchClientLinks', SEARCH_AGENCY_JSON);
      assert.equal(res.status, 200);
      assert.match(res.contentType, /^application\/json; charset=utf-8$/);
      const found = links(res);
      assert.ok(found.length >= 40);
      for (const link of found) {
        for (const id of ['ClientEntityId', 'ManagingCustomerId', 'LastModifiedByUserId']) {
          assert.match(String(link[id]), ID);
          assert.equal(typeof link[id], 'string', id);
        }
        assert.ok(typeof link.IsBillToClient === 'boolean' || link.IsBillToClient === null);
        assert.equal(typeof link.SuppressNotification, 'boolean');
        assert.match(String(link.Status), /^[A-Z][A-Za-z]+$/);
        assert.match(String(link.LastModifiedDateTime), DATE_TIME);
        assert.ok(link.StartDate === null || (typeof link.StartDate === 'string' && DATE_TIME.test(link.StartDate)));
        assert.match(String(link.Timestamp), /^[A-Za-z0-9+/]{11}=$/);
        assert.equal(link.ForwardCompatibilityMap, null);
      }
      const customerLink = found.find((l) => l.Type === 'CustomerLink');
      assert.ok(customerLink && !('ClientEntityCustomerNumber' in customerLink), 'omitted when it has no value, as the service does');
      assert.equal(typeof found.find((l) => l.Type === 'AccountLink')?.ClientEntityCustomerNumber, 'string');
    });

    it('SearchClientLinks answers what SOAP answers, from the same store', async () => {
      const soapText = (await soap(sim.endpoint, 'SearchClientLinks', SEARCH_AGENCY)).text;
      const overSoap = [...soapText.matchAll(/<a:ClientLink>.*?<a:ClientEntityId>(\d+)<.*?<a:Status>(\w+)<.*?<a:Timestamp>([^<]+)</g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
      const overRest = links(await rest(sim.restBaseUrl, 'SearchClientLinks', SEARCH_AGENCY_JSON)).map((l) => `${String(l.ClientEntityId)} ${String(l.Status)} ${String(l.Timestamp)}`);
      assert.ok(overSoap.length > 0);
      assert.deepEqual(overRest, overSoap);
    });

    it('SearchClientLinks pages through a customer over several pages, without duplicates', async () => {
      const all = links(await rest(sim.restBaseUrl, 'SearchClientLinks', SEARCH_AGENCY_JSON)).map((l) => `${String(l.Type)}:${String(l.ClientEntityId)}`);
      const paged: string[] = [];
      let pages = 0;
      for (let index = 0; ; index++) {
        const page = links(await rest(sim.restBaseUrl, 'SearchClientLinks', { Predicates: [AGENCY_PREDICATE], PageInfo: { Index: index, Size: 7 } }));
        pages++;
        paged.push(...page.map((l) => `${String(l.Type)}:${String(l.ClientEntityId)}`));
        if (page.length < 7) {
          break;
        }
      }
      assert.ok(pages >= 3, `${pages} pages`);
      assert.deepEqual(paged, all);
      assert.equal(new Set(paged).size, paged.length);
    });

    it('AddClientLinks: two-level PartialErrors, one entry per link, by index (a duplicate invitation in the middle)', async () => {
      const [a, b] = sim.seed.invitableAccounts;
      const res = await rest(sim.restBaseUrl, 'AddClientLinks', { ClientLinks: [invite(a!.id), invite(a!.id), invite(b!.id)] });
      assert.equal(res.status, 200, res.text);
      const body = jsonOf<BatchBody>(res);
      assert.deepEqual(body.OperationErrors, []);
      assert.equal(body.PartialErrors?.length, 3);
      assert.equal(body.PartialErrors?.[0], null);
      assert.equal(body.PartialErrors?.[2], null);
      const middle = body.PartialErrors?.[1];
      assert.ok(Array.isArray(middle), 'the failed link has an array of OperationError');
      assert.equal(middle[0]?.Code, 1410);
      assert.equal(typeof middle[0]?.Code, 'number');
      assert.match(res.text, /"PartialErrors":\[null,\[\{"Code":1410,"Details":null,"Message":"[^"]+"\}\],null\]/);
      assert.deepEqual(sim.control.callLog().at(-1)?.codes, [1410]);
    });

    it('AddClientLinks over the limit: OperationErrors 3024 and nothing added', async () => {
      const accounts = sim.seed.invitableAccounts;
      const ids = Array.from({ length: 11 }, (_, i) => accounts[i % accounts.length]!.id);
      const before = sim.control.state({ includeLinks: false }).linkRecords;
      const body = jsonOf<BatchBody>(await rest(sim.restBaseUrl, 'AddClientLinks', { ClientLinks: ids.map((id) => invite(id)) }));
      assert.equal(body.OperationErrors?.[0]?.Code, 3024);
      assert.deepEqual(body.PartialErrors, []);
      assert.equal(sim.control.state({ includeLinks: false }).linkRecords, before);
    });

    it('applies the same rules as SOAP: a Standard user cannot add a CustomerLink (403, 106)', async () => {
      const customerLink = { Type: 'CustomerLink', ClientEntityId: FABRIKAM, ClientEntityNumber: 'B9X7Z5Q3W1', ManagingCustomerId: AGENCY, CustomerLinkPermission: 'Standard' };
      const res = await rest(sim.restBaseUrl, 'AddClientLinks', { ClientLinks: [customerLink] }, { token: 'sim-token-contoso-standard' });
      const error = adApiFault(res, 403);
      assert.equal(error.Code, 106);
      assert.equal(error.ErrorCode, 'UserIsNotAuthorized');
      const overSoap = await soap(sim.endpoint, 'AddClientLinks', `<ClientLinks><e:ClientLink><e:Type>CustomerLink</e:Type><e:ClientEntityId>${FABRIKAM}</e:ClientEntityId><e:ClientEntityNumber>B9X7Z5Q3W1</e:ClientEntityNumber><e:ManagingCustomerId>${AGENCY}</e:ManagingCustomerId></e:ClientLink></ClientLinks>`, { token: 'sim-token-contoso-standard' });
      assert.match(overSoap.text, /<Code>106<\/Code>/);
    });

    it('UpdateClientLinks (PUT): the searched link echoed with nulls and a +00:00 StartDate, Status changed; a stale Timestamp fails at its index', async () => {
      const account = fabrikamAccount();
      assert.equal((await rest(sim.restBaseUrl, 'AddClientLinks', { ClientLinks: [invite(account.id)] })).status, 200);
      const asClient = { token: 'sim-token-fabrikam-admin' };
      const [link] = links(await rest(sim.restBaseUrl, 'SearchClientLinks', byAccount(account.id), asClient));
      assert.ok(link);
      // What Microsoft's Python SDK sends back: every member, absent ones as null, date-times re-formatted.
      const echoed: Row = { ...link, ClientEntityCustomerNumber: link.ClientEntityCustomerNumber ?? null, StartDate: `${String(link.StartDate)}+00:00`, Status: 'LinkAccepted' };
      const stale: Row = { ...link, Timestamp: 'AAAAAAAAAAE=', Status: 'LinkDeclined' };
      const res = await rest(sim.restBaseUrl, 'UpdateClientLinks', { ClientLinks: [stale, echoed] }, asClient);
      assert.equal(res.status, 200, res.text);
      const body = jsonOf<BatchBody>(res);
      assert.equal(body.PartialErrors?.[0]?.[0]?.Code, 90003, 'TimestampNotMatch (placeholder code)');
      assert.equal(body.PartialErrors?.[1], null);
      const [after] = links(await rest(sim.restBaseUrl, 'SearchClientLinks', byAccount(account.id)));
      assert.equal(after?.Status, 'LinkInProgress');
      // Add and Update share the path; the verb picks the operation.
      assert.deepEqual(sim.control.callLog().map((c) => c.operation).slice(-3), ['SearchClientLinks', 'UpdateClientLinks', 'SearchClientLinks']);
    });

    it('GetLinkedAccountsAndCustomersInfo, GetAccountsInfo, GetCustomersInfo: ids as strings', async () => {
      const linked = jsonOf<{ AccountsInfo: Row[]; CustomersInfo: Row[] }>(await rest(sim.restBaseUrl, 'GetLinkedAccountsAndCustomersInfo', { CustomerId: AGENCY, OnlyParentAccounts: false }));
      assert.ok(linked.AccountsInfo.length > 1);
      assert.ok(linked.AccountsInfo.every((a) => typeof a.Id === 'string' && ID.test(String(a.Id)) && a.PauseReason === null && a.AccountLifeCycleStatus === 'Active'));
      assert.ok(linked.CustomersInfo.length > 0 && linked.CustomersInfo.every((c) => typeof c.Id === 'string'));
      const own = jsonOf<{ AccountsInfo: Row[] }>(await rest(sim.restBaseUrl, 'GetAccountsInfo', { CustomerId: AGENCY, OnlyParentAccounts: true }));
      assert.deepEqual(own.AccountsInfo.map((a) => a.Id), ['180000001']);
      const customers = jsonOf<{ CustomersInfo: Row[] }>(await rest(sim.restBaseUrl, 'GetCustomersInfo', { CustomerNameFilter: '', TopN: 100 }));
      assert.ok(customers.CustomersInfo.some((c) => c.Id === AGENCY && c.Name === 'Contoso Agency'));
      assert.equal(apiFault(await rest(sim.restBaseUrl, 'GetCustomersInfo', { CustomerNameFilter: '', TopN: 0 })).Code, 90001);
    });

    it('SearchAccounts: AdvertiserAccount members, the comma-separated flag enum', async () => {
      const request = { Predicates: [{ Field: 'UserId', Operator: 'Equals', Value: '171234567' }], Ordering: [{ Field: 'Id', Order: 'Ascending' }], PageInfo: { Index: 0, Size: 1000 } };
      const plain = jsonOf<{ Accounts: Row[] }>(await rest(sim.restBaseUrl, 'SearchAccounts', request));
      const [first] = plain.Accounts;
      assert.ok(first);
      for (const id of ['Id', 'BillToCustomerId', 'ParentCustomerId']) {
        assert.equal(typeof first[id], 'string', id);
      }
      assert.equal(first.CurrencyCode, 'USD');
      assert.ok(Array.isArray(first.LinkedAgencies));
      assert.equal('AccountMode' in first, false);
      const extra = jsonOf<{ Accounts: Row[] }>(await rest(sim.restBaseUrl, 'SearchAccounts', { ...request, ReturnAdditionalFields: 'TaxCertificate,AccountMode' }));
      assert.equal(extra.Accounts[0]?.AccountMode, 'Expert');
      assert.equal(extra.Accounts[0]?.TaxCertificate, null);
    });
  });

  describe('routing', () => {
    it('answers a wrong verb on a known path with 405 and Allow', async () => {
      const get = await restPost(sim.restBaseUrl, 'DELETE', '/CustomerManagement/v13/ClientLinks', '{}');
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST, PUT');
      const put = await restPost(sim.restBaseUrl, 'PUT', '/CustomerManagement/v13/User/Query', '{}');
      assert.equal(put.status, 405);
      assert.equal(put.headers.get('allow'), 'POST');
      assert.deepEqual(sim.control.callLog(), [], 'not a call of the service');
    });

    it('answers an unknown path under /CustomerManagement/ with a plain 404, paths being case-sensitive', async () => {
      for (const path of ['/CustomerManagement/v13/Nothing/Query', '/customermanagement/v13/user/query', '/CustomerManagement/v13/User/Query/', '/CustomerManagement/v12/User/Query']) {
        const res = await restPost(sim.restBaseUrl, 'POST', path, '{}');
        assert.equal(res.status, 404, path);
        assert.match(res.contentType, /^text\/plain/);
        assert.throws(() => JSON.parse(res.text) as unknown);
      }
    });

    it('routes all eight operations with the documented verbs', () => {
      assert.deepEqual(
        REST_ROUTES.map((r) => `${r.method} ${r.path} ${r.operation}`),
        [
          'POST /CustomerManagement/v13/User/Query GetUser',
          'POST /CustomerManagement/v13/ClientLinks/Search SearchClientLinks',
          'POST /CustomerManagement/v13/ClientLinks AddClientLinks',
          'PUT /CustomerManagement/v13/ClientLinks UpdateClientLinks',
          'POST /CustomerManagement/v13/LinkedAccountsAndCustomersInfo/Query GetLinkedAccountsAndCustomersInfo',
          'POST /CustomerManagement/v13/AccountsInfo/Query GetAccountsInfo',
          'POST /CustomerManagement/v13/Accounts/Search SearchAccounts',
          'POST /CustomerManagement/v13/CustomersInfo/Query GetCustomersInfo',
        ],
      );
    });
  });

  describe('headers and credentials', () => {
    it('accepts CustomerAccountId absent, numeric or None, and ignores CustomerId, Api-Revision, User-Agent and IdentityProvider', async () => {
      const variants: Record<string, string>[] = [
        {},
        { CustomerAccountId: 'None', CustomerId: AGENCY },
        { CustomerAccountId: '180000001', CustomerId: AGENCY },
        { 'Api-Revision': '2026-09-14', 'User-Agent': 'BingAdsSDKPython.RestApi 13.0.28.1 (3, 11, 7)', IdentityProvider: 'Google' },
      ];
      for (const headers of variants) {
        const res = await rest(sim.restBaseUrl, 'SearchClientLinks', SEARCH_AGENCY_JSON, { headers });
        assert.equal(res.status, 200, JSON.stringify(headers));
      }
    });

    it('refuses a token without the Bearer prefix like an unknown token (401, 105)', async () => {
      const error = adApiFault(await rest(sim.restBaseUrl, 'GetUser', {}, { authorization: 'sim-token-contoso-admin' }), 401);
      assert.equal(error.Code, 105);
      assert.equal(error.ErrorCode, 'InvalidCredentials');
      assert.equal((await rest(sim.restBaseUrl, 'GetUser', {}, { authorization: 'bearer sim-token-contoso-admin' })).status, 200, 'the scheme name is case-insensitive');
    });

    it('faults 116 / 105 / 109 with 401 for missing, bad and expired credentials', async () => {
      const cases: [Parameters<typeof rest>[3], number][] = [
        [{ token: null }, 116],
        [{ authorization: 'Bearer ' }, 116],
        [{ developerToken: null }, 116],
        [{ developerToken: 'WRONG' }, 105],
        [{ token: 'nope' }, 105],
        [{ token: 'sim-expired-contoso-admin' }, 109],
      ];
      for (const [options, code] of cases) {
        assert.equal(adApiFault(await rest(sim.restBaseUrl, 'GetUser', {}, options), 401).Code, code, JSON.stringify(options));
      }
    });

    it('puts a TrackingId header on every answer, the same as in the body and the call log', async () => {
      const answers = [
        await rest(sim.restBaseUrl, 'GetUser', {}),
        await rest(sim.restBaseUrl, 'AddClientLinks', { ClientLinks: [] }),
        await rest(sim.restBaseUrl, 'GetUser', {}, { token: 'nope' }),
        await restPost(sim.restBaseUrl, 'GET', '/CustomerManagement/v13/ClientLinks/Search', undefined),
      ];
      for (const res of answers) {
        assert.match(res.headers.get('trackingid') ?? '', GUID, `${res.status}`);
      }
      assert.deepEqual(
        sim.control.callLog().map((c) => c.trackingId),
        answers.slice(0, 3).map((r) => r.headers.get('trackingid')),
      );
    });
  });

  describe('reading JSON', () => {
    it('accepts +00:00, Z and 7-digit fractions in date-times (SOAP refuses the signed offset with 113)', async () => {
      const [a, b, c] = sim.seed.invitableAccounts;
      const res = await rest(sim.restBaseUrl, 'AddClientLinks', {
        ClientLinks: [invite(a!.id, { StartDate: '2026-10-01T00:00:00+00:00' }), invite(b!.id, { StartDate: '2026-10-01T02:00:00.1234567+02:00' }), invite(c!.id, { StartDate: '2026-10-01T00:00:00.530000Z' })],
      });
      assert.deepEqual(jsonOf<BatchBody>(res).PartialErrors, [null, null, null]);
      const starts = await Promise.all([a!, b!, c!].map(async (x) => links(await rest(sim.restBaseUrl, 'SearchClientLinks', byAccount(x.id)))[0]?.StartDate));
      assert.deepEqual(starts, ['2026-10-01T00:00:00', '2026-10-01T00:00:00.123', '2026-10-01T00:00:00.53']);
      const d = sim.seed.invitableAccounts[3]!;
      const overSoap = await soap(sim.endpoint, 'AddClientLinks', `<ClientLinks><e:ClientLink><e:ClientEntityId>${d.id}</e:ClientEntityId><e:ManagingCustomerId>${AGENCY}</e:ManagingCustomerId><e:IsBillToClient>true</e:IsBillToClient><e:StartDate>2026-10-01T00:00:00+00:00</e:StartDate></e:ClientLink></ClientLinks>`);
      assert.match(overSoap.text, /<Code>113<\/Code>/);
    });

    it('reads \\u escapes, ids sent as numbers, and skips unknown or wrong-case members (logged)', async () => {
      const [a, b] = sim.seed.invitableAccounts;
      const body = `{"ClientLinks":[{"ClientEntityId":${a!.id},"ManagingCustomerId":"${AGENCY}","IsBillToClient":true,"Note":"Caf\\u00e9 \\ud83d\\ude00","Colour":"blue"},{"clientEntityId":"${b!.id}","ManagingCustomerId":"${AGENCY}","IsBillToClient":true}]}`;
      const res = await rest(sim.restBaseUrl, 'AddClientLinks', body);
      const partial = jsonOf<BatchBody>(res).PartialErrors;
      assert.equal(partial?.[0], null);
      assert.equal(partial?.[1]?.[0]?.Code, 90001, 'clientEntityId is not ClientEntityId: the id is missing');
      assert.equal(sim.control.state().links?.find((l) => l.ClientEntityId === a!.id)?.Note, 'Café 😀');
      assert.deepEqual(sim.control.callLog().at(-1)?.ignoredMembers, ['ClientLinks[0].Colour', 'ClientLinks[1].clientEntityId']);
    });

    it('answers a body that is not JSON or of the wrong shape with 400 and AdApiFaultDetail 100 (NullRequest)', async () => {
      const before = sim.control.state({ includeLinks: false }).linkRecords;
      const bodies = ['', 'not json', '[1,2]', 'null', '{"ClientLinks":"x"}', '{"ClientLinks":[null]}', '{"ClientLinks":[{"IsBillToClient":"maybe"}]}', '{"ClientLinks":[{"ClientEntityId":"12ab"}]}', '{"ClientLinks":[{"StartDate":"tomorrow"}]}', '{"ClientLinks":[{"Status":"linkPending"}]}', '{"ClientLinks":[{"Status":null}]}'];
      for (const body of bodies) {
        const error = adApiFault(await rest(sim.restBaseUrl, 'AddClientLinks', body), 400);
        assert.equal(error.Code, 100, body);
        assert.equal(error.ErrorCode, 'NullRequest');
        assert.ok(error.Detail, 'the Detail says what could not be read');
      }
      assert.match(adApiFault(await rest(sim.restBaseUrl, 'AddClientLinks', '{"ClientLinks":[{},{"IsBillToClient":"maybe"}]}'), 400).Detail ?? '', /ClientLinks\[1\]\.IsBillToClient/);
      assert.equal(sim.control.state({ includeLinks: false }).linkRecords, before, 'nothing was added');
    });

    it('authenticates before reading the body', async () => {
      assert.equal(adApiFault(await rest(sim.restBaseUrl, 'AddClientLinks', 'not json', { token: 'nope' }), 401).Code, 105);
    });

    it('answers whole-request validation with 400 ApiFault', async () => {
      assert.equal(apiFault(await rest(sim.restBaseUrl, 'AddClientLinks', { ClientLinks: [] })).Code, 3087);
      assert.equal(apiFault(await rest(sim.restBaseUrl, 'SearchClientLinks', { Predicates: [AGENCY_PREDICATE] })).Code, 3080);
      assert.equal(apiFault(await rest(sim.restBaseUrl, 'SearchClientLinks', { PageInfo: { Index: 0, Size: 10 } })).Code, 474);
    });

    it('can read null on a non-nullable member as absent instead of refusing it', async () => {
      const lenient = await startSimulator({ seed: 'demo', clock: new ManualClock(NOW), rest: { rejectNullForNonNullable: false } });
      try {
        const res = await rest(lenient.restBaseUrl, 'AddClientLinks', { ClientLinks: [invite(lenient.seed.invitableAccounts[0]!.id, { Status: null, SuppressNotification: null })] });
        assert.deepEqual(jsonOf<BatchBody>(res).PartialErrors, [null]);
      } finally {
        await lenient.close();
      }
    });
  });

  describe('writing JSON', () => {
    it('writes empty OperationErrors and all-success PartialErrors as configured', async () => {
      const other = await startSimulator({ seed: 'demo', clock: new ManualClock(NOW), rest: { emptyOperationErrors: 'null', allSuccessPartialErrors: 'empty' } });
      try {
        const [a, b] = other.seed.invitableAccounts;
        assert.equal((await rest(other.restBaseUrl, 'AddClientLinks', { ClientLinks: [invite(a!.id)] })).text, '{"OperationErrors":null,"PartialErrors":[]}');
        const mixed = jsonOf<BatchBody>(await rest(other.restBaseUrl, 'AddClientLinks', { ClientLinks: [invite(b!.id), invite(a!.id)] }));
        assert.equal(mixed.OperationErrors, null);
        assert.equal(mixed.PartialErrors?.[0], null, 'a failure keeps one entry per link');
        assert.equal(mixed.PartialErrors?.[1]?.[0]?.Code, 1410);
      } finally {
        await other.close();
      }
      const [c] = sim.seed.invitableAccounts;
      assert.equal((await rest(sim.restBaseUrl, 'AddClientLinks', { ClientLinks: [invite(c!.id)] })).text, '{"OperationErrors":[],"PartialErrors":[null]}');
    });
  });

  describe('fault and latency injection, call log, lifecycle and control', () => {
    const checks: Record<Exclude<FaultKind, 'hang'>, (res: RestResponse) => void> = {
      throttle: (res) => {
        assert.equal(adApiFault(res, 429).Code, 117);
        assert.equal(res.headers.get('retry-after'), '60');
      },
      expiredToken: (res) => assert.equal(adApiFault(res, 401).Code, 109),
      invalidToken: (res) => assert.equal(adApiFault(res, 401).Code, 105),
      internalError: (res) => assert.equal(adApiFault(res, 500).Code, 0),
      http500: (res) => {
        assert.equal(res.status, 500);
        assert.match(res.contentType, /^text\/html/);
        assert.match(res.text, /<html>/);
      },
      http503: (res) => {
        assert.equal(res.status, 503);
        assert.match(res.contentType, /^text\/html/);
        assert.equal(res.headers.get('retry-after'), '5');
      },
      malformed: (res) => {
        assert.equal(res.status, 200);
        assert.throws(() => JSON.parse(res.text) as unknown);
      },
      truncated: (res) => {
        assert.equal(res.status, 200);
        assert.match(res.text, /^\{"ClientLinks":\[\{"Type":/);
        assert.throws(() => JSON.parse(res.text) as unknown);
      },
      unknownFault: (res) => {
        assert.equal(res.status, 500);
        const body = jsonOf<Row>(res);
        assert.ok(!['AdApiFaultDetail', 'ApiFault'].includes(String(body.Type)), String(body.Type));
        assert.equal(body.TrackingId, res.headers.get('trackingid'));
      },
    };

    it('injects every fault kind in the REST shapes, with a TrackingId header, never a fault with 200', async () => {
      for (const kind of FAULT_KINDS) {
        if (kind === 'hang') {
          continue;
        }
        sim.control.injectFault({ operation: 'SearchClientLinks', fault: kind });
        const res = await rest(sim.restBaseUrl, 'SearchClientLinks', SEARCH_AGENCY_JSON);
        checks[kind](res);
        assert.match(res.headers.get('trackingid') ?? '', GUID, kind);
        const record = sim.control.callLog().at(-1);
        assert.equal(record?.outcome, `injected:${kind}`);
        assert.equal(record?.protocol, 'rest');
      }
      assert.equal((await rest(sim.restBaseUrl, 'SearchClientLinks', SEARCH_AGENCY_JSON)).status, 200, 'recovers');
    });

    it('hangs on an injected hang until the client gives up', async () => {
      sim.control.injectFault({ operation: 'GetUser', fault: 'hang' });
      const controller = new AbortController();
      const pending = rest(sim.restBaseUrl, 'GetUser', {}, { signal: controller.signal }).catch((e: unknown) => e);
      setTimeout(() => controller.abort(), 100);
      assert.ok((await pending) instanceof Error);
      assert.equal(sim.control.callLog().at(-1)?.outcome, 'injected:hang');
    });

    it('does not send REST faults with 200 when SOAP faults are asked to be 200', async () => {
      const other = await startSimulator({ seed: 'empty', faultsAs200: true });
      try {
        assert.equal((await soap(other.endpoint, 'GetUser', '', { token: 'bad' })).status, 200);
        assert.equal(adApiFault(await rest(other.restBaseUrl, 'GetUser', {}, { token: 'bad' }), 401).Code, 105);
        other.control.injectFault({ fault: 'throttle' });
        assert.equal((await rest(other.restBaseUrl, 'GetUser', {})).status, 429);
      } finally {
        await other.close();
      }
    });

    it('delays REST answers by the operation latency', async () => {
      sim.control.setLatency(60_000, 'GetUser');
      const controller = new AbortController();
      let settled = false;
      const delayed = rest(sim.restBaseUrl, 'GetUser', {}, { signal: controller.signal }).then(
        () => (settled = true),
        () => (settled = true),
      );
      assert.equal((await rest(sim.restBaseUrl, 'SearchClientLinks', SEARCH_AGENCY_JSON)).status, 200);
      assert.equal(settled, false, 'GetUser is still being delayed after another call was answered');
      controller.abort();
      await delayed;
    });

    it('counts and logs REST and SOAP calls together', async () => {
      await soap(sim.endpoint, 'GetUser', '');
      await rest(sim.restBaseUrl, 'GetUser', {});
      await post(sim.endpoint, '"GetUser"', envelope('GetUser', '', { token: 'nope' }));
      await rest(sim.restBaseUrl, 'GetUser', {}, { token: 'nope' });
      assert.deepEqual(sim.control.state({ includeLinks: false }).callCounts, { GetUser: 4 });
      assert.deepEqual(
        sim.control.callLog().map((c) => `${c.protocol} ${c.status} ${c.outcome} ${c.userId ?? '-'} ${c.codes.join(',')}`),
        ['soap 200 ok 171234567 ', 'rest 200 ok 171234567 ', 'soap 500 fault - 105', 'rest 401 fault - 105'],
      );
    });

    it('takes faults and clock moves from /__control, and runs the lifecycle for REST calls', async () => {
      const control = (route: string, body: unknown) => fetch(`${sim.controlUrl}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await control('/faults', { operation: 'AddClientLinks', fault: 'throttle' })).status, 201);
      const account = fabrikamAccount();
      assert.equal((await rest(sim.restBaseUrl, 'AddClientLinks', { ClientLinks: [invite(account.id)] })).status, 429);
      assert.equal((await rest(sim.restBaseUrl, 'AddClientLinks', { ClientLinks: [invite(account.id)] })).status, 200);
      const status = async () => links(await rest(sim.restBaseUrl, 'SearchClientLinks', byAccount(account.id)))[0]?.Status;
      const update = async (token: string, target: string) => {
        const [link] = links(await rest(sim.restBaseUrl, 'SearchClientLinks', byAccount(account.id), { token }));
        const res = await rest(sim.restBaseUrl, 'UpdateClientLinks', { ClientLinks: [{ ...link, Status: target }] }, { token });
        assert.deepEqual(jsonOf<BatchBody>(res).PartialErrors, [null], res.text);
      };
      assert.equal(await status(), 'LinkPending');
      await update('sim-token-fabrikam-admin', 'LinkAccepted');
      assert.equal(await status(), 'LinkInProgress');
      assert.equal((await control('/clock/advance', { ms: 15 * 60_000 })).status, 200);
      assert.equal(await status(), 'Active');
      await update('sim-token-contoso-admin', 'UnlinkRequested');
      sim.control.advanceClock(60 * 60_000);
      assert.equal(await status(), 'Inactive');
    });
  });
});

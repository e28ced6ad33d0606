/**
 * The REST adapter on a fake Transport (REST spec §1, §2, §5): verb, path, headers and JSON body
 * of each operation; then the protocol-neutral service over it: Retry-After on throttling, one
 * token renewal on 109, PartialErrors mapped to each link's outcome by index.
 */
import * as assert from 'node:assert/strict';
import { HttpStatusError, MalformedResponseError, OperationErrorsError, ServiceFaultError } from '../../../src/core/errors';
import type { HttpRequest } from '../../../src/core/http/transport';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { CustomerManagementRestClient } from '../../../src/core/rest/restClient';
import { createClientLinksService, WireClientLinksService } from '../../../src/core/service';
import type { ServiceOptions } from '../../../src/core/service/types';
import type { CallContext } from '../../../src/core/service/wireClient';
import { sampleLink } from '../soap/envelopes';
import { FakeTransport, REST_BASE, type FakeHandler } from './fakeTransport';

const ACCESS_TOKEN = 'access-token-SECRET';
const DEVELOPER_TOKEN = 'BBD37VB98';
const AGENCY = '251000123';

const CONTEXT: CallContext = { credentials: { accessToken: ACCESS_TOKEN, developerToken: DEVELOPER_TOKEN }, customerId: AGENCY };

const USER_BODY = {
  User: { Id: '171234567', CustomerId: AGENCY, UserName: 'dana@contoso-agency.example', ContactInfo: { Email: 'ops@contoso-agency.example' } },
  CustomerRoles: [{ RoleId: 41, CustomerId: AGENCY, AccountIds: null, LinkedAccountIds: ['180012345'], CustomerLinkPermission: null }],
};

function client(transport: FakeTransport, baseUrl = REST_BASE): CustomerManagementRestClient {
  return new CustomerManagementRestClient({ baseUrl, timeoutMs: 4321, transport });
}

function headerNames(request: HttpRequest | undefined): string[] {
  return Object.keys(request?.headers ?? {}).map((h) => h.toLowerCase());
}

function invite(i: number): ClientLink {
  return { Type: 'AccountLink', ClientEntityId: String(180000000 + i), ManagingCustomerId: AGENCY, IsBillToClient: true };
}

describe('REST client (CustomerManagementRestClient) on a fake transport', () => {
  describe('verb, path, headers and body per operation (REST spec §1, §2, §5)', () => {
    const expectedHeaders = {
      Authorization: `Bearer ${ACCESS_TOKEN}`,
      DeveloperToken: DEVELOPER_TOKEN,
      'Content-Type': 'application/json',
      Accept: 'application/json',
      CustomerId: AGENCY,
    };

    const cases: {
      operation: string;
      method: 'POST' | 'PUT';
      path: string;
      call: (c: CustomerManagementRestClient, context: CallContext) => Promise<unknown>;
      body: unknown;
    }[] = [
      { operation: 'GetUser', method: 'POST', path: '/CustomerManagement/v13/User/Query', call: (c, x) => c.getUser(x), body: { UserId: null } },
      {
        operation: 'SearchClientLinks',
        method: 'POST',
        path: '/CustomerManagement/v13/ClientLinks/Search',
        call: (c, x) => c.searchClientLinks([{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY }], [{ Field: 'Name', Order: 'Ascending' }], { index: 0, size: 100 }, x),
        body: {
          Predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY }],
          Ordering: [{ Field: 'Name', Order: 'Ascending' }],
          PageInfo: { Index: 0, Size: 100 },
        },
      },
      {
        operation: 'AddClientLinks',
        method: 'POST',
        path: '/CustomerManagement/v13/ClientLinks',
        call: (c, x) =>
          c.addClientLinks(
            [
              { Type: 'AccountLink', ClientEntityId: '180012345', ManagingCustomerId: AGENCY, Note: 'Contoso will run your Q4 search campaigns.', Name: 'Fabrikam Shoes US', IsBillToClient: true, SuppressNotification: false, ClientEntityCustomerNumber: 'B9X7Z5Q3W1' },
              { ClientEntityId: '180099999', ManagingCustomerId: AGENCY, IsBillToClient: false },
            ],
            x,
          ),
        body: {
          ClientLinks: [
            { Type: 'AccountLink', ClientEntityId: '180012345', ManagingCustomerId: AGENCY, Note: 'Contoso will run your Q4 search campaigns.', Name: 'Fabrikam Shoes US', IsBillToClient: true, SuppressNotification: false, ClientEntityCustomerNumber: 'B9X7Z5Q3W1' },
            { ClientEntityId: '180099999', ManagingCustomerId: AGENCY, IsBillToClient: false },
          ],
        },
      },
      {
        operation: 'UpdateClientLinks',
        method: 'PUT',
        path: '/CustomerManagement/v13/ClientLinks',
        call: (c, x) => c.updateClientLinks([sampleLink({ Status: 'LinkCanceled' })], x),
        body: {
          ClientLinks: [
            {
              Type: 'AccountLink',
              ClientEntityId: '180012345',
              ClientEntityNumber: 'F120ABCD',
              ClientEntityName: 'Fabrikam Shoes - US',
              ManagingCustomerId: AGENCY,
              ManagingCustomerNumber: 'A1B2C3D4E5',
              ManagingCustomerName: 'Contoso Agency',
              Note: 'Contoso will run your Q4 search campaigns.',
              Name: 'Fabrikam Shoes US',
              InviterEmail: 'ops@contoso-agency.example',
              InviterName: 'Contoso Agency',
              InviterPhone: '+14255550100',
              IsBillToClient: true,
              StartDate: '2026-09-01T17:05:12.53',
              Status: 'LinkCanceled',
              SuppressNotification: false,
              LastModifiedDateTime: '2026-09-01T17:05:12.53',
              LastModifiedByUserId: '171234567',
              Timestamp: 'AAAAAAGq3n0=',
              ForwardCompatibilityMap: null,
              CustomerLinkPermission: null,
              ClientEntityCustomerNumber: 'B9X7Z5Q3W1',
            },
          ],
        },
      },
      {
        operation: 'GetLinkedAccountsAndCustomersInfo',
        method: 'POST',
        path: '/CustomerManagement/v13/LinkedAccountsAndCustomersInfo/Query',
        call: (c, x) => c.getLinkedAccountsAndCustomersInfo(AGENCY, x),
        body: { CustomerId: AGENCY, OnlyParentAccounts: false },
      },
      {
        operation: 'GetCustomersInfo',
        method: 'POST',
        path: '/CustomerManagement/v13/CustomersInfo/Query',
        call: (c, x) => c.getCustomersInfo({ nameFilter: '', topN: 100 }, x),
        body: { CustomerNameFilter: '', TopN: 100 },
      },
      { operation: 'GetAccountsInfo', method: 'POST', path: '/CustomerManagement/v13/AccountsInfo/Query', call: (c, x) => c.getAccountsInfo('250987654', x), body: { CustomerId: '250987654', OnlyParentAccounts: false } },
    ];

    for (const { operation, method, path, call, body } of cases) {
      it(`${operation}: ${method} ${path}, Bearer + DeveloperToken + CustomerId headers, no SOAPAction, the spec's JSON`, async () => {
        const transport = new FakeTransport(() => ({ body: operation === 'GetUser' ? USER_BODY : {} }));
        await call(client(transport), CONTEXT);
        assert.equal(transport.requests.length, 1);
        const [request] = transport.requests;
        assert.ok(request);
        assert.equal(request.method, method);
        assert.equal(request.url, REST_BASE + path);
        assert.equal(request.operation, operation);
        assert.equal(request.timeoutMs, 4321);
        assert.deepEqual(request.headers, expectedHeaders);
        assert.ok(!headerNames(request).includes('soapaction'), 'no SOAPAction over REST');
        assert.deepEqual(transport.bodyOf(), body);
      });
    }

    it('sends no CustomerId header when the context has no customer', async () => {
      const transport = new FakeTransport(() => ({ body: USER_BODY }));
      await client(transport).getUser({ credentials: CONTEXT.credentials });
      assert.ok(!headerNames(transport.requests[0]).includes('customerid'), JSON.stringify(transport.requests[0]?.headers));
      assert.equal(transport.requests[0]?.headers.Authorization, `Bearer ${ACCESS_TOKEN}`);
    });

    it('calls the path under the base URL, a trailing slash removed', async () => {
      const transport = new FakeTransport(() => ({ body: USER_BODY }));
      const c = client(transport, `${REST_BASE}/`);
      assert.equal(c.url, REST_BASE);
      assert.equal(c.protocol, 'rest');
      await c.getUser(CONTEXT);
      assert.equal(transport.requests[0]?.url, `${REST_BASE}/CustomerManagement/v13/User/Query`);
    });
  });

  describe('answers', () => {
    it('returns the model value and the TrackingId header', async () => {
      const transport = new FakeTransport(() => ({ body: USER_BODY, headers: { trackingid: 'tid-user' } }));
      const result = await client(transport).getUser(CONTEXT);
      assert.equal(result.trackingId, 'tid-user');
      assert.equal(result.value.User.Id, '171234567');
      assert.equal(result.value.User.Email, 'ops@contoso-agency.example');
      assert.deepEqual(result.value.CustomerRoles[0]?.LinkedAccountIds, ['180012345']);
    });

    it('GetUser answered without a User → MalformedResponseError', async () => {
      const transport = new FakeTransport(() => ({ body: { CustomerRoles: [] } }));
      const error = await client(transport)
        .getUser(CONTEXT)
        .catch((e: unknown) => e);
      assert.ok(error instanceof MalformedResponseError, String(error));
      assert.equal(error.operation, 'GetUser');
    });

    it('Add: PartialErrors two-level by index', async () => {
      const transport = new FakeTransport(() => ({ body: { OperationErrors: [], PartialErrors: [null, [{ Code: 1410, Details: null, Message: 'exists' }]] } }));
      const result = await client(transport).addClientLinks([invite(1), invite(2)], CONTEXT);
      assert.deepEqual(result.value, { operationErrors: [], partialErrors: [null, [{ code: 1410, errorCode: null, message: 'exists', details: null }]] });
    });

    it('reports the answer size to onAnswer on 2xx only', async () => {
      const sizes: number[] = [];
      const transport = new FakeTransport((_r, n) => (n === 1 ? { body: { ClientLinks: [] } } : { status: 500, body: { Type: 'AdApiFaultDetail', Errors: [{ Code: 0, Message: 'x' }] } }));
      const c = client(transport);
      const ctx: CallContext = { ...CONTEXT, onAnswer: (size) => sizes.push(size) };
      await c.searchClientLinks([{ Field: 'ManagingCustomerId', Operator: 'Equals', Value: AGENCY }], undefined, { index: 0, size: 100 }, ctx);
      await c.searchClientLinks([{ Field: 'ManagingCustomerId', Operator: 'Equals', Value: AGENCY }], undefined, { index: 1, size: 100 }, ctx).catch(() => undefined);
      assert.deepEqual(sizes, ['{"ClientLinks":[]}'.length]);
    });

    it('passes the abort signal to the transport and closes it', () => {
      const transport = new FakeTransport(() => ({ body: USER_BODY }));
      const c = client(transport);
      const signal = new AbortController().signal;
      void c.getUser({ ...CONTEXT, signal });
      assert.equal(transport.requests[0]?.signal, signal);
      c.close();
      assert.equal(transport.closed, true);
    });
  });
});

describe('WireClientLinksService over REST (fake transport)', () => {
  let transport: FakeTransport;
  let sleeps: number[];
  let refreshes: number;
  let tokenRequests: boolean[];

  function service(handler: FakeHandler, overrides: Partial<ServiceOptions> = {}): WireClientLinksService {
    transport = new FakeTransport(handler);
    const options: ServiceOptions = {
      endpoint: 'https://clientcenter.api.bingads.microsoft.com',
      protocol: 'rest',
      customerId: () => AGENCY,
      developerToken: () => Promise.resolve(DEVELOPER_TOKEN),
      tokenSource: {
        getAccessToken: ({ forceRefresh }) => {
          tokenRequests.push(forceRefresh);
          if (forceRefresh) {
            refreshes++;
            return Promise.resolve(`${ACCESS_TOKEN}-renewed`);
          }
          return Promise.resolve(ACCESS_TOKEN);
        },
      },
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      ...overrides,
    };
    return new WireClientLinksService(options, new CustomerManagementRestClient({ baseUrl: REST_BASE, timeoutMs: 1000, transport }));
  }

  const throttled = (retryAfter: string | undefined): ReturnType<FakeHandler> => ({
    status: 429,
    body: { TrackingId: 'tid-throttled', Type: 'AdApiFaultDetail', Errors: [{ Code: 117, Detail: null, ErrorCode: 'CallRateExceeded', Message: 'Too many calls.' }] },
    headers: { 'retry-after': retryAfter },
  });
  const expired = { status: 401, body: { TrackingId: 'tid-109', Type: 'AdApiFaultDetail', Errors: [{ Code: 109, Detail: null, ErrorCode: 'AuthenticationTokenExpired', Message: 'expired' }] } };

  beforeEach(() => {
    sleeps = [];
    refreshes = 0;
    tokenRequests = [];
  });

  it('createClientLinksService({protocol: "rest"}) calls the endpoint’s origin over REST', () => {
    const s = createClientLinksService({
      endpoint: 'https://clientcenter.api.sandbox.bingads.microsoft.com/Api/CustomerManagement/v13/CustomerManagementService.svc',
      protocol: 'rest',
      tokenSource: { getAccessToken: () => Promise.resolve('t') },
      developerToken: () => Promise.resolve('d'),
    });
    try {
      assert.equal(s.protocol, 'rest');
      assert.equal(s.url, 'https://clientcenter.api.sandbox.bingads.microsoft.com');
    } finally {
      s.dispose?.();
    }
  });

  it('sends the CustomerId header from options.customerId', async () => {
    await service(() => ({ body: USER_BODY })).getUser();
    assert.equal(transport.requests[0]?.headers.CustomerId, AGENCY);
  });

  it('429 ApplicationFault 117 with Retry-After: 7 → sleeps 7000 ms, then succeeds', async () => {
    const result = await service((_r, n) => (n === 1 ? throttled('7') : { body: USER_BODY, headers: { trackingid: 'tid-ok' } })).getUser();
    assert.deepEqual(sleeps, [7000]);
    assert.equal(transport.requests.length, 2);
    assert.equal(result.trackingId, 'tid-ok');
  });

  it('a throttled write (117) is retried after Retry-After too: nothing was applied', async () => {
    const outcomes = await service((_r, n) => (n === 1 ? throttled('7') : { body: { OperationErrors: [], PartialErrors: [] } })).addClientLinks([invite(1)]);
    assert.deepEqual(sleeps, [7000]);
    assert.deepEqual(
      outcomes.map((o) => o.state),
      ['succeeded'],
    );
  });

  it('a Retry-After longer than maxRetryAfterMs is cut to it', async () => {
    await service((_r, n) => (n === 1 ? throttled('3600') : { body: USER_BODY })).getUser();
    assert.deepEqual(sleeps, [300_000]);
    sleeps = [];
    await service((_r, n) => (n === 1 ? throttled('60') : { body: USER_BODY }), { retry: { maxRetryAfterMs: 10_000 } }).getUser();
    assert.deepEqual(sleeps, [10_000]);
  });

  it('a bare HTTP 429 (no fault body) with Retry-After: 5 waits 5000 ms, for a read and for a write', async () => {
    const bare = { status: 429, body: '', headers: { 'retry-after': '5', 'content-type': undefined } };
    await service((_r, n) => (n === 1 ? bare : { body: USER_BODY })).getUser();
    assert.deepEqual(sleeps, [5000]);
    sleeps = [];
    const outcomes = await service((_r, n) => (n === 1 ? bare : { body: { OperationErrors: [], PartialErrors: [null] } })).updateClientLinks([sampleLink({ Status: 'LinkCanceled' })]);
    assert.deepEqual(sleeps, [5000]);
    assert.equal(outcomes[0]?.state, 'succeeded');
    assert.equal(transport.requests.length, 2);
  });

  it('117 without Retry-After waits throttleDelayMs', async () => {
    await service((_r, n) => (n === 1 ? throttled(undefined) : { body: USER_BODY }), { retry: { throttleDelayMs: 45_000 } }).getUser();
    assert.deepEqual(sleeps, [45_000]);
  });

  it('401 with 109 renews the token once (forceRefresh: true) and retries with the new Bearer token', async () => {
    const result = await service((r) => (r.headers.Authorization === `Bearer ${ACCESS_TOKEN}-renewed` ? { body: USER_BODY } : expired)).getUser();
    assert.equal(result.value.User.Id, '171234567');
    assert.equal(refreshes, 1);
    assert.deepEqual(tokenRequests, [false, true]);
    assert.deepEqual(
      transport.requests.map((r) => r.headers.Authorization),
      [`Bearer ${ACCESS_TOKEN}`, `Bearer ${ACCESS_TOKEN}-renewed`],
    );
    assert.deepEqual(sleeps, []);
  });

  it('a second 109 after the renewal fails with the fault (one renewal only)', async () => {
    const error = await service(() => expired)
      .getUser()
      .catch((e: unknown) => e);
    assert.ok(error instanceof ServiceFaultError, String(error));
    assert.equal(error.tokenExpired, true);
    assert.equal(error.trackingId, 'tid-2'); // the last answer's header, not the body's tid-109
    assert.equal(refreshes, 1);
    assert.equal(transport.requests.length, 2);
  });

  it('PartialErrors map to each link’s LinkOutcome by index, across calls of ten', async () => {
    const failing = new Set(['180000002', '180000011']);
    const s = service((request) => {
      const body = JSON.parse(request.body) as { ClientLinks: ClientLink[] };
      return {
        body: {
          OperationErrors: [],
          PartialErrors: body.ClientLinks.map((l) => (failing.has(l.ClientEntityId ?? '') ? [{ Code: 1410, Details: l.ClientEntityId, Message: 'exists' }] : null)),
        },
      };
    });
    const links = Array.from({ length: 12 }, (_, i) => invite(i));
    const outcomes = await s.addClientLinks(links);
    assert.equal(transport.requests.length, 2);
    assert.deepEqual(
      outcomes.map((o) => [o.index, o.link.ClientEntityId, o.state, o.errors.map((e) => e.details)]),
      links.map((l, i) => [i, l.ClientEntityId, failing.has(l.ClientEntityId ?? '') ? 'failed' : 'succeeded', failing.has(l.ClientEntityId ?? '') ? [l.ClientEntityId] : []]),
    );
  });

  it('UpdateClientLinks: [null, [{…}]] fails only the second link; all-success [] and [null,null] succeed all', async () => {
    const links = [sampleLink({ Status: 'LinkCanceled' }), sampleLink({ ClientEntityId: '180099999', Status: 'LinkCanceled' })];
    const partial = await service(() => ({ body: { OperationErrors: [], PartialErrors: [null, [{ Code: 1405, Details: null, Message: 'bad status' }]] } })).updateClientLinks(links);
    assert.deepEqual(
      partial.map((o) => [o.state, o.errors.map((e) => e.code)]),
      [
        ['succeeded', []],
        ['failed', [1405]],
      ],
    );
    assert.equal(transport.requests[0]?.method, 'PUT');
    for (const PartialErrors of [[], [null, null], null]) {
      const outcomes = await service(() => ({ body: { OperationErrors: [], PartialErrors } })).updateClientLinks(links);
      assert.deepEqual(
        outcomes.map((o) => o.state),
        ['succeeded', 'succeeded'],
        JSON.stringify(PartialErrors),
      );
    }
  });

  it('OperationErrors fail every link of the call with an OperationErrorsError', async () => {
    const outcomes = await service(() => ({ body: { OperationErrors: [{ Code: 3087, Details: null, Message: 'empty' }], PartialErrors: null } })).addClientLinks([invite(1), invite(2)]);
    assert.deepEqual(
      outcomes.map((o) => o.state),
      ['failed', 'failed'],
    );
    assert.ok(outcomes.every((o) => o.error instanceof OperationErrorsError && o.errors[0]?.code === 3087));
  });

  it('a 404 before the SOAP sunset is not retried and suggests SOAP', async () => {
    transport = new FakeTransport(() => ({ status: 404, body: '' }));
    const options: ServiceOptions = {
      endpoint: REST_BASE,
      protocol: 'rest',
      developerToken: () => Promise.resolve(DEVELOPER_TOKEN),
      tokenSource: { getAccessToken: () => Promise.resolve(ACCESS_TOKEN) },
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    };
    const s = new WireClientLinksService(options, new CustomerManagementRestClient({ baseUrl: REST_BASE, timeoutMs: 1000, transport, now: () => Date.UTC(2026, 8, 1) }));
    const error = await s.getUser().catch((e: unknown) => e);
    assert.ok(error instanceof HttpStatusError, String(error));
    assert.equal(error.protocolHint, 'trySoap');
    assert.equal(transport.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('searchClientLinks pages over REST: PageInfo.Index 0, 1, … until a short page', async () => {
    const all = Array.from({ length: 150 }, (_, i) => ({ ...sampleLink({ ClientEntityId: String(200000 + i) }) }));
    const s = service((request) => {
      const { PageInfo } = JSON.parse(request.body) as { PageInfo: { Index: number; Size: number } };
      return { body: { ClientLinks: all.slice(PageInfo.Index * PageInfo.Size, (PageInfo.Index + 1) * PageInfo.Size) } };
    }, { searchConcurrency: 1 });
    const result = await s.searchClientLinks({ predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY }] });
    assert.equal(result.links.length, 150);
    assert.deepEqual(
      result.links.map((l) => l.ClientEntityId),
      all.map((l) => l.ClientEntityId),
    );
    assert.deepEqual(
      transport.requests.map((r) => (JSON.parse(r.body) as { PageInfo: unknown }).PageInfo),
      [
        { Index: 0, Size: 100 },
        { Index: 1, Size: 100 },
      ],
    );
  });
});

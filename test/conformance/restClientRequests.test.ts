/**
 * The REST requests our client sends, against the reference JSON Schema of Microsoft's REST SDK
 * models (`<repo>/../shared/reference/customer-management-v13-rest.schema.json`, loaded by
 * restSchema.ts, never copied here): each operation's verb and path are the reference's
 * `operations.<Op>.method/path`, and each body it sends validates against `operations.<Op>.request`,
 * both as given and tightened with what REST spec §3 adds (closed objects, non-nullable members).
 * The bodies are captured on a fake Transport, exactly as the client would put them on the wire.
 *
 * What the schema as given catches and what it cannot (proved by the mutation tests below):
 * - it catches a number where an id string is due, a string where an int/boolean is due, an enum
 *   name in the wrong case, a dateTime that is not ISO 8601, and a flat PartialErrors entry in an
 *   Add/Update response (types are exact: pydantic keeps StrictStr/StrictInt/StrictBool);
 * - it cannot catch `null` for a member the service requires non-null (pydantic makes every member
 *   Optional) nor a misspelled/miscased member (objects are open). Both are caught by the tightened
 *   schema (`strictSchema`: spec nullability + `additionalProperties: false`, derived in memory).
 * - it cannot catch an id string that is not digits (`"abc"`): the schema says `string` only.
 */
import * as assert from 'node:assert/strict';
import type { HttpRequest } from '../../src/core/http/transport';
import type { ClientLink } from '../../src/core/model/clientLink';
import { CustomerManagementRestClient } from '../../src/core/rest/restClient';
import { REST_ROUTES } from '../../src/core/rest/restRoutes';
import type { CallContext } from '../../src/core/service/wireClient';
import { FakeTransport, REST_BASE } from '../unit/rest/fakeTransport';
import { sampleLink } from '../unit/soap/envelopes';
import { loadRestSchema, restOperation, strictSchema, validationProblems, type JsonSchema } from './restSchema';

const AGENCY = '251000123';
const CONTEXT: CallContext = { credentials: { accessToken: 'access-token', developerToken: 'BBD37VB98' }, customerId: AGENCY };

/** REST spec §5.2: the link SearchClientLinks returns (the §10 link), with a ForwardCompatibilityMap entry. */
const SEARCHED_LINK = { ...sampleLink(), ForwardCompatibilityMap: [{ Key: 'k', Value: 'v' }] };

const USER_BODY = { User: { Id: '171234567', CustomerId: AGENCY }, CustomerRoles: [] };

type Body = Record<string, unknown>;

/** A deep copy of a captured body, to mutate. */
function copyOf(body: unknown): Body {
  return JSON.parse(JSON.stringify(body)) as Body;
}

function firstLink(body: Body): Body {
  const links = body.ClientLinks as Body[];
  assert.ok(links[0], 'a ClientLinks body');
  return links[0];
}

function assertValid(schema: JsonSchema, data: unknown, what: string): void {
  const problems = validationProblems(schema, data);
  assert.deepEqual(problems, [], `${what}:\n${problems.join('\n')}\n${JSON.stringify(data)}`);
}

function assertInvalid(schema: JsonSchema, data: unknown, what: string, expected: RegExp): void {
  const problems = validationProblems(schema, data);
  assert.ok(problems.length > 0, `${what}: the validator accepted ${JSON.stringify(data)}`);
  assert.ok(
    problems.some((p) => expected.test(p)),
    `${what}: expected a problem matching ${String(expected)}, got:\n${problems.join('\n')}`,
  );
}

describe('conformance: REST requests of the client against the reference JSON Schema', () => {
  /** The one request each operation sent, by operation name. */
  const sent = new Map<string, HttpRequest>();

  before(async () => {
    loadRestSchema(); // fails here, in one line, when ../shared/reference is missing
    const transport = new FakeTransport((request) => {
      switch (request.operation) {
        case 'GetUser':
          return { body: USER_BODY };
        case 'SearchClientLinks':
          return { body: { ClientLinks: [SEARCHED_LINK] } };
        case 'AddClientLinks':
        case 'UpdateClientLinks':
          return { body: { OperationErrors: [], PartialErrors: [] } };
        default:
          return { body: {} };
      }
    });
    const client = new CustomerManagementRestClient({ baseUrl: REST_BASE, timeoutMs: 1000, transport });
    await client.getUser(CONTEXT);
    const searched = await client.searchClientLinks(
      [
        { Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY },
        { Field: 'ClientAccountId', Operator: 'In', Value: '180012345,180099999' },
      ],
      [{ Field: 'Name', Order: 'Ascending' }],
      { index: 0, size: 100 },
      CONTEXT,
    );
    const invites: ClientLink[] = [
      {
        Type: 'AccountLink',
        ClientEntityId: '180012345',
        ManagingCustomerId: AGENCY,
        Note: 'Contoso will run your Q4 search campaigns.',
        Name: 'Fabrikam Shoes US',
        IsBillToClient: true,
        SuppressNotification: false,
        ClientEntityCustomerNumber: 'B9X7Z5Q3W1',
      },
      { ClientEntityId: '180099999', ManagingCustomerId: AGENCY, IsBillToClient: false, StartDate: '2026-10-01T09:00:00-07:00' },
    ];
    await client.addClientLinks(invites, CONTEXT);
    const [link] = searched.value;
    assert.ok(link, 'the search returned the link');
    await client.updateClientLinks([{ ...link, Status: 'LinkAccepted' }], CONTEXT);
    await client.getAccountsInfo(AGENCY, CONTEXT);
    await client.getLinkedAccountsAndCustomersInfo(AGENCY, CONTEXT);
    await client.getCustomersInfo({ nameFilter: '', topN: 1000 }, CONTEXT);
    for (const request of transport.requests) {
      sent.set(request.operation, request);
    }
  });

  function bodyOf(operation: string): Body {
    const request = sent.get(operation);
    assert.ok(request, `${operation} was not sent`);
    return JSON.parse(request.body) as Body;
  }

  const OPERATIONS = ['GetUser', 'SearchClientLinks', 'AddClientLinks', 'UpdateClientLinks', 'GetAccountsInfo', 'GetLinkedAccountsAndCustomersInfo', 'GetCustomersInfo'];

  for (const operation of OPERATIONS) {
    describe(operation, () => {
      it('is sent with the reference’s method and path', () => {
        const request = sent.get(operation);
        assert.ok(request, `${operation} was not sent`);
        const reference = restOperation(operation);
        assert.equal(request.method ?? 'POST', reference.method);
        assert.equal(request.url, REST_BASE + reference.path);
      });

      it(`its body validates against operations.${operation}.request as given`, () => {
        assertValid(restOperation(operation).request, bodyOf(operation), operation);
      });

      it('its body validates against the tightened schema (closed objects, REST spec §3 nullability)', () => {
        assertValid(strictSchema(restOperation(operation).request), bodyOf(operation), operation);
      });
    });
  }

  it('the client’s route table agrees with the reference for every operation it routes', () => {
    for (const [operation, route] of Object.entries(REST_ROUTES)) {
      const reference = restOperation(operation);
      assert.deepEqual({ method: route.method, path: route.path }, { method: reference.method, path: reference.path }, operation);
    }
  });

  it('the captured bodies are the ones meant: Ordering sent, two links added, the searched link echoed', () => {
    assert.deepEqual(bodyOf('SearchClientLinks').Ordering, [{ Field: 'Name', Order: 'Ascending' }]);
    assert.equal((bodyOf('AddClientLinks').ClientLinks as unknown[]).length, 2);
    assert.deepEqual(firstLink(bodyOf('UpdateClientLinks')), { ...SEARCHED_LINK, Status: 'LinkAccepted' });
  });

  describe('mutations: the validator catches what it must (schema as given)', () => {
    it('a number where an id string is due (ClientEntityId: 180012345)', () => {
      for (const operation of ['AddClientLinks', 'UpdateClientLinks']) {
        const body = copyOf(bodyOf(operation));
        firstLink(body).ClientEntityId = 180012345;
        assertInvalid(restOperation(operation).request, body, operation, /^\/ClientLinks\/0\/ClientEntityId must be string$/);
      }
      const accounts = copyOf(bodyOf('GetAccountsInfo'));
      accounts.CustomerId = 251000123;
      assertInvalid(restOperation('GetAccountsInfo').request, accounts, 'GetAccountsInfo', /^\/CustomerId must be string$/);
    });

    it('a string where an int32 or a boolean is due, a wrongly cased enum, a non-ISO dateTime', () => {
      const search = copyOf(bodyOf('SearchClientLinks'));
      (search.PageInfo as Body).Size = '100';
      assertInvalid(restOperation('SearchClientLinks').request, search, 'PageInfo.Size', /^\/PageInfo\/Size must be integer$/);
      const add = copyOf(bodyOf('AddClientLinks'));
      firstLink(add).IsBillToClient = 'true';
      assertInvalid(restOperation('AddClientLinks').request, add, 'IsBillToClient', /IsBillToClient must be boolean$/);
      const update = copyOf(bodyOf('UpdateClientLinks'));
      firstLink(update).Status = 'linkAccepted';
      assertInvalid(restOperation('UpdateClientLinks').request, update, 'Status', /Status must be equal to one of the allowed values$/);
      const dated = copyOf(bodyOf('UpdateClientLinks'));
      firstLink(dated).StartDate = '09/01/2026 17:05';
      assertInvalid(restOperation('UpdateClientLinks').request, dated, 'StartDate', /StartDate must match format "date-time"$/);
    });

    it('a flat PartialErrors entry in a response (operations.AddClientLinks.response); two levels, [] and [null,null] pass', () => {
      const response = restOperation('AddClientLinks').response;
      const error1410 = { Code: 1410, Details: null, Message: 'A link invitation for this client account already exists.' };
      assertInvalid(response, { OperationErrors: [], PartialErrors: [null, error1410] }, 'flat PartialErrors', /^\/PartialErrors\/1 must be array$/);
      assertValid(response, { OperationErrors: [], PartialErrors: [null, [error1410]] }, 'two-level PartialErrors');
      assertValid(response, { OperationErrors: [], PartialErrors: [] }, 'all success []');
      assertValid(response, { OperationErrors: null, PartialErrors: [null, null] }, 'all success [null, null]');
      assertInvalid(response, { OperationErrors: [], PartialErrors: [[{ ...error1410, Code: '1410' }]] }, 'Code as a string', /Code must be integer$/);
    });
  });

  describe('mutations the schema as given cannot catch, caught by the tightened schema', () => {
    it('null for a non-nullable member (ClientLink.Status, Paging.Index, OnlyParentAccounts)', () => {
      const cases: [string, (body: Body) => void, RegExp][] = [
        ['UpdateClientLinks', (b) => (firstLink(b).Status = null), /^\/ClientLinks\/0\/Status must be equal to one of the allowed values$|^\/ClientLinks\/0\/Status must be string$/],
        ['AddClientLinks', (b) => (firstLink(b).SuppressNotification = null), /^\/ClientLinks\/0\/SuppressNotification must be boolean$/],
        ['SearchClientLinks', (b) => ((b.PageInfo as Body).Index = null), /^\/PageInfo\/Index must be integer$/],
        ['GetAccountsInfo', (b) => (b.OnlyParentAccounts = null), /^\/OnlyParentAccounts must be boolean$/],
      ];
      for (const [operation, mutate, expected] of cases) {
        const body = copyOf(bodyOf(operation));
        mutate(body);
        const schema = restOperation(operation).request;
        assertValid(schema, body, `${operation} (as given: pydantic makes every member nullable)`);
        assertInvalid(strictSchema(schema), body, `${operation} (tightened)`, expected);
      }
    });

    it('a miscased or unknown member (clientEntityId, which PY would drop silently)', () => {
      const body = copyOf(bodyOf('AddClientLinks'));
      const link = firstLink(body);
      link.clientEntityId = link.ClientEntityId;
      delete link.ClientEntityId;
      const schema = restOperation('AddClientLinks').request;
      assertValid(schema, body, 'as given: objects are open');
      assertInvalid(strictSchema(schema), body, 'tightened', /^\/ClientLinks\/0 must NOT have additional properties \(clientEntityId\)$/);
      const top = { ...copyOf(bodyOf('GetUser')), userId: null };
      assertInvalid(strictSchema(restOperation('GetUser').request), top, 'GetUser tightened', /additional properties \(userId\)/);
    });

    it('(not caught even tightened) an id string that is not digits: the schema says only "string"', () => {
      const body = copyOf(bodyOf('AddClientLinks'));
      firstLink(body).ClientEntityId = 'abc';
      assertValid(strictSchema(restOperation('AddClientLinks').request), body, 'non-digit id');
    });
  });
});

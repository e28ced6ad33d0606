/**
 * The REST codec without HTTP: credentials from headers, JSON request reading (liberal), response
 * and fault writing (strict), the per-link byte cache, the route table, the command-line flags.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { AdApiError } from '../../../src/core/model/clientLink';
import { parseCliArgs, UsageError } from '../../../src/simulator/cliArgs';
import { DeserializationError, InvalidDateError } from '../../../src/simulator/requestErrors';
import { decodeRest, restCredentials } from '../../../src/simulator/rest/codec';
import { clientLinkJson, clientLinkJsonBytes } from '../../../src/simulator/rest/entities';
import { restFault } from '../../../src/simulator/rest/faults';
import type { JsonObject } from '../../../src/simulator/rest/json';
import { DEFAULT_REST_OPTIONS } from '../../../src/simulator/rest/options';
import { REST_READERS } from '../../../src/simulator/rest/requests';
import { REST_WRITERS } from '../../../src/simulator/rest/responses';
import { matchRestRoute } from '../../../src/simulator/rest/routes';
import { toClientLink } from '../../../src/simulator/rules/clientLinkView';
import { AdApiFault, ApiFault, operationError } from '../../../src/simulator/rules/errorCodes';
import { classifyFault } from '../../../src/simulator/wire';
import { World } from './world';

const settings = () => ({ rejectNullForNonNullable: true, ignored: [] as string[] });
const read = <T>(run: (s: ReturnType<typeof settings>) => T): { value: T; ignored: string[] } => {
  const s = settings();
  return { value: run(s), ignored: s.ignored };
};

describe('simulator REST codec', () => {
  describe('credentials', () => {
    it('reads Authorization: Bearer and DeveloperToken; a value without Bearer is malformed', () => {
      assert.deepEqual(restCredentials({ authorization: 'Bearer abc', developertoken: 'D' }), { AuthenticationToken: 'abc', DeveloperToken: 'D' });
      assert.deepEqual(restCredentials({ authorization: 'BEARER  abc ' }), { AuthenticationToken: 'abc', DeveloperToken: undefined });
      assert.deepEqual(restCredentials({ authorization: 'abc', developertoken: 'D' }), { AuthenticationToken: 'abc', DeveloperToken: 'D', malformedAuthorization: true });
      assert.deepEqual(restCredentials({ authorization: 'Basic YTpi' }).malformedAuthorization, true);
      assert.equal(restCredentials({ authorization: 'Bearer' }).AuthenticationToken, '', 'a Bearer without a token is a missing token');
      assert.equal(restCredentials({}).AuthenticationToken, undefined);
    });
  });

  describe('reading requests', () => {
    it('reads ids as strings or numbers, quoted booleans and ints, any date-time offset', () => {
      const { value } = read((s) =>
        REST_READERS.AddClientLinks(
          { ClientLinks: [{ ClientEntityId: 180012345, ManagingCustomerId: ' 0251000123', IsBillToClient: 'true', SuppressNotification: false, StartDate: '2026-09-01T17:05:12.5300000+00:00', LastModifiedDateTime: '2026-09-01T17:05:12Z', Note: null }] },
          s,
        ),
      );
      const [link] = value.ClientLinks ?? [];
      assert.deepEqual(link, { ClientEntityId: '180012345', ManagingCustomerId: '251000123', IsBillToClient: true, SuppressNotification: false, StartDate: '2026-09-01T17:05:12.5300000+00:00', LastModifiedDateTime: '2026-09-01T17:05:12Z', Note: null });
      assert.equal('Status' in (link ?? {}), false, 'absent stays absent; null stays null');
      const search = read((s) => REST_READERS.SearchClientLinks({ Predicates: [{ Field: 'ClientAccountId', Operator: 'In', Value: 180012345 }], Ordering: null, PageInfo: { Index: '0', Size: 25 } }, s)).value;
      assert.deepEqual(search, { Predicates: [{ Field: 'ClientAccountId', Operator: 'In', Value: '180012345' }], Ordering: null, PageInfo: { Index: 0, Size: 25 } });
    });

    it('splits the ReturnAdditionalFields flag enum on commas (and spaces)', () => {
      const base = { Predicates: [], PageInfo: { Index: 0, Size: 1 } };
      assert.deepEqual(read((s) => REST_READERS.SearchAccounts({ ...base, ReturnAdditionalFields: 'TaxCertificate, AccountMode' }, s)).value.ReturnAdditionalFields, ['TaxCertificate', 'AccountMode']);
      assert.deepEqual(read((s) => REST_READERS.SearchAccounts(base, s)).value.ReturnAdditionalFields, []);
    });

    it('reads ForwardCompatibilityMap items as Key/Value (SDKs) or key/value (reference pages)', () => {
      const { value } = read((s) => REST_READERS.UpdateClientLinks({ ClientLinks: [{ ForwardCompatibilityMap: [{ Key: 'a', Value: '1' }, { key: 'b', value: null }] }] }, s));
      assert.deepEqual(value.ClientLinks?.[0]?.ForwardCompatibilityMap, [
        { key: 'a', value: '1' },
        { key: 'b', value: null },
      ]);
    });

    it('skips unknown and wrong-case members, and reports them by JSON path', () => {
      const { value, ignored } = read((s) => REST_READERS.SearchClientLinks({ predicates: [], Predicates: [{ field: 'x', Field: 'ClientAccountId', Operator: 'Equals', Value: '1' }], PageInfo: { Index: 0, Size: 1, Extra: true } }, s));
      assert.equal(value.Predicates?.[0]?.Field, 'ClientAccountId');
      assert.deepEqual(ignored, ['predicates', 'Predicates[0].field', 'PageInfo.Extra']);
    });

    it('refuses values of the wrong type, enum names in the wrong case and null on non-nullable members, naming the member', () => {
      const cases: [JsonObject, RegExp][] = [
        [{ ClientLinks: [{}, { ClientEntityId: '12ab' }] }, /'ClientLinks\[1\]\.ClientEntityId' must be an Int64/],
        [{ ClientLinks: [{ ClientEntityId: 1.5 }] }, /ClientEntityId/],
        [{ ClientLinks: [{ ClientEntityId: '99999999999999999999' }] }, /ClientEntityId/],
        [{ ClientLinks: [{ IsBillToClient: 1 }] }, /'ClientLinks\[0\]\.IsBillToClient' must be a Boolean/],
        [{ ClientLinks: [{ Status: 'linkPending' }] }, /'ClientLinks\[0\]\.Status' must be one of/],
        [{ ClientLinks: [{ Status: null }] }, /non-nullable member 'ClientLinks\[0\]\.Status'/],
        [{ ClientLinks: [{ StartDate: '2026-02-30T00:00:00' }] }, /StartDate/],
        [{ ClientLinks: [{ StartDate: 1767225600 }] }, /StartDate/],
        [{ ClientLinks: [{ Timestamp: 'not base64!' }] }, /Timestamp/],
        [{ ClientLinks: [{ Note: {} }] }, /Note/],
        [{ ClientLinks: {} }, /'ClientLinks' must be an array/],
        [{ ClientLinks: [7] }, /'ClientLinks\[0\]' must be an object/],
      ];
      for (const [body, message] of cases) {
        assert.throws(() => read((s) => REST_READERS.AddClientLinks(body, s)), (e: unknown) => e instanceof DeserializationError && message.test(e.message), JSON.stringify(body));
      }
      assert.throws(() => read((s) => REST_READERS.GetCustomersInfo({ TopN: 2 ** 31 }, s)), DeserializationError);
      assert.throws(() => read((s) => REST_READERS.SearchClientLinks({ PageInfo: { Index: 0, Size: null } }, s)), /non-nullable member 'PageInfo\.Size'/);
      assert.throws(() => read((s) => REST_READERS.GetAccountsInfo({ OnlyParentAccounts: null }, s)), /OnlyParentAccounts/);
    });

    it('reads the body lazily (after authentication), refusing what is not a JSON object', () => {
      const call = decodeRest('GetUser', { authorization: 'Bearer t' }, '[]');
      assert.ok(call.ok);
      assert.throws(() => call.readInput('GetUser'), /must be a JSON object/);
      const bom = decodeRest('GetUser', {}, '\ufeff{"UserId":"5"}');
      assert.ok(bom.ok);
      assert.deepEqual(bom.readInput('GetUser'), { UserId: '5' });
    });
  });

  describe('writing responses', () => {
    it('caches each link version as JSON bytes; a page is those buffers, without copying', () => {
      const world = new World();
      const stored = [...world.store.latestLinks()].slice(0, 3);
      const views = stored.map((l) => toClientLink(world.store, l));
      const page = REST_WRITERS.SearchClientLinks(views, DEFAULT_REST_OPTIONS);
      assert.ok(Array.isArray(page));
      const pieces = page as readonly Buffer[];
      assert.equal(pieces.length, views.length + 2);
      assert.deepEqual(JSON.parse(Buffer.concat(pieces).toString('utf8')), { ClientLinks: views.map(clientLinkJson) });
      assert.equal(pieces[2], clientLinkJsonBytes(views[1]!), 'the cached buffer itself');
      const cachedFirst = clientLinkJsonBytes(views[0]!);
      assert.ok(pieces[1]?.buffer === cachedFirst.buffer && pieces[1].byteOffset === cachedFirst.byteOffset + 1, 'the first one is the cached memory without its comma');

      const first = stored[0]!;
      const before = clientLinkJsonBytes(toClientLink(world.store, first));
      world.store.setStatus(first, first.status === 'LinkCanceled' ? 'LinkPending' : 'LinkCanceled', world.now, '171234567');
      const after = clientLinkJsonBytes(toClientLink(world.store, first));
      assert.notEqual(after, before, 'a new row version is a new cache entry');
      assert.match(after.toString('utf8'), first.status === 'LinkCanceled' ? /"Status":"LinkCanceled"/ : /"Status":"LinkPending"/);
      assert.deepEqual(JSON.parse(after.subarray(1).toString('utf8')), clientLinkJson(toClientLink(world.store, first)));
    });

    it('writes PartialErrors as one entry per link, null or an array of OperationError, with the [] / null variants', () => {
      const failure = [operationError('InvitationAlreadyExists')];
      const write = (partialErrors: (typeof failure | null)[], options = {}) => JSON.stringify(REST_WRITERS.AddClientLinks({ operationErrors: [], partialErrors }, { ...DEFAULT_REST_OPTIONS, ...options }));
      const error = '{"Code":1410,"Details":null,"Message":"A link invitation for this client account already exists."}';
      assert.equal(write([null, failure, null]), `{"OperationErrors":[],"PartialErrors":[null,[${error}],null]}`);
      assert.equal(write([null, null]), '{"OperationErrors":[],"PartialErrors":[null,null]}');
      assert.equal(write([null, null], { allSuccessPartialErrors: 'empty', emptyOperationErrors: 'null' }), '{"OperationErrors":null,"PartialErrors":[]}');
      assert.equal(write([failure, null], { allSuccessPartialErrors: 'empty' }), `{"OperationErrors":[],"PartialErrors":[[${error}],null]}`);
      assert.equal(JSON.stringify(REST_WRITERS.UpdateClientLinks({ operationErrors: [operationError('BatchSizeExceeded')], partialErrors: [] }, DEFAULT_REST_OPTIONS)), '{"OperationErrors":[{"Code":3024,"Details":null,"Message":"The number of client links exceeds the limit of 10 per call."}],"PartialErrors":[]}');
    });
  });

  describe('faults', () => {
    const adApi = (Code: number): AdApiError => ({ Code, Detail: null, ErrorCode: `E${Code}`, Message: 'm' });

    it('maps errors to statuses: 401 auth, 403 permission, 429 throttling with Retry-After, 400 validation, 500 internal', () => {
      const statuses = [105, 109, 116, 3101, 106, 1001, 117, 113, 0].map((code) => {
        const fault = restFault(classifyFault(new AdApiFault([adApi(code)])), 't');
        return `${code}:${fault.status}${fault.headers['Retry-After'] ? `/${fault.headers['Retry-After']}` : ''}`;
      });
      assert.deepEqual(statuses, ['105:401', '109:401', '116:401', '3101:401', '106:403', '1001:403', '117:429/60', '113:400', '0:500']);
      const api = restFault(classifyFault(new ApiFault([operationError('ListNullOrEmpty')])), 't');
      assert.equal(api.status, 400);
      assert.deepEqual(api.body, { TrackingId: 't', Type: 'ApiFault', OperationErrors: [{ Code: 3087, Details: null, Message: 'The ClientLinks list is null or empty.' }] });
      const date = restFault(classifyFault(new InvalidDateError('bad')), 't');
      assert.deepEqual([date.status, date.codes], [400, [113]]);
      const unreadable = restFault(classifyFault(new DeserializationError('no')), 't');
      assert.deepEqual(unreadable.body, { TrackingId: 't', Type: 'AdApiFaultDetail', Errors: [{ Code: 100, Detail: 'no', ErrorCode: 'NullRequest', Message: 'The request message is null.' }] });
      assert.equal(unreadable.status, 400);
      const bug = restFault(classifyFault(new TypeError('oops')), 't');
      assert.deepEqual([bug.status, bug.codes], [500, [0]]);
    });
  });

  describe('routes', () => {
    it('matches exact paths and verbs; lists the allowed verbs otherwise', () => {
      assert.deepEqual(matchRestRoute('PUT', '/CustomerManagement/v13/ClientLinks'), { kind: 'route', route: { operation: 'UpdateClientLinks', method: 'PUT', path: '/CustomerManagement/v13/ClientLinks' } });
      assert.deepEqual(matchRestRoute('GET', '/CustomerManagement/v13/ClientLinks'), { kind: 'methodNotAllowed', allow: ['POST', 'PUT'] });
      assert.deepEqual(matchRestRoute('POST', '/CustomerManagement/v13/clientlinks'), { kind: 'notFound' });
    });
  });

  describe('command line', () => {
    it('parses the REST list flags', () => {
      const parsed = parseCliArgs(['--rest-empty-operation-errors', 'null', '--rest-all-success-partial-errors=empty']);
      assert.deepEqual(parsed.start.rest, { emptyOperationErrors: 'null', allSuccessPartialErrors: 'empty' });
      assert.throws(() => parseCliArgs(['--rest-empty-operation-errors', 'none']), UsageError);
    });

    it('prints restBaseUrl in the --json line beside the existing members', async function () {
      this.timeout(20_000);
      const main = path.resolve(__dirname, '../../../src/simulator/main.js');
      const child = spawn(process.execPath, [main, '--json', '--seed', 'empty'], { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          createInterface({ input: child.stdout }).once('line', resolve);
          child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
        });
        const parsed = JSON.parse(line) as Record<string, unknown>;
        assert.deepEqual(Object.keys(parsed), ['endpoint', 'restBaseUrl', 'developerToken', 'users']);
        assert.match(String(parsed.restBaseUrl), /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(parsed.endpoint, `${String(parsed.restBaseUrl)}/Api/CustomerManagement/v13/CustomerManagementService.svc`);
        const res = await fetch(`${String(parsed.restBaseUrl)}/CustomerManagement/v13/User/Query`, { method: 'POST', headers: { Authorization: 'Bearer sim-token-contoso-admin', DeveloperToken: String(parsed.developerToken) }, body: '{}' });
        assert.equal(res.status, 200);
      } finally {
        child.kill('SIGTERM');
      }
    });
  });
});

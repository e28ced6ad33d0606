/**
 * The simulator's REST responses against the JSON Schema of Microsoft's REST SDK models
 * (shared/reference/customer-management-v13-rest.schema.json: pydantic's model_json_schema of
 * msads 13.0.28.1's request/response models): every 200 body of the eight operations, and every
 * JSON fault body, must validate; so must the requests this test sends.
 *
 * How the reference schema is read (restSchema.ts, shared with restClientRequests.test.ts):
 * - it is draft 2020-12 (pydantic v2, `$defs` inside each operation's request/response object),
 *   so each schema is compiled on its own with Ajv's 2020 class, in strict mode;
 * - `format: date-time` is pydantic's datetime, which takes values without a UTC offset (what the
 *   service and the simulator emit, `2026-09-01T17:05:12.53`); ajv-formats' `date-time` is RFC
 *   3339's and demands an offset, so the format is bound to ajv-formats' `iso-date-time` (offset
 *   optional; the date and time are still checked);
 * - as-is the schema catches the wire mistakes that break the Python SDK (a number for an id, a
 *   quoted boolean or int, a flat PartialErrors, an enum name that does not exist), but it marks
 *   every member nullable, none required, and allows unknown members: it cannot see a `null` in a
 *   member the service declares non-nullable, nor a misspelled member (pydantic drops it, so the
 *   client silently reads null). The `tightened` variant (`strictSchema`) closes exactly those two
 *   gaps, mechanically: `additionalProperties: false` on every object, and the null branch removed
 *   from the members REST spec §3 lists as non-nullable (SPEC_NON_NULLABLE, from the PHP SDK's
 *   `$openAPINullables`).
 */
import * as assert from 'node:assert/strict';
import type { ValidateFunction } from 'ajv';
import { FAULT_KINDS, ManualClock, REST_ROUTES, startSimulator, type OperationName, type RunningSimulator, type StartOptions } from '../../src/simulator';
import { compileSchema, describeErrors, loadRestSchema, restFault, restOperation, SPEC_NON_NULLABLE, strictSchema, type JsonSchema, type RestReferenceSchema } from './restSchema';

const AGENCY = '251000123';
const FABRIKAM = '250987654';
const NOW = Date.UTC(2026, 8, 1, 17, 5, 12, 530);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Validators over the reference schema as given, or tightened (`strictSchema`), each schema compiled once. */
class Validators {
  private readonly cache = new Map<JsonSchema, ValidateFunction>();
  /** The non-nullable members (`Title.Member`) the tightening applied, over every schema compiled so far. */
  readonly applied = new Set<string>();

  constructor(private readonly tight: boolean) {}

  private compile(schema: JsonSchema): ValidateFunction {
    let validate = this.cache.get(schema);
    if (!validate) {
      validate = compileSchema(this.tight ? strictSchema(schema, this.applied) : schema);
      this.cache.set(schema, validate);
    }
    return validate;
  }

  response(op: string): ValidateFunction {
    return this.compile(restOperation(op).response);
  }

  request(op: string): ValidateFunction {
    return this.compile(restOperation(op).request);
  }

  fault(type: string): ValidateFunction {
    return this.compile(restFault(type));
  }
}

function errorsOf(validate: ValidateFunction): string {
  return describeErrors(validate.errors).join('; ');
}

interface Observed {
  label: string;
  operation: OperationName;
  status: number;
  body: JsonObject;
}

describe('conformance: simulator REST responses against the JSON Schema of Microsoft REST SDK models', function () {
  this.timeout(30_000);
  let reference: RestReferenceSchema;
  let loose: Validators;
  let tight: Validators;
  const observed: Observed[] = [];
  const sent: { operation: OperationName; body: JsonObject }[] = [];

  /** Calls an operation over HTTP and keeps its JSON answer. */
  async function call(sim: RunningSimulator, label: string, operation: OperationName, body: JsonObject, options: { token?: string; authorization?: string; developerToken?: string | null } = {}): Promise<Observed> {
    const route = REST_ROUTES.find((r) => r.operation === operation)!;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', CustomerId: AGENCY, CustomerAccountId: 'None' };
    headers.Authorization = options.authorization ?? `Bearer ${options.token ?? 'sim-token-contoso-admin'}`;
    if (options.developerToken !== null) {
      headers.DeveloperToken = options.developerToken ?? sim.developerToken;
    }
    const res = await fetch(`${sim.restBaseUrl}${route.path}`, { method: route.method, headers, body: JSON.stringify(body) });
    const text = await res.text();
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/, label);
    const result: Observed = { label, operation, status: res.status, body: JSON.parse(text) as JsonObject };
    observed.push(result);
    sent.push({ operation, body });
    return result;
  }

  const search = (predicates: JsonObject[], size = 100): JsonObject => ({ Predicates: predicates, Ordering: [{ Field: 'Id', Order: 'Ascending' }], PageInfo: { Index: 0, Size: size } });
  const agency = { Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY };

  async function exercise(options: StartOptions, tag: string): Promise<void> {
    const sim = await startSimulator({ seed: 'demo', clock: new ManualClock(NOW), ...options });
    try {
      const [a, b, c] = sim.seed.invitableAccounts;
      const fabrikamAccount = sim.seed.invitableAccounts.find((x) => x.ownerCustomerId === FABRIKAM)!;
      const invite = (id: string): JsonObject => ({ Type: 'AccountLink', ClientEntityId: id, ManagingCustomerId: AGENCY, IsBillToClient: true, SuppressNotification: false });
      // Successes of all eight operations.
      await call(sim, `${tag} GetUser`, 'GetUser', { UserId: null });
      await call(sim, `${tag} GetUser other`, 'GetUser', { UserId: '171234568' });
      await call(sim, `${tag} GetUser client`, 'GetUser', {}, { token: 'sim-token-fabrikam-admin' });
      await call(sim, `${tag} SearchClientLinks`, 'SearchClientLinks', search([agency]));
      await call(sim, `${tag} SearchClientLinks empty page`, 'SearchClientLinks', search([agency], 0));
      await call(sim, `${tag} AddClientLinks ok`, 'AddClientLinks', { ClientLinks: [invite(fabrikamAccount.id)] });
      await call(sim, `${tag} AddClientLinks partial`, 'AddClientLinks', { ClientLinks: [invite(b!.id), invite(fabrikamAccount.id), { ClientEntityId: sim.seed.prepaidAccountId, ManagingCustomerId: AGENCY, IsBillToClient: true }] });
      await call(sim, `${tag} AddClientLinks over the limit`, 'AddClientLinks', { ClientLinks: Array.from({ length: 11 }, () => invite(a!.id)) });
      const found = await call(sim, `${tag} SearchClientLinks as client`, 'SearchClientLinks', search([{ Field: 'ClientAccountId', Operator: 'Equals', Value: fabrikamAccount.id }]), { token: 'sim-token-fabrikam-admin' });
      const link = (found.body.ClientLinks as JsonObject[])[0]!;
      await call(sim, `${tag} UpdateClientLinks`, 'UpdateClientLinks', { ClientLinks: [{ ...link, Status: 'LinkAccepted' }, { ...link, Timestamp: 'AAAAAAAAAAE=' }] }, { token: 'sim-token-fabrikam-admin' });
      await call(sim, `${tag} GetLinkedAccountsAndCustomersInfo`, 'GetLinkedAccountsAndCustomersInfo', { CustomerId: AGENCY, OnlyParentAccounts: false });
      await call(sim, `${tag} GetAccountsInfo`, 'GetAccountsInfo', { CustomerId: AGENCY, OnlyParentAccounts: true });
      await call(sim, `${tag} GetCustomersInfo`, 'GetCustomersInfo', { CustomerNameFilter: '', TopN: 100 });
      await call(sim, `${tag} SearchAccounts`, 'SearchAccounts', { ...search([{ Field: 'UserId', Operator: 'Equals', Value: '171234567' }], 1000), ReturnAdditionalFields: 'TaxCertificate,AccountMode' });
      await call(sim, `${tag} SearchAccounts plain`, 'SearchAccounts', search([{ Field: 'AccountId', Operator: 'In', Value: `${c!.id},180000001` }], 10));
      // Faults the rules raise.
      await call(sim, `${tag} 116`, 'GetUser', {}, { developerToken: null });
      await call(sim, `${tag} 105`, 'GetUser', {}, { authorization: 'sim-token-contoso-admin' });
      await call(sim, `${tag} 109`, 'GetUser', {}, { token: 'sim-expired-contoso-admin' });
      await call(sim, `${tag} 106`, 'AddClientLinks', { ClientLinks: [{ Type: 'CustomerLink', ClientEntityId: FABRIKAM, ClientEntityNumber: 'B9X7Z5Q3W1', ManagingCustomerId: AGENCY }] }, { token: 'sim-token-contoso-standard' });
      await call(sim, `${tag} 106 search`, 'SearchClientLinks', search([{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: FABRIKAM }]));
      await call(sim, `${tag} 3087`, 'UpdateClientLinks', { ClientLinks: [] });
      await call(sim, `${tag} 3080`, 'SearchClientLinks', { Predicates: [agency] });
      await call(sim, `${tag} 3030`, 'SearchAccounts', search([{ Field: 'AccountName', Operator: 'In', Value: 'x' }], 10));
      await call(sim, `${tag} 100`, 'AddClientLinks', { ClientLinks: [{ ClientEntityId: 'abc' }] });
      // Injected faults with a JSON body (the others send HTML or no JSON at all).
      for (const kind of FAULT_KINDS) {
        if (['throttle', 'expiredToken', 'invalidToken', 'internalError', 'unknownFault'].includes(kind)) {
          sim.control.injectFault({ operation: 'SearchClientLinks', fault: kind });
          await call(sim, `${tag} injected ${kind}`, 'SearchClientLinks', search([agency]));
        }
      }
    } finally {
      await sim.close();
    }
  }

  before(async () => {
    reference = loadRestSchema();
    loose = new Validators(false);
    tight = new Validators(true);
    await exercise({}, 'default');
    await exercise({ rest: { emptyOperationErrors: 'null', allSuccessPartialErrors: 'empty' } }, 'null/[] lists');
  });

  it('serves the paths and verbs of the reference', () => {
    assert.deepEqual(
      REST_ROUTES.map((r) => `${r.operation} ${r.method} ${r.path}`).sort(),
      Object.entries(reference.operations)
        .map(([op, s]) => `${op} ${s.method} ${s.path}`)
        .sort(),
    );
  });

  it('answers every operation with 200 bodies valid against its response schema (reference and tightened)', () => {
    const successes = observed.filter((o) => o.status === 200);
    assert.deepEqual([...new Set(successes.map((o) => o.operation))].sort(), REST_ROUTES.map((r) => r.operation).sort(), 'all eight operations answered');
    for (const o of successes) {
      for (const validators of [loose, tight]) {
        const validate = validators.response(o.operation);
        assert.ok(validate(o.body), `${o.label}: ${errorsOf(validate)}`);
      }
    }
    assert.ok(successes.some((o) => Array.isArray(o.body.PartialErrors) && o.body.PartialErrors.some((p) => Array.isArray(p))), 'a PartialErrors with a failed link was validated');
  });

  it('answers faults with non-2xx JSON valid against the fault schema of their Type (reference and tightened)', () => {
    const faults = observed.filter((o) => o.status !== 200);
    const seen = new Set<string>();
    for (const o of faults) {
      assert.ok(o.status >= 400, o.label);
      const type = o.body.Type as string;
      if (o.label.endsWith('injected unknownFault')) {
        assert.equal(reference.faults[type], undefined, 'an unknown fault has a Type no client knows');
        continue;
      }
      for (const validators of [loose, tight]) {
        const validate = validators.fault(type);
        assert.ok(validate(o.body), `${o.label}: ${errorsOf(validate)}`);
      }
      seen.add(`${type} ${o.status}`);
    }
    assert.deepEqual([...seen].sort(), ['AdApiFaultDetail 400', 'AdApiFaultDetail 401', 'AdApiFaultDetail 403', 'AdApiFaultDetail 429', 'AdApiFaultDetail 500', 'ApiFault 400']);
  });

  it('sends requests valid against the request schemas (so the answers above are to realistic questions)', () => {
    for (const { operation, body } of sent) {
      for (const validators of [loose, tight]) {
        const validate = validators.request(operation);
        assert.ok(validate(body), `${operation} ${JSON.stringify(body).slice(0, 200)}: ${errorsOf(validate)}`);
      }
    }
  });

  it('applies every tightening it lists (no stale names)', () => {
    for (const [title, members] of Object.entries(SPEC_NON_NULLABLE)) {
      for (const member of members) {
        assert.ok(tight.applied.has(`${title}.${member}`), `${title}.${member} found in the reference`);
      }
    }
  });

  describe('mutations: the validation catches what breaks the Python SDK', () => {
    const sample = (label: string): JsonObject => {
      const o = observed.find((x) => x.label === label);
      assert.ok(o, label);
      return structuredClone(o.body);
    };

    it('a number where an id string is due', () => {
      const body = sample('default SearchClientLinks');
      const links = body.ClientLinks as JsonObject[];
      links[0]!.ClientEntityId = Number(links[0]!.ClientEntityId);
      const validate = loose.response('SearchClientLinks');
      assert.equal(validate(body), false);
      assert.ok(validate.errors?.some((e) => e.instancePath === '/ClientLinks/0/ClientEntityId'), errorsOf(validate));

      const user = sample('default GetUser');
      ((user.CustomerRoles as JsonObject[])[0]!.LinkedAccountIds as Json[])[0] = 180012345;
      assert.equal(loose.response('GetUser')(user), false, 'an id inside a list of ids');
    });

    it('a flat (one-level) PartialErrors', () => {
      const body = sample('default AddClientLinks partial');
      const partial = body.PartialErrors as (Json[] | null)[];
      const validate = loose.response('AddClientLinks');
      assert.ok(validate(body), 'the two-level original is valid');
      body.PartialErrors = partial.map((item) => (item === null ? null : (item[0] ?? null)));
      assert.equal(validate(body), false);
      assert.ok(validate.errors?.some((e) => e.instancePath === '/PartialErrors/1'), errorsOf(validate));
    });

    it('quoted booleans and ints, a date-time that is not one, an enum name in the wrong case', () => {
      const mutations: [string, OperationName, (body: JsonObject) => void][] = [
        ['default SearchClientLinks', 'SearchClientLinks', (b) => ((b.ClientLinks as JsonObject[])[0]!.IsBillToClient = 'true')],
        ['default SearchClientLinks', 'SearchClientLinks', (b) => ((b.ClientLinks as JsonObject[])[0]!.StartDate = 'tomorrow')],
        ['default SearchClientLinks', 'SearchClientLinks', (b) => ((b.ClientLinks as JsonObject[])[0]!.Status = 'linkPending')],
        ['default GetUser', 'GetUser', (b) => ((b.CustomerRoles as JsonObject[])[0]!.RoleId = '41')],
        ['default AddClientLinks partial', 'AddClientLinks', (b) => (((b.PartialErrors as Json[][])[1]![0] as JsonObject).Code = '1410')],
      ];
      for (const [label, op, mutate] of mutations) {
        const body = sample(label);
        mutate(body);
        assert.equal(loose.response(op)(body), false, `${label} ${JSON.stringify(body).slice(0, 80)}`);
      }
    });

    it('what only the tightened schema sees: null in a non-nullable member, a misspelled member', () => {
      const nullStatus = sample('default SearchClientLinks');
      (nullStatus.ClientLinks as JsonObject[])[0]!.Status = null;
      const misspelled = sample('default SearchClientLinks');
      const link = (misspelled.ClientLinks as JsonObject[])[0]!;
      link.clientEntityId = link.ClientEntityId!;
      delete link.ClientEntityId;
      const nullCode = sample('default 105');
      (nullCode.Errors as JsonObject[])[0]!.Code = null;
      for (const [label, op, body] of [
        ['null Status', 'SearchClientLinks', nullStatus],
        ['clientEntityId', 'SearchClientLinks', misspelled],
      ] as const) {
        assert.equal(loose.response(op)(body), true, `${label}: the reference alone lets it through`);
        assert.equal(tight.response(op)(body), false, `${label}: the tightened schema catches it`);
      }
      assert.equal(loose.fault('AdApiFaultDetail')(nullCode), true);
      assert.equal(tight.fault('AdApiFaultDetail')(nullCode), false);
    });
  });
});

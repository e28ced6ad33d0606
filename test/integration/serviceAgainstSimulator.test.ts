/**
 * The service layer against the simulator over loopback HTTP, over SOAP and over REST (the same
 * tests, parameterised by protocol): every operation, paging, batching, partial errors, faults.
 * What a fault carries on the wire (SOAP fault code, REST HTTP status, Retry-After, TrackingId
 * from the header) is checked per protocol.
 */
import * as assert from 'node:assert/strict';
import { createClientLinksService } from '../../src/core/service/index';
import type { CallEvent, ClientLinksService, RetryEvent, ServiceOptions } from '../../src/core/service/types';
import { ClientLinksError, type FaultDetailType, HttpStatusError, MalformedResponseError, ServiceFaultError, TimeoutError } from '../../src/core/errors';
import type { ClientLink } from '../../src/core/model/clientLink';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { overProtocol, PROTOCOLS, type Protocol, simulatorUrl } from '../helpers/protocols';

const AGENCY = '251000123';
const agencyQuery = { predicates: [{ Field: 'DirectManagingCustomerId' as const, Operator: 'Equals' as const, Value: AGENCY }] };

interface Connected {
  service: ClientLinksService;
  events: CallEvent[];
  retries: RetryEvent[];
  refreshes: number[];
}

/** The real service over `extra.protocol` for one simulator user; a renewal returns the same (valid) token. */
function serviceFor(sim: RunningSimulator, token: string, extra: Partial<ServiceOptions> & { protocol: Protocol }): Connected {
  const events: CallEvent[] = [];
  const retries: RetryEvent[] = [];
  const refreshes: number[] = [];
  let current = token;
  const service = createClientLinksService({
    endpoint: sim.endpoint,
    developerToken: () => Promise.resolve(sim.developerToken),
    tokenSource: {
      getAccessToken: ({ forceRefresh }) => {
        if (forceRefresh) {
          refreshes.push(Date.now());
          current = token; // a renewed token: the simulator accepts the seeded one again
        }
        return Promise.resolve(current);
      },
    },
    retry: { baseDelayMs: 1, maxDelayMs: 5, throttleDelayMs: 5, maxRetryAfterMs: 5 },
    observer: { onCall: (e) => events.push(e), onRetry: (e) => retries.push(e) },
    ...extra,
  });
  return { service, events, retries, refreshes };
}

const tokenOf = (sim: RunningSimulator, customerId: string): string => {
  const user = sim.users.find((u) => u.customerId === customerId && u.role === 'Super Admin');
  assert.ok(user, `a Super Admin of ${customerId}`);
  return user.accessToken;
};

/** Every simulator call so far came in over `protocol`, and the simulator ignored no member of any request. */
function assertCallsClean(sim: RunningSimulator, protocol: Protocol): void {
  const log = sim.control.callLog();
  assert.ok(log.length > 0);
  assert.deepEqual(log.filter((c) => c.protocol !== protocol).map((c) => `${c.protocol} ${c.operation}`), [], `every call went over ${protocol.toUpperCase()}`);
  assert.deepEqual(log.filter((c) => c.ignoredMembers.length > 0).map((c) => `${c.operation}: ${c.ignoredMembers.join(', ')}`), [], 'no member of a request was ignored');
}

for (const protocol of PROTOCOLS) {
  describe(`service layer against the simulator ${overProtocol(protocol)}`, function () {
    this.timeout(60_000);
    const connect = (sim: RunningSimulator, token: string, extra: Partial<ServiceOptions> = {}): Connected => serviceFor(sim, token, { protocol, ...extra });

    describe('demo seed', () => {
      let sim: RunningSimulator;
      before(async () => {
        sim = await startSimulator({ seed: 'demo' });
      });
      after(async () => sim.close());

      it('GetUser resolves the user, home customer and roles', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY));
        const user = await service.getUser();
        assert.equal(user.value.User.CustomerId, AGENCY);
        assert.ok(user.value.CustomerRoles.some((r) => r.CustomerId === AGENCY && r.RoleId === 41));
        assert.match(user.trackingId ?? '', /^[0-9a-f-]{36}$/);
        assert.equal(user.trackingId, sim.control.callLog().at(-1)?.trackingId, 'the TrackingId of the answer (SOAP: s:Header; REST: the TrackingId header)');
        assert.equal(service.protocol, protocol);
        assert.equal(service.url, simulatorUrl(sim, protocol), 'SOAP calls the .svc endpoint, REST its origin');
      });

      it('GetAccountsInfo and GetLinkedAccountsAndCustomersInfo list accounts', async () => {
        const { service } = connect(sim, tokenOf(sim, '250987654'));
        const accounts = await service.getAccountsInfo('250987654');
        assert.ok(accounts.value.some((a) => a.Id === '180012345' && a.Number === 'F120ABCD'));
        const linked = await service.getLinkedAccountsAndCustomersInfo('250987654');
        assert.ok(linked.value.AccountsInfo.length >= 1);
      });

      it('GetCustomersInfo names the customers the user reaches, directly and through a customer link (issue 12, item 2)', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY));
        assert.equal(typeof service.getCustomersInfo, 'function', 'the service offers GetCustomersInfo');
        const all = await service.getCustomersInfo!();
        const names = new Map(all.value.map((c) => [c.Id, c.Name]));
        assert.equal(names.get(AGENCY), 'Contoso Agency');
        assert.equal(names.get('250800001'), 'Adventure Works Cycles', 'a customer reached through a customer link');
        assert.ok(!names.has('250987654'), 'not a customer the user has no role on');
        assert.match(all.trackingId ?? '', /^[0-9a-f-]{36}$/);
        const entry = sim.control.callLog().at(-1);
        assert.equal(entry?.operation, 'GetCustomersInfo');
        assert.equal(entry?.protocol, protocol);
        const prefixed = await service.getCustomersInfo!({ nameFilter: 'adv', topN: 5 });
        assert.deepEqual(prefixed.value, [{ Id: '250800001', Name: 'Adventure Works Cycles' }], 'a case-insensitive name prefix');
        const fabrikam = await connect(sim, tokenOf(sim, '250987654')).service.getCustomersInfo?.({ topN: 1 });
        assert.deepEqual(fabrikam?.value, [{ Id: '250987654', Name: 'Fabrikam, Inc.' }]);
      });

      it('SearchClientLinks returns the latest link per pair, every field typed as the model says', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY));
        const result = await service.searchClientLinks(agencyQuery);
        assert.ok(result.links.length >= 60);
        const keys = new Set(result.links.map((l) => `${l.Type}:${l.ClientEntityId}`));
        assert.equal(keys.size, result.links.length, 'no pair twice');
        const link = result.links.find((l) => l.ClientEntityId === '180012345');
        assert.ok(link);
        assert.equal(link.Status, 'LinkPending');
        assert.equal(link.ManagingCustomerName, 'Contoso Agency');
        assert.equal(typeof link.IsBillToClient, 'boolean');
        assert.match(link.StartDate ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/, 'dateTime kept raw, no offset');
        assert.ok(link.Timestamp);
      });

      it('XML-special, non-ASCII, emoji and right-to-left text survive a round trip', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY));
        const account = sim.seed.invitableAccounts[0]!;
        const name = 'Ü <&> "q" 🚀 שלום';
        const note = `Line <b>1</b> & 'two' — ${'é'.repeat(5)} مرحبا`;
        const [outcome] = await service.addClientLinks([{ Type: 'AccountLink', ClientEntityId: account.id, ManagingCustomerId: AGENCY, Note: note, Name: name, IsBillToClient: true, SuppressNotification: true }]);
        assert.equal(outcome?.state, 'succeeded', JSON.stringify(outcome?.errors));
        const found = (await service.searchClientLinks({ predicates: [{ Field: 'ClientAccountId', Operator: 'Equals', Value: account.id }] })).links[0];
        assert.equal(found?.Name, name);
        assert.equal(found?.Note, note);
      });

      it('UpdateClientLinks echoes the searched link; the client accepts, the agency cancels; wrong side refused per item', async () => {
        const agency = connect(sim, tokenOf(sim, AGENCY)).service;
        const client = connect(sim, tokenOf(sim, '250987654')).service;
        const [pending] = (await client.searchClientLinks({ predicates: [{ Field: 'ClientAccountId', Operator: 'Equals', Value: '180012345' }] })).links;
        assert.ok(pending);
        const [wrongSide] = await agency.updateClientLinks([{ ...pending, Status: 'LinkAccepted' }]);
        assert.equal(wrongSide?.state, 'failed');
        assert.ok(wrongSide?.errors.length);
        const [accepted] = await client.updateClientLinks([{ ...pending, Status: 'LinkAccepted' }]);
        assert.equal(accepted?.state, 'succeeded', JSON.stringify(accepted?.errors));
        const [after] = (await agency.searchClientLinks({ predicates: [{ Field: 'ClientAccountId', Operator: 'Equals', Value: '180012345' }] })).links;
        assert.ok(['LinkAccepted', 'LinkInProgress'].includes(after?.Status ?? ''), String(after?.Status));
        const [stale] = await client.updateClientLinks([{ ...pending, Status: 'LinkDeclined' }]);
        assert.equal(stale?.state, 'failed', 'a stale Timestamp or a finished invitation is refused');
      });

      it('a changed read-only field is refused (full-update semantics)', async () => {
        const agency = connect(sim, tokenOf(sim, AGENCY)).service;
        const active = (await agency.searchClientLinks(agencyQuery)).links.find((l) => l.Status === 'Active' && l.Type !== 'CustomerLink');
        assert.ok(active);
        const [outcome] = await agency.updateClientLinks([{ ...active, Status: 'UnlinkRequested', IsBillToClient: !active.IsBillToClient }]);
        assert.equal(outcome?.state, 'failed');
        assert.ok(outcome?.errors.some((e) => e.code === 3083), JSON.stringify(outcome?.errors));
      });

      it(`every call of these tests went over ${protocol.toUpperCase()}, and the simulator ignored no member of any request`, () => {
        assertCallsClean(sim, protocol);
      });
    });

    describe('scale seed', () => {
      let sim: RunningSimulator;
      beforeEach(async () => {
        sim = await startSimulator({ seed: 'scale:250' });
      });
      afterEach(async () => {
        try {
          assertCallsClean(sim, protocol);
        } finally {
          await sim.close();
        }
      });

      it('pages through 3 pages of 100, stopping at the short page, without duplicates', async () => {
        const { service, events } = connect(sim, tokenOf(sim, AGENCY));
        const result = await service.searchClientLinks({ ...agencyQuery, ordering: [{ Field: 'Id', Order: 'Ascending' }] });
        assert.equal(result.links.length, 250);
        assert.equal(result.pages, 3);
        const ids = result.links.map((l) => l.ClientEntityId ?? '');
        assert.deepEqual(ids, [...ids].sort((a, b) => Number(a) - Number(b)), 'order kept across concurrent pages');
        assert.equal(new Set(ids).size, 250);
        assert.ok(events.filter((e) => e.operation === 'SearchClientLinks').length <= 4 + 1, 'no runaway page requests');
        assert.equal(sim.control.callLog().filter((c) => c.operation === 'SearchClientLinks' && c.outcome === 'ok').length, events.filter((e) => e.operation === 'SearchClientLinks').length, 'one simulator call per observed page request');
      });

      it('sends 25 invitations in 3 calls and maps partial errors back by index', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY));
        const existing = (await service.searchClientLinks(agencyQuery)).links;
        const reinvitable = existing.filter((l) => ['Inactive', 'LinkCanceled', 'LinkDeclined', 'LinkExpired', 'LinkFailed'].includes(l.Status ?? '') && l.Type !== 'CustomerLink');
        const blocked = existing.filter((l) => l.Status === 'Active' && l.Type !== 'CustomerLink');
        const targets: string[] = [...sim.seed.invitableAccounts.map((a) => a.id), ...reinvitable.slice(0, 12).map((l) => l.ClientEntityId ?? ''), ...blocked.slice(0, 3).map((l) => l.ClientEntityId ?? '')];
        assert.equal(targets.length, 25);
        const callsBefore = sim.control.callLog().filter((c) => c.operation === 'AddClientLinks').length;
        const links: ClientLink[] = targets.map((id) => ({ Type: 'AccountLink', ClientEntityId: id, ManagingCustomerId: AGENCY, IsBillToClient: true }));
        const outcomes = await service.addClientLinks(links);
        const calls = sim.control.callLog().filter((c) => c.operation === 'AddClientLinks').length - callsBefore;
        assert.equal(calls, 3);
        assert.equal(outcomes.length, 25);
        assert.deepEqual(outcomes.map((o) => o.index), [...Array(25).keys()]);
        assert.deepEqual(outcomes.slice(0, 22).map((o) => o.state), Array(22).fill('succeeded'));
        for (const o of outcomes.slice(22)) {
          assert.equal(o.state, 'failed');
          assert.equal(o.link.ClientEntityId, targets[o.index]);
          assert.ok(o.errors.some((e) => e.code === 1410), JSON.stringify(o.errors));
        }
      });

      it('whole-call OperationErrors fail every link of that call only', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY));
        const viewer = sim.users.find((u) => u.role === 'Viewer');
        assert.ok(viewer);
        const { service: viewerService } = connect(sim, viewer.accessToken);
        const links: ClientLink[] = sim.seed.invitableAccounts.slice(0, 3).map((a) => ({ Type: 'AccountLink', ClientEntityId: a.id, ManagingCustomerId: AGENCY, IsBillToClient: true }));
        const outcomes = await viewerService.addClientLinks(links);
        assert.deepEqual(outcomes.map((o) => o.state), ['failed', 'failed', 'failed']);
        assert.ok(outcomes.every((o) => o.errors.length > 0 || o.error));
        assert.equal((await service.searchClientLinks({ predicates: [{ Field: 'ClientAccountId', Operator: 'In', Value: links.map((l) => l.ClientEntityId).join(',') }] })).links.length, 0, 'nothing was created');
      });
    });

    describe('injected faults on reads', () => {
      let sim: RunningSimulator;
      before(async () => {
        sim = await startSimulator({ seed: 'demo' });
      });
      after(async () => sim.close());
      afterEach(() => sim.control.clearFaults());

      /** The error each fault gives once the retries are used up (the same class on both protocols). */
      const transient = { throttle: ServiceFaultError, internalError: ServiceFaultError, http500: HttpStatusError, http503: HttpStatusError, truncated: MalformedResponseError, malformed: MalformedResponseError } as const;
      const kindOf = { throttle: 'fault', internalError: 'fault', http500: 'http', http503: 'http', truncated: 'malformed', malformed: 'malformed' } as const;
      for (const fault of Object.keys(transient) as (keyof typeof transient)[]) {
        it(`${fault}: retried once with backoff, then succeeds`, async () => {
          const { service, events, retries } = connect(sim, tokenOf(sim, AGENCY), { retry: { baseDelayMs: 1, maxDelayMs: 5, throttleDelayMs: 5, maxRetryAfterMs: 7 } });
          const before = sim.control.callLog().filter((c) => c.operation === 'SearchClientLinks').length;
          sim.control.injectFault({ operation: 'SearchClientLinks', fault, count: 1 });
          const result = await service.searchClientLinks(agencyQuery);
          assert.ok(result.links.length > 0);
          assert.equal(sim.control.callLog().filter((c) => c.operation === 'SearchClientLinks').length - before, 2, 'the failed attempt and one retry');
          assert.deepEqual(events.filter((e) => e.operation === 'SearchClientLinks').map((e) => e.outcome), [kindOf[fault], 'ok'], 'the failure was observed, then the success');
          assert.equal(retries.length, 1, 'one retry announced');
          if (fault === 'throttle') {
            // SOAP: 117 has no Retry-After, so the policy's throttleDelayMs (5). REST: the 429's
            // Retry-After (60 s), cut to maxRetryAfterMs (7).
            assert.equal(retries[0]?.delayMs, protocol === 'rest' ? 7 : 5, 'the wait after throttling');
          }
        });
        it(`${fault}: gives up after the retry budget with a ${transient[fault].name}, 2 attempts`, async () => {
          const { service } = connect(sim, tokenOf(sim, AGENCY), { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, throttleDelayMs: 2, maxRetryAfterMs: 2 } });
          const before = sim.control.callLog().filter((c) => c.operation === 'GetUser').length;
          sim.control.injectFault({ operation: 'GetUser', fault, count: 5 });
          await assert.rejects(service.getUser(), (e: unknown) => e instanceof transient[fault] && e.operation === 'GetUser');
          assert.equal(sim.control.callLog().filter((c) => c.operation === 'GetUser').length - before, 2);
        });
      }

      for (const fault of ['expiredToken', 'invalidToken'] as const) {
        it(`${fault}: renews the token once and retries (2 attempts)`, async () => {
          const { service, refreshes } = connect(sim, tokenOf(sim, AGENCY));
          const before = sim.control.callLog().filter((c) => c.operation === 'GetUser').length;
          sim.control.injectFault({ operation: 'GetUser', fault, count: 1 });
          const user = await service.getUser();
          assert.equal(user.value.User.CustomerId, AGENCY);
          assert.equal(refreshes.length, 1);
          assert.equal(sim.control.callLog().filter((c) => c.operation === 'GetUser').length - before, 2);
        });
      }

      it('hang: times out, then retries', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY), { timeoutMs: 300 });
        sim.control.injectFault({ operation: 'GetUser', fault: 'hang', count: 1 });
        const user = await service.getUser();
        assert.equal(user.value.User.CustomerId, AGENCY);
      });

      it('hang on every attempt: a TimeoutError naming the operation', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY), { timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
        sim.control.injectFault({ operation: 'GetUser', fault: 'hang', count: 2 });
        await assert.rejects(service.getUser(), (e: unknown) => e instanceof TimeoutError && e.operation === 'GetUser');
      });

      it('unknownFault: a ServiceFaultError with detailType unknown', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY), { retry: { maxAttempts: 1 } });
        sim.control.injectFault({ operation: 'GetUser', fault: 'unknownFault', count: 1 });
        await assert.rejects(service.getUser(), (e: unknown) => e instanceof ServiceFaultError && e.detailType === 'unknown');
      });
    });

    describe('what a fault carries on the wire', () => {
      let sim: RunningSimulator;
      before(async () => {
        sim = await startSimulator({ seed: 'demo' });
      });
      after(async () => sim.close());
      afterEach(() => sim.control.clearFaults());

      interface WireCase {
        /** Injected on GetUser, or a request the service refuses. */
        cause: InjectedFault | 'permission' | 'validation';
        error: typeof ServiceFaultError | typeof HttpStatusError | typeof MalformedResponseError;
        detailType?: FaultDetailType;
        codes?: number[];
        /** The REST status (SOAP faults all come with HTTP 500 and s:Server here). */
        restStatus: number;
      }
      type InjectedFault = 'throttle' | 'expiredToken' | 'invalidToken' | 'internalError' | 'unknownFault' | 'http500' | 'http503' | 'malformed' | 'truncated';
      const cases: WireCase[] = [
        { cause: 'throttle', error: ServiceFaultError, detailType: 'AdApiFaultDetail', codes: [117], restStatus: 429 },
        { cause: 'expiredToken', error: ServiceFaultError, detailType: 'AdApiFaultDetail', codes: [109], restStatus: 401 },
        { cause: 'invalidToken', error: ServiceFaultError, detailType: 'AdApiFaultDetail', codes: [105], restStatus: 401 },
        { cause: 'internalError', error: ServiceFaultError, detailType: 'AdApiFaultDetail', codes: [0], restStatus: 500 },
        { cause: 'unknownFault', error: ServiceFaultError, detailType: 'unknown', codes: [], restStatus: 500 },
        { cause: 'permission', error: ServiceFaultError, detailType: 'AdApiFaultDetail', codes: [106], restStatus: 403 },
        { cause: 'validation', error: ServiceFaultError, detailType: 'ApiFault', codes: [3030], restStatus: 400 },
        { cause: 'http500', error: HttpStatusError, restStatus: 500 },
        { cause: 'http503', error: HttpStatusError, restStatus: 503 },
        { cause: 'malformed', error: MalformedResponseError, restStatus: 200 },
        { cause: 'truncated', error: MalformedResponseError, restStatus: 200 },
      ];
      for (const c of cases) {
        const wire =
          protocol === 'rest'
            ? `HTTP ${c.restStatus}${c.detailType === 'unknown' ? ', an ApplicationFault of a Type the client does not know' : c.detailType ? `, ApplicationFault ${c.detailType}` : c.error === MalformedResponseError ? ', a body that is not JSON' : ''}${c.restStatus === 429 ? ', Retry-After read' : ''}; TrackingId from the header`
            : c.detailType
              ? `s:Server fault, ${c.detailType}`
              : c.error === HttpStatusError
                ? 'an HTML error page'
                : 'a body that is not a well-formed SOAP envelope';
        it(`${c.cause}: a ${c.error.name}${c.codes?.length ? ` (${c.codes.join(', ')})` : ''}; ${wire}`, async () => {
          const { service } = connect(sim, tokenOf(sim, AGENCY), { retry: { maxAttempts: 1 } });
          let failing: Promise<unknown>;
          let operation: string;
          if (c.cause === 'permission') {
            operation = 'GetAccountsInfo';
            failing = service.getAccountsInfo('250987654'); // a customer the agency user has no role on
          } else if (c.cause === 'validation') {
            operation = 'SearchClientLinks';
            failing = service.searchClientLinks({ predicates: [{ Field: 'ClientAccountId', Operator: 'Equals', Value: 'abc' }] });
          } else {
            operation = 'GetUser';
            sim.control.injectFault({ operation, fault: c.cause, count: 5 });
            failing = service.getUser();
          }
          let error: unknown;
          await failing.catch((e: unknown) => (error = e));
          assert.ok(error instanceof c.error, String(error));
          assert.ok(error instanceof ClientLinksError);
          assert.equal(error.operation, operation);
          const answered = sim.control.callLog().filter((x) => x.operation === operation).at(-1);
          assert.equal(answered?.protocol, protocol);
          if (error instanceof ServiceFaultError) {
            assert.equal(error.protocol, protocol);
            assert.equal(error.detailType, c.detailType);
            assert.deepEqual(error.errors.map((e) => e.code), c.codes);
            if (protocol === 'soap') {
              assert.equal(error.faultCode, 's:Server');
              assert.equal(error.httpStatus, 500);
            } else {
              assert.equal(error.faultCode, '', 'REST has no SOAP fault code');
              assert.equal(error.httpStatus, c.restStatus);
              assert.equal(error.retryAfterMs, c.restStatus === 429 ? 60_000 : undefined, 'Retry-After of the 429, in ms');
            }
          }
          if (error instanceof HttpStatusError) {
            assert.equal(error.status, c.restStatus);
            if (protocol === 'rest' && c.restStatus === 503) {
              assert.equal(error.retryAfterMs, 5_000, 'the gateway\'s Retry-After is read');
            }
          }
          if (error instanceof MalformedResponseError) {
            assert.match(error.message, protocol === 'rest' ? /body that is not JSON/ : /not a SOAP envelope|not well formed/);
          }
          if (protocol === 'rest') {
            // Over REST the TrackingId travels as a response header, so even an answer whose body
            // cannot be read (error page, cut JSON) carries it.
            assert.equal(error.trackingId, answered?.trackingId, 'the TrackingId header of the answer');
          } else if (c.detailType && c.detailType !== 'unknown') {
            assert.equal(error.trackingId, answered?.trackingId, 'the TrackingId of the SOAP header');
          }
        });
      }
    });

    describe('injected faults on writes', () => {
      let sim: RunningSimulator;
      beforeEach(async () => {
        sim = await startSimulator({ seed: 'demo' });
      });
      afterEach(async () => sim.close());

      it('an AddClientLinks whose answer is lost is not sent twice: the service searches first', async () => {
        const { service } = connect(sim, tokenOf(sim, AGENCY), { timeoutMs: 500 });
        const account = sim.seed.invitableAccounts[1]!;
        const recordsBefore = sim.control.state().linkRecords;
        sim.control.injectFault({ operation: 'AddClientLinks', fault: 'truncated', count: 1 });
        const [outcome] = await service.addClientLinks([{ Type: 'AccountLink', ClientEntityId: account.id, ManagingCustomerId: AGENCY, IsBillToClient: true }]);
        assert.equal(outcome?.state, 'succeeded');
        assert.equal(sim.control.state().linkRecords, recordsBefore + 1, 'exactly one invitation exists for the pair');
        const ops = sim.control.callLog().map((c) => c.operation);
        assert.ok(ops.lastIndexOf('SearchClientLinks') > ops.indexOf('AddClientLinks'), 'searched after the lost answer');
      });

      it('an UpdateClientLinks that fails with an internal error reports the link as failed, with the TrackingId', async () => {
        const client = connect(sim, tokenOf(sim, '250987654')).service;
        const [pending] = (await client.searchClientLinks({ predicates: [{ Field: 'ClientAccountId', Operator: 'Equals', Value: '180012345' }] })).links;
        assert.ok(pending);
        sim.control.injectFault({ operation: 'UpdateClientLinks', fault: 'internalError', count: 5 });
        const [outcome] = await client.updateClientLinks([{ ...pending, Status: 'LinkAccepted' }]);
        assert.equal(outcome?.state, 'failed');
        assert.ok(outcome?.error instanceof ServiceFaultError);
        assert.equal(outcome.error.trackingId, sim.control.callLog().filter((c) => c.operation === 'UpdateClientLinks').at(-1)?.trackingId);
        assert.equal(outcome.error.httpStatus, 500, 'SOAP faults and the REST internal error both come with HTTP 500');
        assert.equal(outcome.error.protocol, protocol);
        assert.equal(sim.control.callLog().filter((c) => c.operation === 'UpdateClientLinks').length, 1, 'an update is not repeated after an internal error');
      });
    });
  });
}

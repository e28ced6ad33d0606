/** The SOAP service layer against the simulator over loopback HTTP: every operation, paging, batching, partial errors, faults. */
import * as assert from 'node:assert/strict';
import { createClientLinksService } from '../../src/core/service/index';
import type { CallEvent, ClientLinksService, ServiceOptions } from '../../src/core/service/types';
import { HttpStatusError, MalformedResponseError, ServiceFaultError, TimeoutError } from '../../src/core/errors';
import type { ClientLink } from '../../src/core/model/clientLink';
import { startSimulator, type RunningSimulator } from '../../src/simulator';

const AGENCY = '251000123';
const agencyQuery = { predicates: [{ Field: 'DirectManagingCustomerId' as const, Operator: 'Equals' as const, Value: AGENCY }] };

function serviceFor(sim: RunningSimulator, token: string, extra: Partial<ServiceOptions> = {}): { service: ClientLinksService; events: CallEvent[]; refreshes: number[] } {
  const events: CallEvent[] = [];
  const refreshes: number[] = [];
  let current = token;
  const service = createClientLinksService({
    endpoint: sim.endpoint,
    developerToken: async () => sim.developerToken,
    tokenSource: {
      getAccessToken: async ({ forceRefresh }) => {
        if (forceRefresh) {
          refreshes.push(Date.now());
          current = token; // a renewed token: the simulator accepts the seeded one again
        }
        return current;
      },
    },
    retry: { baseDelayMs: 1, maxDelayMs: 5, throttleDelayMs: 5 },
    observer: { onCall: (e) => events.push(e) },
    ...extra,
  });
  return { service, events, refreshes };
}

const tokenOf = (sim: RunningSimulator, customerId: string): string => {
  const user = sim.users.find((u) => u.customerId === customerId && u.role === 'Super Admin');
  assert.ok(user, `a Super Admin of ${customerId}`);
  return user.accessToken;
};

describe('service layer against the simulator', function () {
  this.timeout(60_000);

  describe('demo seed', () => {
    let sim: RunningSimulator;
    before(async () => {
      sim = await startSimulator({ seed: 'demo' });
    });
    after(async () => sim.close());

    it('GetUser resolves the user, home customer and roles', async () => {
      const { service } = serviceFor(sim, tokenOf(sim, AGENCY));
      const user = await service.getUser();
      assert.equal(user.value.User.CustomerId, AGENCY);
      assert.ok(user.value.CustomerRoles.some((r) => r.CustomerId === AGENCY && r.RoleId === 41));
      assert.match(user.trackingId ?? '', /^[0-9a-f-]{36}$/);
    });

    it('GetAccountsInfo and GetLinkedAccountsAndCustomersInfo list accounts', async () => {
      const { service } = serviceFor(sim, tokenOf(sim, '250987654'));
      const accounts = await service.getAccountsInfo('250987654');
      assert.ok(accounts.value.some((a) => a.Id === '180012345' && a.Number === 'F120ABCD'));
      const linked = await service.getLinkedAccountsAndCustomersInfo('250987654');
      assert.ok(linked.value.AccountsInfo.length >= 1);
    });

    it('SearchClientLinks returns the latest link per pair, every field typed as the model says', async () => {
      const { service } = serviceFor(sim, tokenOf(sim, AGENCY));
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
      const { service } = serviceFor(sim, tokenOf(sim, AGENCY));
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
      const agency = serviceFor(sim, tokenOf(sim, AGENCY)).service;
      const client = serviceFor(sim, tokenOf(sim, '250987654')).service;
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
      const agency = serviceFor(sim, tokenOf(sim, AGENCY)).service;
      const active = (await agency.searchClientLinks(agencyQuery)).links.find((l) => l.Status === 'Active' && l.Type !== 'CustomerLink');
      assert.ok(active);
      const [outcome] = await agency.updateClientLinks([{ ...active, Status: 'UnlinkRequested', IsBillToClient: !active.IsBillToClient }]);
      assert.equal(outcome?.state, 'failed');
      assert.ok(outcome?.errors.some((e) => e.code === 3083), JSON.stringify(outcome?.errors));
    });
  });

  describe('scale seed', () => {
    let sim: RunningSimulator;
    beforeEach(async () => {
      sim = await startSimulator({ seed: 'scale:250' });
    });
    afterEach(async () => sim.close());

    it('pages through 3 pages of 100, stopping at the short page, without duplicates', async () => {
      const { service, events } = serviceFor(sim, tokenOf(sim, AGENCY));
      const result = await service.searchClientLinks({ ...agencyQuery, ordering: [{ Field: 'Id', Order: 'Ascending' }] });
      assert.equal(result.links.length, 250);
      assert.equal(result.pages, 3);
      const ids = result.links.map((l) => l.ClientEntityId ?? '');
      assert.deepEqual(ids, [...ids].sort((a, b) => Number(a) - Number(b)), 'order kept across concurrent pages');
      assert.equal(new Set(ids).size, 250);
      assert.ok(events.filter((e) => e.operation === 'SearchClientLinks').length <= 4 + 1, 'no runaway page requests');
    });

    it('sends 25 invitations in 3 calls and maps partial errors back by index', async () => {
      const { service } = serviceFor(sim, tokenOf(sim, AGENCY));
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
      const { service } = serviceFor(sim, tokenOf(sim, AGENCY));
      const viewer = sim.users.find((u) => u.role === 'Viewer');
      assert.ok(viewer);
      const { service: viewerService } = serviceFor(sim, viewer.accessToken);
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

    const transient = ['throttle', 'internalError', 'http500', 'http503', 'truncated', 'malformed'] as const;
    for (const fault of transient) {
      it(`${fault}: retried with backoff, then succeeds`, async () => {
        const { service, events } = serviceFor(sim, tokenOf(sim, AGENCY));
        sim.control.injectFault({ operation: 'SearchClientLinks', fault, count: 1 });
        const result = await service.searchClientLinks(agencyQuery);
        assert.ok(result.links.length > 0);
        assert.ok(events.some((e) => e.operation === 'SearchClientLinks' && e.outcome !== 'ok'), 'the failure was observed');
      });
      it(`${fault}: gives up after the retry budget with a typed error`, async () => {
        const { service } = serviceFor(sim, tokenOf(sim, AGENCY), { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, throttleDelayMs: 2 } });
        sim.control.injectFault({ operation: 'GetUser', fault, count: 5 });
        await assert.rejects(service.getUser(), (e: unknown) => e instanceof ServiceFaultError || e instanceof HttpStatusError || e instanceof MalformedResponseError);
      });
    }

    for (const fault of ['expiredToken', 'invalidToken'] as const) {
      it(`${fault}: renews the token once and retries`, async () => {
        const { service, refreshes } = serviceFor(sim, tokenOf(sim, AGENCY));
        sim.control.injectFault({ operation: 'GetUser', fault, count: 1 });
        const user = await service.getUser();
        assert.equal(user.value.User.CustomerId, AGENCY);
        assert.equal(refreshes.length, 1);
      });
    }

    it('hang: times out, then retries', async () => {
      const { service } = serviceFor(sim, tokenOf(sim, AGENCY), { timeoutMs: 300 });
      sim.control.injectFault({ operation: 'GetUser', fault: 'hang', count: 1 });
      const user = await service.getUser();
      assert.equal(user.value.User.CustomerId, AGENCY);
    });

    it('hang on every attempt: a TimeoutError naming the operation', async () => {
      const { service } = serviceFor(sim, tokenOf(sim, AGENCY), { timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
      sim.control.injectFault({ operation: 'GetUser', fault: 'hang', count: 2 });
      await assert.rejects(service.getUser(), (e: unknown) => e instanceof TimeoutError && e.operation === 'GetUser');
    });

    it('unknownFault: a ServiceFaultError with detailType unknown', async () => {
      const { service } = serviceFor(sim, tokenOf(sim, AGENCY), { retry: { maxAttempts: 1 } });
      sim.control.injectFault({ operation: 'GetUser', fault: 'unknownFault', count: 1 });
      await assert.rejects(service.getUser(), (e: unknown) => e instanceof ServiceFaultError && e.detailType === 'unknown');
    });
  });

  describe('injected faults on writes', () => {
    let sim: RunningSimulator;
    beforeEach(async () => {
      sim = await startSimulator({ seed: 'demo' });
    });
    afterEach(async () => sim.close());

    it('an AddClientLinks whose answer is lost is not sent twice: the service searches first', async () => {
      const { service } = serviceFor(sim, tokenOf(sim, AGENCY), { timeoutMs: 500 });
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
      const client = serviceFor(sim, tokenOf(sim, '250987654')).service;
      const [pending] = (await client.searchClientLinks({ predicates: [{ Field: 'ClientAccountId', Operator: 'Equals', Value: '180012345' }] })).links;
      assert.ok(pending);
      sim.control.injectFault({ operation: 'UpdateClientLinks', fault: 'internalError', count: 5 });
      const [outcome] = await client.updateClientLinks([{ ...pending, Status: 'LinkAccepted' }]);
      assert.equal(outcome?.state, 'failed');
      assert.ok(outcome?.error instanceof ServiceFaultError);
      assert.ok(outcome?.error?.trackingId);
    });
  });
});

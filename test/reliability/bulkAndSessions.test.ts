/**
 * Bulk actions under faults (200 links: one outcome each, Retry failed finishes, nothing created
 * twice), cancellation mid-bulk, concurrency on the LinkStore, and sign-in changes mid-operation,
 * all through the LinkStore over the real service against the simulator, over SOAP and over REST.
 */
import * as assert from 'node:assert/strict';
import { AuthError, ClientLinksError, userMessage } from '../../src/core/errors';
import { clientLinkKey, type ClientLink } from '../../src/core/model/clientLink';
import { LinkStore, summarizeBulk, type StoreEvent } from '../../src/core/workflow/linkStore';
import { startSimulator, type RunningSimulator, type StartOptions } from '../../src/simulator';
import { overProtocol, PROTOCOLS, type Protocol } from '../helpers/protocols';
import { AGENCY, addInvitableAccounts, assertAllOver, type Harness, serviceFor, tokenOf } from './helpers';

/** Latest link per (agency, account) in the simulator, and how many records each pair has. */
function simLinks(sim: RunningSimulator, ids: readonly string[]): { status: Map<string, string | undefined>; records: number } {
  const wanted = new Set(ids);
  const status = new Map<string, string | undefined>();
  for (const l of sim.control.state({ includeLinks: true }).links ?? []) {
    if (l.ManagingCustomerId === AGENCY && l.ClientEntityId && wanted.has(l.ClientEntityId)) {
      status.set(l.ClientEntityId, l.Status ?? undefined);
    }
  }
  return { status, records: sim.control.state({ includeLinks: false }).linkRecords };
}

/** The agency's Super Admin over `protocol` (5 s timeout), and a LinkStore in a session as that user. */
function agencySession(sim: RunningSimulator, protocol: Protocol): { h: Harness; store: LinkStore } {
  const h = serviceFor(sim, tokenOf(sim, AGENCY), { protocol, timeoutMs: 5_000 });
  const store = new LinkStore();
  store.startSession(() => Promise.resolve(h.service));
  return { h, store };
}

/**
 * A simulator for the enclosing describe: started before it (`each`: before each of its tests), with
 * `accounts` invitable accounts added (their ids in `ids`); afterwards every call must have come in
 * over `protocol`, and it is closed either way.
 */
function simulatorFixture(protocol: Protocol, options: StartOptions, { each = false, accounts }: { each?: boolean; accounts?: number } = {}): { sim: RunningSimulator; ids: string[] } {
  const fixture = { sim: undefined as unknown as RunningSimulator, ids: [] as string[] };
  (each ? beforeEach : before)(async () => {
    fixture.sim = await startSimulator(options);
    if (accounts !== undefined) {
      fixture.ids = addInvitableAccounts(fixture.sim, accounts);
    }
  });
  (each ? afterEach : after)(async () => {
    try {
      assertAllOver(fixture.sim, protocol);
    } finally {
      await fixture.sim.close();
    }
  });
  return fixture;
}

const invites = (ids: readonly string[]): ClientLink[] => ids.map((id) => ({ Type: 'AccountLink', ClientEntityId: id, IsBillToClient: false, Name: `Bulk ${id}` }));

for (const protocol of PROTOCOLS) {
  describe(`reliability: bulk actions, cancellation, concurrency, session changes ${overProtocol(protocol)}`, function () {
    this.timeout(90_000);

    describe('200-link bulk under faults', () => {
      const fixture = simulatorFixture(protocol, { seed: 'empty', randomSeed: 7 }, { accounts: 200 });

      it('invite 200 with faults in some calls: exactly one outcome per link, failures have a reason, nothing created twice; Retry failed finishes the rest', async () => {
        const { sim, ids } = fixture;
        const { store } = agencySession(sim, protocol);
        await store.refresh();
        const recordsBefore = simLinks(sim, ids).records;
        for (const fault of ['internalError', 'truncated', 'http503', 'throttle', 'malformed'] as const) {
          sim.control.injectFault({ operation: 'AddClientLinks', fault, rate: 0.12 });
        }
        const progress: number[] = [];
        const result = await store.invite(invites(ids), { onProgress: (p) => progress.push(p.done) });
        sim.control.clearFaults();

        assert.equal(result.outcomes.length, 200);
        assert.deepEqual(result.outcomes.map((o) => o.index), [...Array(200).keys()], 'one outcome per input, in order');
        const byState = (s: string): number => result.outcomes.filter((o) => o.state === s).length;
        assert.equal(byState('notAttempted'), 0);
        assert.ok(byState('failed') > 0, 'some calls failed (the faults fired)');
        assert.ok(byState('succeeded') > 0);
        for (const o of result.outcomes.filter((x) => x.state === 'failed')) {
          assert.ok(o.errors.length > 0 || o.error instanceof ClientLinksError, 'a failed link carries its reason');
          assert.ok(userMessage(o.error).includes('AddClientLinks'));
        }
        assert.equal(progress.at(-1), 200);
        // The simulator agrees with every outcome: succeeded ⇒ exactly one pending link; failed ⇒ none.
        let sim1 = simLinks(sim, ids);
        for (const o of result.outcomes) {
          assert.equal(sim1.status.get(o.link.ClientEntityId ?? ''), o.state === 'succeeded' ? 'LinkPending' : undefined, `account ${o.link.ClientEntityId}`);
        }
        assert.equal(sim1.records - recordsBefore, byState('succeeded'), 'no invitation created twice');
        assert.deepEqual(
          (({ total, done, failed }) => ({ total, done, failed }))(summarizeBulk(result)),
          { total: 200, done: byState('succeeded'), failed: byState('failed') },
        );
        assert.ok(summarizeBulk(result).retryable > 0, 'Retry Failed is offered');

        assert.equal(store.lastFailed?.links.length, byState('failed'));
        const retry = await store.retryFailed();
        assert.ok(retry);
        assert.ok(retry.outcomes.every((o) => o.state === 'succeeded'), JSON.stringify(retry.outcomes.filter((o) => o.state !== 'succeeded').map((o) => o.errors)));
        assert.equal(store.lastFailed, undefined);
        sim1 = simLinks(sim, ids);
        assert.equal(sim1.records - recordsBefore, 200, 'every link invited exactly once');
        assert.ok(ids.every((id) => sim1.status.get(id) === 'LinkPending'));
        assert.equal(store.links.filter((l) => ids.includes(l.ClientEntityId ?? '')).length, 200, 'the tree shows all 200');
      });

      it('cancel 200 invitations with faults: one outcome each; Retry failed finishes; none sent twice', async () => {
        const { sim, ids } = fixture;
        const { store } = agencySession(sim, protocol);
        await store.refresh();
        const targets = store.links.filter((l) => ids.includes(l.ClientEntityId ?? '') && l.Status === 'LinkPending');
        assert.equal(targets.length, 200);
        for (const fault of ['internalError', 'http500', 'throttle', 'unknownFault'] as const) {
          sim.control.injectFault({ operation: 'UpdateClientLinks', fault, rate: 0.1 });
        }
        const callsBefore = sim.control.callLog().filter((c) => c.operation === 'UpdateClientLinks' && c.outcome === 'ok').length;
        const result = await store.runAction('cancel', targets);
        sim.control.clearFaults();
        assert.equal(result.outcomes.length, 200);
        const ok = result.outcomes.filter((o) => o.state === 'succeeded').length;
        assert.ok(ok > 0 && ok < 200, `${ok} succeeded`);
        const okCalls = sim.control.callLog().filter((c) => c.operation === 'UpdateClientLinks' && c.outcome === 'ok').length - callsBefore;
        assert.equal(okCalls, Math.ceil(ok / 10), 'each applied batch was sent once');
        const retry = await store.retryFailed();
        assert.ok(retry?.outcomes.every((o) => o.state === 'succeeded'));
        assert.equal(retry?.outcomes.length, 200 - ok, 'only the failed ones are sent again');
        const state = simLinks(sim, ids);
        assert.ok(ids.every((id) => state.status.get(id) === 'LinkCanceled'));
      });
    });

    describe('cancellation mid-bulk', () => {
      const fixture = simulatorFixture(protocol, { seed: 'empty' }, { accounts: 200 });

      it('stops starting calls on abort, lets calls in flight finish, and reports which links were done', async () => {
        const { sim, ids } = fixture;
        const { h, store } = agencySession(sim, protocol);
        await store.refresh();
        sim.control.setLatency(60, 'AddClientLinks');
        const abort = new AbortController();
        let callsAtAbort = -1;
        const result = await store.invite(invites(ids), {
          signal: abort.signal,
          onProgress: (p) => {
            if (p.done >= 40 && !abort.signal.aborted) {
              callsAtAbort = h.calls.filter((c) => c.operation === 'AddClientLinks').length;
              abort.abort();
            }
          },
        });
        sim.control.setLatency(0, 'AddClientLinks');
        await new Promise((r) => setTimeout(r, 200));
        const calls = sim.control.callLog().filter((c) => c.operation === 'AddClientLinks').length;
        assert.ok(result.cancelled);
        const done = result.outcomes.filter((o) => o.state === 'succeeded');
        const notSent = result.outcomes.filter((o) => o.state === 'notAttempted');
        assert.equal(done.length + notSent.length, 200, 'every link is done or not attempted');
        assert.ok(done.length >= 40 && done.length <= 80, `${done.length} done`);
        assert.equal(calls, done.length / 10, 'no call after the abort except those already in flight (at most 4)');
        assert.ok(calls - callsAtAbort <= 4);
        const state = simLinks(sim, ids);
        for (const o of result.outcomes) {
          assert.equal(state.status.get(o.link.ClientEntityId ?? ''), o.state === 'succeeded' ? 'LinkPending' : undefined);
        }
        assert.deepEqual(
          (({ total, done, notSent, stopped }) => ({ total, done, notSent, stopped }))(summarizeBulk(result)),
          { total: 200, done: done.length, notSent: notSent.length, stopped: 'cancelled' },
        );
        assert.equal(store.lastFailed?.links.length, notSent.length, 'Retry failed covers the links not sent');
        const retry = await store.retryFailed();
        assert.ok(retry?.outcomes.every((o) => o.state === 'succeeded'));
        assert.ok(ids.every((id) => simLinks(sim, ids).status.get(id) === 'LinkPending'));
      });
    });

    describe('concurrency on the same store', () => {
      const fixture = simulatorFixture(protocol, { seed: 'demo' }, { each: true });

      it('two refreshes at once: one GetUser, at most one queued re-run, consistent links', async () => {
        const { sim } = fixture;
        const { store } = agencySession(sim, protocol);
        sim.control.setLatency(30);
        await Promise.all([store.refresh(), store.refresh(), store.refresh()]);
        const log = sim.control.callLog();
        assert.equal(log.filter((c) => c.operation === 'GetUser').length, 1);
        assert.equal(log.filter((c) => c.operation === 'GetAccountsInfo').length, 2, 'the first refresh and one re-run, not three');
        const keys = store.links.map(clientLinkKey);
        assert.equal(new Set(keys).size, keys.length, 'no duplicates');
        assert.equal(store.loading, false);
      });

      it('two actions on the same link at once: sent once, the second refused as busy', async () => {
        const { sim } = fixture;
        const { store } = agencySession(sim, protocol);
        await store.refresh();
        const target = store.links.find((l) => l.Status === 'LinkPending' && l.ManagingCustomerId === AGENCY && l.Type !== 'CustomerLink');
        assert.ok(target);
        sim.control.setLatency(50, 'UpdateClientLinks');
        const [a, b] = await Promise.all([store.runAction('cancel', [target]), store.runAction('cancel', [target, target])]);
        assert.deepEqual(a.outcomes.map((o) => o.state), ['succeeded']);
        assert.equal(b.outcomes.length, 0);
        assert.match(b.refused[0]?.reason ?? '', /already running/);
        assert.equal(sim.control.callLog().filter((c) => c.operation === 'UpdateClientLinks').length, 1);
        assert.equal(store.busy.size, 0);
      });

      it('the same invitation twice at once (and twice in one list): sent once', async () => {
        const { sim } = fixture;
        const { store } = agencySession(sim, protocol);
        await store.refresh();
        const account = sim.seed.invitableAccounts[0]!;
        const one: ClientLink = { Type: 'AccountLink', ClientEntityId: account.id, IsBillToClient: true };
        const byNumber: ClientLink = { Type: 'AccountLink', ClientEntityNumber: account.number.toLowerCase(), IsBillToClient: true };
        sim.control.setLatency(50, 'AddClientLinks');
        const recordsBefore = sim.control.state({ includeLinks: false }).linkRecords;
        const [a, b] = await Promise.all([store.invite([one, { ...one }]), store.invite([one])]);
        assert.deepEqual(a.outcomes.map((o) => o.state), ['succeeded']);
        assert.match(a.refused[0]?.reason ?? '', /listed twice/);
        assert.equal(b.outcomes.length, 0);
        assert.match(b.refused[0]?.reason ?? '', /already being sent/);
        const [c, d] = await Promise.all([store.invite([byNumber]), store.invite([{ ...byNumber, ClientEntityNumber: account.number }])]);
        assert.equal(c.outcomes.length + d.outcomes.length, 1, 'by number: one sent, one refused');
        assert.equal(sim.control.state({ includeLinks: false }).linkRecords, recordsBefore + 1, 'one invitation created');
      });

      it('a refresh during an action neither loses the action nor shows a half state', async () => {
        const { sim } = fixture;
        const { store } = agencySession(sim, protocol);
        await store.refresh();
        const targets = store.links.filter((l) => l.Status === 'LinkPending' && l.ManagingCustomerId === AGENCY && l.Type !== 'CustomerLink').slice(0, 3);
        sim.control.setLatency(40);
        const [result] = await Promise.all([store.runAction('cancel', targets), store.refresh(), store.refresh()]);
        assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded', 'succeeded', 'succeeded']);
        await store.refresh();
        for (const t of targets) {
          assert.equal(store.links.find((l) => clientLinkKey(l) === clientLinkKey(t))?.Status, 'LinkCanceled');
        }
      });
    });

    describe('sign-in changes mid-operation', () => {
      const fixture = simulatorFixture(protocol, { seed: 'demo' }, { each: true, accounts: 60 });

      it('sign-out mid-refresh: the refresh ends quietly, in-flight reads are abandoned, nothing lands in the empty store', async () => {
        const { sim } = fixture;
        const { store } = agencySession(sim, protocol);
        const events: StoreEvent[] = [];
        store.onDidChange((e) => events.push(e));
        sim.control.setLatency(150, 'SearchClientLinks');
        const refreshing = store.refresh();
        await new Promise((r) => setTimeout(r, 60));
        store.endSession();
        const mark = events.length;
        await refreshing;
        assert.equal(store.links.length, 0);
        assert.equal(store.loaded, false);
        assert.equal(store.lastError, undefined);
        assert.ok(!events.slice(mark).some((e) => e.type === 'links' || e.type === 'error'), 'nothing lands after sign-out');
        const searches = sim.control.callLog().filter((c) => c.operation === 'SearchClientLinks').length;
        await new Promise((r) => setTimeout(r, 400));
        assert.equal(sim.control.callLog().filter((c) => c.operation === 'SearchClientLinks').length, searches, 'no call starts after sign-out');
      });

      it('sign-out mid-bulk: no new call after sign-out; the result says which links were done and that the session ended', async () => {
        const { sim, ids } = fixture;
        const { store } = agencySession(sim, protocol);
        await store.refresh();
        sim.control.setLatency(60, 'AddClientLinks');
        const result = await store.invite(invites(ids), {
          onProgress: (p) => {
            if (p.done >= 10 && store.hasSession) {
              store.endSession();
            }
          },
        });
        sim.control.setLatency(0);
        assert.equal(result.sessionEnded, true);
        const done = result.outcomes.filter((o) => o.state === 'succeeded').length;
        assert.ok(done >= 10 && done <= 50, `${done}`);
        assert.equal(result.outcomes.filter((o) => o.state === 'notAttempted').length, 60 - done);
        assert.equal(summarizeBulk(result).stopped, 'sessionEnded');
        assert.equal(store.lastFailed, undefined, 'no Retry failed leaks into the next session');
        assert.equal(store.busy.size, 0);
        assert.equal(store.links.length, 0);
        assert.equal(sim.control.callLog().filter((c) => c.operation === 'AddClientLinks').length, done / 10);
      });

      it('account switch mid-bulk: the old action finishes without touching the new account’s state', async () => {
        const { sim, ids } = fixture;
        const { store } = agencySession(sim, protocol);
        const client = serviceFor(sim, tokenOf(sim, '250987654'), { protocol, timeoutMs: 5_000 });
        await store.refresh();
        sim.control.setLatency(40, 'AddClientLinks');
        const pending = store.invite(invites(ids));
        await new Promise((r) => setTimeout(r, 50));
        store.startSession(() => Promise.resolve(client.service));
        const switched = store.refresh();
        const result = await pending;
        await switched;
        assert.equal(result.sessionEnded, true);
        assert.equal(store.active?.customerId, '250987654', 'the new account is shown');
        assert.ok(store.links.every((l) => l.ManagingCustomerId === '250987654' || l.ClientEntityId !== undefined));
        assert.ok(!store.links.some((l) => ids.includes(l.ClientEntityId ?? '')), 'the agency’s bulk invitations do not appear as the client’s links');
        assert.equal(store.lastFailed, undefined);
      });

      it('session expires mid-operation: refresh keeps the last links (stale), actions fail with "sign in again" naming the operation', async () => {
        const { sim } = fixture;
        const user = sim.seed.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin')!;
        let token = user.accessToken;
        const { createClientLinksService } = await import('../../src/core/service/index');
        const service = createClientLinksService({
          endpoint: sim.endpoint,
          protocol,
          developerToken: () => Promise.resolve(sim.developerToken),
          retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, throttleDelayMs: 2 },
          tokenSource: {
            getAccessToken: ({ forceRefresh }) => {
              if (forceRefresh) {
                return Promise.reject(new AuthError('Your Microsoft session has expired.', 'signInAgain'));
              }
              return Promise.resolve(token);
            },
          },
        });
        const store = new LinkStore();
        store.startSession(() => Promise.resolve(service));
        await store.refresh();
        const shown = store.links.length;
        token = user.expiredAccessToken;
        await assert.rejects(store.refresh(), (e: unknown) => e instanceof AuthError && e.adviceCode === 'signInAgain');
        assert.equal(store.stale, true);
        assert.equal(store.links.length, shown, 'last links kept');
        const target = store.links.find((l) => l.Status === 'LinkPending' && l.ManagingCustomerId === AGENCY && l.Type !== 'CustomerLink')!;
        const result = await store.runAction('cancel', [target]);
        const [o] = result.outcomes;
        assert.equal(o?.state, 'failed');
        assert.ok(o?.error instanceof AuthError);
        assert.match(userMessage(o.error), /UpdateClientLinks.*Sign in again/);
      });
    });
  });
}

/**
 * Polling that scales (issue 14, item 7) against the simulator, over SOAP and over REST: between
 * full listings the store's poll asks only about the links in motion (counted in the simulator's
 * call log), and a transition the simulator's clock makes is seen by the next partial poll.
 */
import * as assert from 'node:assert/strict';
import { clientLinkKey, type ClientLink } from '../../src/core/model/clientLink';
import { isInMotion } from '../../src/core/model/lifecycle';
import { createClientLinksService } from '../../src/core/service/index';
import type { ClientLinksService } from '../../src/core/service/types';
import { listLinks } from '../../src/core/workflow/linkDirectory';
import { LinkStore, type StatusChange } from '../../src/core/workflow/linkStore';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { overProtocol, PROTOCOLS, type Protocol } from '../helpers/protocols';

const AGENCY = '251000123';
const MINUTE = 60_000;

function serviceFor(sim: RunningSimulator, protocol: Protocol): ClientLinksService {
  const user = sim.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin');
  assert.ok(user);
  return createClientLinksService({
    endpoint: sim.endpoint,
    protocol,
    developerToken: () => Promise.resolve(sim.developerToken),
    tokenSource: { getAccessToken: () => Promise.resolve(user.accessToken) },
    retry: { baseDelayMs: 1, maxDelayMs: 5, throttleDelayMs: 5, maxRetryAfterMs: 5 },
  });
}

/** Calls the least a partial poll can make: per side and link type, one per 10 client entities in motion. */
function expectedPollCalls(links: readonly ClientLink[]): number {
  const groups = new Map<string, Set<string>>();
  for (const l of links.filter((x) => isInMotion(x.Status))) {
    const group = `${l.ManagingCustomerId === AGENCY ? 'agency' : 'client'}|${l.Type}`;
    groups.set(group, (groups.get(group) ?? new Set()).add(l.ClientEntityId ?? ''));
  }
  return [...groups.values()].reduce((n, ids) => n + Math.ceil(ids.size / 10), 0);
}

const statusByKey = (links: readonly ClientLink[]): Map<string, string | null | undefined> => new Map(links.map((l) => [clientLinkKey(l), l.Status]));

for (const protocol of PROTOCOLS) {
  describe(`polling only the links in motion ${overProtocol(protocol)}`, function () {
    this.timeout(60_000);
    let sim: RunningSimulator;
    let service: ClientLinksService;
    let store: LinkStore;
    let changes: StatusChange[];

    before(async () => {
      // 1,000 links, 60 of them in motion (a manual clock: time moves only when the test says).
      sim = await startSimulator({ seed: 'scale:1000,moving:60' });
      service = serviceFor(sim, protocol);
      store = new LinkStore(() => sim.control.now()); // the store's "30 minutes" are the simulator's
      changes = [];
      store.onDidChange((e) => {
        if (e.type === 'links') {
          changes.push(...e.changed);
        }
      });
      store.startSession(() => service);
      await store.poll(); // the first poll is a full listing
    });
    after(async () => {
      service.dispose?.();
      await sim.close();
    });

    it('a poll between full listings makes one SearchClientLinks call per 10 links in motion and nothing else', async () => {
      const inMotion = store.links.filter((l) => isInMotion(l.Status)).length;
      assert.ok(inMotion > 20 && inMotion <= 60, `the seed's links in motion, some of which the first ticks moved on (${inMotion} of ${store.links.length})`);
      const before = sim.control.callLog().length;
      await store.poll();
      const calls = sim.control.callLog().slice(before);
      assert.deepEqual([...new Set(calls.map((c) => c.operation))], ['SearchClientLinks'], 'no listing of accounts, no GetUser');
      assert.equal(calls.length, expectedPollCalls(store.links));
      assert.ok(calls.every((c) => c.outcome === 'ok' && c.protocol === protocol), 'every predicate was accepted');
      assert.ok(calls.length < Math.ceil(store.links.length / 100) + 2, 'fewer calls than a full listing');
    });

    it('transitions the simulator’s clock makes are all seen by the next partial poll, as a full listing would show them', async () => {
      const before = statusByKey(store.links);
      changes.length = 0;
      const moved = sim.control.advanceClock(20 * MINUTE); // billing hand-overs, unlinks finishing, failed unlinks resuming
      assert.ok(moved > 0, 'the clock moved some links');
      const callsBefore = sim.control.callLog().length;
      await store.poll();
      assert.ok(
        sim.control.callLog().slice(callsBefore).every((c) => c.operation === 'SearchClientLinks'),
        'still a partial poll (20 simulated minutes after the full listing)',
      );

      const truth = statusByKey((await listLinks(service, { customerId: AGENCY, roleId: 41, roleName: 'Super Admin', accountIds: [], viaCustomerLink: null, canManageLinks: true })).links);
      const seen = statusByKey(store.links);
      assert.deepEqual([...seen].filter(([key, status]) => truth.get(key) !== status), [], 'every link shows what a full listing shows');
      const changedKeys = [...truth].filter(([key, status]) => before.get(key) !== status).map(([key]) => key).sort();
      assert.ok(changedKeys.length > 0);
      assert.deepEqual(changes.map((c) => clientLinkKey(c.link)).sort(), changedKeys, 'one change event per link the clock moved');
      assert.ok(changes.some((c) => c.from === 'LinkInProgress' && c.to === 'Active'), 'a link that left motion was updated');
    });

    it('after fullRefreshMinutes of simulated time the poll is a full listing again', async () => {
      sim.control.advanceClock(11 * MINUTE);
      const before = sim.control.callLog().length;
      await store.poll();
      const ops = sim.control.callLog().slice(before).map((c) => c.operation);
      assert.ok(ops.includes('GetAccountsInfo'), `a full listing (both sides): ${ops.join(', ')}`);
      assert.ok(ops.filter((o) => o === 'SearchClientLinks').length >= 10, 'every page of the agency side');
    });
  });
}

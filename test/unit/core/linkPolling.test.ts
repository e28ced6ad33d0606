import * as assert from 'node:assert/strict';
import type { ClientLink, ClientLinkStatus } from '../../../src/core/model/clientLink';
import { IN_MOTION_STATUSES, isInMotion, STATUSES } from '../../../src/core/model/lifecycle';
import type { CustomerChoice } from '../../../src/core/workflow/customerContext';
import { FullListingSchedule, mergeMotionAnswers, motionQueries, partialPollPays } from '../../../src/core/workflow/linkPolling';
import { LinkStore, type StatusChange, type StoreEvent } from '../../../src/core/workflow/linkStore';
import type { SearchClientLinksQuery } from '../../../src/core/service/types';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const CLIENT = '250987654';
const OTHER_AGENCY = '251000999';
const link = (id: string, status: ClientLinkStatus, managing = AGENCY, type: ClientLink['Type'] = 'AccountLink'): ClientLink => ({
  Type: type,
  ClientEntityId: id,
  ClientEntityName: `Client ${id}`,
  ManagingCustomerId: managing,
  Status: status,
});
const agencyChoice: CustomerChoice = { customerId: AGENCY, roleId: 41, roleName: 'Super Admin', accountIds: [], viaCustomerLink: null, canManageLinks: true };
const MINUTE = 60_000;

/** Field → { operator, values } of a search, for assertions. */
function shape(q: SearchClientLinksQuery): Record<string, { op: string; values: string[] }> {
  return Object.fromEntries(q.predicates.map((p) => [p.Field, { op: p.Operator, values: p.Value.split(',') }]));
}

/** Only the full listing searches by DirectManagingCustomerId alone. */
const isFullListingSearch = (q: SearchClientLinksQuery): boolean => q.predicates.length === 1 && q.predicates[0]?.Field === 'DirectManagingCustomerId';

/** An agency with `active` Active links and links in motion (ids 1000+), clock under the test's control. */
function agencyStore(options: { active?: number; moving?: ClientLinkStatus[] } = {}): { store: LinkStore; service: FakeService; events: StoreEvent[]; clock: { now: number } } {
  const service = new FakeService(userWith([[AGENCY, 41]]));
  const links: ClientLink[] = [];
  for (let i = 0; i < (options.active ?? 30); i++) {
    links.push(link(String(180000000 + i), 'Active'));
  }
  (options.moving ?? ['LinkPending', 'LinkAccepted', 'LinkInProgress', 'UnlinkRequested', 'UnlinkPending', 'UnlinkInProgress', 'UnlinkFailed']).forEach((status, i) => links.push(link(String(181000000 + i), status)));
  service.links = links;
  const clock = { now: Date.UTC(2026, 11, 1) };
  const store = new LinkStore(() => clock.now);
  const events: StoreEvent[] = [];
  store.onDidChange((e) => events.push(e));
  store.startSession(() => Promise.resolve(service));
  return { store, service, events, clock };
}

function setStatus(service: FakeService, id: string, status: ClientLinkStatus): void {
  const found = service.links.find((l) => l.ClientEntityId === id);
  assert.ok(found, id);
  found.Status = status;
}

const changesOf = (events: StoreEvent[]): StatusChange[] => events.flatMap((e) => (e.type === 'links' ? e.changed : []));

describe('polling that scales (issue 14, item 7)', () => {
  it('the statuses in motion come from the lifecycle table: every status the service still moves by itself', () => {
    assert.deepEqual(IN_MOTION_STATUSES, ['LinkPending', 'LinkAccepted', 'LinkInProgress', 'UnlinkRequested', 'UnlinkPending', 'UnlinkInProgress', 'UnlinkFailed']);
    for (const s of STATUSES) {
      assert.equal(isInMotion(s.status), IN_MOTION_STATUSES.includes(s.status), s.status);
    }
    assert.equal(isInMotion('Active'), false);
    assert.equal(isInMotion(undefined), false);
  });

  it('asks only about links in motion, at most 10 ids a call, account and customer links in separate calls, the agency side narrowed to the agency', () => {
    const links: ClientLink[] = [];
    for (let i = 0; i < 25; i++) {links.push(link(String(180000000 + i), i % 2 ? 'LinkPending' : 'LinkInProgress'));}
    for (let i = 0; i < 40; i++) {links.push(link(String(182000000 + i), 'Active'));}
    for (let i = 0; i < 3; i++) {links.push(link(String(183000000 + i), 'Inactive'));}
    for (let i = 0; i < 12; i++) {links.push(link(String(260000000 + i), 'UnlinkPending', AGENCY, 'CustomerLink'));}
    links.push(link('184000001', 'LinkPending', OTHER_AGENCY)); // another agency invited the active customer's account
    const queries = motionQueries(links, agencyChoice);

    assert.equal(queries.length, 3 + 2 + 1, 'ceil(25/10) account calls + ceil(12/10) customer calls + 1 client-side call');
    const polled = new Set(queries.flatMap((q) => q.keys));
    assert.equal(polled.size, 25 + 12 + 1);
    for (const q of queries) {
      const s = shape(q.query);
      assert.ok(q.query.predicates.length <= 2, 'the service takes 1 or 2 predicates');
      assert.ok(!(s.ClientAccountId && s.ClientCustomerId), 'ClientAccountId and ClientCustomerId cannot be combined');
      const entity = s.ClientAccountId ?? s.ClientCustomerId;
      assert.ok(entity, 'each call names its clients');
      assert.ok(entity.values.length >= 1 && entity.values.length <= 10, 'at most 10 values');
      assert.equal(entity.op, entity.values.length === 1 ? 'Equals' : 'In');
      assert.ok(entity.values.every((v) => /^\d+$/.test(v)), 'no spaces, ids only');
      if (q.side === 'agency') {
        assert.deepEqual(s.DirectManagingCustomerId, { op: 'Equals', values: [AGENCY] });
      } else {
        assert.equal(s.DirectManagingCustomerId, undefined, 'the client side asks for every agency, as its full listing does');
        assert.deepEqual(s.ClientAccountId?.values, ['184000001']);
      }
    }
    const asked = queries.flatMap((q) => (shape(q.query).ClientAccountId ?? shape(q.query).ClientCustomerId)?.values ?? []);
    assert.ok(!asked.some((id) => id.startsWith('182') || id.startsWith('183')), 'Active and ended links are not asked about');
  });

  it('merges answers: polled links replaced in place, new ones added, one no answer holds kept and reported', () => {
    const current = [link('1', 'Active'), link('2', 'LinkPending'), link('3', 'LinkInProgress'), link('4', 'UnlinkPending')];
    const polled = new Set(['2', '3', '4'].map((id) => `${AGENCY}:AccountLink:${id}`));
    const answers = [link('3', 'Active'), link('2', 'LinkExpired'), link('2', 'LinkPending', OTHER_AGENCY)];
    const { links, vanished } = mergeMotionAnswers(current, polled, answers);
    assert.deepEqual(
      links.map((l) => [l.ManagingCustomerId, l.ClientEntityId, l.Status]),
      [
        [AGENCY, '1', 'Active'],
        [AGENCY, '2', 'LinkExpired'],
        [AGENCY, '3', 'Active'],
        [AGENCY, '4', 'UnlinkPending'],
        [OTHER_AGENCY, '2', 'LinkPending'],
      ],
    );
    assert.deepEqual(vanished.map((l) => l.ClientEntityId), ['4']);
  });

  it('a poll between full listings costs one call per 10 links in motion and picks up their changes', async () => {
    const moving: ClientLinkStatus[] = Array.from({ length: 23 }, (_, i) => (i % 3 === 0 ? 'LinkPending' : i % 3 === 1 ? 'LinkInProgress' : 'UnlinkInProgress'));
    const { store, service, events } = agencyStore({ active: 500, moving });
    await store.poll(); // nothing listed yet: a full listing
    assert.ok(service.searches.some(isFullListingSearch));
    service.searches = [];
    events.length = 0;

    setStatus(service, '181000000', 'LinkAccepted'); // the client accepted
    setStatus(service, '181000001', 'Active'); // linking done: leaves motion
    setStatus(service, '181000002', 'Inactive'); // unlinked: leaves motion
    await store.poll();

    assert.equal(service.searches.length, 3, 'ceil(23 / 10) calls, not a listing of 523 links');
    assert.ok(!service.searches.some(isFullListingSearch));
    assert.deepEqual(
      changesOf(events).map((c) => [c.link.ClientEntityId, c.from, c.to]),
      [
        ['181000000', 'LinkPending', 'LinkAccepted'],
        ['181000001', 'LinkInProgress', 'Active'],
        ['181000002', 'UnlinkInProgress', 'Inactive'],
      ],
    );
    assert.equal(store.links.length, 523);

    service.searches = [];
    await store.poll();
    const asked = service.searches.flatMap((q) => shape(q).ClientAccountId?.values ?? []);
    assert.equal(asked.length, 21, 'links that left motion are no longer asked about');
    assert.ok(!asked.includes('181000001') && !asked.includes('181000002'));
  });

  it('a partial poll reports the same changes as a full listing would (the events mean the same)', async () => {
    const partial = agencyStore();
    const full = agencyStore();
    await partial.store.refresh();
    await full.store.refresh();
    for (const { service } of [partial, full]) {
      setStatus(service, '181000000', 'LinkExpired');
      setStatus(service, '181000002', 'Active');
      setStatus(service, '181000006', 'Active'); // UnlinkFailed → Active (the link resumes)
    }
    partial.events.length = 0;
    full.events.length = 0;
    partial.service.searches = [];
    await partial.store.poll();
    await full.store.refresh();
    assert.equal(partial.service.searches.length, 1, 'the poll was partial: one call for 7 links in motion');
    assert.ok(!partial.service.searches.some(isFullListingSearch));
    const view = (events: StoreEvent[]) => events.filter((e) => e.type === 'links').map((e) => (e.type === 'links' ? { changed: e.changed.map((c) => [c.link.ClientEntityId, c.from, c.to, c.cause, c.followsOwnAction]), added: e.added.length, removed: e.removed.length } : undefined));
    assert.deepEqual(view(partial.events), view(full.events));
    assert.deepEqual(
      partial.store.links.map((l) => [l.ClientEntityId, l.Status]),
      full.store.links.map((l) => [l.ClientEntityId, l.Status]),
    );
  });

  it('many links in motion: the poll is a full listing, which then takes fewer calls than asking 10 at a time', async () => {
    const moving: ClientLinkStatus[] = Array.from({ length: 60 }, () => 'LinkPending');
    const { store, service } = agencyStore({ active: 40, moving });
    await store.refresh();
    assert.equal(partialPollPays(store.links, agencyChoice), false, '6 calls of 10 against 1 page + the client side');
    service.searches = [];
    await store.poll();
    assert.ok(service.searches.some(isFullListingSearch));
    assert.ok(!service.searches.some((q) => shape(q).ClientAccountId?.op === 'In' && shape(q).DirectManagingCustomerId));

    const few = agencyStore({ active: 400, moving: moving.slice(0, 15) });
    await few.store.refresh();
    assert.equal(partialPollPays(few.store.links, agencyChoice), true, '2 calls against 4 pages + the client side');
  });

  it('no link in motion: a poll makes no call', async () => {
    const { store, service } = agencyStore({ active: 40, moving: [] });
    await store.refresh();
    const before = service.calls.SearchClientLinks;
    await store.poll();
    assert.equal(service.calls.SearchClientLinks, before);
  });

  it('a full listing is due after fullListingEveryMinutes (default 30); 0 lists every time', async () => {
    const { store, service, clock } = agencyStore();
    assert.equal(store.fullListingEveryMinutes, 30);
    await store.poll();
    const firstFull = store.lastFullSync;
    service.searches = [];
    clock.now += 29 * MINUTE;
    await store.poll();
    assert.ok(!service.searches.some(isFullListingSearch), '29 minutes later: partial');
    assert.equal(store.lastFullSync, firstFull);
    clock.now += 1 * MINUTE;
    service.searches = [];
    await store.poll();
    assert.ok(service.searches.some(isFullListingSearch), '30 minutes after the last full listing: full');
    assert.equal(store.lastFullSync, clock.now);

    store.fullListingEveryMinutes = 0;
    service.searches = [];
    await store.poll();
    assert.ok(service.searches.some(isFullListingSearch), '0: every poll lists everything');
  });

  it('Refresh is always a full listing, even right after one; a full listing asked for during a poll runs after it', async () => {
    const { store, service } = agencyStore();
    await store.refresh();
    service.searches = [];
    await store.refresh();
    assert.ok(service.searches.some(isFullListingSearch));

    service.searches = [];
    service.delayMs = 5;
    await Promise.all([store.poll(), store.refresh()]);
    assert.ok(service.searches.some(isFullListingSearch), 'the refresh asked during a poll was not swallowed by it');
  });

  it('a polled link no answer holds is kept, and the next poll is a full listing that settles it', async () => {
    const { store, service, events } = agencyStore();
    await store.refresh();
    service.links = service.links.filter((l) => l.ClientEntityId !== '181000003');
    service.searches = [];
    events.length = 0;
    await store.poll();
    assert.ok(!service.searches.some(isFullListingSearch));
    assert.ok(store.links.some((l) => l.ClientEntityId === '181000003'), 'kept: a partial answer never removes a link');
    assert.deepEqual(events.flatMap((e) => (e.type === 'links' ? e.removed : [])), []);

    service.searches = [];
    await store.poll();
    assert.ok(service.searches.some(isFullListingSearch), 'the next poll is a full listing');
    assert.ok(!store.links.some((l) => l.ClientEntityId === '181000003'));
    assert.deepEqual(events.flatMap((e) => (e.type === 'links' ? e.removed.map((l) => l.ClientEntityId) : [])), ['181000003']);
  });

  it('a client-side user: its accounts in motion are asked about with ClientAccountId In (every agency), new invitations on them are added', async () => {
    const service = new FakeService(userWith([[CLIENT, 41]]));
    service.accounts = Array.from({ length: 12 }, (_, i) => ({ Id: String(190000000 + i), Name: `a${i}`, Number: null, AccountLifeCycleStatus: 'Active' as const, PauseReason: null }));
    service.links = service.accounts.map((a, i) => link(a.Id ?? '', i < 11 ? 'LinkPending' : 'Active', OTHER_AGENCY));
    const store = new LinkStore();
    const events: StoreEvent[] = [];
    store.onDidChange((e) => events.push(e));
    store.startSession(() => Promise.resolve(service));
    await store.refresh();
    assert.equal(store.links.length, 12);
    service.searches = [];
    setStatus(service, '190000000', 'LinkAccepted');
    service.links.push(link('190000001', 'LinkPending', '251000777')); // a second agency invites the same account
    await store.poll();
    assert.equal(service.searches.length, 2, '11 accounts in motion: 10 + 1');
    for (const q of service.searches) {
      assert.equal(shape(q).DirectManagingCustomerId, undefined);
      assert.ok((shape(q).ClientAccountId?.values.length ?? 0) <= 10);
    }
    assert.equal(store.links.find((l) => l.ClientEntityId === '190000000')?.Status, 'LinkAccepted');
    assert.equal(store.links.length, 13, 'the other agency’s invitation is added');
  });

  it('the schedule: full due first, after the interval, and when asked', () => {
    let now = 0;
    const schedule = new FullListingSchedule(() => now);
    assert.equal(schedule.isFullDue(), true);
    schedule.fullApplied();
    assert.equal(schedule.isFullDue(), false);
    schedule.requestFull();
    assert.equal(schedule.isFullDue(), true);
    schedule.fullApplied();
    now += schedule.everyMs;
    assert.equal(schedule.isFullDue(), true);
  });
});

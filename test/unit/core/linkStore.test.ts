import * as assert from 'node:assert/strict';
import { NetworkError } from '../../../src/core/errors';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { LinkStore, type StoreEvent } from '../../../src/core/workflow/linkStore';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const link = (id: string, status: ClientLink['Status'], managing = AGENCY): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: id,
  ClientEntityName: `Client ${id}`,
  ManagingCustomerId: managing,
  Status: status,
});

function setup(): { store: LinkStore; service: FakeService; events: StoreEvent[] } {
  const service = new FakeService(userWith([[AGENCY, 41]]));
  service.links = [link('1', 'LinkPending'), link('2', 'Active'), link('3', 'Active')];
  const store = new LinkStore(() => 1_000);
  const events: StoreEvent[] = [];
  store.onDidChange((e) => events.push(e));
  store.startSession(() => Promise.resolve(service));
  return { store, service, events };
}

/** A store acting for the client customer that owns account 1, whose link has `status`. */
async function clientSetup(status: ClientLink['Status']): Promise<{ store: LinkStore; service: FakeService }> {
  const service = new FakeService(userWith([['250987654', 41]]));
  service.accounts = [{ Id: '1', Name: 'x', Number: null, AccountLifeCycleStatus: 'Active', PauseReason: null }];
  service.links = [link('1', status)];
  const store = new LinkStore();
  store.startSession(() => Promise.resolve(service));
  await store.refresh();
  return { store, service };
}

describe('LinkStore', () => {
  it('calls GetUser once per session, however many refreshes', async () => {
    const { store, service } = setup();
    await store.refresh();
    await store.refresh();
    await store.refresh();
    assert.equal(service.calls.GetUser, 1);
    assert.equal(store.links.length, 3);
    assert.equal(store.active?.customerId, AGENCY);
  });

  it('does not run two refreshes at once; a refresh asked for during one runs once after it', async () => {
    const { store, service } = setup();
    service.delayMs = 20;
    await Promise.all([store.refresh(), store.refresh(), store.refresh(), store.refresh()]);
    // First refresh: agency search + client searches; then exactly one queued rerun.
    const perRefresh = 2; // DirectManagingCustomerId + ClientCustomerId (no owned accounts)
    assert.equal(service.calls.SearchClientLinks, perRefresh * 2);
  });

  it('keeps the last good links and marks them stale when a refresh fails', async () => {
    const { store, service } = setup();
    await store.refresh();
    service.failSearches = { error: new NetworkError('connection refused', 'ECONNREFUSED', { operation: 'SearchClientLinks' }), count: 1 };
    await assert.rejects(store.refresh(), NetworkError);
    assert.equal(store.links.length, 3, 'links are not emptied');
    assert.equal(store.stale, true);
    assert.ok(store.lastError instanceof NetworkError);
    await store.refresh();
    assert.equal(store.stale, false);
    assert.equal(store.lastError, undefined);
  });

  it('Cancel Refresh aborts a hung refresh: the links shown stay, not stale, no error (issue 12, item 19)', async () => {
    const { store, service, events } = setup();
    await store.refresh();
    service.hangSearches = true;
    const hung = store.refresh();
    await new Promise((r) => setImmediate(r));
    assert.equal(store.loading, true);
    const errorsBefore = events.filter((e) => e.type === 'error').length;
    assert.equal(store.cancelRefresh(), true);
    await assert.rejects(hung, (e: Error & { kind?: string }) => e.kind === 'cancelled');
    assert.equal(store.links.length, 3, 'the previous links are still shown');
    assert.equal(store.stale, false);
    assert.equal(store.lastError, undefined);
    assert.equal(store.loading, false);
    assert.equal(events.filter((e) => e.type === 'error').length, errorsBefore, 'no error event');
    assert.equal(store.cancelRefresh(), false, 'nothing left to cancel');
    service.hangSearches = false;
    await store.refresh();
    assert.equal(store.links.length, 3, 'the next refresh runs normally');
  });

  it('a caller\'s AbortSignal cancels its refresh the same way, also while GetUser is still out', async () => {
    const { store, service } = setup();
    service.delayMs = 50;
    const controller = new AbortController();
    const first = store.refresh(controller.signal);
    controller.abort();
    await assert.rejects(first, (e: Error & { kind?: string }) => e.kind === 'cancelled');
    assert.equal(store.lastError, undefined);
    assert.equal(store.stale, false);
  });

  it('reports status changes between refreshes and records history', async () => {
    const { store, service, events } = setup();
    await store.refresh();
    service.links[1]!.Status = 'UnlinkPending';
    await store.refresh();
    const change = events.filter((e) => e.type === 'links').at(-1);
    assert.ok(change && change.type === 'links');
    assert.deepEqual(change.changed.map((c) => [c.link.ClientEntityId, c.from, c.to]), [['2', 'Active', 'UnlinkPending']]);
    assert.deepEqual(store.history.get(`${AGENCY}:AccountLink:2`)?.map((h) => h.status), ['Active', 'UnlinkPending']);
  });

  it('records what this product did as the cause of the changes it made, and no cause for the others', async () => {
    const { store, service } = setup();
    await store.refresh();
    await store.runAction('unlink', [store.links[1]!]);
    await store.invite([{ Type: 'AccountLink', ClientEntityId: '9', IsBillToClient: true }]);
    service.links[2]!.Status = 'UnlinkPending';
    await store.refresh();
    const history = (id: string): unknown[] | undefined => store.history.get(`${AGENCY}:AccountLink:${id}`)?.map((h) => [h.status, h.cause]);
    assert.deepEqual(history('2'), [['Active', undefined], ['UnlinkPending', 'unlink requested here']]);
    assert.deepEqual(history('9'), [['LinkPending', 'invited here']]);
    assert.deepEqual(history('3'), [['Active', undefined], ['UnlinkPending', undefined]]);
  });

  it('runs an allowed action, refuses others, and marks links busy while it runs', async () => {
    const { store, service } = setup();
    await store.refresh();
    service.delayMs = 10;
    const busySeen: boolean[] = [];
    store.onDidChange((e) => {
      if (e.type === 'busy') {
        busySeen.push(store.isBusy(store.links[1]!));
      }
    });
    const result = await store.runAction('unlink', [store.links[1]!, store.links[0]!]);
    assert.equal(result.outcomes.length, 1);
    assert.equal(result.outcomes[0]?.state, 'succeeded');
    assert.equal(result.refused.length, 1);
    assert.match(result.refused[0]!.reason, /needs status Active/);
    assert.deepEqual(busySeen, [true, false]);
    assert.equal(store.links.find((l) => l.ClientEntityId === '2')?.Status, 'UnlinkPending', 'refreshed after the action');
  });

  it('does not send an action for a link that already has one running', async () => {
    const { store, service } = setup();
    await store.refresh();
    service.delayMs = 30;
    const first = store.runAction('unlink', [store.links[1]!]);
    const second = await store.runAction('unlink', [store.links[1]!]);
    await first;
    assert.equal(second.outcomes.length, 0);
    assert.match(second.refused[0]!.reason, /already running/);
    assert.equal(service.calls.UpdateClientLinks, 1);
  });

  it('remembers failed links for Retry failed', async () => {
    const { store, service } = setup();
    await store.refresh();
    service.itemErrors.set('3', 3083);
    const result = await store.runAction('unlink', [store.links[1]!, store.links[2]!]);
    assert.deepEqual(result.outcomes.map((o) => o.state), ['succeeded', 'failed']);
    assert.deepEqual(store.lastFailed?.links.map((l) => l.ClientEntityId), ['3']);
  });

  it('forgets everything on endSession and ignores answers that land afterwards', async () => {
    const { store, service } = setup();
    service.delayMs = 20;
    const pending = store.refresh();
    store.endSession();
    await pending.catch(() => undefined);
    assert.equal(store.links.length, 0);
    assert.equal(store.active, undefined);
  });

  it('counts invitations awaiting the client', async () => {
    const { store } = await clientSetup('LinkPending');
    assert.equal(store.awaitingAction.length, 1);
  });

  it('awaitingAction follows each new listing (computed once per listing, never the previous answer)', async () => {
    const { store, service } = await clientSetup('Active');
    assert.equal(store.awaitingAction.length, 0);
    assert.equal(store.awaitingAction, store.awaitingAction, 'computed once per listing');
    service.links = [link('1', 'LinkPending')];
    await store.refresh();
    assert.deepEqual(
      store.awaitingAction.map((l) => l.ClientEntityId),
      ['1'],
    );
    service.links = [link('1', 'Active')];
    await store.refresh();
    assert.equal(store.awaitingAction.length, 0);
  });

  it('added, removed and changed are each taken against the listing just before', async () => {
    const { store, service, events } = setup();
    await store.refresh();
    service.links = [link('1', 'Active'), link('3', 'Active'), link('4', 'Inactive')];
    events.length = 0;
    await store.refresh();
    const change = events.find((e) => e.type === 'links');
    assert.ok(change && change.type === 'links');
    assert.deepEqual(change.changed.map((c) => [c.link.ClientEntityId, c.from, c.to]), [['1', 'LinkPending', 'Active']]);
    assert.deepEqual(change.added.map((l) => l.ClientEntityId), ['4']);
    assert.deepEqual(change.removed.map((l) => l.ClientEntityId), ['2']);
    service.links = [link('3', 'Active')];
    events.length = 0;
    await store.refresh();
    const second = events.find((e) => e.type === 'links');
    assert.ok(second && second.type === 'links');
    assert.deepEqual(second.removed.map((l) => l.ClientEntityId).sort(), ['1', '4']);
    assert.deepEqual(second.changed, []);
    assert.deepEqual(second.added, []);
  });
});

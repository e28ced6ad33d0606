import * as assert from 'node:assert/strict';
import { SYSTEM_TRANSITIONS } from '../../../src/core/model/lifecycle';
import { LifecycleEngine } from '../../../src/simulator/lifecycleEngine';
import { toClientLink } from '../../../src/simulator/rules/clientLinkView';
import { DAY, World } from './world';

const MINUTE = 60_000;

describe('simulator lifecycle engine (SYSTEM_TRANSITIONS over a manual clock)', () => {
  it('between scans, looks only at the links that changed status (a write of a few links does not rescan thousands)', () => {
    const w = new World('scale:2000');
    w.advance(0); // the first call scans everything
    const moving = w.store.moving.size;
    assert.ok(moving > 500, `${moving} moving links in the scale seed`);
    let checks = 0;
    const dueAt = w.engine.dueAt.bind(w.engine);
    w.engine.dueAt = (link, trigger) => {
      checks++;
      return dueAt(link, trigger);
    };
    w.advance(1);
    assert.equal(checks, 0, 'nothing changed, nothing due: no checks');
    const link = w.linkInStatus('UnlinkRequested');
    w.advance(0);
    assert.equal(link.status, 'UnlinkPending', 'the changed link still moves on time');
    assert.ok(checks > 0 && checks < 20, `${checks} due-time checks for one changed link among ${moving}`);
  });

  it('expires a pending invitation after 30 days, not before', () => {
    const w = new World('empty');
    const link = w.linkInStatus('LinkPending');
    w.advance(30 * DAY - 1);
    assert.equal(link.status, 'LinkPending');
    w.advance(1);
    assert.equal(link.status, 'LinkExpired');
    assert.equal(link.lastModifiedMs, w.now);
  });

  it('moves LinkAccepted to LinkInProgress immediately and to Active at accept + billing delay', () => {
    const w = new World('empty', { billingDelayMs: 15 * MINUTE });
    const link = w.linkInStatus('LinkAccepted');
    w.advance(0);
    assert.equal(link.status, 'LinkInProgress');
    w.advance(15 * MINUTE - 1);
    assert.equal(link.status, 'LinkInProgress');
    w.advance(1);
    assert.equal(link.status, 'Active');
  });

  it('waits for a future StartDate before Active', () => {
    const w = new World('empty', { billingDelayMs: MINUTE });
    const link = w.linkInStatus('LinkInProgress');
    Object.assign(link, { startDateMs: w.now + 3 * DAY });
    w.advance(DAY);
    assert.equal(link.status, 'LinkInProgress');
    w.advance(2 * DAY);
    assert.equal(link.status, 'Active');
  });

  it('runs the unlink chain UnlinkRequested → UnlinkPending → UnlinkInProgress → Inactive, each at its own time', () => {
    const w = new World('empty', { unlinkQueueMs: 2 * MINUTE, unlinkMs: 10 * MINUTE });
    const link = w.linkInStatus('UnlinkRequested');
    const start = w.now;
    w.advance(0);
    assert.equal(link.status, 'UnlinkPending');
    w.advance(2 * MINUTE);
    assert.equal(link.status, 'UnlinkInProgress');
    assert.equal(link.statusSinceMs, start + 2 * MINUTE);
    assert.equal(w.advance(60 * MINUTE), 1);
    assert.equal(link.status, 'Inactive');
    assert.equal(link.statusSinceMs, start + 12 * MINUTE, 'a big jump applies transitions at their due time');
  });

  it('applies a whole chain in one advance', () => {
    const w = new World('empty');
    const link = w.linkInStatus('UnlinkRequested');
    assert.equal(w.advance(DAY), 3);
    assert.equal(link.status, 'Inactive');
  });

  it('fails links and unlinks at the configured probability; UnlinkFailed resumes Active', () => {
    const w = new World('empty', { linkFailureRate: 1, unlinkFailureRate: 1, resumeMs: 5 * MINUTE });
    const linking = w.linkInStatus('LinkInProgress');
    const unlinking = w.linkInStatus('UnlinkInProgress');
    w.advance(10 * MINUTE);
    assert.equal(unlinking.status, 'UnlinkFailed');
    assert.equal(linking.status, 'LinkInProgress');
    w.advance(5 * MINUTE);
    assert.equal(unlinking.status, 'Active');
    assert.equal(linking.status, 'LinkFailed', 'billing failure at accept + billing delay (15 min)');
  });

  it('changes the Timestamp on system transitions', () => {
    const w = new World('empty');
    const link = w.linkInStatus('LinkAccepted');
    const before = toClientLink(w.store, link).Timestamp;
    w.advance(0);
    assert.notEqual(toClientLink(w.store, link).Timestamp, before);
  });

  it('leaves held seed links and terminal links alone', () => {
    const w = new World('demo');
    const held = [...w.store.latestLinks()].filter((l) => l.systemHold);
    assert.ok(held.length >= 2);
    w.advance(365 * DAY);
    assert.deepEqual(new Set(held.map((l) => l.status)), new Set(['LinkAccepted', 'UnlinkRequested', 'UnlinkPending', 'UnlinkInProgress', 'UnlinkFailed']));
    const terminal = w.linkInStatus('Inactive');
    w.advance(DAY);
    assert.equal(terminal.status, 'Inactive');
  });

  it('only produces successors listed in the lifecycle table', () => {
    for (const t of SYSTEM_TRANSITIONS) {
      assert.ok(LifecycleEngine.successors(t.from).includes(t.to));
    }
    assert.deepEqual(LifecycleEngine.successors('Active'), []);
  });
});

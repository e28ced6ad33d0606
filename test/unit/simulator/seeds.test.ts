import * as assert from 'node:assert/strict';
import { CLIENT_LINK_STATUSES } from '../../../src/core/model/clientLink';
import { canInvite, IN_MOTION_STATUSES, isInMotion } from '../../../src/core/model/lifecycle';
import { loadSeed, parseSeed } from '../../../src/simulator/seeds';
import { toClientLink } from '../../../src/simulator/rules/clientLinkView';
import { SimStore } from '../../../src/simulator/state/store';
import { AGENCY, FABRIKAM, NORTHWIND, NOW } from './world';

describe('simulator seeds', () => {
  it('demo: 60+ links of Contoso Agency over every status but the reserved UnlinkCanceled', () => {
    const store = new SimStore('t');
    loadSeed(store, parseSeed('demo'), NOW);
    const latest = [...store.latestLinks()].filter((l) => l.managingCustomerId === AGENCY);
    assert.ok(latest.length >= 60, `${latest.length} links`);
    const statuses = new Set(latest.map((l) => l.status));
    for (const status of CLIENT_LINK_STATUSES) {
      assert.equal(statuses.has(status), status !== 'UnlinkCanceled', status);
    }
  });

  it('demo: users with the documented roles, and pending invitations for both client admins', () => {
    const store = new SimStore('t');
    const seed = loadSeed(store, parseSeed('demo'), NOW);
    const roles = seed.users.map((u) => `${u.customerId}:${u.role}`);
    assert.deepEqual(roles, [`${AGENCY}:Super Admin`, `${AGENCY}:Standard`, `${AGENCY}:Viewer`, `${FABRIKAM}:Super Admin`, `${NORTHWIND}:Super Admin`]);
    for (const client of [FABRIKAM, NORTHWIND]) {
      const pending = [...store.latestLinks()].filter((l) => l.status === 'LinkPending' && store.accounts.get(l.clientEntityId)?.ownerCustomerId === client);
      assert.ok(pending.length >= 1, client);
    }
  });

  it('demo: at least 10 invitable accounts, three owned by Fabrikam or Northwind', () => {
    const store = new SimStore('t');
    const seed = loadSeed(store, parseSeed('demo'), NOW);
    assert.ok(seed.invitableAccounts.length >= 10);
    assert.equal(seed.invitableAccounts.filter((a) => a.ownerCustomerId === FABRIKAM || a.ownerCustomerId === NORTHWIND).length, 3);
    for (const a of seed.invitableAccounts) {
      assert.ok(canInvite(store.latest(AGENCY, 'AccountLink', a.id)?.status));
      assert.match(a.number, /^[A-Z0-9]{8}$/);
    }
  });

  it('is deterministic', () => {
    const dump = () => {
      const store = new SimStore('t');
      loadSeed(store, parseSeed('demo'), NOW);
      return JSON.stringify([...store.latestLinks()].map((l) => toClientLink(store, l)));
    };
    assert.equal(dump(), dump());
  });

  it('has well-formed numbers: 10 characters for customers, 8 for accounts', () => {
    const store = new SimStore('t');
    loadSeed(store, parseSeed('demo'), NOW);
    for (const c of store.customers.values()) {
      assert.match(c.number, /^[A-Z0-9]{10}$/, c.name);
    }
    for (const a of store.accounts.values()) {
      assert.match(a.number, /^[A-Z0-9]{8}$/, a.name);
    }
  });

  it('scale:10000 builds 10000 links over 13 statuses', () => {
    // How fast it builds is for the benchmarks, not for a test a busy machine could fail.
    const store = new SimStore('t');
    loadSeed(store, parseSeed('scale:10000'), NOW);
    assert.equal([...store.latestLinks()].length, 10000);
    assert.equal(new Set([...store.latestLinks()].map((l) => l.status)).size, 13);
  });

  it('parses seed names', () => {
    assert.deepEqual(parseSeed('scale:25'), { kind: 'scale', links: 25 });
    assert.deepEqual(parseSeed('scale:10000,moving:50'), { kind: 'scale', links: 10000, moving: 50 });
    assert.throws(() => parseSeed('huge'));
    assert.throws(() => parseSeed('scale:10,moving:11'), /at most N/);
  });

  it('scale:N,moving:M has exactly M links in motion, spread over the listing and over the statuses in motion (issue 14, item 7)', () => {
    const store = new SimStore('t');
    loadSeed(store, parseSeed('scale:10000,moving:50'), NOW);
    const latest = [...store.latestLinks()];
    assert.equal(latest.length, 10000);
    const moving = latest.filter((l) => isInMotion(l.status));
    assert.equal(moving.length, 50);
    assert.equal(store.moving.size, 50, 'the simulator moves the same links');
    assert.deepEqual(new Set(moving.map((l) => l.status)), new Set(IN_MOTION_STATUSES));
    const ids = moving.map((l) => Number(l.clientEntityId)).sort((a, b) => a - b);
    assert.ok(ids[ids.length - 1]! - ids[0]! > 9000, 'spread over the accounts, not the first 50');
  });
});

import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { canReinvite, REINVITE_STATUSES, STUCK_WATCH_STATUSES } from '../../../src/core/model/lifecycle';
import type { CustomerChoice } from '../../../src/core/workflow/customerContext';
import { DAY_MS, daysLeft, expiringWithin, expiringWithinSliced, expiryOf, HOUR_MS, isStuck, stuckLinks, stuckLinksSliced, waitingSince } from '../../../src/core/workflow/linkDeadlines';
import { type Sliced, SLICE_ITEMS } from '../../../src/core/util/sliced';
import { planReinvite, reinvitableLinks, reinvitationOf } from '../../../src/core/workflow/reinvite';
import { LinkStore } from '../../../src/core/workflow/linkStore';
import { formatDateTime } from '../../../src/simulator/xml/dateTime';
import { ManualClock } from '../../../src/simulator/clock';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const SENT = Date.UTC(2026, 10, 1, 9, 30);

const link = (id: string, status: ClientLink['Status'], modifiedMs: number, extra: Partial<ClientLink> = {}): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: id,
  ClientEntityName: `Client ${id}`,
  ManagingCustomerId: AGENCY,
  Status: status,
  LastModifiedDateTime: formatDateTime(modifiedMs),
  ...extra,
});

const agency: CustomerChoice = { customerId: AGENCY, roleId: 41, roleName: 'Super Admin', accountIds: [], viaCustomerLink: null, canManageLinks: true };

describe('link deadlines: invitation expiry', () => {
  it('a pending invitation expires 30 days after its LastModifiedDateTime; other statuses never', () => {
    assert.equal(expiryOf(link('1', 'LinkPending', SENT)), SENT + 30 * DAY_MS);
    for (const status of ['Active', 'LinkExpired', 'LinkAccepted', 'LinkDeclined'] as const) {
      assert.equal(expiryOf(link('1', status, SENT)), undefined, status);
    }
    assert.equal(expiryOf({ Status: 'LinkPending', LastModifiedDateTime: undefined }), undefined);
  });

  it('days left count down on the simulator clock, rounded down, never below 0', () => {
    const clock = new ManualClock(SENT);
    const pending = link('1', 'LinkPending', SENT);
    assert.equal(daysLeft(pending, clock.now()), 30);
    clock.advance(HOUR_MS);
    assert.equal(daysLeft(pending, clock.now()), 29, 'less than 30 whole days left');
    clock.advance(25 * DAY_MS);
    assert.equal(daysLeft(pending, clock.now()), 4);
    clock.advance(4 * DAY_MS + HOUR_MS);
    assert.equal(daysLeft(pending, clock.now()), 0, 'less than a day left');
    clock.advance(2 * DAY_MS);
    assert.equal(daysLeft(pending, clock.now()), 0, 'past its date, the service has not expired it yet');
    assert.equal(daysLeft(link('2', 'Active', SENT), clock.now()), undefined);
  });

  it('expiringWithin lists the pending invitations with fewer than N days left, soonest first', () => {
    const now = SENT + 27 * DAY_MS;
    const links = [
      link('old', 'LinkPending', SENT), // 3 days left
      link('new', 'LinkPending', SENT + 20 * DAY_MS), // 23 days left
      link('older', 'LinkPending', SENT - DAY_MS), // 2 days left
      link('edge', 'LinkPending', SENT + 2 * DAY_MS), // exactly 5 days left: not fewer than 5
      link('active', 'Active', SENT - 60 * DAY_MS),
    ];
    const soon = expiringWithin(links, now, 5);
    assert.deepEqual(soon.map((e) => e.link.ClientEntityId), ['older', 'old']);
    assert.deepEqual(soon.map((e) => e.daysLeft), [2, 3]);
    assert.equal(soon[0]?.expiresAt, SENT + 29 * DAY_MS);
    assert.deepEqual(expiringWithin(links, now, 7).map((e) => e.link.ClientEntityId), ['older', 'old', 'edge']);
  });
});

describe('link deadlines: stuck links', () => {
  const threshold = 24 * HOUR_MS;

  it('watches exactly the statuses the service should leave on its own', () => {
    assert.deepEqual([...STUCK_WATCH_STATUSES].sort(), ['LinkAccepted', 'LinkInProgress', 'UnlinkInProgress', 'UnlinkPending', 'UnlinkRequested']);
  });

  it('a link in motion is stuck once it has not changed for the threshold, measured from LastModifiedDateTime', () => {
    const clock = new ManualClock(SENT);
    const moving = link('1', 'UnlinkInProgress', SENT);
    assert.equal(isStuck(moving, clock.now(), threshold), false);
    clock.advance(threshold - 1);
    assert.equal(isStuck(moving, clock.now(), threshold), false);
    clock.advance(1);
    assert.equal(isStuck(moving, clock.now(), threshold), true);
    for (const status of ['Active', 'LinkPending', 'UnlinkFailed', 'Inactive'] as const) {
      assert.equal(isStuck(link('2', status, SENT - 90 * DAY_MS), clock.now(), threshold), false, status);
    }
  });

  it('a link in progress waiting for its future start date is not stuck; the wait counts from the start date', () => {
    const start = SENT + 10 * DAY_MS;
    const waiting = link('1', 'LinkInProgress', SENT, { StartDate: formatDateTime(start) });
    assert.equal(waitingSince(waiting), start);
    assert.equal(isStuck(waiting, SENT + 5 * DAY_MS, threshold), false);
    assert.equal(isStuck(waiting, start + threshold, threshold), true);
  });

  it('stuckLinks lists them, the one waiting longest first', () => {
    const now = SENT + 5 * DAY_MS;
    const links = [link('a', 'LinkAccepted', SENT + 3 * DAY_MS), link('b', 'UnlinkPending', SENT), link('c', 'LinkInProgress', now - HOUR_MS), link('d', 'Active', SENT)];
    const stuck = stuckLinks(links, now, threshold);
    assert.deepEqual(stuck.map((s) => s.link.ClientEntityId), ['b', 'a']);
    assert.equal(stuck[0]?.forMs, 5 * DAY_MS);
  });
});

describe('link deadlines: 100,000 links in slices (issue 15)', () => {
  /** Drains `work` counting its slices. */
  const drain = <T>(work: Sliced<T>): { value: T; slices: number } => {
    let slices = 0;
    for (;;) {
      const step = work.next();
      if (step.done) {
        return { value: step.value, slices };
      }
      slices++;
    }
  };

  it('expiring and stuck links are found a slice at a time, the same as one pass over them', () => {
    const statuses = ['LinkPending', 'Active', 'LinkAccepted', 'UnlinkPending', 'LinkInProgress', 'UnlinkInProgress'] as const;
    const now = SENT + 40 * DAY_MS;
    const links = Array.from({ length: 5_000 }, (_, i) => link(String(i), statuses[(i * 7) % statuses.length], SENT + ((i * 7919) % (40 * 24)) * HOUR_MS));
    // The oracle: one pass, as the watch did before.
    const oracleExpiring = links
      .map((l) => ({ l, at: expiryOf(l) }))
      .filter((e) => e.at !== undefined && e.at - now < 5 * DAY_MS)
      .sort((a, b) => a.at! - b.at!)
      .map((e) => e.l.ClientEntityId);
    const oracleStuck = links
      .map((l) => ({ l, since: waitingSince(l) }))
      .filter((e) => e.since !== undefined && now - e.since >= 24 * HOUR_MS)
      .sort((a, b) => a.since! - b.since!)
      .map((e) => e.l.ClientEntityId);
    assert.ok(oracleExpiring.length > 10 && oracleStuck.length > 10);
    const expiring = drain(expiringWithinSliced(links, now, 5));
    const stuck = drain(stuckLinksSliced(links, now, 24 * HOUR_MS));
    assert.ok(expiring.slices >= Math.floor(links.length / SLICE_ITEMS) && stuck.slices >= Math.floor(links.length / SLICE_ITEMS));
    assert.deepEqual(expiring.value.map((e) => e.link.ClientEntityId), oracleExpiring);
    assert.deepEqual(stuck.value.map((e) => e.link.ClientEntityId), oracleStuck);
    assert.deepEqual(expiringWithin(links, now, 5), expiring.value);
    assert.deepEqual(stuckLinks(links, now, 24 * HOUR_MS), stuck.value);
  });
});

describe('re-invite', () => {
  it('is offered to the agency on Expired, Declined and Canceled links only', () => {
    assert.deepEqual([...REINVITE_STATUSES].sort(), ['LinkCanceled', 'LinkDeclined', 'LinkExpired']);
    assert.equal(canReinvite('LinkExpired', 'agency'), true);
    assert.equal(canReinvite('LinkExpired', 'client'), false);
    assert.equal(canReinvite('Inactive', 'agency'), false);
    assert.equal(canReinvite('LinkPending', 'agency'), false);
  });

  it('repeats type, client, name, note, who pays and notification choice, without the old start date or status', () => {
    const ended = link('180012345', 'LinkExpired', SENT, {
      ClientEntityNumber: 'F120ABCD',
      ClientEntityCustomerNumber: 'C000000001',
      Name: 'Fabrikam Shoes',
      Note: 'Q4 search',
      IsBillToClient: false,
      SuppressNotification: true,
      StartDate: '2026-10-01T00:00:00',
      InviterEmail: 'x@example.com',
      Timestamp: 'AAAA',
    });
    assert.deepEqual(reinvitationOf(ended, AGENCY), {
      Type: 'AccountLink',
      ClientEntityId: '180012345',
      ManagingCustomerId: AGENCY,
      Note: 'Q4 search',
      Name: 'Fabrikam Shoes',
      IsBillToClient: false,
      SuppressNotification: true,
      ClientEntityCustomerNumber: 'C000000001',
    });
    const customer = reinvitationOf({ ...ended, Type: 'CustomerLink', ClientEntityId: '250800001', ClientEntityNumber: 'C000800001', IsBillToClient: null, SuppressNotification: false }, AGENCY);
    assert.equal(customer.Type, 'CustomerLink');
    assert.equal(customer.ClientEntityNumber, 'C000800001', 'a customer link is sent with id and number');
    assert.equal(customer.IsBillToClient, undefined);
    assert.equal(customer.SuppressNotification, false);
  });

  it('plans each link once and refuses the others with a reason in a user\'s words', () => {
    const links = [link('1', 'LinkExpired', SENT), link('1', 'LinkExpired', SENT), link('2', 'LinkDeclined', SENT), link('3', 'Active', SENT), link('4', 'LinkCanceled', SENT, { ManagingCustomerId: '999' })];
    const plan = planReinvite(links, agency);
    assert.deepEqual(plan.invitations.map((i) => i.link.ClientEntityId), ['1', '2']);
    assert.deepEqual(plan.refused.map((r) => r.link.ClientEntityId), ['3', '4']);
    assert.match(plan.refused[0]!.reason, /Re-invite is for invitations that ended without a link \(Expired, Declined or Canceled\); Client 3 is Active\./);
    assert.match(plan.refused[1]!.reason, /Only the agency that sent the invitation/);
    assert.doesNotMatch(plan.refused.map((r) => r.reason).join(' '), /LinkExpired|LinkDeclined|LinkCanceled/);
    const standard = { ...agency, roleId: 203, roleName: 'Standard' };
    assert.match(planReinvite([link('5', 'LinkExpired', SENT, { Type: 'CustomerLink' })], standard).refused[0]!.reason, /cannot invite customer links; a Super Admin can/);
    assert.deepEqual(reinvitableLinks(links, agency, ['LinkExpired']).map((l) => l.ClientEntityId), ['1', '1']);
  });

  it('the store sends them as invitations with per-item outcomes and refreshes', async () => {
    const service = new FakeService(userWith([[AGENCY, 41]]));
    service.links = [link('1', 'LinkExpired', SENT, { Name: 'One', Note: 'hello', IsBillToClient: true }), link('2', 'LinkCanceled', SENT), link('3', 'Active', SENT)];
    service.itemErrors.set('2', 1410);
    const store = new LinkStore(() => SENT);
    store.startSession(() => Promise.resolve(service));
    await store.refresh();
    const result = await store.reinvite(store.links);
    assert.equal(result.action, 'invite');
    assert.deepEqual(result.outcomes.map((o) => [o.link.ClientEntityId, o.state]), [['1', 'succeeded'], ['2', 'failed']]);
    assert.deepEqual(result.refused.map((r) => r.link.ClientEntityId), ['3']);
    assert.equal(service.calls.AddClientLinks, 1, 'one batch');
    const sent = result.outcomes[0]!.link;
    assert.deepEqual([sent.Name, sent.Note, sent.IsBillToClient, sent.Status], ['One', 'hello', true, undefined]);
    assert.equal(store.lastFailures?.failures.length, 1, 'the failure is kept for the report like any bulk action');
  });
});

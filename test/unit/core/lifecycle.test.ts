import * as assert from 'node:assert/strict';
import { CLIENT_LINK_STATUSES, type ClientLinkStatus } from '../../../src/core/model/clientLink';
import {
  ACTIONS,
  LINK_SIDES,
  SYSTEM_TRANSITIONS,
  allowedActions,
  awaitsAction,
  canInvite,
  canManage,
  expiresAt,
  statusDefinition,
  statusOrder,
  userTransition,
} from '../../../src/core/model/lifecycle';

/** The expected table, written out independently of ACTIONS (spec §5 "Actions a tool should offer"). */
const EXPECTED: Record<ClientLinkStatus, { agency: string[]; client: string[] }> = {
  LinkPending: { agency: ['cancel'], client: ['accept', 'decline'] },
  LinkCanceled: { agency: [], client: [] },
  LinkExpired: { agency: [], client: [] },
  LinkAccepted: { agency: [], client: [] },
  LinkDeclined: { agency: [], client: [] },
  LinkInProgress: { agency: [], client: [] },
  Active: { agency: ['unlink'], client: [] },
  LinkFailed: { agency: [], client: [] },
  UnlinkRequested: { agency: [], client: [] },
  UnlinkPending: { agency: [], client: [] },
  UnlinkCanceled: { agency: [], client: [] },
  UnlinkInProgress: { agency: [], client: [] },
  Inactive: { agency: [], client: [] },
  UnlinkFailed: { agency: [], client: [] },
};

describe('lifecycle table', () => {
  for (const status of CLIENT_LINK_STATUSES) {
    for (const side of LINK_SIDES) {
      it(`${status} × ${side} allows exactly ${EXPECTED[status][side].join(', ') || 'nothing'}`, () => {
        assert.deepEqual(allowedActions(status, side), EXPECTED[status][side]);
      });
    }
  }

  it('each action writes the status the service expects', () => {
    assert.equal(ACTIONS.accept.writes, 'LinkAccepted');
    assert.equal(ACTIONS.decline.writes, 'LinkDeclined');
    assert.equal(ACTIONS.cancel.writes, 'LinkCanceled');
    assert.equal(ACTIONS.unlink.writes, 'UnlinkRequested');
  });

  it('userTransition accepts only the table transitions and only for the right side', () => {
    assert.equal(userTransition('LinkPending', 'LinkAccepted', 'client'), 'accept');
    assert.equal(userTransition('LinkPending', 'LinkAccepted', 'agency'), undefined);
    assert.equal(userTransition('Active', 'UnlinkRequested', 'agency'), 'unlink');
    assert.equal(userTransition('Active', 'UnlinkRequested', 'client'), undefined);
    assert.equal(userTransition('LinkDeclined', 'LinkAccepted', 'client'), undefined);
    assert.equal(userTransition('Active', 'Inactive', 'agency'), undefined);
    let allowed = 0;
    for (const from of CLIENT_LINK_STATUSES) {
      for (const to of CLIENT_LINK_STATUSES) {
        for (const side of LINK_SIDES) {
          if (userTransition(from, to, side)) {
            allowed++;
          }
        }
      }
    }
    assert.equal(allowed, 4, 'exactly the four user transitions exist');
  });

  it('system transitions follow the state diagram', () => {
    const pairs = SYSTEM_TRANSITIONS.map((t) => `${t.from}->${t.to}`).sort();
    assert.deepEqual(pairs, [
      'LinkAccepted->LinkInProgress',
      'LinkInProgress->Active',
      'LinkInProgress->LinkFailed',
      'LinkPending->LinkExpired',
      'UnlinkFailed->Active',
      'UnlinkInProgress->Inactive',
      'UnlinkInProgress->UnlinkFailed',
      'UnlinkPending->UnlinkInProgress',
      'UnlinkRequested->UnlinkPending',
    ]);
    for (const t of SYSTEM_TRANSITIONS) {
      assert.equal(statusDefinition(t.from).terminal, false, `${t.from} is not terminal`);
    }
  });

  it('terminal statuses have no outgoing transitions of any kind', () => {
    for (const status of CLIENT_LINK_STATUSES) {
      const def = statusDefinition(status);
      if (def.terminal) {
        assert.equal(SYSTEM_TRANSITIONS.filter((t) => t.from === status).length, 0, status);
        assert.deepEqual([...allowedActions(status, 'agency'), ...allowedActions(status, 'client')], [], status);
      }
    }
  });

  it('a new invitation is refused exactly while the latest link is Active, LinkAccepted, LinkInProgress, LinkPending, UnlinkInProgress or UnlinkPending', () => {
    const blocking = CLIENT_LINK_STATUSES.filter((s) => !canInvite(s)).sort();
    assert.deepEqual(blocking, ['Active', 'LinkAccepted', 'LinkInProgress', 'LinkPending', 'UnlinkInProgress', 'UnlinkPending']);
    assert.equal(canInvite(undefined), true);
  });

  it('roles: Super Admin manages any link, Standard only account links, others none', () => {
    assert.equal(canManage(41, 'CustomerLink'), true);
    assert.equal(canManage(41, 'AccountLink'), true);
    assert.equal(canManage(203, 'AccountLink'), true);
    assert.equal(canManage(203, 'CustomerLink'), false);
    assert.equal(canManage(100, 'AccountLink'), false);
    assert.equal(canManage(16, 'AccountLink'), false);
  });

  it('roles: only Super Admin and Standard manage links at all (who may invite)', () => {
    assert.equal(canManage(41), true);
    assert.equal(canManage(203), true);
    assert.equal(canManage(100), false);
    assert.equal(canManage(16), false);
    assert.equal(canManage(33), false);
  });

  it('only a pending invitation expires when nobody acts, 30 days after it was sent', () => {
    const sent = Date.UTC(2026, 10, 1);
    for (const status of CLIENT_LINK_STATUSES) {
      assert.equal(expiresAt(status, sent), status === 'LinkPending' ? Date.UTC(2026, 11, 1) : undefined, status);
    }
    assert.equal(expiresAt(undefined, sent), undefined);
  });

  it('orders statuses by lifecycle and puts unknown values last', () => {
    assert.ok(statusOrder('LinkPending') < statusOrder('Active'));
    assert.ok(statusOrder('Active') < statusOrder('Inactive'));
    assert.equal(statusOrder('SomethingNew'), CLIENT_LINK_STATUSES.length);
  });

  it('only pending invitations await the client', () => {
    assert.equal(awaitsAction('LinkPending', 'client'), true);
    assert.equal(awaitsAction('LinkPending', 'agency'), false);
    assert.equal(awaitsAction('Active', 'client'), false);
    const awaiting = CLIENT_LINK_STATUSES.flatMap((status) => LINK_SIDES.filter((side) => awaitsAction(status, side)).map((side) => `${status}/${side}`));
    assert.deepEqual(awaiting, ['LinkPending/client']);
    assert.equal(awaitsAction(undefined, 'client'), false);
  });
});

import * as assert from 'node:assert/strict';
import { CLIENT_LINK_STATUSES, type ClientLink } from '../../../src/core/model/clientLink';
import { LINK_SIDES, statusDefinition, userTransition, type LinkSide } from '../../../src/core/model/lifecycle';
import { toClientLink } from '../../../src/simulator/rules/clientLinkView';
import { updateClientLinks } from '../../../src/simulator/rules/updateLinks';
import type { StoredLink } from '../../../src/simulator/state/model';
import { expectCodes, World, type UserSlug } from './world';

const SIDE_USER: Record<LinkSide, UserSlug> = { agency: 'contoso-admin', client: 'fabrikam-admin' };

function echo(w: World, link: StoredLink, change: Partial<ClientLink>): ClientLink {
  return { ...toClientLink(w.store, link), ...change };
}

describe('simulator UpdateClientLinks rules', () => {
  it('applies exactly the transitions the lifecycle table allows, per side', () => {
    let checked = 0;
    for (const from of CLIENT_LINK_STATUSES) {
      for (const to of CLIENT_LINK_STATUSES) {
        if (from === to) {
          continue;
        }
        for (const side of LINK_SIDES) {
          const w = new World('empty');
          const link = w.linkInStatus(from);
          const codes = expectCodes(updateClientLinks(w.as(SIDE_USER[side]), [echo(w, link, { Status: to })]));
          const allowed = !statusDefinition(from).terminal && userTransition(from, to, side) !== undefined;
          assert.equal(codes[0] === null, allowed, `${side}: ${from} -> ${to} gave ${codes[0]}`);
          assert.equal(link.status, allowed ? to : from);
          checked++;
        }
      }
    }
    assert.equal(checked, 14 * 13 * 2);
  });

  it('answers 106 when the other side would be allowed, and for users with no role on either side', () => {
    const w = new World();
    const pending = w.linkInStatus('LinkPending');
    assert.deepEqual(expectCodes(updateClientLinks(w.as('contoso-admin'), [echo(w, pending, { Status: 'LinkAccepted' })])), [106]);
    assert.deepEqual(expectCodes(updateClientLinks(w.as('northwind-admin'), [echo(w, pending, { Status: 'LinkAccepted' })])), [106]);
    assert.deepEqual(expectCodes(updateClientLinks(w.as('contoso-viewer'), [echo(w, pending, { Status: 'LinkCanceled' })])), [106]);
  });

  it('refuses changes of read-only members with 3083, and a stale or missing Timestamp with 90003', () => {
    const w = new World();
    const link = w.linkInStatus('LinkPending');
    const ctx = w.as('fabrikam-admin');
    for (const change of [{ Name: 'Renamed' }, { IsBillToClient: false }, { StartDate: '2030-01-01T00:00:00' }, { InviterName: 'Other' }, { Type: 'CustomerLink' as string }]) {
      const codes = expectCodes(updateClientLinks(ctx, [echo(w, link, { ...change, Status: 'LinkAccepted' })]));
      assert.deepEqual(codes, [change.Type ? 90001 : 3083], JSON.stringify(change));
    }
    assert.deepEqual(expectCodes(updateClientLinks(ctx, [echo(w, link, { Status: 'LinkAccepted', Timestamp: 'AAAAAAAAAAE=' })])), [90003]);
    const withoutTimestamp = echo(w, link, { Status: 'LinkAccepted' });
    delete withoutTimestamp.Timestamp;
    assert.deepEqual(expectCodes(updateClientLinks(ctx, [withoutTimestamp])), [90003]);
    assert.equal(link.status, 'LinkPending');
  });

  it('accepts an echo that omits read-only members or writes the same instant with Z', () => {
    const w = new World();
    const link = w.linkInStatus('LinkPending');
    const view = toClientLink(w.store, link);
    const minimal: ClientLink = { ClientEntityId: view.ClientEntityId, ManagingCustomerId: view.ManagingCustomerId, Timestamp: view.Timestamp, StartDate: `${view.StartDate}Z`, Status: 'LinkDeclined' };
    assert.deepEqual(expectCodes(updateClientLinks(w.as('fabrikam-admin'), [minimal])), [null]);
    assert.equal(link.status, 'LinkDeclined');
  });

  it('changes the Timestamp on every update, so a second echo of the same object is stale', () => {
    const w = new World();
    const link = w.linkInStatus('LinkPending');
    const before = toClientLink(w.store, link);
    assert.deepEqual(expectCodes(updateClientLinks(w.as('contoso-admin'), [{ ...before, Note: 'New note' }])), [null]);
    const afterNote = toClientLink(w.store, link);
    assert.notEqual(afterNote.Timestamp, before.Timestamp);
    assert.equal(afterNote.Note, 'New note');
    assert.deepEqual(expectCodes(updateClientLinks(w.as('contoso-admin'), [{ ...before, Status: 'LinkCanceled' }])), [90003]);
    assert.deepEqual(expectCodes(updateClientLinks(w.as('contoso-admin'), [{ ...afterNote, Status: 'LinkCanceled' }])), [null]);
    assert.notEqual(toClientLink(w.store, link).Timestamp, afterNote.Timestamp);
    assert.equal(link.lastModifiedByUserId, '171234567');
  });

  it('requires ids and an existing link, and refuses terminal links', () => {
    const w = new World();
    const ctx = w.as('contoso-admin');
    assert.deepEqual(expectCodes(updateClientLinks(ctx, [{ Status: 'LinkCanceled' }, { ClientEntityId: '1', ManagingCustomerId: '251000123', Status: 'LinkCanceled' }])), [90001, 90001]);
    const inactive = w.linkInStatus('Inactive');
    assert.deepEqual(expectCodes(updateClientLinks(ctx, [echo(w, inactive, { Status: 'Active' })])), [90001]);
  });

  it('lets a Standard agency user unlink account links but not customer links', () => {
    const w = new World();
    const account = w.linkInStatus('Active');
    const customer = w.linkInStatus('Active', '250555111', 'CustomerLink');
    const result = updateClientLinks(w.as('contoso-standard'), [echo(w, account, { Status: 'UnlinkRequested' }), echo(w, customer, { Status: 'UnlinkRequested' })]);
    assert.deepEqual(expectCodes(result), [null, 106]);
  });
});

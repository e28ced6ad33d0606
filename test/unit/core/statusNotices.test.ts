/**
 * Issue 12, item 11: the user's own action is not announced again as a status change (nor the
 * service's immediate follow-on of it, Accepted → Linking in progress); other changes of one
 * refresh are grouped into one notification.
 */
import * as assert from 'node:assert/strict';
import { type ClientLink, clientLinkKey } from '../../../src/core/model/clientLink';
import { LinkListing } from '../../../src/core/workflow/linkListing';
import { LinkStore, type StoreEvent } from '../../../src/core/workflow/linkStore';
import { changesToAnnounce, statusChangeNotice } from '../../../src/core/workflow/storeEvents';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const link = (id: string, status: ClientLink['Status']): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: id,
  ClientEntityName: `Client ${id}`,
  ManagingCustomerId: AGENCY,
  Status: status,
});

describe('Status change notifications', () => {
  it('announce nothing for the links the user just changed, and group the changes made by others', async () => {
    const service = new FakeService(userWith([[AGENCY, 41]]));
    service.links = [link('1', 'LinkPending'), link('2', 'Active'), link('3', 'Active'), link('4', 'Active')];
    const store = new LinkStore(() => 1_000);
    const notices: (string | undefined)[] = [];
    store.onDidChange((e: StoreEvent) => {
      if (e.type === 'links' && e.changed.length > 0) {
        notices.push(statusChangeNotice(e.changed));
      }
    });
    store.startSession(() => Promise.resolve(service));
    await store.refresh();
    const result = await store.runAction('unlink', [store.links[1]!, store.links[2]!, store.links[3]!]);
    assert.ok(result.outcomes.every((o) => o.state === 'succeeded'));
    assert.deepEqual(notices, [undefined], 'three unlinks of our own: no status-change notification');

    service.links[0]!.Status = 'Active';
    await store.refresh();
    assert.deepEqual(notices.slice(1), ['Client 1 is now Active.'], 'a change made elsewhere is announced');

    service.links[1]!.Status = 'UnlinkInProgress';
    service.links[2]!.Status = 'UnlinkInProgress';
    await store.refresh();
    assert.deepEqual(notices.slice(2), ['2 client links changed status.'], 'one grouped notification per refresh');
  });

  it("skip the service's immediate follow-on of our own change, but not a later change", () => {
    const listing = new LinkListing(() => 1_000);
    const key = clientLinkKey(link('1', 'LinkPending'));
    listing.apply([link('1', 'LinkPending'), link('2', 'LinkPending')]);
    const accepted = listing.apply([link('1', 'LinkAccepted'), link('2', 'LinkPending')], new Map([[key, 'accepted here']]));
    assert.equal(accepted.changed[0]?.cause, 'accepted here');
    assert.equal(statusChangeNotice(accepted.changed), undefined, 'our Accept');

    const inProgress = listing.apply([link('1', 'LinkInProgress'), link('2', 'LinkAccepted')]);
    assert.deepEqual(changesToAnnounce(inProgress.changed).map((c) => c.link.ClientEntityId), ['2'], 'our Accept\'s follow-on is not announced; the client\'s accept of link 2 is');
    assert.equal(inProgress.changed.find((c) => c.link.ClientEntityId === '1')?.followsOwnAction, true);

    const active = listing.apply([link('1', 'Active'), link('2', 'LinkAccepted')]);
    assert.equal(statusChangeNotice(active.changed), 'Client 1 is now Active.', 'billing done later is news');
  });

  it('a status reached by something else after our invitation is announced', () => {
    const listing = new LinkListing(() => 1_000);
    const key = clientLinkKey(link('1', 'LinkPending'));
    listing.apply([link('5', 'Active')]);
    listing.apply([link('5', 'Active'), link('1', 'LinkPending')], new Map([[key, 'invited here']]));
    const expired = listing.apply([link('5', 'Active'), link('1', 'LinkExpired')]);
    assert.equal(changesToAnnounce(expired.changed).length, 1);
  });
});

/**
 * Issue 12, items 7 and 8: what the links view says in each state and which buttons it offers.
 * VS Code hides the welcome content (and its buttons) under a view message, so every state with a
 * message that needs an action carries it here.
 */
import * as assert from 'node:assert/strict';
import { readOnlyRoleMessage, VIEW_ACTIONS, type ViewState, viewNotice } from '../../../src/core/workflow/viewMessages';

const base: ViewState = { shown: 69, total: 69, filter: '', loaded: true, stale: false, role: { name: 'Super Admin', canManageLinks: true } };
const labels = (state: ViewState): string[] => viewNotice(state).actions.map((a) => a.label);

describe('viewNotice: the links view message and its buttons per state', () => {
  it('says nothing and offers nothing when the links are shown to a role that manages them', () => {
    assert.deepEqual(viewNotice(base), { message: undefined, actions: [], pinned: false });
  });

  it('a filter with matches shows its count and no button (the title bar has Clear Filter)', () => {
    const notice = viewNotice({ ...base, filter: 'fabrikam', shown: 3 });
    assert.equal(notice.message, 'Filter: "fabrikam" (3 of 69)');
    assert.deepEqual(notice.actions, []);
  });

  it('a filter with 0 matches says so and offers Clear Filter', () => {
    const notice = viewNotice({ ...base, filter: 'zzzz', shown: 0 });
    assert.equal(notice.message, 'Filter: "zzzz" (0 of 69): no link matches');
    assert.deepEqual(notice.actions, [VIEW_ACTIONS.clearFilter]);
    assert.equal(notice.actions[0]?.command, 'clientLinks.clearFilter');
  });

  it('a first load that failed gives the reason and offers Retry and Show Log', () => {
    const notice = viewNotice({ ...base, loaded: false, shown: 0, total: 0, error: { message: 'The service answered HTTP 503', advice: 'Retry in a minute.', kind: 'http', codes: [] } });
    assert.equal(notice.message, 'Could not load the links: The service answered HTTP 503. Retry in a minute.');
    assert.deepEqual(labels({ ...base, loaded: false, shown: 0, total: 0, error: { message: 'x', kind: 'http', codes: [] } }), ['Retry', 'Show Log']);
    // Unreachable: the environment or a custom endpoint may be wrong.
    assert.deepEqual(labels({ ...base, loaded: false, shown: 0, total: 0, error: { message: 'connection refused', kind: 'network', codes: [] } }), ['Retry', 'Show Log', 'Select Environment']);
    assert.equal(notice.pinned, false);
  });

  it('a refused or expired sign-in offers Sign In, above the rows too (pinned)', () => {
    for (const error of [
      { message: 'Could not get an access token: expired', advice: 'Sign in again.', kind: 'auth', codes: [] },
      { message: 'AuthenticationTokenExpired (109)', kind: 'fault', codes: [109] },
    ]) {
      const first = viewNotice({ ...base, loaded: false, shown: 0, total: 0, error });
      assert.deepEqual(first.actions, [VIEW_ACTIONS.signIn], error.message);
      assert.equal(first.pinned, true);
      const stale = viewNotice({ ...base, stale: true, since: '10:42', error });
      assert.match(stale.message ?? '', /^Showing data from 10:42: the last refresh failed\./);
      assert.deepEqual(stale.actions, [VIEW_ACTIONS.signIn]);
      assert.equal(stale.pinned, true);
    }
  });

  it('105 (either token refused) offers Set Developer Token and Sign In', () => {
    assert.deepEqual(labels({ ...base, loaded: false, shown: 0, total: 0, error: { message: 'InvalidCredentials (105)', kind: 'fault', codes: [105] } }), ['Set Developer Token', 'Sign In with Microsoft']);
  });

  it('a stale listing after a transient failure says so without buttons (Refresh is in the title bar)', () => {
    const notice = viewNotice({ ...base, stale: true, since: '10:42', error: { message: 'HTTP 503 (Service Unavailable)', kind: 'http', codes: [] } });
    assert.equal(notice.message, 'Showing data from 10:42: the last refresh failed. HTTP 503 (Service Unavailable)');
    assert.deepEqual(notice.actions, []);
  });

  it('a Viewer whose links are shown is told plainly what the role allows', () => {
    const viewer = { name: 'Viewer', canManageLinks: false };
    const notice = viewNotice({ ...base, role: viewer });
    assert.equal(notice.message, readOnlyRoleMessage('Viewer'));
    assert.match(notice.message ?? '', /^Viewer: you can see links but not change them\. Inviting, accepting, cancelling and unlinking need a Super Admin/);
    assert.deepEqual(notice.actions, [], 'no Invite for a role that cannot invite');
    assert.match(viewNotice({ ...base, role: viewer, shown: 0, total: 0 }).message ?? '', /No client links for this customer yet\.$/);
  });

  it('a Viewer refused the listing (106) is told why and offered Select Customer, not Retry or Invite', () => {
    const notice = viewNotice({ ...base, loaded: false, shown: 0, total: 0, role: { name: 'Viewer', canManageLinks: false }, error: { message: 'UserIsNotAuthorized (106)', kind: 'fault', codes: [106] } });
    assert.match(notice.message ?? '', /^Viewer: Microsoft Advertising shows client links only to a Super Admin of the customer \(and account links to a Standard user\), so your role cannot see or change them\./);
    assert.deepEqual(notice.actions.map((a) => a.command), ['clientLinks.selectCustomer', 'clientLinks.showLog']);
  });

  it('a 106 for a role that can manage links stays a load failure (not blamed on the role) and offers Select Customer first', () => {
    const error = { message: 'You do not have permission for this client or customer (106)', kind: 'fault', codes: [106] };
    const notice = viewNotice({ ...base, loaded: false, shown: 0, total: 0, error });
    assert.match(notice.message ?? '', /^Could not load the links: You do not have permission/);
    assert.deepEqual(notice.actions.map((a) => a.label), ['Select Customer', 'Retry', 'Show Log']);
    // A refresh refused after links were shown: the button is shown above the rows.
    const stale = viewNotice({ ...base, stale: true, since: '10:42', error });
    assert.deepEqual(stale.actions.map((a) => a.label), ['Select Customer', 'Retry', 'Show Log']);
    assert.equal(stale.pinned, true);
  });

  it('every action runs a command the manifest declares', async () => {
    const { readFileSync } = await import('node:fs');
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: { command: string }[] } };
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const action of Object.values(VIEW_ACTIONS)) {
      assert.ok(declared.has(action.command), action.command);
    }
  });
});

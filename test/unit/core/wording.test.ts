/**
 * Issue 12, item 16 (wording): the unlink dialog's billing sentence follows IsBillToClient, the
 * cancel dialog's confirm button is not "Cancel …" next to the dialog's own Cancel.
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { ACTIONS } from '../../../src/core/model/lifecycle';
import { unlinkConsequence } from '../../../src/core/workflow/linkActions';
import { staleRefreshMessage } from '../../../src/core/workflow/viewMessages';

const link = (IsBillToClient: boolean | null): ClientLink => ({ ClientEntityId: '1', Status: 'Active', IsBillToClient });

describe('wording of the confirmation dialogs (issue 12, item 16)', () => {
  it('unlink: a client that already pays keeps paying; billing does not "go back"', () => {
    const text = unlinkConsequence([link(true)]);
    assert.match(text, /already pays/);
    assert.doesNotMatch(text, /goes back/);
    assert.match(unlinkConsequence([link(true), link(true)]), /The clients already pay for them, so billing does not change\./);
  });

  it('unlink: links the agency pays for go back to the client', () => {
    assert.match(unlinkConsequence([link(false)]), /The agency pays for it now: billing goes back to the client/);
    assert.match(unlinkConsequence([link(false), link(false)]), /billing goes back to the clients/);
  });

  it('unlink: a mix says which is which, and unknown billing is not guessed', () => {
    const text = unlinkConsequence([link(true), link(false), link(null)]);
    assert.match(text, /1 billed to the client: billing does not change\./);
    assert.match(text, /1 billed to the agency: billing goes back to the client/);
    assert.match(text, /1 without billing information/);
  });

  it('every confirm button is unambiguous next to VS Code\'s own Cancel', () => {
    assert.equal(ACTIONS.cancel.confirm, 'Withdraw Invitation');
    for (const def of Object.values(ACTIONS)) {
      assert.doesNotMatch(def.confirm, /^cancel/i, def.action);
    }
  });

  it('the stale-data sentence does not wrap a message that ends in its own parenthesis', () => {
    const text = staleRefreshMessage('10:42:00', 'The service answered HTTP 503 (Service Unavailable The service is temporarily unavailable.)');
    assert.doesNotMatch(text, /\)\)/);
    assert.equal(text, 'Showing data from 10:42:00: the last refresh failed. The service answered HTTP 503 (Service Unavailable The service is temporarily unavailable.)');
  });
});

import * as assert from 'node:assert/strict';
import { CLOCK_SKEW_MS, isAppliedAdd } from '../../../src/core/service/addRecovery';
import type { ClientLink } from '../../../src/core/model/clientLink';

const requested: ClientLink = { Type: 'AccountLink', ClientEntityId: '180012345', ManagingCustomerId: '251000123', IsBillToClient: true };
const wire = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

describe('add recovery: which searched links were applied by the lost call', () => {
  const sentAt = Date.parse('2026-11-22T12:00:00Z');
  it('a pending link modified around the call counts as applied', () => {
    assert.equal(isAppliedAdd(requested, { ...requested, Status: 'LinkPending', LastModifiedDateTime: wire(sentAt + 1000) }, sentAt), true);
    assert.equal(isAppliedAdd(requested, { ...requested, Status: 'LinkPending', LastModifiedDateTime: wire(sentAt - CLOCK_SKEW_MS + 1000) }, sentAt), true, 'within the clock-skew tolerance');
  });
  it('an invitation that was already pending long before the call does not (the service refused ours: 1410)', () => {
    assert.equal(isAppliedAdd(requested, { ...requested, Status: 'LinkPending', LastModifiedDateTime: wire(sentAt - 2 * 86_400_000) }, sentAt), false);
  });
  it('another status, type or pair never counts', () => {
    assert.equal(isAppliedAdd(requested, { ...requested, Status: 'Active' }, sentAt), false);
    assert.equal(isAppliedAdd(requested, { ...requested, Status: 'LinkPending', Type: 'CustomerLink' }, sentAt), false);
    assert.equal(isAppliedAdd(requested, { ...requested, Status: 'LinkPending', ManagingCustomerId: '1' }, sentAt), false);
  });
});

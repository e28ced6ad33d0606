/**
 * Issue 12, item 16: a 503 error page (HTML) gives one pair of parentheses in what the user reads,
 * in the error's own message and in the links view's stale-data sentence, over SOAP and REST.
 */
import * as assert from 'node:assert/strict';
import { describeError, isErrorKind, userMessage } from '../../src/core/errors';
import { staleRefreshMessage } from '../../src/core/workflow/viewMessages';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { overProtocol, PROTOCOLS } from '../helpers/protocols';
import { AGENCY, serviceFor, tokenOf } from './helpers';

for (const protocol of PROTOCOLS) {
  describe(`A 503 error page in messages ${overProtocol(protocol)}`, () => {
    let sim: RunningSimulator;
    before(async () => {
      sim = await startSimulator({ seed: 'demo' });
    });
    after(async () => sim.close());

    it('no doubled parenthesis in the message, the user message or the view sentence', async () => {
      sim.control.injectFault({ operation: 'GetUser', fault: 'http503', count: 100 });
      const h = serviceFor(sim, tokenOf(sim, AGENCY), { protocol });
      try {
        const error = await h.service.getUser().then(
          () => assert.fail('the 503 must fail the call'),
          (e: unknown) => e,
        );
        assert.ok(isErrorKind(error, 'http'), String(error));
        assert.equal(error.status, 503);
        for (const text of [error.message, describeError(error), userMessage(error), staleRefreshMessage('10:42:00', error.message)]) {
          assert.doesNotMatch(text, /\(\(|\)\)/, text);
          assert.match(text, /HTTP 503 \(/, text);
        }
      } finally {
        sim.control.clearFaults();
        h.service.dispose?.();
      }
    });
  });
}

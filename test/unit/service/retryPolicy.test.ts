import * as assert from 'node:assert/strict';
import { CancelledError, HttpStatusError, MalformedResponseError, NetworkError, ServiceFaultError, TimeoutError, type ClientLinksError } from '../../../src/core/errors';
import { backoffDelay, classifyFailure, decideRetry, resolveRetryPolicy } from '../../../src/core/service/retryPolicy';

function fault(code: number): ServiceFaultError {
  return new ServiceFaultError('s:Server', 'x', 'AdApiFaultDetail', [{ code, errorCode: null, message: 'm', details: null }], {});
}

const policy = resolveRetryPolicy({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, throttleDelayMs: 60_000 });
const half = (): number => 0.5;

describe('retry policy', () => {
  const cases: [string, ClientLinksError, string][] = [
    ['117 throttled', fault(117), 'throttled'],
    ['0 internal', fault(0), 'transient'],
    ['2208 transient', fault(2208), 'transient'],
    ['109 expired', fault(109), 'tokenRejected'],
    ['105 invalid', fault(105), 'tokenRejected'],
    ['3101 oauth', fault(3101), 'tokenRejected'],
    ['1410 business', fault(1410), 'permanent'],
    ['unknown Server fault', new ServiceFaultError('s:Server', 'boom', 'unknown', [], {}), 'transient'],
    ['unknown Client fault', new ServiceFaultError('s:Client', 'bad', 'unknown', [], {}), 'permanent'],
    ['HTTP 429', new HttpStatusError(429, '', {}), 'throttled'],
    ['HTTP 503', new HttpStatusError(503, '', {}), 'answerLost'],
    ['HTTP 404', new HttpStatusError(404, '', {}), 'permanent'],
    ['refused', new NetworkError('x', 'ECONNREFUSED', {}), 'notDelivered'],
    ['DNS', new NetworkError('x', 'ENOTFOUND', {}), 'notDelivered'],
    ['reset', new NetworkError('x', 'ECONNRESET', {}), 'answerLost'],
    ['timeout', new TimeoutError(1000, {}), 'answerLost'],
    ['malformed', new MalformedResponseError('x', '', {}), 'answerLost'],
    ['cancelled', new CancelledError(), 'cancelled'],
  ];
  for (const [what, error, expected] of cases) {
    it(`classifies ${what} as ${expected}`, () => assert.equal(classifyFailure(error), expected));
  }

  it('retries reads after transient failures with full-jitter exponential backoff', () => {
    assert.deepEqual(decideRetry(new TimeoutError(1, {}), 1, 'read', policy, half), { retry: true, delayMs: 50 });
    assert.deepEqual(decideRetry(new HttpStatusError(503, '', {}), 2, 'read', policy, half), { retry: true, delayMs: 100 });
    assert.deepEqual(decideRetry(fault(0), 3, 'read', policy, () => 0.999), { retry: true, delayMs: 399 });
    assert.deepEqual(decideRetry(fault(0), 4, 'read', policy, half), { retry: false }, 'maxAttempts reached');
  });

  it('caps the backoff at maxDelayMs', () => {
    assert.equal(backoffDelay(10, policy, () => 0.999), 999);
    assert.equal(backoffDelay(1, policy, () => 0), 0);
  });

  it('waits throttleDelayMs after 117', () => {
    assert.deepEqual(decideRetry(fault(117), 1, 'read', policy, half), { retry: true, delayMs: 60_000 });
    assert.deepEqual(decideRetry(fault(117), 1, 'write', policy, half), { retry: true, delayMs: 60_000 });
  });

  it('retries writes only when nothing can have been applied', () => {
    assert.equal(decideRetry(new NetworkError('x', 'ECONNREFUSED', {}), 1, 'write', policy, half).retry, true);
    assert.equal(decideRetry(new HttpStatusError(429, '', {}), 1, 'write', policy, half).retry, true);
    for (const lost of [new TimeoutError(1, {}), new NetworkError('x', 'ECONNRESET', {}), new HttpStatusError(500, '', {}), new MalformedResponseError('x', '', {}), fault(0), fault(2208)]) {
      assert.equal(decideRetry(lost, 1, 'write', policy, half).retry, false, lost.message);
    }
  });

  it('never retries permanent, token or cancelled failures here', () => {
    for (const e of [fault(1410), fault(109), new CancelledError(), new HttpStatusError(400, '', {})]) {
      assert.equal(decideRetry(e, 1, 'read', policy, half).retry, false);
    }
  });
});

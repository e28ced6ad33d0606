/** Concurrency defaults (performance issue): 4 in production, a single thread in the sandbox. */
import * as assert from 'node:assert/strict';
import { createClientLinksService } from '../../../src/core/service/index';
import { DEFAULT_SEARCH_CONCURRENCY, DEFAULT_WRITE_CONCURRENCY, SANDBOX_CONCURRENCY, defaultConcurrency, isSandboxEndpoint } from '../../../src/core/service/clientLinksService';

const PRODUCTION = 'https://clientcenter.api.bingads.microsoft.com/Api/CustomerManagement/v13/CustomerManagementService.svc';
const SANDBOX = 'https://clientcenter.api.sandbox.bingads.microsoft.com/Api/CustomerManagement/v13/CustomerManagementService.svc';

describe('service concurrency defaults', () => {
  it('keeps to a single thread against the sandbox, as it asks', () => {
    assert.equal(SANDBOX_CONCURRENCY, 1);
    assert.ok(isSandboxEndpoint(SANDBOX));
    assert.ok(isSandboxEndpoint(SANDBOX.replace('clientcenter', 'CLIENTCENTER')));
    assert.deepEqual(defaultConcurrency(SANDBOX), { search: 1, write: 1 });
    const service = createClientLinksService({ endpoint: SANDBOX, developerToken: () => Promise.resolve('d'), tokenSource: { getAccessToken: () => Promise.resolve('t') } });
    assert.equal(service.readConcurrency, 1, 'told to callers, so a listing does not overlap its own calls');
    assert.equal(createClientLinksService({ endpoint: PRODUCTION, developerToken: () => Promise.resolve('d'), tokenSource: { getAccessToken: () => Promise.resolve('t') } }).readConcurrency, 4);
  });

  it('uses 4 pages / 4 write calls in flight elsewhere (production, the simulator)', () => {
    assert.equal(DEFAULT_SEARCH_CONCURRENCY, 4);
    assert.equal(DEFAULT_WRITE_CONCURRENCY, 4);
    assert.deepEqual(defaultConcurrency(PRODUCTION), { search: 4, write: 4 });
    assert.deepEqual(defaultConcurrency('http://127.0.0.1:8123/Api/CustomerManagement/v13/CustomerManagementService.svc'), { search: 4, write: 4 });
  });

  it('is not fooled by look-alike hosts or paths, nor thrown by a bad URL', () => {
    assert.ok(!isSandboxEndpoint('https://sandbox.bingads.microsoft.com.example.com/x'));
    assert.ok(!isSandboxEndpoint('https://example.com/clientcenter.api.sandbox.bingads.microsoft.com'));
    assert.ok(!isSandboxEndpoint('not a url'));
  });
});

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ClientLinksError, ErrorKind, NetworkError, TimeoutError, isClientLinksError, isErrorKind } from '../../../src/core/errors';

describe('errors across bundles', () => {
  it('an error built by another copy of the module is recognised by the guards, by kind', () => {
    const modulePath = require.resolve('../../../src/core/errors');
    delete require.cache[modulePath];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const other = require(path.resolve(modulePath)) as typeof import('../../../src/core/errors');
    assert.notEqual(other.NetworkError, NetworkError, 'a second copy of the classes, as in dist/service.js');
    const foreign = new other.NetworkError('refused', 'ECONNREFUSED', { operation: 'GetUser' });
    assert.ok(isClientLinksError(foreign));
    assert.ok(isErrorKind(foreign, 'network'));
    assert.equal(isErrorKind(foreign, 'auth'), false);
    assert.equal(isErrorKind(foreign, 'fault'), false);
    assert.equal(foreign.transient, true, 'its own prototype answers');
    assert.equal(isClientLinksError(new Error('x')), false);
    assert.equal(isErrorKind({ kind: 'network' }, 'network'), false, 'a look-alike without the brand is not ours');
  });

  it('instanceof is plain prototype instanceof: no class answers for another kind', () => {
    const timeout = new TimeoutError(1000, { operation: 'GetUser' });
    assert.ok(timeout instanceof ClientLinksError);
    assert.ok(timeout instanceof TimeoutError);
    assert.equal((timeout as unknown) instanceof NetworkError, false);
    assert.equal(typeof (ClientLinksError as unknown as Record<symbol, unknown>)[Symbol.hasInstance], 'function');
    assert.equal(Object.prototype.hasOwnProperty.call(ClientLinksError, Symbol.hasInstance), false, 'no Symbol.hasInstance override');
    const kinds: ErrorKind[] = ['fault', 'operation', 'http', 'network', 'timeout', 'malformed', 'auth', 'validation', 'cancelled', 'config'];
    assert.deepEqual(kinds.filter((k) => isErrorKind(timeout, k)), ['timeout']);
  });
});

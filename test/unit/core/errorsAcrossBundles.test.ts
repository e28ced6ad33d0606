import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { AuthError, ClientLinksError, NetworkError, SoapFaultError, isClientLinksError } from '../../../src/core/errors';

describe('errors across bundles', () => {
  it('an error built by another copy of the module is still recognised, by kind', () => {
    const modulePath = require.resolve('../../../src/core/errors');
    delete require.cache[modulePath];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const other = require(path.resolve(modulePath)) as typeof import('../../../src/core/errors');
    assert.notEqual(other.NetworkError, NetworkError, 'a second copy of the classes, as in dist/service.js');
    const foreign = new other.NetworkError('refused', 'ECONNREFUSED', { operation: 'GetUser' });
    assert.ok(foreign instanceof ClientLinksError);
    assert.ok(foreign instanceof NetworkError);
    assert.equal(foreign instanceof AuthError, false);
    assert.equal(foreign instanceof SoapFaultError, false);
    assert.ok(isClientLinksError(foreign));
    assert.equal(new Error('x') instanceof ClientLinksError, false);
    assert.equal({ kind: 'network' } instanceof NetworkError, false, 'a look-alike without the brand is not ours');
  });
});

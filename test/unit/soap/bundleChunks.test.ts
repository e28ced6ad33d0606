/**
 * The shipped chunks (dist/, built by `npm run build`): dist/service.js writes envelopes from the
 * build's plan without node-soap or node:crypto, requires dist/node-soap.js only for a body the
 * plan does not fit, and every chunk that can be required at run time is packaged.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..', '..');
const dist = path.join(root, 'dist');

describe('bundle chunks', function () {
  this.timeout(20_000);
  before(function () {
    if (!fs.existsSync(path.join(dist, 'service.js')) || !fs.existsSync(path.join(dist, 'node-soap.js'))) {
      this.skip(); // `npm test` builds first; a bare test:unit run without dist/ has nothing to check
    }
  });

  it('writes from the plan without loading node-soap or node:crypto; a body outside the plan loads dist/node-soap.js', () => {
    const script = `
      const m = require(${JSON.stringify(path.join(dist, 'service.js'))});
      const loaded = () => Object.keys(require.cache).some((f) => f.endsWith('node-soap.js'));
      const crypto = () => process.moduleLoadList.some((x) => x === 'NativeModule crypto');
      const c = new m.CustomerManagementSoapClient({ endpoint: 'http://127.0.0.1:9/x', timeoutMs: 1000 });
      const creds = { accessToken: 'a', developerToken: 'd' };
      (async () => {
        const planned = await c.envelopeFor('GetUser', { UserId: null }, creds);
        const before = { nodeSoap: loaded(), crypto: crypto() };
        const odd = await c.envelopeFor('GetAccountsInfo', { CustomerId: '1', OnlyParentAccounts: false, Surprise: 'x' }, creds);
        console.log(JSON.stringify({ before, after: { nodeSoap: loaded() }, planned: planned.includes('GetUserRequest'), odd: odd.includes('GetAccountsInfoRequest') }));
        c.close();
      })();`;
    // A file, not `node -e` (which loads node:crypto itself).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chunks-'));
    const file = path.join(dir, 'probe.js');
    fs.writeFileSync(file, script);
    let text: string;
    try {
      text = execFileSync(process.execPath, [file], { encoding: 'utf8' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const out = JSON.parse(text) as { before: { nodeSoap: boolean; crypto: boolean }; after: { nodeSoap: boolean }; planned: boolean; odd: boolean };
    assert.deepEqual(out.before, { nodeSoap: false, crypto: false }, 'plan-written envelope: no node-soap, no node:crypto');
    assert.equal(out.planned, true);
    assert.equal(out.after.nodeSoap, true, 'the fallback loaded dist/node-soap.js');
    assert.equal(out.odd, true);
    assert.ok(fs.statSync(path.join(dist, 'service.js')).size < 60 * 1024, 'node-soap is not in dist/service.js');
  });

  it('packages every chunk the extension can require at run time', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split(/\r?\n/);
    for (const chunk of ['dist/extension.js', 'dist/service.js', 'dist/node-soap.js', 'dist/wsdl/**']) {
      assert.ok(ignore.includes(`!${chunk}`), `.vscodeignore keeps ${chunk}`);
    }
  });
});

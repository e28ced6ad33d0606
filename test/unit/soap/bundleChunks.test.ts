/**
 * The shipped chunks (dist/, built by `npm run build`): dist/service.js writes envelopes from the
 * plan embedded at build time, with no node-soap anywhere at run time and without node:crypto,
 * and every chunk that can be required at run time is packaged.
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
    if (!fs.existsSync(path.join(dist, 'service.js'))) {
      this.skip(); // `npm test` builds first; a bare test:unit run without dist/ has nothing to check
    }
  });

  it('writes envelopes from the embedded plan, with no node-soap and no node:crypto loaded', () => {
    const script = `
      const m = require(${JSON.stringify(path.join(dist, 'service.js'))});
      const soapLoaded = () => Object.keys(require.cache).some((f) => /node-soap|[\\/]soap[\\/]lib/.test(f));
      const crypto = () => process.moduleLoadList.some((x) => x === 'NativeModule crypto');
      const c = new m.CustomerManagementSoapClient({ endpoint: 'http://127.0.0.1:9/x', timeoutMs: 1000 });
      const creds = { accessToken: 'a', developerToken: 'd' };
      const planned = c.envelopeFor('GetUser', { UserId: null }, creds);
      let refused = '';
      try { c.envelopeFor('GetAccountsInfo', { CustomerId: '1', OnlyParentAccounts: false, Surprise: 'x' }, creds); } catch (e) { refused = e.message; }
      console.log(JSON.stringify({ soap: soapLoaded(), crypto: crypto(), planned: planned.includes('GetUserRequest'), refused }));
      c.close();`;
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
    const out = JSON.parse(text) as { soap: boolean; crypto: boolean; planned: boolean; refused: string };
    assert.deepEqual({ soap: out.soap, crypto: out.crypto }, { soap: false, crypto: false });
    assert.equal(out.planned, true);
    assert.match(out.refused, /member our WSDL does not define/);
    assert.ok(!fs.existsSync(path.join(dist, 'node-soap.js')), 'no node-soap chunk is built');
    const service = fs.readFileSync(path.join(dist, 'service.js'), 'utf8');
    assert.ok(!service.includes('open_wsdl') && !service.includes('axios'), 'node-soap is not in dist/service.js');
  });

  it('packages every chunk the extension can require at run time', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split(/\r?\n/);
    for (const chunk of ['dist/extension.js', 'dist/service.js']) {
      assert.ok(ignore.includes(`!${chunk}`), `.vscodeignore keeps ${chunk}`);
    }
  });
});

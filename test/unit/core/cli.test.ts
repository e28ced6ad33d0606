import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const ENV = { MSADS_ACCESS_TOKEN: 'secret-access-token-123', MSADS_DEVELOPER_TOKEN: 'DEVTOKEN42', MSADS_ENDPOINT: 'http://127.0.0.1:1/svc' };

async function run(args: string[], service: FakeService, env: NodeJS.ProcessEnv = ENV): Promise<{ code: number; out: string; err: string; created: boolean }> {
  let out = '';
  let err = '';
  let created = false;
  const code = await runCli(args, env, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, () => {
    created = true;
    return service;
  });
  return { code, out, err, created };
}

const link = (id: string, status: ClientLink['Status'], managing = AGENCY): ClientLink => ({ Type: 'AccountLink', ClientEntityId: id, ClientEntityName: `Client ${id}`, ManagingCustomerId: managing, Status: status });

describe('msads-links CLI', () => {
  let service: FakeService;
  beforeEach(() => {
    service = new FakeService(userWith([[AGENCY, 41]]));
    service.links = [link('1001', 'LinkPending'), link('1002', 'Active'), link('1003', 'Inactive')];
  });

  it('list --json prints v13 field names', async () => {
    const r = await run(['list', '--json'], service);
    assert.equal(r.code, 0, r.err);
    const parsed = JSON.parse(r.out) as ClientLink[];
    assert.deepEqual(parsed.map((l) => l.ClientEntityId), ['1001', '1002', '1003']);
    assert.ok('Status' in parsed[0]!);
  });

  it('list --status filters and rejects unknown statuses before any request', async () => {
    const r = await run(['list', '--status', 'Active', '--json'], service);
    assert.deepEqual((JSON.parse(r.out) as ClientLink[]).map((l) => l.ClientEntityId), ['1002']);
    const bad = await run(['list', '--status', 'Bogus'], service);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Unknown status Bogus/);
    assert.equal(bad.created, false);
  });

  it('unlink prints one outcome per id and exits 1 when any fails', async () => {
    const r = await run(['unlink', '1002', '1001', '9999'], service);
    assert.equal(r.code, 1);
    assert.match(r.out, /ok +1002/);
    assert.match(r.out, /FAIL +1001 .*needs status Active/);
    assert.match(r.out, /FAIL +9999 .*no link of yours/);
    assert.match(r.out, /1 of 3 unlink requested/);
    assert.deepEqual(r.out.trim().split('\n').slice(0, 3).map((l) => l.split(/ +/)[1]), ['1002', '1001', '9999'], 'outcomes in the order given');
  });

  it('cancel --all acts on every pending invitation and exits 0', async () => {
    const r = await run(['cancel', '--all'], service);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(service.links[0]!.Status, 'LinkCanceled');
  });

  it('invite validates flags and sends nothing on bad input', async () => {
    const r = await run(['invite', '--account-id', 'abc', '--bill-to-client'], service);
    assert.equal(r.code, 2);
    assert.match(r.err, /positive whole number/);
    assert.equal(r.created, false);
    const missing = await run(['invite', '--account-id', '1234'], service);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /Say who pays/);
  });

  it('invite --csv sends every row and reports rows; a bad CSV sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'account_id,name,bill_to_client\n2001,A,yes\n2002,B,no\n2003,C,yes\n');
    service.itemErrors.set('2002', 1410);
    const r = await run(['invite', '--csv', good], service);
    assert.equal(r.code, 1);
    assert.match(r.out, /ok +row 2 +2001/);
    assert.match(r.out, /FAIL +row 3 +2002 .*error 1410/);
    assert.match(r.out, /2 of 3 invitations sent/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'account_id,colour\n1,red\n');
    const b = await run(['invite', '--csv', bad], service);
    assert.equal(b.code, 2);
    assert.match(b.err, /nothing was sent.*\n.*"colour" is not a known column/);
    assert.equal(b.created, false);
  });

  it('refuses plain http to a remote host and missing tokens, and never prints a token', async () => {
    const remote = await run(['list'], service, { ...ENV, MSADS_ENDPOINT: 'http://example.com/svc' });
    assert.equal(remote.code, 2);
    assert.match(remote.err, /only https is allowed/);
    const noToken = await run(['list'], service, { MSADS_DEVELOPER_TOKEN: 'X', MSADS_ENDPOINT: 'http://127.0.0.1:1/x' });
    assert.equal(noToken.code, 2);
    assert.match(noToken.err, /MSADS_ACCESS_TOKEN/);
    for (const r of [remote, noToken, await run(['whoami'], service), await run(['list'], service)]) {
      assert.doesNotMatch(r.out + r.err, /secret-access-token-123|DEVTOKEN42/);
    }
  });

  it('--version prints the version of package.json and sends nothing', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['list', '--version']]) {
      const r = await run(args, service);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, `${version}\n`);
      assert.equal(r.created, false);
    }
    assert.match((await run(['--help'], service)).out, /--version/);
  });

  it('whoami shows the active customer and role', async () => {
    const r = await run(['whoami'], service);
    assert.equal(r.code, 0);
    assert.match(r.out, /Acting for customer 251000123 as Super Admin/);
  });

  it('whoami names the customers where GetCustomersInfo answers, and --json adds the names without changing the other fields', async () => {
    const named = Object.assign(service, { getCustomersInfo: () => Promise.resolve({ value: [{ Id: AGENCY, Name: 'Contoso Agency' }], trackingId: undefined }) });
    const r = await run(['whoami'], named);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Acting for Contoso Agency \(customer 251000123\) as Super Admin/);
    assert.match(r.out, /^251000123 \* +Contoso Agency +Super Admin/m);
    const json = JSON.parse((await run(['whoami', '--json'], named)).out) as { activeCustomerId: string; activeCustomerName: string; customers: { customerId: string; name: string }[] };
    assert.equal(json.activeCustomerId, AGENCY);
    assert.equal(json.activeCustomerName, 'Contoso Agency');
    assert.deepEqual(json.customers.map((c) => [c.customerId, c.name]), [[AGENCY, 'Contoso Agency']]);
  });

  it('unknown commands and customers get clear errors', async () => {
    assert.equal((await run(['frobnicate'], service)).code, 2);
    const r = await run(['list', '--customer-id', '42'], service);
    assert.equal(r.code, 2);
    assert.match(r.err, /no role on customer 42/);
  });
});

describe('msads-links as a process', () => {
  it('a reader that goes away (| head) does not crash it on EPIPE', async () => {
    // The compiled bin, run as a process; its stdout is closed before it writes, as `head` that has read enough would.
    const { spawn } = await import('node:child_process');
    const bin = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
    const child = spawn(process.execPath, [bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
    assert.equal(code, 0);
  });
});

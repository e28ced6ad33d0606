/**
 * `msads-links history` and the journal the CLI keeps (issue 14 item 2): list and actions append
 * what they see and do; history prints a table or the documented --json; the folder comes from
 * --journal-dir, MSADS_JOURNAL_DIR or the user's configuration directory; exit codes 0/2.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJournalRoot } from '../../../src/cli/journalDir';
import { runCli } from '../../../src/cli/main';
import type { ClientLink } from '../../../src/core/model/clientLink';
import type { JournalEntry } from '../../../src/core/workflow/linkJournal';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const TOKENS = { MSADS_ACCESS_TOKEN: 'secret-access-token-123', MSADS_DEVELOPER_TOKEN: 'DEVTOKEN42', MSADS_ENDPOINT: 'http://127.0.0.1:1/svc' };

const link = (id: string, status: ClientLink['Status']): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: id,
  ClientEntityName: `Client ${id}`,
  ManagingCustomerId: AGENCY,
  Status: status,
  LastModifiedDateTime: '2026-12-01T09:00:00',
  LastModifiedByUserId: '171000001',
});

async function run(args: string[], service: FakeService | undefined, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string; created: boolean }> {
  let out = '';
  let err = '';
  let created = false;
  const code = await runCli(args, env, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, () => {
    created = true;
    if (!service) {
      throw new Error('no service in this test');
    }
    return service;
  });
  return { code, out, err, created };
}

describe('msads-links history and the CLI journal', () => {
  let service: FakeService;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    service = new FakeService(userWith([[AGENCY, 41]]));
    service.links = [link('1001', 'LinkPending'), link('1002', 'Active'), link('1003', 'LinkPending')];
    dir = mkdtempSync(join(tmpdir(), 'cli-journal-'));
    env = { ...TOKENS, MSADS_JOURNAL_DIR: dir };
  });

  it('list records changes between runs; an action records its own outcome; history prints them', async () => {
    assert.equal((await run(['list'], service, env)).code, 0);
    service.links[1]!.Status = 'Inactive'; // someone else, between two runs
    assert.equal((await run(['list', '--status', 'Active'], service, env)).code, 0);
    const cancel = await run(['cancel', '1001'], service, env);
    assert.equal(cancel.code, 0, cancel.err);

    // Without an id: recent activity, newest first.
    const json = await run(['history', '--json', '--customer-id', AGENCY], undefined, env);
    assert.equal(json.code, 0, json.err);
    assert.equal(json.created, false, 'history with a known customer makes no call');
    const entries = JSON.parse(json.out) as JournalEntry[];
    assert.deepEqual(entries.map((e) => [e.ClientEntityId, e.from, e.to, e.ownAction ?? null, e.source]), [
      ['1001', 'LinkPending', 'LinkCanceled', 'cancel', 'cli'],
      ['1002', 'Active', 'Inactive', null, 'cli'],
    ]);
    const inactive = entries[1]!;
    assert.equal(inactive.LastModifiedDateTime, '2026-12-01T09:00:00');
    assert.equal(inactive.LastModifiedByUserId, '171000001');
    assert.match(inactive.seenAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(Object.keys(inactive).sort(), ['ClientEntityId', 'ClientEntityName', 'LastModifiedByUserId', 'LastModifiedDateTime', 'ManagingCustomerId', 'Type', 'from', 'seenAt', 'source', 'to']);

    const table = await run(['history', '1002', '--customer-id', AGENCY], undefined, env);
    assert.equal(table.code, 0, table.err);
    const lines = table.out.trimEnd().split('\n');
    assert.match(lines[0]!, /^SEEN \(UTC\) +CLIENT ID +CLIENT NAME +FROM +TO +MODIFIED \(SERVICE\) +BY USER +HOW$/);
    assert.equal(lines.length, 3, table.out);
    assert.match(lines[2]!, /1002 +Client 1002 +Active +Inactive +2026-12-01T09:00:00 +171000001 +seen \(CLI\)$/);

    const ours = await run(['history', '1001', '--customer-id', AGENCY], undefined, env);
    assert.match(ours.out, /LinkPending +LinkCanceled .*your cancel \(CLI\)$/m);
  });

  it('an invitation sent is recorded as ours; history without a customer asks GetUser for the home customer', async () => {
    await run(['list'], service, env);
    const sent = await run(['invite', '--account-id', '2001', '--bill-to-client'], service, env);
    assert.equal(sent.code, 0, sent.err);
    const r = await run(['history', '--json'], service, env);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual((JSON.parse(r.out) as JournalEntry[]).map((e) => [e.ClientEntityId, e.from, e.to, e.ownAction]), [['2001', null, 'LinkPending', 'invite']]);
  });

  it('recent activity is newest first and --limit bounds it; bad input is exit 2 and reads nothing', async () => {
    await run(['list'], service, env);
    service.links[0]!.Status = 'LinkExpired';
    await run(['list'], service, env);
    service.links[2]!.Status = 'LinkDeclined';
    await run(['list'], service, env);
    const r = await run(['history', '--json', '--limit', '1', '--customer-id', AGENCY], undefined, env);
    assert.deepEqual((JSON.parse(r.out) as JournalEntry[]).map((e) => e.ClientEntityId), ['1003']);
    for (const bad of [['history', 'abc'], ['history', '--limit', '0'], ['history', '1', '2'], ['history', '1001', '--limit', '5']]) {
      const b = await run([...bad, '--customer-id', AGENCY], undefined, env);
      assert.equal(b.code, 2, `${bad.join(' ')}: ${b.err}`);
      assert.match(b.err, /--help/);
    }
    const empty = await run(['history', '--customer-id', '999'], undefined, env);
    assert.equal(empty.code, 0);
    assert.match(empty.out, /No link history recorded yet/);
  });

  it('keeps each customer and environment apart: another customer id reads another file', async () => {
    await run(['list'], service, env);
    service.links[0]!.Status = 'LinkExpired';
    await run(['list'], service, env);
    const other = await run(['history', '--json', '--customer-id', '42'], undefined, env);
    assert.deepEqual(JSON.parse(other.out), []);
    const sandbox = await run(['history', '--json', '--customer-id', AGENCY, '--environment', 'sandbox', '--endpoint', ''], undefined, { MSADS_JOURNAL_DIR: dir });
    assert.deepEqual(JSON.parse(sandbox.out), []);
    assert.deepEqual(readdirSync(dir), ['endpoint-127.0.0.1-1']);
  });

  it('--journal-dir wins over MSADS_JOURNAL_DIR; without any folder nothing is written and history says what to set', async () => {
    const flagDir = mkdtempSync(join(tmpdir(), 'cli-journal-flag-'));
    await run(['list', '--journal-dir', flagDir], service, env);
    assert.ok(existsSync(join(flagDir, 'endpoint-127.0.0.1-1', `${AGENCY}.state.json`)));
    assert.deepEqual(readdirSync(dir), []);
    const none = await run(['list'], service, TOKENS);
    assert.equal(none.code, 0);
    const h = await run(['history', '--customer-id', AGENCY], undefined, TOKENS);
    assert.equal(h.code, 2);
    assert.match(h.err, /MSADS_JOURNAL_DIR/);
  });

  it('a journal that cannot be written is a warning; the command still succeeds', async () => {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    const r = await run(['list', '--journal-dir', notAFolder], service, env);
    assert.equal(r.code, 0);
    assert.match(r.err, /Warning: the link history could not be written/);
    assert.match(r.out, /1001/);
  });

  it('the journal never holds the tokens', async () => {
    await run(['list'], service, env);
    service.links[1]!.Status = 'Inactive';
    await run(['list'], service, env);
    await run(['cancel', '1001'], service, env);
    const folder = join(dir, 'endpoint-127.0.0.1-1');
    for (const f of readdirSync(folder)) {
      const text = readFileSync(join(folder, f), 'utf8');
      assert.ok(!text.includes(TOKENS.MSADS_ACCESS_TOKEN) && !text.includes(TOKENS.MSADS_DEVELOPER_TOKEN), f);
    }
  });

  it('the default folder is under the user configuration directory of each platform', () => {
    assert.equal(cliJournalRoot(undefined, { XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' }, 'linux'), '/x/cfg/msads-links/journal');
    assert.equal(cliJournalRoot(undefined, { HOME: '/home/u' }, 'linux'), '/home/u/.config/msads-links/journal');
    assert.equal(cliJournalRoot(undefined, { HOME: '/Users/u' }, 'darwin'), '/Users/u/Library/Application Support/msads-links/journal');
    assert.equal(cliJournalRoot(undefined, { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32'), 'C:\\Users\\u\\AppData\\Roaming\\msads-links\\journal');
    assert.equal(cliJournalRoot(undefined, {}, 'linux'), undefined);
    assert.equal(cliJournalRoot(undefined, { MSADS_JOURNAL_DIR: '/j', HOME: '/h' }, 'linux'), '/j');
    assert.equal(cliJournalRoot('/flag', { MSADS_JOURNAL_DIR: '/j' }, 'linux'), '/flag');
  });
});

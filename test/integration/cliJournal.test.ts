/**
 * The CLI's link journal against the simulator, over SOAP and over REST (issue 14 item 2): a
 * listing is the baseline, the next listing records what the service changed meanwhile (the
 * simulator's clock expires pending invitations), an action records its own outcome, and
 * `history` prints it all from the local file.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import type { ClientLink } from '../../src/core/model/clientLink';
import type { JournalEntry } from '../../src/core/workflow/linkJournal';
import { ManualClock, startSimulator, type RunningSimulator } from '../../src/simulator';
import { apiFlag, overProtocol, PROTOCOLS } from '../helpers/protocols';

const AGENCY = '251000123';
const DAY = 24 * 60 * 60 * 1000;

for (const protocol of PROTOCOLS) {
  describe(`msads-links keeps a link history ${overProtocol(protocol)}`, () => {
    let sim: RunningSimulator;
    before(async () => {
      sim = await startSimulator({ seed: 'demo', clock: new ManualClock(Date.UTC(2026, 11, 1, 12)) });
    });
    after(async () => {
      await sim.close();
    });

    it('list records what changed between runs, an unlink records itself, history prints both', async () => {
      const user = sim.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin');
      assert.ok(user);
      const dir = mkdtempSync(join(tmpdir(), 'cli-journal-int-'));
      const env = { MSADS_ACCESS_TOKEN: user.accessToken, MSADS_DEVELOPER_TOKEN: sim.developerToken, MSADS_ENDPOINT: sim.endpoint, MSADS_JOURNAL_DIR: dir };
      const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
        let out = '';
        let err = '';
        const code = await runCli([...args, ...apiFlag(protocol)], env, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
        return { code, out, err };
      };

      const first = await cli('list', '--json');
      assert.equal(first.code, 0, first.err);
      const links = JSON.parse(first.out) as ClientLink[];
      const pending = links.filter((l) => l.Status === 'LinkPending' && l.ManagingCustomerId === AGENCY);
      const active = links.find((l) => l.Status === 'Active' && l.ManagingCustomerId === AGENCY && l.Type !== 'CustomerLink');
      assert.ok(pending.length > 0 && active?.ClientEntityId, 'the demo seed has pending invitations and an active link of the agency');

      sim.control.advanceClock(31 * DAY); // the pending invitations expire
      assert.equal((await cli('list')).code, 0);
      const unlink = await cli('unlink', active.ClientEntityId);
      assert.equal(unlink.code, 0, unlink.out + unlink.err);
      assert.equal((await cli('list')).code, 0);

      const expired = await cli('history', pending[0]!.ClientEntityId!, '--json');
      assert.equal(expired.code, 0, expired.err);
      const [expiry] = JSON.parse(expired.out) as JournalEntry[];
      assert.equal(expiry?.from, 'LinkPending');
      assert.equal(expiry.to, 'LinkExpired');
      assert.ok(expiry.LastModifiedDateTime, 'the service date is kept');
      assert.equal(expiry.ownAction, undefined);

      const own = JSON.parse((await cli('history', active.ClientEntityId, '--json')).out) as JournalEntry[];
      assert.deepEqual(own.map((e) => [e.from, e.to, e.ownAction ?? null]).slice(0, 1), [['Active', 'UnlinkRequested', 'unlink']]);
      for (const after of own.slice(1)) {
        assert.equal(after.followsOwnAction, true, `${after.from} -> ${after.to} follows our unlink`);
      }

      const table = await cli('history');
      assert.equal(table.code, 0, table.err);
      assert.match(table.out, /Active +UnlinkRequested .*your unlink \(CLI\)/);
      assert.match(table.out, /LinkPending +LinkExpired .*seen \(CLI\)/);

      for (const folder of readdirSync(dir)) {
        for (const f of readdirSync(join(dir, folder))) {
          const text = readFileSync(join(dir, folder, f), 'utf8');
          assert.ok(!text.includes(user.accessToken) && !text.includes(sim.developerToken), `${f} holds a token`);
        }
      }
    });
  });
}

/**
 * The expiry radar and Re-invite from the CLI against the simulator, over SOAP and over REST: an
 * invitation counts down its days on the simulator's clock, the simulator expires it after 30 days,
 * and `reinvite` sends the same invitation again (same name, note, who pays and notification choice).
 */
import * as assert from 'node:assert/strict';
import { runCli } from '../../src/cli/main';
import type { ClientLink } from '../../src/core/model/clientLink';
import { ManualClock, startSimulator, type RunningSimulator } from '../../src/simulator';
import { apiFlag, overProtocol, PROTOCOLS } from '../helpers/protocols';

const DAY = 86_400_000;

describe('msads-links reinvite and days left against the simulator', () => {
  let sim: RunningSimulator;
  const clock = new ManualClock(Date.UTC(2026, 11, 1, 12));
  before(async () => {
    sim = await startSimulator({ seed: 'demo', clock });
  });
  after(async () => {
    await sim.close();
  });

  for (const protocol of PROTOCOLS) {
    describe(overProtocol(protocol), () => {
      const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
        const user = sim.users[0]!;
        let out = '';
        let err = '';
        const env = { MSADS_ACCESS_TOKEN: user.accessToken, MSADS_DEVELOPER_TOKEN: sim.developerToken, MSADS_ENDPOINT: sim.endpoint };
        const code = await runCli([...args, ...apiFlag(protocol)], env, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), now: () => clock.now() });
        return { code, out, err };
      };
      const linkOf = async (id: string): Promise<ClientLink | undefined> => {
        const r = await cli('list', '--json', '--side', 'agency');
        assert.equal(r.code, 0, r.err);
        return (JSON.parse(r.out) as ClientLink[]).find((l) => l.ClientEntityId === id);
      };
      const rowOf = async (id: string): Promise<string> => {
        const r = await cli('list', '--side', 'agency');
        assert.equal(r.code, 0, r.err);
        return r.out.split('\n').find((l) => l.includes(id)) ?? '';
      };

      it('an invitation shows its days left, expires after 30 days, and reinvite sends it again with the same choices', async () => {
        sim.control.reset();
        const account = sim.seed.invitableAccounts[0]!;
        const sent = await cli('invite', '--account-id', account.id, '--name', 'Second try', '--note', 'We would still love to help.', '--no-bill-to-client', '--suppress-notification');
        assert.equal(sent.code, 0, sent.out + sent.err);
        assert.match(await rowOf(account.id), /LinkPending .* 30 days$/);

        sim.control.advanceClock(26 * DAY);
        assert.match(await rowOf(account.id), /LinkPending .* 4 days$/);

        sim.control.advanceClock(4 * DAY + 60_000);
        assert.equal((await linkOf(account.id))?.Status, 'LinkExpired', 'the simulator expired it after 30 days');
        assert.doesNotMatch(await rowOf(account.id), /day/);

        const again = await cli('reinvite', account.id, '--json');
        assert.equal(again.code, 0, again.out + again.err);
        assert.deepEqual(JSON.parse(again.out), [{ ClientEntityId: account.id, ClientEntityName: account.name, ok: true, message: 'invitation sent again' }]);
        const now = await linkOf(account.id);
        assert.equal(now?.Status, 'LinkPending');
        assert.deepEqual([now?.Name, now?.Note, now?.IsBillToClient, now?.SuppressNotification], ['Second try', 'We would still love to help.', false, true]);
        assert.match(await rowOf(account.id), /LinkPending .* 30 days$/);
      });

      it('reinvite --all-expired sends every expired invitation; a pending one is refused with its reason (exit 1)', async () => {
        sim.control.reset();
        const before = await cli('list', '--json', '--side', 'agency', '--status', 'LinkExpired');
        const expired = (JSON.parse(before.out) as ClientLink[]).map((l) => l.ClientEntityId);
        assert.ok(expired.length > 0, 'the demo seed has expired invitations');
        const r = await cli('reinvite', '--all-expired');
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, new RegExp(`${expired.length} of ${expired.length} invitations sent again\\.`));
        const pending = await cli('list', '--json', '--side', 'agency', '--status', 'LinkPending');
        const pendingIds = (JSON.parse(pending.out) as ClientLink[]).map((l) => l.ClientEntityId);
        for (const id of expired) {
          assert.ok(pendingIds.includes(id), `${id} is pending again`);
        }
        const refused = await cli('reinvite', expired[0]!);
        assert.equal(refused.code, 1);
        assert.match(refused.out, /FAIL .*is Pending invitation\./);
      });
    });
  }
});

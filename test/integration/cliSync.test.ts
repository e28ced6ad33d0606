/**
 * Pre-flight checks and desired-state sync from the CLI (issue 14, items 4 and 5), over SOAP and
 * over REST against the simulator: `invite --csv` holds back what the checks predict the service
 * would refuse and sends the rest (`--force` sends everything); `plan` changes nothing in the
 * simulator; `apply --yes` sends the plan with one line per item; `apply` without --yes and without
 * a terminal refuses with exit 2 and sends nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { ClientLink } from '../../src/core/model/clientLink';
import { ManualClock, startSimulator, type RunningSimulator } from '../../src/simulator';
import { apiFlag, overProtocol, PROTOCOLS } from '../helpers/protocols';

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('msads-links pre-flight checks and desired-state sync', () => {
  for (const protocol of PROTOCOLS) {
    describe(overProtocol(protocol), () => {
      let sim: RunningSimulator;
      let dir: string;
      let env: NodeJS.ProcessEnv;
      let agency: string;
      before(async () => {
        sim = await startSimulator({ seed: 'demo', clock: new ManualClock(Date.UTC(2026, 11, 1, 12)) });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msads-sync-'));
        agency = sim.seed.agencyCustomerId;
        const user = sim.users.find((u) => u.customerId === agency && u.role === 'Super Admin');
        assert.ok(user);
        env = { MSADS_ACCESS_TOKEN: user.accessToken, MSADS_DEVELOPER_TOKEN: sim.developerToken, MSADS_ENDPOINT: sim.endpoint };
      });
      after(async () => {
        await sim.close();
        fs.rmSync(dir, { recursive: true, force: true });
      });

      const cli = async (args: string[], confirm?: (q: string) => Promise<boolean>): Promise<Run> => {
        let out = '';
        let err = '';
        const code = await runCli([...args, ...apiFlag(protocol)], env, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), confirm });
        return { code, out, err };
      };
      const write = (name: string, text: string): string => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
      };
      const agencyLinks = (): ClientLink[] => (sim.control.state({ includeLinks: true }).links ?? []).filter((l) => l.ManagingCustomerId === agency);
      const withStatus = (status: string): ClientLink => {
        const link = agencyLinks().find((l) => l.Status === status && l.Type === 'AccountLink');
        assert.ok(link, `the demo agency has an ${status} account link`);
        return link;
      };
      const writes = (): number => sim.control.callLog().filter((c) => c.operation === 'AddClientLinks' || c.operation === 'UpdateClientLinks').length;

      it('invite --csv: rows the checks predict refused (pending, linked, duplicate, past start date) are listed and not sent; the rest is sent; exit 1', async () => {
        const pending = withStatus('LinkPending');
        const active = withStatus('Active');
        const [fresh, other] = sim.seed.invitableAccounts;
        assert.ok(fresh && other);
        const file = write('invite.csv', `account_id,bill_to_client,start_date\n${pending.ClientEntityId},yes,\n${fresh.id},yes,\n${active.ClientEntityId},no,\n${fresh.id},no,\n${other.id},yes,2020-01-01\n`);
        const adds = sim.control.callLog().filter((c) => c.operation === 'AddClientLinks').length;
        const r = await cli(['invite', '--csv', file]);
        assert.equal(r.code, 1, r.err);
        assert.match(r.out, new RegExp(`SKIP +row 2 +${pending.ClientEntityId} .*predicted refusal \\(error 1410\\): the client already has a pending invitation from you`));
        assert.match(r.out, new RegExp(`ok +row 3 +${fresh.id} .*invitation sent`));
        assert.match(r.out, new RegExp(`SKIP +row 4 +${active.ClientEntityId} .*already linked to you`));
        assert.match(r.out, /SKIP +row 5 .*the same client as row 3/);
        assert.match(r.out, new RegExp(`SKIP +row 6 +${other.id} .*the start date is in the past`));
        assert.match(r.out, /1 of 5 invitations sent\./);
        assert.match(r.err, /4 invitations were not sent: .*predict.*--force to send them anyway/);
        assert.equal(sim.control.callLog().filter((c) => c.operation === 'AddClientLinks').length, adds + 1, 'one AddClientLinks call, with the one clear row');
        assert.equal(agencyLinks().find((l) => l.ClientEntityId === fresh.id)?.Status, 'LinkPending');
      });

      it('invite --force sends the held-back rows anyway; the service answers 1410 for them', async () => {
        const pending = withStatus('LinkPending');
        const r = await cli(['invite', '--account-id', pending.ClientEntityId!, '--bill-to-client', '--force']);
        assert.equal(r.code, 1);
        assert.match(r.out, new RegExp(`FAIL +${pending.ClientEntityId} .*error 1410`));
        const json = await cli(['invite', '--account-id', pending.ClientEntityId!, '--bill-to-client', '--json']);
        const items = JSON.parse(json.out) as { state: string; findings?: { kind: string; prediction: boolean; predictedCode?: number }[] }[];
        assert.deepEqual(items.map((i) => [i.state, i.findings?.[0]?.kind, i.findings?.[0]?.prediction, i.findings?.[0]?.predictedCode]), [['skipped', 'pendingInvitation', true, 1410]]);
      });

      it('plan prints invitations, cancellations and unlink requests and changes nothing in the simulator (text and --json)', async () => {
        const pending = withStatus('LinkPending');
        const active = withStatus('Active');
        const fresh = sim.seed.invitableAccounts[1]!;
        const file = write('desired.csv', `account_id,bill_to_client,desired\n${fresh.id},yes,\n${pending.ClientEntityId},,Unlinked\n${active.ClientEntityId},, UNLINKED\n`);
        const linksNow = (): string => JSON.stringify(sim.control.state({ includeLinks: true }).links);
        const before = linksNow();
        const writesBefore = writes();
        const r = await cli(['plan', file]);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, new RegExp(`^invite +row 2 +${fresh.id}`, 'm'));
        assert.match(r.out, new RegExp(`^cancel +row 3 +${pending.ClientEntityId} .*\\(marked unlinked\\)`, 'm'));
        assert.match(r.out, new RegExp(`^unlink +row 4 +${active.ClientEntityId}`, 'm'));
        assert.match(r.out, /Plan for .*desired\.csv: 1 invitation to send, 1 invitation to cancel, 1 unlink request, 0 already as the file says\./);
        const json = await cli(['plan', file, '--json']);
        const plan = JSON.parse(json.out) as Record<string, { ClientEntityId: string }[]>;
        assert.deepEqual([plan.invites, plan.cancels, plan.unlinks].map((l) => l?.map((i) => i.ClientEntityId)), [[fresh.id], [pending.ClientEntityId], [active.ClientEntityId]]);
        assert.equal(writes(), writesBefore, 'plan sends no write');
        assert.equal(linksNow(), before, 'the simulator\'s links are unchanged');
      });

      it('apply without --yes and without a terminal refuses with exit 2 and sends nothing; declining at the prompt sends nothing', async () => {
        const file = path.join(dir, 'desired.csv');
        const writesBefore = writes();
        const r = await cli(['apply', file]);
        assert.equal(r.code, 2);
        assert.match(r.err, /no terminal to ask on.*apply FILE --yes.*Nothing was sent/s);
        const questions: string[] = [];
        const declined = await cli(['apply', file], (q) => {
          questions.push(q);
          return Promise.resolve(false);
        });
        assert.equal(declined.code, 0);
        assert.deepEqual(questions, ['Send these 3 changes? [y/N] ']);
        assert.match(declined.err, /Nothing was sent/);
        assert.equal(writes(), writesBefore);
      });

      it('apply --yes sends the plan with one line per item (exit 0); a second apply finds nothing to do', async () => {
        const file = path.join(dir, 'desired.csv');
        const r = await cli(['apply', file, '--yes']);
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /ok +invite +row 2 .*invitation sent/);
        assert.match(r.out, /ok +cancel +row 3 .*/);
        assert.match(r.out, /ok +unlink +row 4 .*/);
        assert.match(r.out, /3 of 3 changes done\./);
        const fresh = sim.seed.invitableAccounts[1]!;
        assert.equal(agencyLinks().find((l) => l.ClientEntityId === fresh.id)?.Status, 'LinkPending');
        const again = await cli(['apply', file, '--yes']);
        assert.equal(again.code, 0);
        assert.match(again.out, /Nothing to send: your links already match the file\./);
      });
    });
  }
});

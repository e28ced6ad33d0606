/**
 * Soak: the simulator answers 10% of all calls with a random transient fault (throttling, internal
 * error, HTTP 503). 2,000+ link actions (invite / cancel rounds over 200 accounts), half through the
 * LinkStore (with Retry failed), half through the CLI in-process. The expected state of every
 * account is computed only from the outcomes the product reported; afterwards the simulator's state
 * must equal it exactly (latest status per account, and the number of invitations ever created).
 * It runs over SOAP and over REST (each against its own simulator). SOAK_ROUNDS (default 5 per path
 * and protocol) scales it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliConnection } from '../../src/cli/cliConfig';
import type { ClientLink } from '../../src/core/model/clientLink';
import type { CallEvent, ClientLinksService, LinkOutcome } from '../../src/core/service/types';
import { LinkStore } from '../../src/core/workflow/linkStore';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { apiFlag, overProtocol, PROTOCOLS } from '../helpers/protocols';
import { AGENCY, addInvitableAccounts, assertAllOver, assertNoSecrets, dump, refreshPatiently, serviceFor, tokenOf } from './helpers';

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 5);
const ACCOUNTS = 200;

for (const protocol of PROTOCOLS) {
  describe(`reliability: soak at a 10% random fault rate ${overProtocol(protocol)}`, function () {
    this.timeout(240_000);
    let sim: RunningSimulator;
    let coreIds: string[];
    let cliIds: string[];
    /** Expected latest status per account, and invitations created, from reported outcomes only. */
    const expected = new Map<string, string>();
    let expectedRecords = 0;
    let actions = 0;
    const events: CallEvent[] = [];
    const cliText: string[] = [];

    before(async () => {
      sim = await startSimulator({ seed: 'empty', randomSeed: 2026 });
      coreIds = addInvitableAccounts(sim, ACCOUNTS / 2, 196000001);
      cliIds = addInvitableAccounts(sim, ACCOUNTS / 2, 197000001);
      sim.control.setFaultRate(0.1);
    });
    after(async () => sim.close());

    const apply = (id: string, kind: 'invite' | 'cancel', ok: boolean): void => {
      actions++;
      if (!ok) {
        return;
      }
      if (kind === 'invite') {
        expected.set(id, 'LinkPending');
        expectedRecords++;
      } else {
        expected.set(id, 'LinkCanceled');
      }
    };

    it(`${ROUNDS} rounds through the LinkStore: invite ${ACCOUNTS / 2}, cancel them, Retry failed each time`, async () => {
      const token = tokenOf(sim, AGENCY);
      const { service } = serviceFor(sim, token, { protocol, timeoutMs: 5_000, observer: { onCall: (e) => events.push(e) } });
      const store = new LinkStore();
      store.startSession(() => Promise.resolve(service));
      await refreshPatiently(store, 4);
      const record = (kind: 'invite' | 'cancel', outcomes: LinkOutcome[]): void => {
        for (const o of outcomes) {
          assert.notEqual(o.state, 'notAttempted');
          apply(o.link.ClientEntityId ?? '', kind, o.state === 'succeeded');
        }
      };
      for (let round = 0; round < ROUNDS; round++) {
        // Like the UI: invite only accounts not already pending (a cancel may have failed last round).
        const toInvite = coreIds.filter((id) => expected.get(id) !== 'LinkPending');
        const invited = await store.invite(toInvite.map((id) => ({ Type: 'AccountLink', ClientEntityId: id, IsBillToClient: true })));
        assert.equal(invited.outcomes.length, toInvite.length);
        record('invite', invited.outcomes);
        const retried = await store.retryFailed();
        record('invite', retried?.outcomes ?? []);
        await refreshPatiently(store, 4);
        const pending = store.links.filter((l) => coreIds.includes(l.ClientEntityId ?? '') && l.Status === 'LinkPending');
        const canceled = await store.runAction('cancel', pending);
        assert.equal(canceled.outcomes.length + canceled.refused.length, pending.length);
        record('cancel', canceled.outcomes);
        await refreshPatiently(store, 4);
        const again = await store.retryFailed();
        record('cancel', again?.outcomes ?? []);
      }
    });

    it(`${ROUNDS} rounds through the CLI: invite --csv ${ACCOUNTS / 2}, cancel --all`, async () => {
      const token = tokenOf(sim, AGENCY);
      const env = { MSADS_ACCESS_TOKEN: token, MSADS_DEVELOPER_TOKEN: sim.developerToken, MSADS_ENDPOINT: sim.endpoint };
      const factory = (c: CliConnection): ClientLinksService => serviceFor(c, c.accessToken, { protocol: c.protocol, timeoutMs: 5_000, observer: { onCall: (e) => events.push(e) } }).service;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msads-soak-'));
      const file = path.join(dir, 'invites.csv');
      const cli = async (argv: string[]): Promise<{ code: number; out: string }> => {
        const out: string[] = [];
        const code = await runCli([...argv, ...apiFlag(protocol)], env, { out: (t) => out.push(t), err: (t) => cliText.push(t) }, factory);
        cliText.push(...out);
        return { code, out: out.join('\n') };
      };
      for (let round = 0; round < ROUNDS; round++) {
        const toInvite = cliIds.filter((id) => expected.get(id) !== 'LinkPending');
        fs.writeFileSync(file, ['account_id,bill_to_client', ...toInvite.map((id) => `${id},no`)].join('\n'));
        const inv = await cli(['invite', '--csv', file, '--json']);
        if (inv.out) {
          const rows = JSON.parse(inv.out) as { ClientEntityId: string; state: string }[];
          assert.equal(rows.length, toInvite.length, 'one outcome per CSV row');
          for (const r of rows) {
            apply(r.ClientEntityId, 'invite', r.state === 'succeeded');
          }
        } else {
          assert.equal(inv.code, 1, 'no output only when GetUser itself failed');
        }
        // Pending ones may be left from failed cancels of an earlier round: cancel --all takes all of them.
        const can = await cli(['cancel', '--all', '--json']);
        if (can.out) {
          const rows = JSON.parse(can.out) as { ClientEntityId: string; ok: boolean }[];
          for (const r of rows) {
            apply(r.ClientEntityId, 'cancel', r.ok);
          }
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('afterwards the simulator state equals the state computed from the reported outcomes', () => {
      sim.control.setFaultRate(0);
      const actual = new Map<string, string>();
      const all = new Set([...coreIds, ...cliIds]);
      for (const l of sim.control.state({ includeLinks: true }).links ?? []) {
        if (l.ManagingCustomerId === AGENCY && all.has(l.ClientEntityId ?? '')) {
          actual.set(l.ClientEntityId ?? '', l.Status ?? '');
        }
      }
      assert.deepEqual(new Map([...actual].sort()), new Map([...expected].sort()));
      assert.equal(sim.control.state({ includeLinks: false }).linkRecords, expectedRecords, 'invitations created = invitations reported sent');
      const faults = sim.control.callLog().filter((c) => c.outcome.startsWith('injected:')).length;
      assert.ok(actions >= 2000 * (ROUNDS / 5), `${actions} link actions`);
      assert.ok(faults > 0, 'faults were injected');
      assertNoSecrets(cliText.join('\n') + dump(events), [tokenOf(sim, AGENCY), sim.developerToken], 'CLI output and observer events of the soak');
      assertAllOver(sim, protocol);
      console.log(`      soak ${overProtocol(protocol)}: ${actions} link actions, ${expectedRecords} invitations created, ${events.length} HTTP exchanges, ${events.filter((e) => e.outcome !== 'ok').length} failed exchanges`);
    });
  });
}

export type { ClientLink };

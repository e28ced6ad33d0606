/**
 * Soak with lost answers: besides the 10% random transient faults, AddClientLinks and
 * UpdateClientLinks answers are cut after the service applied them (truncated), never come (hang),
 * or come back as a gateway 503 — the faults where the product cannot know whether a write landed.
 * Through the LinkStore, rounds of invite → Retry failed → cancel → Retry failed over 100 accounts;
 * each action's Retry failed is repeated once the faults stop, as a user would.
 *
 * The expected state is computed only from what the product reported:
 *   - succeeded: the target status (an invite also counts one invitation created);
 *   - an invite refused by the service with 1410 (an invitation exists): LinkPending — our own
 *     earlier attempt landed although its answer was lost (counted once per round);
 *   - Retry failed refusing a link "Not sent again: it is X now": X.
 * Afterwards the simulator's latest status per account and its number of invitation records must
 * equal that computation exactly: nothing lost, nothing created twice, nothing unaccounted for.
 * It runs over SOAP and over REST, each against its own simulator with the same seed.
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../src/core/model/clientLink';
import type { CallEvent } from '../../src/core/service/types';
import { type BulkResult, LinkStore } from '../../src/core/workflow/linkStore';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { overProtocol, PROTOCOLS } from '../helpers/protocols';
import { AGENCY, addInvitableAccounts, assertAllOver, assertNoSecrets, dump, refreshPatiently, serviceFor, tokenOf } from './helpers';

const ROUNDS = Number(process.env.SOAK_LOST_ROUNDS ?? 10);
const ACCOUNTS = 100;

for (const protocol of PROTOCOLS) {
  describe(`reliability: soak with lost answers (truncated, hang, 503 on writes) at a 10% random fault rate ${overProtocol(protocol)}`, function () {
    this.timeout(240_000);
    let sim: RunningSimulator;
    let ids: string[];
    let store: LinkStore;
    const events: CallEvent[] = [];
    const expected = new Map<string, string>();
    let expectedRecords = 0;
    let actions = 0;
    let lostAnswerRecoveries = 0;

    const faultsOn = (): void => {
      sim.control.setFaultRate(0.1);
      for (const operation of ['AddClientLinks', 'UpdateClientLinks']) {
        sim.control.injectFault({ operation, fault: 'truncated', rate: 0.15 });
        sim.control.injectFault({ operation, fault: 'hang', rate: 0.05 });
        sim.control.injectFault({ operation, fault: 'http503', rate: 0.05 });
      }
    };
    const faultsOff = (): void => {
      sim.control.clearFaults();
      sim.control.setFaultRate(0);
    };

    before(async () => {
      sim = await startSimulator({ seed: 'empty', randomSeed: Number(process.env.SOAK_SEED ?? 4242) });
      ids = addInvitableAccounts(sim, ACCOUNTS, 194000001);
      const token = tokenOf(sim, AGENCY);
      const { service } = serviceFor(sim, token, { protocol, timeoutMs: 250, observer: { onCall: (e) => events.push(e) } });
      store = new LinkStore();
      store.startSession(() => Promise.resolve(service));
      await store.refresh();
    });
    after(async () => sim.close());

    /** Records what one bulk result reported. `createdThisRound` avoids counting one invitation twice. */
    const record = (kind: 'invite' | 'cancel', result: BulkResult | undefined, createdThisRound: Set<string>): void => {
      if (!result) {
        return;
      }
      for (const o of result.outcomes) {
        const id = o.link.ClientEntityId ?? '';
        actions++;
        if (o.state === 'succeeded') {
          expected.set(id, kind === 'invite' ? 'LinkPending' : 'LinkCanceled');
          if (kind === 'invite' && !createdThisRound.has(id)) {
            createdThisRound.add(id);
            expectedRecords++;
          }
        } else if (kind === 'invite' && o.errors.some((e) => e.code === 1410)) {
          // "Invitation already exists": at the start of the round it was not pending, so it is ours.
          expected.set(id, 'LinkPending');
          lostAnswerRecoveries++;
          if (!createdThisRound.has(id)) {
            createdThisRound.add(id);
            expectedRecords++;
          }
        }
      }
      for (const r of result.refused) {
        // The refused entry carries the link as the last refresh shows it.
        const now = /^Not sent again: it is /.test(r.reason) ? r.link.Status : undefined;
        if (now) {
          expected.set(r.link.ClientEntityId ?? '', now);
          lostAnswerRecoveries++;
        }
      }
    };

    /** Retry failed while the faults last (once), then once more after they stop. */
    async function finish(kind: 'invite' | 'cancel', created: Set<string>): Promise<void> {
      record(kind, await store.retryFailed(), created);
      faultsOff();
      await refreshPatiently(store, 6);
      record(kind, await store.retryFailed(), created);
      faultsOn();
    }

    it(`${ROUNDS} rounds over ${ACCOUNTS} accounts: invite, cancel, Retry failed; every outcome recorded`, async () => {
      faultsOn();
      for (let round = 0; round < ROUNDS; round++) {
        const created = new Set<string>();
        const toInvite = ids.filter((id) => expected.get(id) !== 'LinkPending');
        const invited = await store.invite(toInvite.map((id): ClientLink => ({ Type: 'AccountLink', ClientEntityId: id, IsBillToClient: round % 2 === 0 })));
        assert.equal(invited.outcomes.length + invited.refused.length, toInvite.length, 'one outcome per link');
        record('invite', invited, created);
        await finish('invite', created);
        await refreshPatiently(store, 6);
        const pending = store.links.filter((l) => ids.includes(l.ClientEntityId ?? '') && l.Status === 'LinkPending');
        const canceled = await store.runAction('cancel', pending);
        assert.equal(canceled.outcomes.length + canceled.refused.length, pending.length, 'one outcome per link');
        record('cancel', canceled, created);
        await finish('cancel', created);
      }
      faultsOff();
    });

    it('afterwards the simulator equals the state computed from the reported outcomes; no invitation created twice', () => {
      const links = (sim.control.state({ includeLinks: true }).links ?? []).filter((l) => l.ManagingCustomerId === AGENCY && ids.includes(l.ClientEntityId ?? ''));
      const actual = new Map(links.map((l) => [l.ClientEntityId ?? '', l.Status ?? '']));
      assert.deepEqual(new Map([...actual].sort()), new Map([...expected].sort()), 'latest status per account');
      assert.equal(sim.control.state().linkRecords, expectedRecords, 'invitation records = invitations the product reported created');
      const log = sim.control.callLog();
      const lost = log.filter((c) => ['injected:truncated', 'injected:hang', 'injected:http503'].includes(c.outcome) && (c.operation === 'AddClientLinks' || c.operation === 'UpdateClientLinks')).length;
      assert.ok(lost > 10, `lost answers were injected on writes (${lost})`);
      assert.ok(actions >= 200 * ROUNDS, `${actions} link outcomes`);
      assert.ok(lostAnswerRecoveries > 0, 'some writes that landed with a lost answer were recognised afterwards');
      assertNoSecrets(dump(events), [tokenOf(sim, AGENCY), sim.developerToken], 'observer events of the soak');
      assertAllOver(sim, protocol);
      console.log(
        `      lost-answer soak ${overProtocol(protocol)}: ${actions} link outcomes, ${expectedRecords} invitations created, ${lost} lost write answers injected, ${lostAnswerRecoveries} recognised afterwards (1410 or "it is X now"), ${log.length} calls`,
      );
    });
  });
}

/**
 * `msads-links list` over SOAP and over REST against the simulator's scale seed (issue 15): the
 * output written in pieces from compact records equals, byte for byte, the output built at once
 * from the collected listing (what the CLI printed before), for --json and the table; and both
 * protocols print the same bytes.
 */
import * as assert from 'node:assert/strict';
import { runCli } from '../../src/cli/main';
import { linksTable, sortLinks } from '../../src/cli/format';
import { createClientLinksService } from '../../src/core/service/index';
import { customerContextFrom, pickCustomer } from '../../src/core/workflow/customerContext';
import { listLinks } from '../../src/core/workflow/linkDirectory';
import { ManualClock, startSimulator, type RunningSimulator } from '../../src/simulator';
import { apiFlag, overProtocol, PROTOCOLS, simulatorUrl } from '../helpers/protocols';

describe('msads-links list at scale: streamed output equals the output built at once', () => {
  let sim: RunningSimulator;
  const clock = new ManualClock(Date.UTC(2026, 11, 1, 12));
  const printed: Record<string, string> = {};
  before(async () => {
    sim = await startSimulator({ seed: 'scale:2500', clock });
  });
  after(async () => {
    await sim.close();
  });

  for (const protocol of PROTOCOLS) {
    describe(overProtocol(protocol), () => {
      for (const json of [true, false]) {
        it(`${json ? '--json' : 'the table'}`, async () => {
          const user = sim.users[0]!;
          let out = '';
          let err = '';
          const env = { MSADS_ACCESS_TOKEN: user.accessToken, MSADS_DEVELOPER_TOKEN: sim.developerToken, MSADS_ENDPOINT: sim.endpoint };
          const code = await runCli(['list', ...(json ? ['--json'] : []), ...apiFlag(protocol)], env, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), now: () => clock.now() });
          assert.equal(code, 0, err);
          // The listing collected, rendered at once.
          const service = createClientLinksService({ endpoint: simulatorUrl(sim, protocol), protocol, customerId: () => user.customerId, developerToken: () => Promise.resolve(sim.developerToken), tokenSource: { getAccessToken: () => Promise.resolve(user.accessToken) } });
          try {
            const active = pickCustomer(customerContextFrom((await service.getUser()).value), user.customerId);
            assert.ok(active);
            const dir = await listLinks(service, active);
            assert.ok(dir.links.length >= 2500, `${dir.links.length} links`);
            const expected = json ? `${JSON.stringify(sortLinks(dir.links), null, 2)}\n` : `${linksTable(dir.links, user.customerId, clock.now())}\n`;
            assert.equal(out, expected);
          } finally {
            service.dispose?.();
          }
          const format = json ? 'json' : 'table';
          if (printed[format] !== undefined) {
            assert.equal(out, printed[format], 'SOAP and REST print the same bytes');
          }
          printed[format] = out;
        });
      }
    });
  }
});

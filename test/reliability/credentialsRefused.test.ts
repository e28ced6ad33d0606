/**
 * Issue 12, item 1: a wrong developer token is not a sign-in problem. The service answers 105 for a
 * wrong developer token as for a refused access token; after one renewal that brings no new token,
 * the service reports the 105 fault (naming the developer token as a possible cause), not an
 * AuthError blaming the sign-in, and the CLI does not blame MSADS_ACCESS_TOKEN. Over SOAP and REST.
 */
import * as assert from 'node:assert/strict';
import { runCli } from '../../src/cli/main';
import { AuthError, isCredentialsRefused, isErrorKind, userMessage } from '../../src/core/errors';
import { createClientLinksService } from '../../src/core/service/index';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { overProtocol, PROTOCOLS, simulatorUrl } from '../helpers/protocols';
import { AGENCY, FAST_RETRY, assertAllOver, assertNoSecrets, tokenOf } from './helpers';

for (const protocol of PROTOCOLS) {
  describe(`A wrong developer token (105) ${overProtocol(protocol)}`, () => {
    let sim: RunningSimulator;
    before(async () => {
      sim = await startSimulator({ seed: 'demo' });
    });
    after(async () => sim.close());

    it('the service renews once, then reports the 105 fault that names the developer token, not an AuthError', async () => {
      let renewals = 0;
      const service = createClientLinksService({
        endpoint: simulatorUrl(sim, protocol),
        protocol,
        retry: FAST_RETRY,
        developerToken: () => Promise.resolve(`${sim.developerToken}-wrong`),
        tokenSource: {
          getAccessToken: ({ forceRefresh }) => {
            if (forceRefresh) {
              renewals++;
              return Promise.reject(new AuthError('The sign-in has no newer access token.', 'signInAgain'));
            }
            return Promise.resolve(tokenOf(sim, AGENCY));
          },
        },
      });
      try {
        const error = await service.getUser().then(
          () => assert.fail('a wrong developer token must be refused'),
          (e: unknown) => e,
        );
        assert.equal(renewals, 1, 'one renewal was tried');
        assert.ok(isErrorKind(error, 'fault'), `a fault, not ${String(error)}`);
        assert.ok(isCredentialsRefused(error));
        assert.ok(!isErrorKind(error, 'auth'));
        const text = userMessage(error);
        assert.match(text, /\(105\)/);
        assert.match(text, /developer token for this environment/);
        assertNoSecrets(text, [sim.developerToken, tokenOf(sim, AGENCY)], 'the message');
        assertAllOver(sim, protocol);
      } finally {
        service.dispose?.();
      }
    });

    it('msads-links whoami with MSADS_DEVELOPER_TOKEN wrong: exit 2, names MSADS_DEVELOPER_TOKEN, does not blame MSADS_ACCESS_TOKEN', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const token = tokenOf(sim, AGENCY);
      const env = { MSADS_ACCESS_TOKEN: token, MSADS_DEVELOPER_TOKEN: 'bad-developer-token', MSADS_ENDPOINT: sim.endpoint, MSADS_API: protocol };
      const code = await runCli(['whoami'], env, { out: (t) => out.push(t), err: (t) => err.push(t) });
      const shown = `${out.join('\n')}\n${err.join('\n')}`;
      assert.equal(code, 2, shown);
      assert.match(shown, /GetUser \(/);
      assert.match(shown, /\(105\)/);
      assert.match(shown, /What to do: The developer token for this environment .*MSADS_DEVELOPER_TOKEN/);
      assert.doesNotMatch(shown, /MSADS_ACCESS_TOKEN was refused/);
      assertNoSecrets(shown, [token, 'bad-developer-token'], 'the CLI output');
      assertAllOver(sim, protocol);
    });
  });
}

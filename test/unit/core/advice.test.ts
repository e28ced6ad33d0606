/**
 * Advice codes (issue 13, part 3): the core says what the user can do as a code; each front end
 * words it with its own means. The CLI names its flags and variables, never VS Code's commands or
 * settings; the core's plain wording names neither (the extension's wording, through vscode.l10n,
 * is checked in the extension-host tier).
 */
import * as assert from 'node:assert/strict';
import { cliAdvice } from '../../../src/cli/advice';
import { type AdviceCode, AuthError, ClientLinksError, NetworkError, PLAIN_ADVICE, ServiceFaultError, userMessage } from '../../../src/core/errors';

/** Every code, once (a code added to AdviceCode and not listed here fails to compile). */
const ALL: Record<AdviceCode, true> = {
  signInAgainExpired: true,
  checkCredentials: true,
  consentScope: true,
  askForAccess: true,
  setDeveloperToken: true,
  setDeveloperTokenAgain: true,
  waitThrottled: true,
  retryLaterSupport: true,
  correctRequestSupport: true,
  retryNothingApplied: true,
  correctNothingApplied: true,
  useSoap: true,
  useRest: true,
  endpointNotFound: true,
  redirected: true,
  signInAgainForAccess: true,
  serviceUnavailable: true,
  checkEndpointAndRetry: true,
  certificateRefused: true,
  checkNetwork: true,
  raiseTimeout: true,
  checkEndpointProxy: true,
  correctInput: true,
  correctSetting: true,
  signIn: true,
  signInAgain: true,
  loadLinksFirst: true,
};

class Coded extends ClientLinksError {
  readonly kind = 'config' as const;
  constructor(private readonly code: AdviceCode) {
    super('Something failed.');
  }
  override get adviceCode(): AdviceCode {
    return this.code;
  }
}

const VS_CODE_MEANS = /Client Links:|clientLinks\.|VS Code|Show Log|Retry Failed/;
const CLI_MEANS = /--[a-z]|MSADS_|msads-links|NODE_EXTRA_CA_CERTS/;

describe('advice codes, worded by each front end', () => {
  for (const code of Object.keys(ALL) as AdviceCode[]) {
    it(`${code}: the CLI names its own means, the core's plain words name no front end's`, () => {
      const cli = cliAdvice(new Coded(code));
      const plain = new Coded(code).advice;
      assert.ok(cli && /\.$/.test(cli), `the CLI says what to do: ${cli}`);
      assert.ok(plain && /\.$/.test(plain), `the core says what to do: ${plain}`);
      assert.doesNotMatch(cli, VS_CODE_MEANS);
      assert.doesNotMatch(plain, VS_CODE_MEANS);
      assert.doesNotMatch(plain, CLI_MEANS);
    });
  }

  it('errors give the code of their cause: 105 the credentials, 109 an expired token, 117 throttling', () => {
    const fault = (code: number): ServiceFaultError => new ServiceFaultError('s:Client', '', 'AdApiFaultDetail', [{ code, errorCode: null, message: 'm', details: null }], {});
    assert.equal(fault(105).adviceCode, 'checkCredentials');
    assert.equal(fault(109).adviceCode, 'signInAgainExpired');
    assert.equal(fault(117).adviceCode, 'waitThrottled');
    assert.equal(new AuthError('No developer token is set.', 'setDeveloperToken').adviceCode, 'setDeveloperToken');
    const certificate = new NetworkError('refused', 'SELF_SIGNED_CERT_IN_CHAIN', {});
    assert.equal(certificate.adviceCode, 'certificateRefused');
    assert.match(cliAdvice(certificate) ?? '', /not trusted \(SELF_SIGNED_CERT_IN_CHAIN\).*NODE_EXTRA_CA_CERTS/);
  });

  it('the CLI names the variables to fix for refused credentials', () => {
    const text = cliAdvice(new Coded('checkCredentials')) ?? '';
    assert.match(text, /MSADS_DEVELOPER_TOKEN.*MSADS_ACCESS_TOKEN/);
  });

  it('userMessage joins what failed and what to do in the wording given', () => {
    const e = new Coded('raiseTimeout');
    assert.equal(userMessage(e), 'Something failed. What to do: Retry; if it keeps happening, raise the request timeout.');
    assert.equal(userMessage(e, { advice: cliAdvice, join: (failure, advice) => `${failure} -> ${advice}` }), 'Something failed -> Retry; if it keeps happening, raise the request timeout (--timeout or MSADS_TIMEOUT_SECONDS).');
    assert.equal(PLAIN_ADVICE.join('A', 'B'), 'A. What to do: B');
  });
});

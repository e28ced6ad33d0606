/**
 * What the user can do about a failure, in the CLI's words: the core gives an advice code
 * (errors.ts `adviceCode`), this names msads-links' flags and environment variables. The extension
 * words the same codes with its commands and settings (src/extension/adviceText.ts).
 */
import { type ClientLinksError, isErrorKind, plainAdvice } from '../core/errors';

export function cliAdvice(e: ClientLinksError): string | undefined {
  const code = e.adviceCode;
  switch (code) {
    case undefined:
      return undefined;
    case 'signInAgainExpired':
      return 'The access token has expired: get a new one and set MSADS_ACCESS_TOKEN again.';
    case 'checkCredentials':
      return 'The developer token for this environment (production or sandbox) or the account may be the cause: set MSADS_DEVELOPER_TOKEN to the developer token for this environment; if it is right, set MSADS_ACCESS_TOKEN to an access token of an account of this environment.';
    case 'consentScope':
      return 'Get an access token consented to the msads.manage scope and set MSADS_ACCESS_TOKEN to it.';
    case 'askForAccess':
      return 'Ask a Super Admin of the customer for access, or use a customer where you have it (--customer-id or MSADS_CUSTOMER_ID).';
    case 'setDeveloperToken':
    case 'setDeveloperTokenAgain':
      return 'Set MSADS_DEVELOPER_TOKEN to your Microsoft Advertising developer token.';
    // Advice that names no command, setting or flag: the core's plain wording is the CLI's too.
    case 'waitThrottled':
    case 'retryLaterSupport':
    case 'correctRequestSupport':
    case 'retryNothingApplied':
    case 'correctNothingApplied':
      return plainAdvice(e);
    case 'useSoap':
      return 'This endpoint does not serve the REST API (Microsoft serves it beside SOAP until SOAP is turned off on 2027-01-31): use SOAP for now (--api soap or MSADS_API=soap), or check --endpoint (MSADS_ENDPOINT).';
    case 'useRest':
      return 'Microsoft turned SOAP off on 2027-01-31: use the REST API (--api rest or MSADS_API=rest, or auto).';
    case 'endpointNotFound':
      return 'Check --endpoint (MSADS_ENDPOINT): no Customer Management service answers at that address.';
    case 'redirected':
      return 'The endpoint redirects elsewhere. Redirects are not followed, so your tokens never go to another address: set the final https address with --endpoint (MSADS_ENDPOINT).';
    case 'signInAgainForAccess':
      return 'Get a new access token and set MSADS_ACCESS_TOKEN again; if it persists, check that the account may use this environment.';
    case 'serviceUnavailable':
      return 'The service is unavailable for now: retry in a moment; if it persists, see the Microsoft Advertising service status.';
    case 'checkEndpointAndRetry':
      return 'Check --endpoint (MSADS_ENDPOINT) and retry.';
    case 'certificateRefused':
      return `The server's certificate is not trusted (${isErrorKind(e, 'network') ? (e.code ?? '') : ''}), so nothing was sent: check --endpoint (MSADS_ENDPOINT). Behind a proxy that inspects HTTPS, have its certificate authority trusted (NODE_EXTRA_CA_CERTS).`;
    case 'checkNetwork':
      return 'Check your network connection and --endpoint (MSADS_ENDPOINT), then retry.';
    case 'raiseTimeout':
      return 'Retry; if it keeps happening, raise the request timeout (--timeout or MSADS_TIMEOUT_SECONDS).';
    case 'checkEndpointProxy':
      return 'Retry; if it persists, check --endpoint (MSADS_ENDPOINT) (a proxy or captive portal may be answering).';
    case 'correctInput':
      return 'Nothing was sent: correct the input and try again.';
    case 'correctSetting':
      return 'Correct the flag or variable named in the message.';
    case 'signIn':
      return 'Set MSADS_ACCESS_TOKEN to an OAuth access token with the msads.manage scope.';
    case 'signInAgain':
      return 'Get a new access token and set MSADS_ACCESS_TOKEN again.';
    case 'loadLinksFirst':
      return 'Run the command again.';
  }
}

/**
 * What the user can do about a failure, in the extension's words: the core gives an advice code
 * (errors.ts `adviceCode`), this names the extension's commands and settings, in VS Code's display
 * language. The CLI words the same codes with its flags (src/cli/advice.ts).
 */
import * as vscode from 'vscode';
import { type AdviceWording, type ClientLinksError, isErrorKind } from '../core/errors';

export function adviceText(e: ClientLinksError): string | undefined {
  const code = e.adviceCode;
  switch (code) {
    case undefined:
      return undefined;
    case 'signInAgainExpired':
      return vscode.l10n.t('Sign in again: the access token has expired.');
    case 'checkCredentials':
      return vscode.l10n.t('The developer token for this environment (production or sandbox) or the account may be the cause: set the developer token for this environment (Client Links: Set Developer Token); if it is right, sign in again with an account of this environment.');
    case 'consentScope':
      return vscode.l10n.t('Sign in again and consent to the msads.manage scope.');
    case 'askForAccess':
      return vscode.l10n.t('Ask a Super Admin of the customer for access, or switch to a customer where you have it (Client Links: Select Customer).');
    case 'setDeveloperToken':
      return vscode.l10n.t('Run "Client Links: Set Developer Token".');
    case 'setDeveloperTokenAgain':
      return vscode.l10n.t('Set the developer token again (Client Links: Set Developer Token).');
    case 'waitThrottled':
      return vscode.l10n.t('The service limits calls per minute: wait a minute and retry.');
    case 'retryLaterSupport':
      return vscode.l10n.t('Retry later; if it persists, contact Microsoft Advertising support with the TrackingId.');
    case 'correctRequestSupport':
      return vscode.l10n.t('The service refused the request: correct what the message says and try again, or contact Microsoft Advertising support with the TrackingId.');
    case 'retryNothingApplied':
      return vscode.l10n.t('Nothing was applied: retry later.');
    case 'correctNothingApplied':
      return vscode.l10n.t('Nothing was applied: correct what the message says (role, customer or input) and try again.');
    case 'useSoap':
      return vscode.l10n.t('This endpoint does not serve the REST API (Microsoft serves it beside SOAP until SOAP is turned off on 2027-01-31): set clientLinks.api to "soap" for now, or check the clientLinks.endpoint setting.');
    case 'useRest':
      return vscode.l10n.t('Microsoft turned SOAP off on 2027-01-31: set clientLinks.api to "rest" or "auto".');
    case 'endpointNotFound':
      return vscode.l10n.t('Check the clientLinks.endpoint setting: no Customer Management service answers at that address.');
    case 'redirected':
      return vscode.l10n.t('The endpoint redirects elsewhere. Redirects are not followed, so your tokens never go to another address: set the final https address in the clientLinks.endpoint setting.');
    case 'signInAgainForAccess':
      return vscode.l10n.t('Sign in again; if it persists, check that the account may use this environment.');
    case 'serviceUnavailable':
      return vscode.l10n.t('The service is unavailable for now: retry in a moment; if it persists, see the log (Client Links: Show Log) and the Microsoft Advertising service status.');
    case 'checkEndpointAndRetry':
      return vscode.l10n.t('Check the clientLinks.endpoint setting and retry; the log (Client Links: Show Log) has the full answer.');
    case 'certificateRefused':
      return vscode.l10n.t({
        message: "The server's certificate is not trusted ({0}), so nothing was sent: check the clientLinks.endpoint setting. Behind a proxy that inspects HTTPS, have its certificate authority trusted by your system.",
        args: [isErrorKind(e, 'network') ? (e.code ?? '') : ''],
        comment: ['{0} is the TLS error code, e.g. SELF_SIGNED_CERT_IN_CHAIN'],
      });
    case 'checkNetwork':
      return vscode.l10n.t('Check your network connection and the clientLinks.endpoint setting, then retry.');
    case 'raiseTimeout':
      return vscode.l10n.t('Retry; if it keeps happening, raise the request timeout (clientLinks.requestTimeoutSeconds).');
    case 'checkEndpointProxy':
      return vscode.l10n.t('Retry; if it persists, check the clientLinks.endpoint setting (a proxy or captive portal may be answering).');
    case 'correctInput':
      return vscode.l10n.t('Nothing was sent: correct the input and try again.');
    case 'correctSetting':
      return vscode.l10n.t('Correct the setting named in the message.');
    case 'signIn':
      return vscode.l10n.t('Run "Client Links: Sign In with Microsoft".');
    case 'signInAgain':
      return vscode.l10n.t('Sign in again: run "Client Links: Sign In with Microsoft".');
    case 'loadLinksFirst':
      return vscode.l10n.t('Sign in and wait for your links to load first.');
  }
}

/** The extension's wording of a failure and its advice (for userMessage). */
export const EXTENSION_ADVICE: AdviceWording = {
  advice: adviceText,
  join: (failure, advice) => vscode.l10n.t({ message: '{0}. What to do: {1}', args: [failure, advice], comment: ['{0} is what failed, {1} what the user can do about it'] }),
};

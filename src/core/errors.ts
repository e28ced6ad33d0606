/**
 * Typed errors of the core. Every failure that reaches a user is one of these, carries the
 * operation it came from and, when the service answered, its TrackingId. Messages never contain
 * tokens: they are built from service text and our own words only.
 */
import * as l10n from '@vscode/l10n';
import type { WireProtocol } from './protocol';
import { maskTokenShapes } from './redact';

export type ErrorKind =
  | 'fault'
  | 'operation'
  | 'http'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'auth'
  | 'validation'
  | 'cancelled'
  | 'config';

/**
 * What the user can do about a failure, as a code: each front end says it in its own words and
 * names its own means (the extension its commands and settings, the CLI its flags and variables).
 * `advice` on an error is the core's plain wording, naming neither.
 */
export type AdviceCode =
  /** 109: the access token expired. */
  | 'signInAgainExpired'
  /** 105: the developer token or the account (the service does not say which). */
  | 'checkCredentials'
  /** 3101: the sign-in lacks the msads.manage consent. */
  | 'consentScope'
  /** 106, 1001: no permission for this customer. */
  | 'askForAccess'
  /** 116, or none set: the developer token is missing. */
  | 'setDeveloperToken'
  /** Could not read the developer token from where it is kept. */
  | 'setDeveloperTokenAgain'
  /** 117: throttled. */
  | 'waitThrottled'
  /** A passing fault of the service. */
  | 'retryLaterSupport'
  /** Any other fault: the request was refused. */
  | 'correctRequestSupport'
  /** OperationErrors: nothing was applied; it may work later. */
  | 'retryNothingApplied'
  /** OperationErrors: nothing was applied; the input or role must change. */
  | 'correctNothingApplied'
  /** REST not served at this endpoint before the SOAP sunset. */
  | 'useSoap'
  /** SOAP turned off after the sunset. */
  | 'useRest'
  /** HTTP 404 without a protocol hint. */
  | 'endpointNotFound'
  /** HTTP 3xx: redirects are not followed. */
  | 'redirected'
  /** HTTP 401/403. */
  | 'signInAgainForAccess'
  /** HTTP 408/429/5xx. */
  | 'serviceUnavailable'
  /** Other HTTP statuses. */
  | 'checkEndpointAndRetry'
  /** The server's TLS certificate was refused (`NetworkError.code` says why). */
  | 'certificateRefused'
  /** Other connection failures. */
  | 'checkNetwork'
  /** No answer in time. */
  | 'raiseTimeout'
  /** An answer that cannot be read (a proxy or captive portal may be answering). */
  | 'checkEndpointProxy'
  /** Input rejected before sending. */
  | 'correctInput'
  /** A setting or argument that cannot work. */
  | 'correctSetting'
  /** Not signed in. */
  | 'signIn'
  /** The sign-in gave no usable token: sign in again. */
  | 'signInAgain'
  /** A link command before the session has its user and links. */
  | 'loadLinksFirst';

/** One error line from a fault or an operation result, normalised. */
export interface ServiceErrorEntry {
  code: number;
  /** Symbolic code when the service gave one (AdApiError.ErrorCode); Customer Management OperationErrors have none. */
  errorCode: string | null;
  message: string;
  details: string | null;
}

/**
 * Marks our errors. The lazily loaded service bundle (dist/service.js) carries its own copy of
 * these classes, so an error it throws is not an `instanceof` the front end's classes: code that
 * may see such errors tells them apart with the guards below (`isClientLinksError`, `isErrorKind`),
 * which read the brand and `kind` that every instance carries.
 */
const BRAND = Symbol.for('msads-client-links.ClientLinksError');

export abstract class ClientLinksError extends Error {
  abstract readonly kind: ErrorKind;

  /** The service operation (or CLI/UI step) that failed. */
  operation: string | undefined;
  trackingId: string | undefined;

  protected constructor(message: string, options?: { operation?: string; trackingId?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.name = new.target.name;
    this.operation = options?.operation;
    this.trackingId = options?.trackingId;
  }

  /** Whether repeating the same request later may succeed. */
  get transient(): boolean {
    return false;
  }

  /** What the user can do about it, as a code each front end words in its own way. */
  get adviceCode(): AdviceCode | undefined {
    return undefined;
  }

  /** What the user can do about it, in one sentence of the core's plain words (no front end's commands or flags). */
  get advice(): string | undefined {
    return plainAdvice(this);
  }
}

/** Platform codes that mean the access token must be renewed (spec §8.3). */
export const TOKEN_EXPIRED_CODES: ReadonlySet<number> = new Set([109]);
export const TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([105, 3101]);
export const THROTTLING_CODES: ReadonlySet<number> = new Set([117]);
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([0, 2208, 117]);

export type FaultDetailType = 'AdApiFaultDetail' | 'ApiFault' | 'unknown';

/**
 * What the other protocol may fix: `trySoap` when REST answered 404/501 before the SOAP sunset
 * (REST not served at this endpoint), `tryRest` when SOAP did so after it.
 */
export type ProtocolHint = 'trySoap' | 'tryRest';

export interface FaultOptions {
  operation?: string;
  trackingId?: string;
  httpStatus?: number;
  protocol?: WireProtocol;
  /** The service put the failure on its own side (SOAP `s:Server` fault code, REST HTTP 5xx). */
  serverSide?: boolean;
  /** Retry-After of the answer, in ms (REST throttling). */
  retryAfterMs?: number;
}

/**
 * A fault of the service: SOAP `s:Fault` or a REST ApplicationFault, with AdApiFaultDetail,
 * ApiFault, or a detail we do not know. `faultCode`/`faultString` are SOAP's (empty over REST).
 */
export class ServiceFaultError extends ClientLinksError {
  readonly kind = 'fault' as const;
  readonly httpStatus: number | undefined;
  readonly protocol: WireProtocol;
  readonly serverSide: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly faultCode: string,
    readonly faultString: string,
    readonly detailType: FaultDetailType,
    readonly errors: ServiceErrorEntry[],
    options: FaultOptions,
  ) {
    // Fault text comes from the wire: a gateway may echo the request's headers in it.
    super(maskTokenShapes(describeFault(faultString, errors)), options);
    this.httpStatus = options.httpStatus;
    this.protocol = options.protocol ?? 'soap';
    this.serverSide = options.serverSide ?? faultCode.endsWith('Server');
    this.retryAfterMs = options.retryAfterMs;
  }

  hasCode(codes: ReadonlySet<number>): boolean {
    return this.errors.some((e) => codes.has(e.code));
  }
  get tokenExpired(): boolean {
    return this.hasCode(TOKEN_EXPIRED_CODES);
  }
  get tokenInvalid(): boolean {
    return this.hasCode(TOKEN_INVALID_CODES);
  }
  get throttled(): boolean {
    return this.hasCode(THROTTLING_CODES);
  }
  override get transient(): boolean {
    return this.errors.length === 0 ? this.serverSide && this.detailType === 'unknown' : this.hasCode(TRANSIENT_CODES);
  }
  override get adviceCode(): AdviceCode {
    if (this.tokenExpired) {
      return 'signInAgainExpired';
    }
    if (this.hasCode(new Set([105]))) {
      // 105 covers both tokens: it comes back after a renewed access token when the developer token is wrong.
      return 'checkCredentials';
    }
    if (this.hasCode(new Set([3101]))) {
      return 'consentScope';
    }
    if (this.hasCode(new Set([106, 1001]))) {
      return 'askForAccess';
    }
    if (this.hasCode(new Set([116]))) {
      return 'setDeveloperToken';
    }
    if (this.throttled) {
      return 'waitThrottled';
    }
    return this.transient ? 'retryLaterSupport' : 'correctRequestSupport';
  }
}

function describeFault(faultString: string, errors: ServiceErrorEntry[]): string {
  if (errors.length === 0) {
    return faultString || 'The service returned a fault without details.';
  }
  return errors.map((e) => `${e.errorCode ? `${e.errorCode} (${e.code})` : `Error ${e.code}`}: ${e.message}`).join('; ');
}

/** Whole-call OperationErrors returned in the body of Add/UpdateClientLinks: nothing was applied. */
export class OperationErrorsError extends ClientLinksError {
  readonly kind = 'operation' as const;
  constructor(readonly errors: ServiceErrorEntry[], options: { operation?: string; trackingId?: string }) {
    super(errors.map((e) => l10n.t({ message: 'Error {0}: {1}', args: [e.code, e.message], comment: ['{0} is the service\'s error code, {1} its message'] })).join('; '), options);
  }
  override get transient(): boolean {
    return this.errors.some((e) => TRANSIENT_CODES.has(e.code));
  }
  override get adviceCode(): AdviceCode {
    return this.transient ? 'retryNothingApplied' : 'correctNothingApplied';
  }
}

/** The service answered with an HTTP error status and no fault we can read (no SOAP envelope, no REST ApplicationFault). */
export class HttpStatusError extends ClientLinksError {
  readonly kind = 'http' as const;
  /** The start of the body, token-shaped text masked (a gateway may echo the request, headers included). */
  readonly bodyExcerpt: string;
  readonly retryAfterMs: number | undefined;
  readonly protocolHint: ProtocolHint | undefined;
  constructor(
    readonly status: number,
    bodyExcerpt: string,
    options: { operation?: string; trackingId?: string; retryAfterMs?: number; protocolHint?: ProtocolHint },
  ) {
    const masked = maskTokenShapes(bodyExcerpt);
    const text = plainText(masked);
    const excerpt = text.replace(/^\(+|\)+$/g, '');
    super(excerpt ? l10n.t({ message: 'The service answered HTTP {0} ({1})', args: [status, excerpt], comment: ['{0} is the HTTP status code, {1} the start of the answer'] }) : l10n.t('The service answered HTTP {0}', status), options);
    this.bodyExcerpt = masked;
    this.retryAfterMs = options.retryAfterMs;
    this.protocolHint = options.protocolHint;
  }
  override get transient(): boolean {
    return this.status === 429 || this.status === 408 || this.status >= 500;
  }
  override get adviceCode(): AdviceCode {
    if (this.protocolHint === 'trySoap') {
      return 'useSoap';
    }
    if (this.protocolHint === 'tryRest') {
      return 'useRest';
    }
    if (this.status === 404) {
      return 'endpointNotFound';
    }
    if (this.status >= 300 && this.status < 400) {
      return 'redirected';
    }
    if (this.status === 401 || this.status === 403) {
      return 'signInAgainForAccess';
    }
    return this.transient ? 'serviceUnavailable' : 'checkEndpointAndRetry';
  }
}

/** An error page's text for a message: tags dropped, whitespace collapsed, repeated phrases once, short. */
function plainText(body: string): string {
  const words = body
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > 160 ? `${words.slice(0, 157)}...` : words;
}

/** Connection errors that mean the request never reached the service (nothing can have been applied). */
export const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The connection failed (refused, reset, DNS). */
export class NetworkError extends ClientLinksError {
  readonly kind = 'network' as const;
  constructor(message: string, readonly code: string | undefined, options: { operation?: string; cause?: unknown }) {
    super(message, options);
  }
  /** The request never reached the service (refused, DNS, no route) or the TLS handshake failed: nothing was applied. */
  get notDelivered(): boolean {
    return this.certificateRefused || (this.code !== undefined && NOT_CONNECTED_CODES.has(this.code));
  }
  /** The server's TLS certificate was refused (self-signed, expired, wrong host, unknown CA): nothing was sent. */
  get certificateRefused(): boolean {
    return this.code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME|ERR_TLS|ERR_SSL/.test(this.code);
  }
  override get transient(): boolean {
    // A certificate does not become trusted by trying again.
    return !this.certificateRefused;
  }
  override get adviceCode(): AdviceCode {
    return this.certificateRefused ? 'certificateRefused' : 'checkNetwork';
  }
}

export class TimeoutError extends ClientLinksError {
  readonly kind = 'timeout' as const;
  constructor(readonly timeoutMs: number, options: { operation?: string }) {
    super(l10n.t({ message: 'No answer from the service within {0} s', args: [timeoutMs < 10_000 ? Number((timeoutMs / 1000).toFixed(1)) : Math.round(timeoutMs / 1000)], comment: ['{0} is a number of seconds'] }), options);
  }
  override get transient(): boolean {
    return true;
  }
  override get adviceCode(): AdviceCode {
    return 'raiseTimeout';
  }
}

/** A 2xx body we cannot read: not a SOAP envelope (HTML error page, truncated XML, …), or not JSON over REST. */
export class MalformedResponseError extends ClientLinksError {
  readonly kind = 'malformed' as const;
  /** The start of the body, token-shaped text masked. */
  readonly bodyExcerpt: string;
  constructor(message: string, bodyExcerpt: string, options: { operation?: string; trackingId?: string; cause?: unknown }) {
    super(maskTokenShapes(message), options);
    this.bodyExcerpt = maskTokenShapes(bodyExcerpt);
  }
  override get transient(): boolean {
    return true;
  }
  override get adviceCode(): AdviceCode {
    return 'checkEndpointProxy';
  }
}

/** No usable credentials: not signed in, no developer token, token source failed. `what` says what fixes it. */
export class AuthError extends ClientLinksError {
  readonly kind = 'auth' as const;
  constructor(message: string, readonly what: 'signIn' | 'signInAgain' | 'setDeveloperToken' | 'setDeveloperTokenAgain' | 'loadLinksFirst', options?: { operation?: string; cause?: unknown }) {
    super(message, options);
  }
  override get adviceCode(): AdviceCode {
    return this.what;
  }
}

/** Input rejected before any request was sent. */
export class ValidationError extends ClientLinksError {
  readonly kind = 'validation' as const;
  constructor(message: string, readonly problems: ValidationProblem[] = []) {
    super(message);
  }
  override get adviceCode(): AdviceCode {
    return 'correctInput';
  }
}

export interface ValidationProblem {
  /** 1-based row in a CSV file, when the input came from one. */
  row?: number;
  /** Column or field name. */
  field?: string;
  /** 1-based column in a CSV file, when the problem is about one. */
  column?: number;
  message: string;
}

export class CancelledError extends ClientLinksError {
  readonly kind = 'cancelled' as const;
  constructor(options?: { operation?: string; message?: string }) {
    super(options?.message ?? l10n.t('Cancelled'), options);
  }
}

/** A setting or argument that cannot work (bad endpoint, http to a remote host, …). */
export class ConfigError extends ClientLinksError {
  readonly kind = 'config' as const;
  constructor(message: string) {
    super(message);
  }
  override get adviceCode(): AdviceCode {
    return 'correctSetting';
  }
}

/**
 * The core's plain wording of each advice code: what to do, naming no front end's commands, settings
 * or flags. Front ends word the codes themselves (src/extension/adviceText.ts, src/cli/advice.ts);
 * this is for what has no front end of its own (the failure report's reasons, tests, logs of the core).
 */
export function plainAdvice(e: ClientLinksError): string | undefined {
  const code = e.adviceCode;
  switch (code) {
    case undefined:
      return undefined;
    case 'signInAgainExpired':
      return 'Sign in again: the access token has expired.';
    case 'checkCredentials':
      return 'The developer token for this environment (production or sandbox) or the account may be the cause: set the developer token for this environment; if it is right, sign in again with an account of this environment.';
    case 'consentScope':
      return 'Sign in again and consent to the msads.manage scope.';
    case 'askForAccess':
      return 'Ask a Super Admin of the customer for access, or switch to a customer where you have it.';
    case 'setDeveloperToken':
      return 'Set the developer token.';
    case 'setDeveloperTokenAgain':
      return 'Set the developer token again.';
    case 'waitThrottled':
      return 'The service limits calls per minute: wait a minute and retry.';
    case 'retryLaterSupport':
      return 'Retry later; if it persists, contact Microsoft Advertising support with the TrackingId.';
    case 'correctRequestSupport':
      return 'The service refused the request: correct what the message says and try again, or contact Microsoft Advertising support with the TrackingId.';
    case 'retryNothingApplied':
      return 'Nothing was applied: retry later.';
    case 'correctNothingApplied':
      return 'Nothing was applied: correct what the message says (role, customer or input) and try again.';
    case 'useSoap':
      return 'This endpoint does not serve the REST API (Microsoft serves it beside SOAP until SOAP is turned off on 2027-01-31): use SOAP for now, or check the endpoint.';
    case 'useRest':
      return 'Microsoft turned SOAP off on 2027-01-31: use the REST API.';
    case 'endpointNotFound':
      return 'Check the endpoint: no Customer Management service answers at that address.';
    case 'redirected':
      return 'The endpoint redirects elsewhere. Redirects are not followed, so your tokens never go to another address: set the final https address as the endpoint.';
    case 'signInAgainForAccess':
      return 'Sign in again; if it persists, check that the account may use this environment.';
    case 'serviceUnavailable':
      return 'The service is unavailable for now: retry in a moment; if it persists, see the log and the Microsoft Advertising service status.';
    case 'checkEndpointAndRetry':
      return 'Check the endpoint and retry; the log has the full answer.';
    case 'certificateRefused':
      return `The server's certificate is not trusted (${isErrorKind(e, 'network') ? e.code : 'unknown'}), so nothing was sent: check the endpoint. Behind a proxy that inspects HTTPS, have its certificate authority trusted.`;
    case 'checkNetwork':
      return 'Check your network connection and the endpoint, then retry.';
    case 'raiseTimeout':
      return 'Retry; if it keeps happening, raise the request timeout.';
    case 'checkEndpointProxy':
      return 'Retry; if it persists, check the endpoint (a proxy or captive portal may be answering).';
    case 'correctInput':
      return 'Nothing was sent: correct the input and try again.';
    case 'correctSetting':
      return 'Correct the setting named in the message.';
    case 'signIn':
      return 'Sign in first.';
    case 'signInAgain':
      return 'Sign in again.';
    case 'loadLinksFirst':
      return 'Sign in and load your links first.';
  }
}

/** Whether `e` is one of our errors, from this bundle or from the lazily loaded service bundle. */
export function isClientLinksError(e: unknown): e is ClientLinksError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/** The class of each error kind, for the guard below. */
export interface ErrorsByKind {
  fault: ServiceFaultError;
  operation: OperationErrorsError;
  http: HttpStatusError;
  network: NetworkError;
  timeout: TimeoutError;
  malformed: MalformedResponseError;
  auth: AuthError;
  validation: ValidationError;
  cancelled: CancelledError;
  config: ConfigError;
}

/**
 * Whether the service refused the credentials with 105 (InvalidCredentials): the developer token or
 * the access token, the service does not say which. Not a sign-in failure: a wrong developer token
 * gives the same code, and signing in again does not fix it.
 */
export function isCredentialsRefused(e: unknown): boolean {
  return isErrorKind(e, 'fault') && e.errors.some((x) => x.code === 105);
}

/** Whether `e` is our error of this kind (whichever bundle's copy of the class made it). */
export function isErrorKind<K extends ErrorKind>(e: unknown, kind: K): e is ErrorsByKind[K] {
  return isClientLinksError(e) && e.kind === kind;
}

/** What each service operation does, in the user's words, so a message says which step failed (undefined: a step we do not know). */
export function operationPurpose(operation: string): string | undefined {
  switch (operation) {
    case 'GetUser':
      return l10n.t('reading your user and customers');
    case 'SearchClientLinks':
      return l10n.t('loading client links');
    case 'GetAccountsInfo':
      return l10n.t('listing your accounts');
    case 'GetLinkedAccountsAndCustomersInfo':
      return l10n.t('listing linked accounts');
    case 'GetCustomersInfo':
      return l10n.t('reading customer names');
    case 'AddClientLinks':
      return l10n.t('sending invitations');
    case 'UpdateClientLinks':
      return l10n.t('changing link status');
    default:
      return undefined;
  }
}

/** `SearchClientLinks (loading client links)`, or the bare name for a step we do not know. */
export function operationLabel(operation: string): string {
  const label = operationPurpose(operation);
  return label ? `${operation} (${label})` : operation;
}

/** A one-line, token-free description for logs and notifications: the operation, what happened, the TrackingId. */
export function describeError(e: unknown): string {
  if (isClientLinksError(e)) {
    const parts = [e.operation ? `${operationLabel(e.operation)}: ${e.message}` : e.message];
    if (e.trackingId) {
      parts.push(`TrackingId ${e.trackingId}`);
    }
    return parts.join(' · ');
  }
  return e instanceof Error ? e.message : String(e);
}

/** How a front end words advice: the advice of an error, and the sentence that joins it to what failed. */
export interface AdviceWording {
  advice(e: ClientLinksError): string | undefined;
  /** `failure` without its final stop, then the advice: "<failure>. What to do: <advice>". */
  join(failure: string, advice: string): string;
}

/** The core's plain wording (see plainAdvice). */
export const PLAIN_ADVICE: AdviceWording = { advice: plainAdvice, join: (failure, advice) => `${failure}. What to do: ${advice}` };

/** The message a user sees: what failed, and what to do about it, in the front end's words (`wording`). */
export function userMessage(e: unknown, wording: AdviceWording = PLAIN_ADVICE): string {
  const text = describeError(e);
  const advice = isClientLinksError(e) ? wording.advice(e) : undefined;
  return advice ? wording.join(text.replace(/[.\s]+$/, ''), advice) : text;
}

/**
 * Why one link of a bulk action (invite, accept, decline, cancel, unlink) was not done, and whether
 * sending it again as it is may succeed. The one home of that rule: the summary, Retry Failed, the
 * failure report and the tree's marks all read it.
 */
export interface ItemFailure {
  /** Sending the same again may succeed: throttling, a passing service problem, a lost answer, not sent at all. */
  retryable: boolean;
  /**
   * The service may have applied it although we were not told (the answer was lost: timeout, reset,
   * HTTP 5xx without a fault, unreadable answer). False when we know nothing was applied.
   */
  mayHaveApplied: boolean;
  /** One sentence in the user's words, with the service's code when it gave one. */
  reason: string;
}

/**
 * Per-link codes (spec §8.3) and what they mean for the user. `retry`: sending the same again may
 * succeed (for refused credentials: once they are fixed; the link itself is not the problem).
 * Codes not listed are taken as the service refusing this link for what it is (permanent).
 */
const ITEM_CODE_RETRY: Readonly<Record<number, boolean>> = {
  0: true,
  117: true,
  2208: true,
  1472: true,
  3083: true,
  105: true,
  109: true,
  3101: true,
  116: true,
  106: false,
  1001: false,
  1410: false,
  1424: false,
  1471: false,
  2108: false,
  113: false,
  532: false,
};

/** What a per-link code means, in the user's words (read when shown: the extension's bundle is configured after load). */
function itemCodeText(code: number): string | undefined {
  switch (code) {
    case 0:
      return l10n.t('The service had an internal error');
    case 117:
      return l10n.t('The service limits calls per minute');
    case 2208:
      return l10n.t('The service had a passing problem');
    case 1472:
      return l10n.t('The account is being linked or unlinked right now; try again in 5 to 30 minutes');
    case 3083:
      return l10n.t('The link changed on the service since it was loaded; Retry Failed sends the current version');
    case 105:
      return l10n.t('The service refused the credentials: set the developer token for this environment or sign in again, then use Retry Failed');
    case 109:
      return l10n.t('The sign-in expired: sign in again if Retry Failed does not renew it');
    case 3101:
      return l10n.t('The sign-in lacks the msads.manage consent: sign in again, then use Retry Failed');
    case 116:
      return l10n.t('The developer token is missing: set it, then use Retry Failed');
    case 106:
      return l10n.t('You do not have permission for this client or customer');
    case 1001:
      return l10n.t('You are not authorized for this (your organization may require a work account)');
    case 1410:
      return l10n.t('An invitation or link for this client already exists; see the existing link');
    case 1424:
      return l10n.t('Another agency already manages this account');
    case 1471:
      return l10n.t('The account is prepaid; an agency cannot manage a prepaid account');
    case 2108:
      return l10n.t('No account has this id; check the account id');
    case 113:
      return l10n.t('The service refused a date; check the start date');
    case 532:
      return l10n.t('The date is outside the supported range; check the start date');
    default:
      return undefined;
  }
}

function entryReason(e: ServiceErrorEntry): string {
  const text = itemCodeText(e.code) ?? (e.message.trim().replace(/\.$/, '') || l10n.t('The service refused it'));
  return l10n.t('{0} (error {1}).', text, e.code);
}

/**
 * Classifies one link's failure from what the service said about it: its own errors (PartialErrors
 * or OperationErrors), or the error that failed its whole call. `notSent`: the link was never sent
 * (cancelled before its call started).
 */
export function classifyItemFailure(entries: readonly ServiceErrorEntry[], error?: ClientLinksError, notSent = false): ItemFailure {
  if (notSent || isErrorKind(error, 'cancelled')) {
    return { retryable: true, mayHaveApplied: false, reason: l10n.t('Not sent: the action was stopped before this link was sent.') };
  }
  if (entries.length > 0) {
    // The service answered about this link: nothing was applied for it.
    return { retryable: entries.every((e) => ITEM_CODE_RETRY[e.code] === true), mayHaveApplied: false, reason: entries.map(entryReason).join(' ') };
  }
  if (!error) {
    return { retryable: true, mayHaveApplied: true, reason: l10n.t('The service gave no answer for this link, so it is not known whether it was applied.') };
  }
  const text = l10n.t('{0}.', error.message.replace(/[.\s]+$/, ''));
  const lost = l10n.t('{0}, so it is not known whether it was applied.', error.message.replace(/[.\s]+$/, ''));
  if (isErrorKind(error, 'network')) {
    return error.certificateRefused
      ? { retryable: false, mayHaveApplied: false, reason: l10n.t('{0} {1}', text, error.advice ?? '') }
      : { retryable: true, mayHaveApplied: !error.notDelivered, reason: error.notDelivered ? l10n.t('{0} Nothing was sent.', text) : lost };
  }
  if (isErrorKind(error, 'timeout') || isErrorKind(error, 'malformed')) {
    return { retryable: true, mayHaveApplied: true, reason: lost };
  }
  if (isErrorKind(error, 'http')) {
    const answerLost = error.status >= 500 || error.status === 408;
    return { retryable: error.transient, mayHaveApplied: answerLost, reason: answerLost ? lost : text };
  }
  return { retryable: error.transient, mayHaveApplied: false, reason: text };
}

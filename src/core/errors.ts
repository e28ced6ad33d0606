/**
 * Typed errors of the core. Every failure that reaches a user is one of these, carries the
 * operation it came from and, when the service answered, its TrackingId. Messages never contain
 * tokens: they are built from service text and our own words only.
 */
import type { AdApiError, OperationError } from './model/clientLink';
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

/** One error line from a fault or an operation result, normalised. */
export interface ServiceErrorEntry {
  code: number;
  /** Symbolic code when the service gave one (AdApiError.ErrorCode); Customer Management OperationErrors have none. */
  errorCode: string | null;
  message: string;
  details: string | null;
}

/** Marks our errors across bundles: dist/service.js and dist/extension.js each carry their own copy of these classes. */
const BRAND = Symbol.for('msads-client-links.ClientLinksError');

export abstract class ClientLinksError extends Error {
  abstract readonly kind: ErrorKind;
  /** Set on each subclass: the `kind` its instances carry. */
  static readonly errorKind: ErrorKind | undefined = undefined;

  /**
   * `instanceof` by brand and kind rather than prototype, so an error thrown by the lazily loaded
   * service bundle is recognised by the extension's and the CLI's own copy of these classes.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null || !(value as Record<symbol, unknown>)[BRAND]) {
      return false;
    }
    const kind = (this as { errorKind?: ErrorKind }).errorKind;
    return kind === undefined || (value as { kind?: unknown }).kind === kind;
  }

  /** The SOAP operation (or CLI/UI step) that failed. */
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

  /** What the user can do about it, in one sentence. */
  get advice(): string | undefined {
    return undefined;
  }
}

/** Platform codes that mean the access token must be renewed (spec §8.3). */
export const TOKEN_EXPIRED_CODES: ReadonlySet<number> = new Set([109]);
export const TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([105, 3101]);
export const THROTTLING_CODES: ReadonlySet<number> = new Set([117]);
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([0, 2208, 117]);

export type FaultDetailType = 'AdApiFaultDetail' | 'ApiFault' | 'unknown';

/** A SOAP fault: `s:Fault` with AdApiFaultDetail, ApiFault, or a detail we do not know. */
export class SoapFaultError extends ClientLinksError {
  static override readonly errorKind = 'fault' as const;
  readonly kind = 'fault' as const;
  constructor(
    readonly faultCode: string,
    readonly faultString: string,
    readonly detailType: FaultDetailType,
    readonly errors: ServiceErrorEntry[],
    options: { operation?: string; trackingId?: string; httpStatus?: number },
  ) {
    super(describeFault(faultString, errors), options);
    this.httpStatus = options.httpStatus;
  }
  readonly httpStatus: number | undefined;

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
    return this.errors.length === 0 ? this.faultCode.endsWith('Server') && this.detailType === 'unknown' : this.hasCode(TRANSIENT_CODES);
  }
  override get advice(): string | undefined {
    if (this.tokenExpired) {
      return 'Sign in again: the access token has expired.';
    }
    if (this.hasCode(new Set([105]))) {
      return 'Check that the developer token and the signed-in account belong to the selected environment (production or sandbox), then sign in again.';
    }
    if (this.hasCode(new Set([3101]))) {
      return 'Sign in again and consent to the msads.manage scope.';
    }
    if (this.hasCode(new Set([106, 1001]))) {
      return 'Ask a Super Admin of the customer for access, or switch to a customer where you have it.';
    }
    if (this.hasCode(new Set([116]))) {
      return 'Set the developer token (Client Links: Set Developer Token).';
    }
    if (this.throttled) {
      return 'The service limits calls per minute: wait a minute and retry.';
    }
    if (this.transient) {
      return 'Retry later; if it persists, contact Microsoft Advertising support with the TrackingId.';
    }
    return 'The service refused the request: correct what the message says and try again, or contact Microsoft Advertising support with the TrackingId.';
  }
}

function describeFault(faultString: string, errors: ServiceErrorEntry[]): string {
  if (errors.length === 0) {
    return faultString || 'The service returned a SOAP fault without details.';
  }
  return errors.map((e) => `${e.errorCode ? `${e.errorCode} (${e.code})` : `Error ${e.code}`}: ${e.message}`).join('; ');
}

/** Whole-call OperationErrors returned in the body of Add/UpdateClientLinks: nothing was applied. */
export class OperationErrorsError extends ClientLinksError {
  static override readonly errorKind = 'operation' as const;
  readonly kind = 'operation' as const;
  constructor(readonly errors: ServiceErrorEntry[], options: { operation?: string; trackingId?: string }) {
    super(errors.map((e) => `Error ${e.code}: ${e.message}`).join('; '), options);
  }
  override get transient(): boolean {
    return this.errors.some((e) => TRANSIENT_CODES.has(e.code));
  }
  override get advice(): string {
    return this.transient
      ? 'Nothing was applied: retry later.'
      : 'Nothing was applied: correct what the message says (role, customer or input) and try again.';
  }
}

/** The service answered with an HTTP status that carries no SOAP envelope. */
export class HttpStatusError extends ClientLinksError {
  static override readonly errorKind = 'http' as const;
  readonly kind = 'http' as const;
  /** The start of the body, token-shaped text masked (a gateway may echo the request, headers included). */
  readonly bodyExcerpt: string;
  constructor(readonly status: number, bodyExcerpt: string, options: { operation?: string; trackingId?: string }) {
    const masked = maskTokenShapes(bodyExcerpt);
    const text = plainText(masked);
    super(`The service answered HTTP ${status}${text ? ` (${text})` : ''}`, options);
    this.bodyExcerpt = masked;
  }
  override get transient(): boolean {
    return this.status === 429 || this.status === 408 || this.status >= 500;
  }
  override get advice(): string | undefined {
    if (this.status === 404) {
      return 'Check the endpoint setting: no Customer Management service answers at that address.';
    }
    if (this.status >= 300 && this.status < 400) {
      return 'The endpoint redirects elsewhere. Redirects are not followed, so your tokens never go to another address: set the final https address in the endpoint setting.';
    }
    if (this.status === 401 || this.status === 403) {
      return 'Sign in again; if it persists, check that the account may use this environment.';
    }
    return this.transient
      ? 'The service is unavailable for now: retry in a moment; if it persists, see the log and the Microsoft Advertising service status.'
      : 'Check the endpoint setting and retry; the log has the full answer.';
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

/** The connection failed (refused, reset, DNS). */
export class NetworkError extends ClientLinksError {
  static override readonly errorKind = 'network' as const;
  readonly kind = 'network' as const;
  constructor(message: string, readonly code: string | undefined, options: { operation?: string; cause?: unknown }) {
    super(message, options);
  }
  /** The server's TLS certificate was refused (self-signed, expired, wrong host, unknown CA): nothing was sent. */
  get certificateRefused(): boolean {
    return this.code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME|ERR_TLS|ERR_SSL/.test(this.code);
  }
  override get transient(): boolean {
    // A certificate does not become trusted by trying again.
    return !this.certificateRefused;
  }
  override get advice(): string {
    if (this.certificateRefused) {
      return `The server's certificate is not trusted (${this.code}), so nothing was sent: check the endpoint setting. Behind a proxy that inspects HTTPS, have its certificate authority trusted (for msads-links: NODE_EXTRA_CA_CERTS).`;
    }
    return 'Check your network connection and the endpoint setting, then retry.';
  }
}

export class TimeoutError extends ClientLinksError {
  static override readonly errorKind = 'timeout' as const;
  readonly kind = 'timeout' as const;
  constructor(readonly timeoutMs: number, options: { operation?: string }) {
    super(`No answer from the service within ${timeoutMs < 10_000 ? Number((timeoutMs / 1000).toFixed(1)) : Math.round(timeoutMs / 1000)} s`, options);
  }
  override get transient(): boolean {
    return true;
  }
  override get advice(): string {
    return 'Retry; if it keeps happening, raise the request timeout (clientLinks.requestTimeoutSeconds in VS Code, --timeout or MSADS_TIMEOUT_SECONDS for msads-links).';
  }
}

/** The body was not a SOAP envelope we can read (HTML error page, truncated XML, …). */
export class MalformedResponseError extends ClientLinksError {
  static override readonly errorKind = 'malformed' as const;
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
  override get advice(): string {
    return 'Retry; if it persists, check the endpoint setting (a proxy or captive portal may be answering).';
  }
}

/** No usable credentials: not signed in, no developer token, token source failed. */
export class AuthError extends ClientLinksError {
  static override readonly errorKind = 'auth' as const;
  readonly kind = 'auth' as const;
  constructor(message: string, readonly hint: string, options?: { operation?: string; cause?: unknown }) {
    super(message, options);
  }
  override get advice(): string {
    return this.hint;
  }
}

/** Input rejected before any request was sent. */
export class ValidationError extends ClientLinksError {
  static override readonly errorKind = 'validation' as const;
  readonly kind = 'validation' as const;
  constructor(message: string, readonly problems: ValidationProblem[] = []) {
    super(message);
  }
  override get advice(): string {
    return 'Nothing was sent: correct the input and try again.';
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
  static override readonly errorKind = 'cancelled' as const;
  readonly kind = 'cancelled' as const;
  constructor(options?: { operation?: string; message?: string }) {
    super(options?.message ?? 'Cancelled', options);
  }
}

/** A setting or argument that cannot work (bad endpoint, http to a remote host, …). */
export class ConfigError extends ClientLinksError {
  static override readonly errorKind = 'config' as const;
  readonly kind = 'config' as const;
  constructor(message: string) {
    super(message);
  }
  override get advice(): string {
    return 'Correct the setting (or flag) named in the message.';
  }
}

export function toServiceErrorEntry(e: OperationError | AdApiError): ServiceErrorEntry {
  if ('ErrorCode' in e) {
    return { code: e.Code, errorCode: e.ErrorCode, message: e.Message ?? '', details: e.Detail };
  }
  return { code: e.Code, errorCode: null, message: e.Message ?? '', details: e.Details };
}

export function isClientLinksError(e: unknown): e is ClientLinksError {
  return e instanceof ClientLinksError;
}

/** What each SOAP operation does, in the user's words, so a message says which step failed. */
export const OPERATION_LABELS: Readonly<Record<string, string>> = {
  GetUser: 'reading your user and customers',
  SearchClientLinks: 'loading client links',
  GetAccountsInfo: 'listing your accounts',
  GetLinkedAccountsAndCustomersInfo: 'listing linked accounts',
  AddClientLinks: 'sending invitations',
  UpdateClientLinks: 'changing link status',
};

/** `SearchClientLinks (loading client links)`, or the bare name for a step we do not know. */
export function operationLabel(operation: string): string {
  const label = OPERATION_LABELS[operation];
  return label ? `${operation} (${label})` : operation;
}

/** A one-line, token-free description for logs and notifications: the operation, what happened, the TrackingId. */
export function describeError(e: unknown): string {
  if (e instanceof ClientLinksError) {
    const parts = [e.operation ? `${operationLabel(e.operation)}: ${e.message}` : e.message];
    if (e.trackingId) {
      parts.push(`TrackingId ${e.trackingId}`);
    }
    return parts.join(' · ');
  }
  return e instanceof Error ? e.message : String(e);
}

/** The message a user sees: what failed, and what to do about it. */
export function userMessage(e: unknown): string {
  const text = describeError(e);
  const advice = e instanceof ClientLinksError ? e.advice : undefined;
  return advice ? `${text.replace(/[.\s]+$/, '')}. What to do: ${advice}` : text;
}

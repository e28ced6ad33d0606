/** Raw SOAP and REST over HTTP for the simulator's server tests. */
import { restRouteOf, type OperationName } from '../../../src/simulator';

const V13 = 'https://bingads.microsoft.com/Customer/v13';
export const ENTITIES = 'https://bingads.microsoft.com/Customer/v13/Entities';

export interface EnvelopeOptions {
  token?: string | null;
  developerToken?: string | null;
  extraHeaders?: string;
}

export function envelope(operation: string, inner: string, options: EnvelopeOptions = {}): string {
  const header = [
    options.token === null ? '' : `<AuthenticationToken xmlns="${V13}">${options.token ?? 'sim-token-contoso-admin'}</AuthenticationToken>`,
    options.developerToken === null ? '' : `<DeveloperToken xmlns="${V13}">${options.developerToken ?? 'BBD37VB98'}</DeveloperToken>`,
    options.extraHeaders ?? '',
  ].join('');
  return (
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">` +
    `<s:Header>${header}</s:Header><s:Body><${operation}Request xmlns="${V13}" xmlns:e="${ENTITIES}">${inner}</${operation}Request></s:Body></s:Envelope>`
  );
}

export const SEARCH_AGENCY = `<Predicates><e:Predicate><e:Field>DirectManagingCustomerId</e:Field><e:Operator>Equals</e:Operator><e:Value>251000123</e:Value></e:Predicate></Predicates><PageInfo><e:Index>0</e:Index><e:Size>100</e:Size></PageInfo>`;

export async function post(endpoint: string, soapAction: string | undefined, body: string, signal?: AbortSignal): Promise<{ status: number; text: string; contentType: string }> {
  const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8' };
  if (soapAction !== undefined) {
    headers.SOAPAction = soapAction;
  }
  const res = await fetch(endpoint, { method: 'POST', headers, body, signal });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

export async function soap(endpoint: string, operation: string, inner: string, options: EnvelopeOptions = {}): Promise<{ status: number; text: string }> {
  return post(endpoint, `"${operation}"`, envelope(operation, inner, options));
}

// ---------------------------------------------------------------------------------------------
// REST/JSON (REST spec §1–§2): one path per operation, credentials in HTTP headers.

export interface RestCallOptions {
  /** Sent as `Authorization: Bearer <token>`; null: no Authorization header. Default the agency admin. */
  token?: string | null;
  /** A raw Authorization header value (instead of `token`). */
  authorization?: string;
  /** null: no DeveloperToken header. */
  developerToken?: string | null;
  /** Overrides the route's verb. */
  method?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface RestResponse {
  status: number;
  headers: Headers;
  text: string;
  contentType: string;
}

/** Sends `body` (JSON-encoded unless it is already a string) to a REST path. */
export async function restPost(baseUrl: string, method: string, path: string, body: unknown, options: RestCallOptions = {}): Promise<RestResponse> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (options.authorization !== undefined) {
    headers.Authorization = options.authorization;
  } else if (options.token !== null) {
    headers.Authorization = `Bearer ${options.token ?? 'sim-token-contoso-admin'}`;
  }
  if (options.developerToken !== null) {
    headers.DeveloperToken = options.developerToken ?? 'BBD37VB98';
  }
  Object.assign(headers, options.headers);
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body), signal: options.signal });
  return { status: res.status, headers: res.headers, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

/** Calls an operation on its REST route (method and path from the simulator's route table). */
export function rest(baseUrl: string, operation: OperationName, body: unknown, options: RestCallOptions = {}): Promise<RestResponse> {
  const route = restRouteOf(operation);
  return restPost(baseUrl, options.method ?? route.method, route.path, body, options);
}

/** Parses a JSON body as the given shape (tests assert the members they read). */
export function jsonOf<T>(res: RestResponse): T {
  return JSON.parse(res.text) as T;
}

export const AGENCY_PREDICATE = { Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: '251000123' };

/** The JSON twin of SEARCH_AGENCY. */
export const SEARCH_AGENCY_JSON = { Predicates: [AGENCY_PREDICATE], Ordering: null, PageInfo: { Index: 0, Size: 100 } };

/**
 * Which wire protocol carries the Customer Management calls, and where (spec §1; REST spec §1).
 *
 * Microsoft serves the same v13 operations over SOAP and over REST/JSON on the same host, and turns
 * SOAP off on 2027-01-31. `auto` therefore means SOAP before that day (UTC) and REST from it on;
 * `soap` and `rest` pin one. One endpoint setting serves both: the SOAP `.svc` URL or a bare origin;
 * REST uses that URL's origin as its base URL, SOAP a bare origin with the service path appended.
 */

export type WireProtocol = 'soap' | 'rest';
export type ApiSetting = 'auto' | WireProtocol;

export const API_SETTINGS: readonly ApiSetting[] = ['auto', 'soap', 'rest'];

/** 2027-01-31T00:00:00Z: Microsoft turns the SOAP API of Bing Ads API v13 off. */
export const SOAP_SUNSET_MS = Date.UTC(2027, 0, 31);

/** The path of the Customer Management SOAP service on its host. */
export const SOAP_SERVICE_PATH = '/Api/CustomerManagement/v13/CustomerManagementService.svc';

export function isApiSetting(value: string): value is ApiSetting {
  return (API_SETTINGS as readonly string[]).includes(value);
}

/** Whether SOAP has been turned off at `nowMs`. */
export function isAfterSoapSunset(nowMs: number): boolean {
  return nowMs >= SOAP_SUNSET_MS;
}

/** The protocol a setting means at `nowMs` (`auto`: SOAP before the sunset, REST from it on). */
export function resolveProtocol(setting: ApiSetting, nowMs: number = Date.now()): WireProtocol {
  if (setting !== 'auto') {
    return setting;
  }
  return isAfterSoapSunset(nowMs) ? 'rest' : 'soap';
}

/**
 * The URL a protocol calls for a checked endpoint (see config.ts `resolveEndpoint`): REST its
 * origin (`https://host[:port]`, no trailing slash); SOAP the URL itself, or the service path
 * on a bare origin.
 */
export function protocolEndpoint(protocol: WireProtocol, endpoint: string): string {
  const url = new URL(endpoint);
  if (protocol === 'rest') {
    return url.origin;
  }
  return url.pathname === '/' || url.pathname === '' ? `${url.origin}${SOAP_SERVICE_PATH}` : url.toString();
}

/** `SOAP` / `REST`, for messages. */
export function protocolLabel(protocol: WireProtocol): string {
  return protocol.toUpperCase();
}

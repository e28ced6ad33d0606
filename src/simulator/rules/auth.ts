/**
 * Resolves the caller from the credentials of a request (SOAP: the AuthenticationToken and
 * DeveloperToken headers, spec §2, §8.3; REST: the Authorization and DeveloperToken HTTP headers).
 */
import type { SimUser } from '../state/model';
import type { SimStore } from '../state/store';
import { AdApiFault, adApiError } from './errorCodes';

export interface CredentialHeaders {
  AuthenticationToken?: string | null;
  DeveloperToken?: string | null;
  /** REST: an Authorization header was sent but is not `Bearer <token>`; refused like an unknown token (105). */
  malformedAuthorization?: boolean;
}

export function authenticate(store: SimStore, headers: CredentialHeaders, nowMs: number): SimUser {
  const authToken = headers.AuthenticationToken?.trim();
  const developerToken = headers.DeveloperToken?.trim();
  if (!authToken || !developerToken) {
    const missing = [!authToken && 'AuthenticationToken', !developerToken && 'DeveloperToken'].filter(Boolean).join(', ');
    throw new AdApiFault([adApiError('RequestMissingHeaders', `Missing: ${missing}`)]);
  }
  if (developerToken !== store.developerToken) {
    throw new AdApiFault([adApiError('InvalidCredentials')]);
  }
  const token = headers.malformedAuthorization ? undefined : store.tokens.get(authToken);
  const user = token && store.users.get(token.userId);
  if (!token || !user) {
    throw new AdApiFault([adApiError('InvalidCredentials')]);
  }
  if (token.expiresAtMs !== null && token.expiresAtMs <= nowMs) {
    throw new AdApiFault([adApiError('AuthenticationTokenExpired')]);
  }
  return user;
}

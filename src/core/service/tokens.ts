/**
 * Access tokens for requests, with at most one forced refresh per rejected token: when several
 * concurrent calls are refused with 109/105/3101 for the same token, one refresh serves them all,
 * and later requests that would still carry the rejected token get the renewed one.
 */
import * as l10n from '@vscode/l10n';
import { AuthError, isClientLinksError, type ClientLinksError } from '../errors';
import type { TokenSource } from './types';

function asAuthError(e: unknown): ClientLinksError {
  if (isClientLinksError(e)) {
    return e;
  }
  return new AuthError(l10n.t({ message: 'Could not get an access token: {0}', args: [e instanceof Error ? e.message : String(e)], comment: ['{0} is why sign-in gave no token'] }), 'signInAgain', { cause: e });
}

export class AccessTokens {
  private refreshing: Promise<string> | undefined;
  private renewed: { rejected: string; token: string } | undefined;

  constructor(private readonly source: TokenSource) {}

  async current(signal?: AbortSignal): Promise<string> {
    let token: string;
    try {
      token = await this.source.getAccessToken({ forceRefresh: false, signal });
    } catch (e) {
      throw asAuthError(e);
    }
    if (!token) {
      throw new AuthError(l10n.t('Not signed in.'), 'signIn');
    }
    return this.renewed && this.renewed.rejected === token ? this.renewed.token : token;
  }

  /** A new token to replace `rejected`; the token source is asked to refresh at most once per rejected token. */
  renew(rejected: string, signal?: AbortSignal): Promise<string> {
    if (this.renewed && this.renewed.rejected === rejected) {
      return Promise.resolve(this.renewed.token);
    }
    if (!this.refreshing) {
      this.refreshing = this.source
        .getAccessToken({ forceRefresh: true, signal })
        .then((token) => {
          if (!token) {
            throw new AuthError(l10n.t('The sign-in did not provide a new access token.'), 'signInAgain');
          }
          this.renewed = { rejected, token };
          return token;
        })
        .catch((e: unknown) => {
          throw asAuthError(e);
        })
        .finally(() => {
          this.refreshing = undefined;
        });
    }
    return this.refreshing;
  }
}

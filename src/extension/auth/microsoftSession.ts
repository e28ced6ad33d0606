/**
 * Sign-in through VS Code's Microsoft authentication provider. The extension never sees a
 * password or refresh token: it asks the provider for a session with the Microsoft Advertising
 * scope whenever it needs a token, silently except from the Sign In command.
 */
import * as vscode from 'vscode';
import { AuthError } from '../../core/errors';
import type { TokenSource } from '../../core/service/types';
import type { Settings } from '../settings';

export const MICROSOFT_PROVIDER_ID = 'microsoft';
export const MSADS_SCOPE = 'https://ads.microsoft.com/msads.manage';
const SIGNED_OUT_KEY = 'clientLinks.signedOut';

/** The scopes asked of the provider: one per element, never comma-joined (vscode#226851). */
export function scopesFor(settings: Pick<Settings, 'clientId' | 'tenant'>): string[] {
  const scopes: string[] = [];
  if (settings.clientId) {
    scopes.push(`VSCODE_CLIENT_ID:${settings.clientId}`);
  }
  scopes.push(`VSCODE_TENANT:${settings.tenant || 'common'}`, MSADS_SCOPE, 'offline_access');
  return scopes;
}

export interface SessionChange {
  session: vscode.AuthenticationSession | undefined;
  /** The signed-in account changed (sign-out elsewhere, account switch). */
  accountChanged: boolean;
}

/**
 * How long a session the provider gave us is used for requests without asking again. The provider
 * renews tokens before they expire and then fires onDidChangeSessions (which drops ours at once);
 * a token refused meanwhile is asked for again (forceRefresh). Asking before every request cost two
 * extension-host round trips per call (100+ per 10,000-link listing).
 */
export const SESSION_REUSE_MS = 60_000;

export class MicrosoftSession implements vscode.Disposable, TokenSource {
  private session: vscode.AuthenticationSession | undefined;
  /** When `session` came from the provider, and for which scopes. */
  private sessionFrom: { at: number; scopes: string } | undefined;
  private pending: Promise<vscode.AuthenticationSession | undefined> | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<SessionChange>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly getScopes: () => string[],
    private readonly onToken: (token: string) => void,
  ) {
    this.subscription = vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === MICROSOFT_PROVIDER_ID) {
        this.sessionFrom = undefined;
        void this.probe();
      }
    });
  }

  get current(): vscode.AuthenticationSession | undefined {
    return this.session;
  }

  get signedOutHere(): boolean {
    return this.memento.get<boolean>(SIGNED_OUT_KEY, false);
  }

  /** Silent look-up: never shows UI. Concurrent callers share one request. */
  probe(): Promise<vscode.AuthenticationSession | undefined> {
    if (this.signedOutHere) {
      this.setSession(undefined);
      return Promise.resolve(undefined);
    }
    if (!this.pending) {
      const scopes = this.getScopes();
      this.pending = Promise.resolve(vscode.authentication.getSession(MICROSOFT_PROVIDER_ID, scopes, { silent: true }))
        .then(
          (s) => {
            this.setSession(s);
            this.sessionFrom = s ? { at: Date.now(), scopes: scopes.join(' ') } : undefined;
            return s;
          },
          () => {
            this.setSession(undefined);
            return undefined;
          },
        )
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }

  /** Interactive sign-in (the Sign In command only). Rejects when the user cancels. */
  async signIn(): Promise<vscode.AuthenticationSession> {
    const wasSignedOut = this.signedOutHere;
    const scopes = this.getScopes();
    const session = await vscode.authentication.getSession(MICROSOFT_PROVIDER_ID, scopes, {
      createIfNone: { detail: vscode.l10n.t('Client Links needs access to Microsoft Advertising (msads.manage) to list and manage your client links.') },
      clearSessionPreference: wasSignedOut,
    });
    await this.memento.update(SIGNED_OUT_KEY, false);
    this.setSession(session);
    this.sessionFrom = { at: Date.now(), scopes: scopes.join(' ') };
    return session;
  }

  /** Forgets the session in this extension; the account itself is removed from the Accounts menu. */
  async signOut(): Promise<void> {
    await this.memento.update(SIGNED_OUT_KEY, true);
    this.sessionFrom = undefined;
    this.setSession(undefined);
  }

  private setSession(session: vscode.AuthenticationSession | undefined): void {
    const accountChanged = session?.account.id !== this.session?.account.id;
    const tokenChanged = session?.accessToken !== this.session?.accessToken;
    this.session = session;
    if (session) {
      this.onToken(session.accessToken);
    }
    if (accountChanged || tokenChanged) {
      this.changeEmitter.fire({ session, accountChanged });
    }
  }

  /** TokenSource for the core: the provider's token, asked for again after SESSION_REUSE_MS, a session change or a refusal. */
  async getAccessToken(options: { forceRefresh: boolean }): Promise<string> {
    const before = this.session?.accessToken;
    const from = this.sessionFrom;
    if (!options.forceRefresh && before && from && Date.now() - from.at < SESSION_REUSE_MS && from.scopes === this.getScopes().join(' ') && !this.signedOutHere) {
      return before;
    }
    const session = await this.probe();
    if (!session) {
      throw new AuthError(vscode.l10n.t('You are not signed in to Microsoft Advertising.'), 'signIn');
    }
    if (options.forceRefresh && session.accessToken === before) {
      throw new AuthError(vscode.l10n.t('Microsoft Advertising refused the access token and no newer one is available.'), 'signInAgain');
    }
    return session.accessToken;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/**
 * Ties sign-in, the developer token and settings to the store: decides when a session starts or
 * ends, builds the (lazily loaded) service over SOAP or REST (`clientLinks.api`), disposes the one
 * it replaces, and tells whoever listens (the status bar, the context keys) when its state changes.
 */
import * as vscode from 'vscode';
import { AuthError, ConfigError, isCredentialsRefused, isErrorKind } from '../core/errors';
import { protocolLabel } from '../core/protocol';
import type { ClientLinksService } from '../core/service/types';
import { loadServiceModule } from '../core/service/loadService';
import type { LinkStore } from '../core/workflow/linkStore';
import { isCustomerRefused, RefreshPause } from '../core/workflow/refreshPause';
import type { DeveloperTokenStore } from './auth/developerTokenStore';
import type { MicrosoftSession } from './auth/microsoftSession';
import type { Logger } from './logger';
import { reportError } from './notifications';
import { apiInUse, readSettings } from './settings';

export type ConnectionState = 'signedOut' | 'signingIn' | 'needsDeveloperToken' | 'ready';

export class Connection implements vscode.Disposable {
  state: ConnectionState = 'signedOut';
  private readonly emitter = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChangeState = this.emitter.event;
  private service: ClientLinksService | undefined;
  private serviceKey = '';
  private readonly disposables: vscode.Disposable[] = [];
  /** Stops automatic refreshes after a failure repeating cannot fix, and reports each failure once. */
  readonly refreshPause = new RefreshPause();
  private readonly pauseEmitter = new vscode.EventEmitter<void>();
  /** Automatic refresh was paused (after the store reported the failure): the status bar says so. */
  readonly onDidPauseRefresh = this.pauseEmitter.event;

  constructor(
    private readonly store: LinkStore,
    private readonly auth: MicrosoftSession,
    private readonly developerTokens: DeveloperTokenStore,
    private readonly logger: Logger,
  ) {
    const storeEvents = store.onDidChange((e) => {
      if (e.type === 'links') {
        this.refreshPause.succeeded(); // a listing came (by hand, timer or a customer switch)
      } else if (e.type === 'loading' && !e.loading && store.customers.state === 'notLoaded' && (store.lastError ? isCustomerRefused(store.lastError) : store.loaded)) {
        // Also when the customer refused the listing (106): the view, its message and the role
        // refusals then name the customer the user cannot use, rather than showing its id.
        void this.loadCustomerNames();
      }
    });
    this.disposables.push(
      { dispose: () => storeEvents.dispose() },
      this.emitter,
      this.pauseEmitter,
      auth.onDidChange((change) => {
        if (change.accountChanged) {
          this.logger.info(change.session ? `Signed in as ${change.session.account.label}` : 'Signed out');
          void this.evaluate(true);
        }
      }),
      developerTokens.onDidChange(() => void this.evaluate(false)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (['clientLinks.api', 'clientLinks.environment', 'clientLinks.endpoint', 'clientLinks.clientId', 'clientLinks.tenant', 'clientLinks.requestTimeoutSeconds'].some((k) => e.affectsConfiguration(k))) {
          this.disposeService();
          void this.evaluate(true);
        }
      }),
    );
  }

  get signedIn(): boolean {
    return this.state === 'ready' || this.state === 'needsDeveloperToken';
  }

  setState(state: ConnectionState): void {
    if (this.state !== state) {
      this.state = state;
      this.emitter.fire(state);
    }
  }

  /** Re-derive the state from the session and the developer token; restart the store session when needed. */
  async evaluate(restart: boolean): Promise<void> {
    // The user acted (signed in or out, set a token or a setting): automatic refreshes may try again.
    this.refreshPause.resume();
    const session = this.auth.current ?? (await this.auth.probe());
    if (!session) {
      this.store.endSession();
      this.setState('signedOut');
      return;
    }
    const settings = readSettings();
    const developerToken = await this.developerTokens.get(settings.environment);
    if (!developerToken) {
      this.store.endSession();
      this.setState('needsDeveloperToken');
      return;
    }
    const wasReady = this.state === 'ready';
    this.setState('ready');
    if (restart || !wasReady || !this.store.hasSession) {
      this.store.startSession(() => this.getService(), settings.customerId || undefined);
      await this.refreshQuietly();
    }
  }

  /**
   * A refresh whose failure is logged and shown in the view (not as a toast), once: the same failure
   * again is not logged or shown again. One that repeating cannot fix pauses automatic refreshes.
   * `poll`: the automatic refresh (a partial poll of the links in motion between full listings).
   */
  async refreshQuietly(kind: 'full' | 'poll' = 'full'): Promise<void> {
    try {
      await (kind === 'poll' ? this.store.poll() : this.store.refresh());
    } catch (e) {
      if (isErrorKind(e, 'cancelled')) {
        return; // Cancel Refresh: the links shown stay, nothing to report
      }
      const wasPaused = !this.refreshPause.allowsAutomatic;
      const verdict = this.refreshPause.failed(e);
      if (verdict.paused && !wasPaused) {
        this.pauseEmitter.fire();
      }
      if (verdict.report) {
        this.logger.failure('Refresh', e);
        if (verdict.paused) {
          this.logger.info('Automatic refresh paused until you sign in, set the developer token, select a customer or refresh.');
        }
      }
      if (isCredentialsRefused(e)) {
        // 105 after a renewal: the developer token may be wrong as well as the sign-in, so the user
        // stays signed in and is offered both fixes.
        if (verdict.report) {
          reportError(this.logger, vscode.l10n.t('Loading client links'), e, undefined, { logged: true });
        }
      } else if (isErrorKind(e, 'auth')) {
        this.setState('signedOut');
      }
    }
  }

  /**
   * The timer's refresh: a partial poll of the links in motion, or a full listing when one is due
   * (`clientLinks.fullRefreshMinutes`). Skipped while a failure that repeating cannot fix has
   * paused automatic refreshes.
   */
  async refreshAutomatically(): Promise<boolean> {
    if (!this.refreshPause.allowsAutomatic) {
      return false;
    }
    await this.refreshQuietly('poll');
    return true;
  }

  /** Customer names for the session, once; a failure is logged and names fall back to numbers. */
  private async loadCustomerNames(): Promise<void> {
    const loaded = await this.store.loadCustomerNames();
    const error = this.store.customers.loadError;
    if (!loaded && error) {
      this.logger.warn(`Customer names could not be loaded, so customers are shown by number: ${error.message}`);
    }
  }

  /** Releases the service's kept-alive connections; the next request builds a new one. */
  private disposeService(): void {
    this.service?.dispose?.();
    this.service = undefined;
    this.serviceKey = '';
  }

  private getService(): ClientLinksService {
    const settings = readSettings();
    let api: ReturnType<typeof apiInUse>;
    try {
      api = apiInUse(settings);
    } catch (e) {
      throw isErrorKind(e, 'config') ? e : new ConfigError(String(e));
    }
    // The protocol is part of the key: with `auto`, the first request after the SOAP sunset builds a REST service.
    const key = `${api.protocol}|${api.endpoint}|${settings.requestTimeoutSeconds}|${settings.environment}`;
    if (!this.service || this.serviceKey !== key) {
      this.disposeService();
      const started = Date.now();
      const { createClientLinksService, configureL10n } = loadServiceModule();
      if (vscode.l10n.bundle) {
        configureL10n(vscode.l10n.bundle);
      }
      this.logger.debug(`Loaded the service layer in ${Date.now() - started} ms`);
      this.logger.info(`Using the ${protocolLabel(api.protocol)} API at ${api.url}${settings.api === 'auto' ? ' (clientLinks.api is auto: SOAP until 2027-01-31, REST from that day)' : ''}`);
      const environment = settings.environment;
      this.service = createClientLinksService({
        endpoint: api.endpoint,
        protocol: api.protocol,
        customerId: () => this.store.active?.customerId,
        timeoutMs: settings.requestTimeoutSeconds * 1000,
        tokenSource: this.auth,
        developerToken: async () => {
          const token = await this.developerTokens.get(environment);
          if (!token) {
            throw new AuthError(vscode.l10n.t('No developer token is set.'), 'setDeveloperToken');
          }
          return token;
        },
        observer: { onCall: (e) => this.logger.call(e), onRetry: (e) => this.logger.retry(e) },
      });
      this.serviceKey = key;
    }
    return this.service;
  }

  dispose(): void {
    this.disposeService();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

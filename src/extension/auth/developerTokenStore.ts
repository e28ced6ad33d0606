/** The developer token, kept in SecretStorage (one per environment), never in settings. */
import * as vscode from 'vscode';
import type { Environment } from '../../core/config';

const keyFor = (environment: Environment): string => `clientLinks.developerToken.${environment}`;

export class DeveloperTokenStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  /** What SecretStorage holds, per environment, read once (SecretStorage is a round trip per read) until it changes. */
  private readonly known = new Map<Environment, Promise<string | undefined>>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly onToken: (token: string) => void,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith('clientLinks.developerToken.')) {
        this.known.clear();
        this.emitter.fire();
      }
    });
  }

  get(environment: Environment): Promise<string | undefined> {
    let token = this.known.get(environment);
    if (!token) {
      token = Promise.resolve(this.secrets.get(keyFor(environment))).then((t) => {
        if (t) {
          this.onToken(t);
        }
        return t || undefined;
      });
      token.catch(() => this.known.delete(environment));
      this.known.set(environment, token);
    }
    return token;
  }

  async set(environment: Environment, token: string): Promise<void> {
    this.onToken(token);
    await this.secrets.store(keyFor(environment), token);
    this.known.delete(environment); // also drops a read made while storing
  }

  async clear(environment: Environment): Promise<void> {
    await this.secrets.delete(keyFor(environment));
    this.known.delete(environment); // also drops a read made while deleting
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Developer tokens are short alphanumeric strings; refuse obvious paste mistakes. */
export function validateDeveloperToken(value: string): string | undefined {
  const v = value.trim();
  if (!v) {
    return vscode.l10n.t('Enter the developer token.');
  }
  if (/\s/.test(v)) {
    return vscode.l10n.t('A developer token has no spaces.');
  }
  if (!/^[A-Za-z0-9_-]{6,64}$/.test(v)) {
    return vscode.l10n.t('A developer token is 6 to 64 letters or digits (the sandbox token is BBD37VB98).');
  }
  return undefined;
}

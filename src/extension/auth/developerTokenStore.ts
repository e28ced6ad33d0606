/** The developer token, kept in SecretStorage (one per environment), never in settings. */
import * as vscode from 'vscode';
import type { Environment } from '../../core/config';

const keyFor = (environment: Environment): string => `clientLinks.developerToken.${environment}`;

export class DeveloperTokenStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly onToken: (token: string) => void,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith('clientLinks.developerToken.')) {
        this.emitter.fire();
      }
    });
  }

  async get(environment: Environment): Promise<string | undefined> {
    const token = await this.secrets.get(keyFor(environment));
    if (token) {
      this.onToken(token);
    }
    return token || undefined;
  }

  async set(environment: Environment, token: string): Promise<void> {
    this.onToken(token);
    await this.secrets.store(keyFor(environment), token);
  }

  async clear(environment: Environment): Promise<void> {
    await this.secrets.delete(keyFor(environment));
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
    return 'Enter the developer token.';
  }
  if (/\s/.test(v)) {
    return 'A developer token has no spaces.';
  }
  if (!/^[A-Za-z0-9_-]{6,64}$/.test(v)) {
    return 'A developer token is 6 to 64 letters or digits (the sandbox token is BBD37VB98).';
  }
  return undefined;
}

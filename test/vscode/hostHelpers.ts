/**
 * What the extension-host suites share: a stand-in for the Microsoft sign-in (the real provider
 * cannot run headless; `vscode.authentication.getSession` is replaced and records what it is asked),
 * modal confirmations answered with their first action, polling, and the tree's nodes.
 */
import * as vscode from 'vscode';
import type { ClientLinksApi } from '../../src/extension/extension';
import type { ActionNode, GroupNode, LinkNode } from '../../src/extension/tree/linksTreeProvider';
import type { RunningSimulator } from '../../src/simulator';

export const EXTENSION_ID = 'msads-client-links.msads-client-links';

/**
 * Points the extension at a simulator with quiet defaults for a suite (no automatic refresh, no
 * status-change, expiry or stuck-link notifications), activates it and returns its test API.
 */
export async function activateAgainst(endpoint: string): Promise<ClientLinksApi> {
  const config = vscode.workspace.getConfiguration('clientLinks');
  await config.update('endpoint', endpoint, vscode.ConfigurationTarget.Global);
  await config.update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
  await config.update('notifyOnStatusChange', false, vscode.ConfigurationTarget.Global);
  // No expiry or stuck-link notifications unless a suite asks for them (the demo seed has an invitation expiring tomorrow).
  await config.update('expiryWarningDays', 0, vscode.ConfigurationTarget.Global);
  await config.update('stuckThresholdHours', 0, vscode.ConfigurationTarget.Global);
  const extension = vscode.extensions.getExtension<ClientLinksApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  }
  return extension.activate();
}

export interface GetSessionCall {
  providerId: string;
  scopes: readonly string[];
  options: vscode.AuthenticationGetSessionOptions | undefined;
}

/** The signed-in account the stub answers with; `token` undefined = nobody signed in. */
export class FakeMicrosoftSignIn {
  readonly calls: GetSessionCall[] = [];
  token: string | undefined;
  account = 'agency';
  private readonly originalGetSession = vscode.authentication.getSession;
  private readonly originalShowWarning = vscode.window.showWarningMessage;

  install(): void {
    (vscode.authentication as { getSession: unknown }).getSession = (
      providerId: string,
      scopes: readonly string[],
      options?: vscode.AuthenticationGetSessionOptions,
    ): Promise<vscode.AuthenticationSession | undefined> => {
      this.calls.push({ providerId, scopes, options });
      if (!this.token) {
        return options?.createIfNone ? Promise.reject(new Error('User did not consent')) : Promise.resolve(undefined);
      }
      return Promise.resolve({ id: `session-${this.account}`, accessToken: this.token, account: { id: this.account, label: `${this.account}@example.com` }, scopes: [...scopes] });
    };
    // Answer every modal confirmation with its first action.
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (_message: string, ...rest: unknown[]) => {
      const items = rest.filter((r): r is string => typeof r === 'string');
      const options = rest.find((r) => typeof r === 'object' && r !== null && 'modal' in r) as vscode.MessageOptions | undefined;
      return Promise.resolve(options?.modal ? items[0] : undefined);
    };
  }

  restore(): void {
    (vscode.authentication as { getSession: unknown }).getSession = this.originalGetSession;
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = this.originalShowWarning;
  }
}

export async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The group rows of the root (not the button rows a message state adds, see actionNodes). */
export function groups(api: ClientLinksApi): GroupNode[] {
  return api.tree.getChildren().filter((n): n is GroupNode => n.kind === 'group');
}

/** The button rows (Clear Filter, Sign In, Retry, …) the root shows for a message state. */
export function actionNodes(api: ClientLinksApi): ActionNode[] {
  return api.tree.getChildren().filter((n): n is ActionNode => n.kind === 'action');
}

export function linkNodes(api: ClientLinksApi, status: string): LinkNode[] {
  const group = groups(api).find((g) => g.group.status === status);
  return group ? (api.tree.getChildren(group) as LinkNode[]) : [];
}

/**
 * Signs out, then in as the simulator's Super Admin of `customerId` (through the fake Microsoft
 * sign-in), and waits until that customer's links are listed. The developer token must be set.
 */
export async function signInAsSuperAdmin(api: ClientLinksApi, sim: Pick<RunningSimulator, 'users'>, signIn: FakeMicrosoftSignIn, customerId: string, account = 'agency'): Promise<void> {
  const user = sim.users.find((u) => u.customerId === customerId && u.role === 'Super Admin');
  if (!user) {
    throw new Error(`the simulator has no Super Admin of ${customerId}`);
  }
  await vscode.commands.executeCommand('clientLinks.signOut');
  signIn.account = account;
  signIn.token = user.accessToken;
  await vscode.commands.executeCommand('clientLinks.signIn');
  await until(`the links of ${customerId} loaded`, () => api.store.loaded && !api.store.loading && api.store.active?.customerId === customerId);
}

/**
 * What the extension-host suites share: a stand-in for the Microsoft sign-in (the real provider
 * cannot run headless; `vscode.authentication.getSession` is replaced and records what it is asked),
 * modal confirmations answered with their first action, polling, and the tree's nodes.
 */
import * as assert from 'node:assert/strict';
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

/** A message the extension showed through showWarningMessage / showInformationMessage / showErrorMessage. */
export interface ShownMessage {
  level: 'warn' | 'info' | 'error';
  message: string;
  /** Its buttons. */
  items: string[];
}

type MessageAnswer = (message: string, items: string[]) => string | undefined;

/**
 * Stands in for the three vscode.window message functions while installed: records what was shown
 * (modal dialogs and notifications apart) and answers like a person would: a modal with its first
 * button unless `answerModal` says otherwise (undefined = the dialog's Cancel), a notification by
 * dismissing it unless `answerToast` picks a button.
 */
export class CapturedMessages {
  readonly modals: ShownMessage[] = [];
  readonly toasts: ShownMessage[] = [];
  answerModal: MessageAnswer = (_message, items) => items[0];
  answerToast: MessageAnswer = () => undefined;
  private readonly original = { warn: vscode.window.showWarningMessage, info: vscode.window.showInformationMessage, error: vscode.window.showErrorMessage };

  install(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    w.showWarningMessage = this.capture('warn');
    w.showInformationMessage = this.capture('info');
    w.showErrorMessage = this.capture('error');
  }

  restore(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    w.showWarningMessage = this.original.warn;
    w.showInformationMessage = this.original.info;
    w.showErrorMessage = this.original.error;
  }

  private capture(level: ShownMessage['level']) {
    return (message: string, ...rest: unknown[]): Thenable<string | undefined> => {
      const items = rest.filter((r): r is string => typeof r === 'string');
      const options = rest.find((r) => typeof r === 'object' && r !== null && 'modal' in r) as vscode.MessageOptions | undefined;
      const shown = { level, message, items };
      if (options?.modal) {
        this.modals.push(shown);
        return Promise.resolve(this.answerModal(message, items));
      }
      this.toasts.push(shown);
      const answer = this.answerToast(message, items);
      return Promise.resolve(answer !== undefined && items.includes(answer) ? answer : undefined);
    };
  }
}

export type QuickItem = vscode.QuickPickItem & Record<string, unknown>;

/** A quick pick or input box stand-in: the test reads what was shown and answers like a person would. */
export class FakeQuickInput {
  title: string | undefined;
  prompt: string | undefined;
  placeholder: string | undefined;
  value = '';
  step: number | undefined;
  totalSteps: number | undefined;
  ignoreFocusOut = false;
  canSelectMany = false;
  validationMessage: string | undefined;
  buttons: readonly vscode.QuickInputButton[] = [];
  items: readonly QuickItem[] = [];
  activeItems: readonly vscode.QuickPickItem[] = [];
  selectedItems: readonly QuickItem[] = [];
  readonly accept = new vscode.EventEmitter<void>();
  readonly hidden = new vscode.EventEmitter<void>();
  readonly selection = new vscode.EventEmitter<readonly QuickItem[]>();
  readonly button = new vscode.EventEmitter<vscode.QuickInputButton>();
  readonly valueChange = new vscode.EventEmitter<string>();
  readonly onDidAccept = this.accept.event;
  readonly onDidHide = this.hidden.event;
  readonly onDidChangeSelection = this.selection.event;
  readonly onDidTriggerButton = this.button.event;
  readonly onDidChangeValue = this.valueChange.event;
  readonly onDidChangeActive = new vscode.EventEmitter<readonly vscode.QuickPickItem[]>().event;
  disposed = false;
  constructor(
    readonly kind: 'pick' | 'input',
    private readonly onShow: (q: FakeQuickInput) => void,
  ) {}
  show(): void {
    setImmediate(() => this.onShow(this));
  }
  hide(): void {
    this.hidden.fire();
  }
  dispose(): void {
    this.disposed = true;
  }
  /** Picks the item that matches and accepts. */
  choose(match: (item: QuickItem) => boolean): void {
    const item = this.items.find(match);
    assert.ok(item, `no item to choose in ${this.title}: ${this.items.map((i) => i.label).join(', ')}`);
    this.selectedItems = [item];
    this.selection.fire(this.selectedItems);
    this.accept.fire();
  }
  /** Ticks exactly these items (a multi-select pick), without accepting. */
  tick(items: readonly QuickItem[]): void {
    this.selectedItems = items;
    this.selection.fire(items);
  }
  /** Ticks exactly these items, then accepts. */
  keep(items: readonly QuickItem[]): void {
    this.tick(items);
    this.accept.fire();
    this.hide();
  }
  /** Presses the first title-bar button. */
  press(): void {
    const first = this.buttons[0];
    assert.ok(first, 'the quick input has a title-bar button');
    this.button.fire(first);
  }
  type(value: string): void {
    this.value = value;
    this.valueChange.fire(value);
    this.accept.fire();
  }
  escape(): void {
    this.hidden.fire();
  }
}

/**
 * Replaces vscode.window.createQuickPick / createInputBox while installed: while `driver` is set,
 * each quick input the extension shows is a FakeQuickInput handed to it (and kept in `shown`);
 * without a driver, the real ones.
 */
export class DrivenQuickInputs {
  driver: ((q: FakeQuickInput) => void) | undefined;
  readonly shown: FakeQuickInput[] = [];
  private readonly original = { pick: vscode.window.createQuickPick, input: vscode.window.createInputBox };

  install(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    w.createQuickPick = () => this.make('pick') ?? this.original.pick();
    w.createInputBox = () => this.make('input') ?? this.original.input();
  }

  restore(): void {
    this.driver = undefined;
    const w = vscode.window as unknown as Record<string, unknown>;
    w.createQuickPick = this.original.pick;
    w.createInputBox = this.original.input;
  }

  /** Runs `body` with `driver` answering the quick inputs, then goes back to the real ones. */
  async drive<T>(driver: (q: FakeQuickInput) => void, body: () => Thenable<T> | Promise<T>): Promise<T> {
    this.driver = driver;
    try {
      return await body();
    } finally {
      this.driver = undefined;
    }
  }

  private make(kind: FakeQuickInput['kind']): FakeQuickInput | undefined {
    const driver = this.driver;
    if (!driver) {
      return undefined;
    }
    const q = new FakeQuickInput(kind, driver);
    this.shown.push(q);
    return q;
  }
}

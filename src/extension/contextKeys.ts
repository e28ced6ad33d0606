/**
 * The `clientLinks.*` context keys the manifest's `when` clauses read, all in one place: each is
 * derived from the state it describes (the connection, the store, the view's filter) and sent to
 * VS Code only when its value changes. A key never sent reads as false, which is where each starts.
 */
import * as vscode from 'vscode';
import type { LinkStore } from '../core/workflow/linkStore';
import type { Connection } from './connection';
import type { LinksTreeProvider } from './tree/linksTreeProvider';

export type ContextKey = 'signedIn' | 'signingIn' | 'needsDeveloperToken' | 'loaded' | 'empty' | 'loadFailed' | 'canInvite' | 'filtered' | 'hasFailed' | 'hasFailureReport' | 'multipleSelected' | 'refreshing';

export class ContextKeys implements vscode.Disposable {
  private readonly values = new Map<ContextKey, boolean>();
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly store: LinkStore,
    private readonly connection: Connection,
    private readonly tree: LinksTreeProvider,
  ) {
    this.subscriptions = [store.onDidChange(() => this.update()), connection.onDidChangeState(() => this.update()), tree.onDidChangeFilter(() => this.update()), tree.view.onDidChangeSelection(() => this.update())];
    this.update();
  }

  /** The value last sent for `key` (false until one is sent). */
  get(key: ContextKey): boolean {
    return this.values.get(key) ?? false;
  }

  private update(): void {
    const { store, connection } = this;
    this.set('signedIn', connection.signedIn);
    this.set('signingIn', connection.state === 'signingIn');
    this.set('needsDeveloperToken', connection.state === 'needsDeveloperToken');
    this.set('loaded', store.loaded);
    this.set('empty', store.loaded && store.links.length === 0);
    this.set('loadFailed', !store.loaded && !store.loading && store.lastError !== undefined);
    // Until GetUser says otherwise, inviting is offered (the command explains a refusal).
    this.set('canInvite', store.active?.canManageLinks ?? true);
    this.set('filtered', this.tree.filter !== '');
    this.set('hasFailed', store.lastFailed !== undefined);
    this.set('hasFailureReport', store.lastFailures !== undefined);
    // Several rows selected: "Actions for Selected Links..." offers what applies to some of them.
    this.set('multipleSelected', this.tree.view.selection.length > 1);
    this.set('refreshing', store.loading);
  }

  private set(key: ContextKey, value: boolean): void {
    if (this.get(key) !== value) {
      this.values.set(key, value);
      void vscode.commands.executeCommand('setContext', `clientLinks.${key}`, value);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }
}

/** The status bar item: sign-in state, links awaiting action, a spinner while syncing, a warning on errors. */
import * as vscode from 'vscode';
import type { LinkStore } from '../core/workflow/linkStore';
import { protocolLabel } from '../core/protocol';
import { apiInUse, readSettings, type Settings } from './settings';

/** `REST at https://…`, or why the endpoint setting cannot be used. */
function describeApi(settings: Settings): string {
  try {
    const api = apiInUse(settings);
    return `${protocolLabel(api.protocol)} at ${api.url}${settings.api === 'auto' ? ' (automatic: SOAP until 2027-01-31, then REST)' : ''}`;
  } catch {
    return 'the endpoint setting is not valid';
  }
}

export class LinksStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: LinkStore,
    private readonly isSignedIn: () => boolean,
  ) {
    this.item = vscode.window.createStatusBarItem('clientLinks.status', vscode.StatusBarAlignment.Left, 100);
    this.item.name = 'Client Links';
    this.subscription = store.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  update(): void {
    const item = this.item;
    const settings = readSettings();
    const environment = settings.endpoint ? `custom endpoint ${settings.endpoint}` : settings.environment;
    if (!this.isSignedIn()) {
      item.text = '$(sign-in) Client Links';
      item.tooltip = new vscode.MarkdownString(`**Client Links**: not signed in (${environment}).\n\nClick to sign in with Microsoft.`);
      item.command = 'clientLinks.signIn';
      item.backgroundColor = undefined;
      return;
    }
    const waiting = this.store.awaitingAction.length;
    const error = this.store.lastError;
    const active = this.store.active;
    if (this.store.loading) {
      item.text = `$(sync~spin) Client Links`;
    } else if (error) {
      item.text = `$(warning) Client Links`;
    } else {
      item.text = `$(link) ${waiting ? `${waiting} awaiting` : this.store.links.length}`;
    }
    item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : waiting ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const counts = new Map<string, number>();
    for (const l of this.store.links) {
      counts.set(l.Status ?? 'Unknown', (counts.get(l.Status ?? 'Unknown') ?? 0) + 1);
    }
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**Client Links** · ${environment}\n\n`);
    md.appendMarkdown(`API: ${describeApi(settings).replace(/[\\`*_[\]<>]/g, '')}\n\n`);
    if (active) {
      md.appendMarkdown(`Customer ${active.customerId} as ${active.roleName}${this.store.context ? ` (${this.store.context.userName.replace(/[\\`*_[\]<>]/g, '')})` : ''}\n\n`);
    }
    md.appendMarkdown(`${this.store.links.length} links${waiting ? `, **${waiting} awaiting your answer**` : ''}\n\n`);
    for (const [status, n] of [...counts].sort((a, b) => b[1] - a[1])) {
      md.appendMarkdown(`- ${status}: ${n}\n`);
    }
    if (this.store.lastSync) {
      md.appendMarkdown(`\nLast sync ${new Date(this.store.lastSync).toLocaleTimeString()}`);
    }
    if (error) {
      md.appendMarkdown(`\n\n$(warning) Last refresh failed: ${error.message.replace(/[\\`*_[\]<>]/g, '')}`);
    }
    md.supportThemeIcons = true;
    item.tooltip = md;
    item.command = 'clientLinks.links.focus';
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

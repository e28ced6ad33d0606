/**
 * The status bar item: sign-in state (or the missing developer token), the active customer by name,
 * links awaiting action, a spinner while syncing, a warning on errors. Its tooltip counts links by
 * status group in lifecycle order; its accessible label says the same in plain text.
 */
import * as vscode from 'vscode';
import { activeCustomerHeading, type ActiveCustomerHeading } from '../core/workflow/customerDirectory';
import { countByStatus } from '../core/workflow/grouping';
import type { LinkStore } from '../core/workflow/linkStore';
import type { ConnectionState } from './connection';
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

/**
 * Text as Markdown that shows it as is: the characters Markdown would read as syntax or HTML are
 * escaped, `$` too so that no `$(icon)` is drawn (names and error messages come from the service
 * and from users). Unlike MarkdownString.appendText it keeps spaces as spaces.
 */
function markdownText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/[\\`*_[\]<>~|#$]/g, (c) => `\\${c}`);
}

/** The longest customer name shown in the status bar text itself (the tooltip has it whole). */
const MAX_NAME_IN_TEXT = 24;

function shortName(name: string): string {
  return name.length > MAX_NAME_IN_TEXT ? `${name.slice(0, MAX_NAME_IN_TEXT - 1).trimEnd()}…` : name;
}

export class LinksStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: LinkStore,
    private readonly connectionState: () => ConnectionState,
    /** Why automatic refresh is paused (a failure repeating cannot fix), or undefined while it runs. */
    private readonly refreshPausedBecause: () => string | undefined = () => undefined,
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
    const state = this.connectionState();
    if (state === 'signedOut' || state === 'signingIn') {
      item.text = '$(sign-in) Client Links';
      const tooltip = new vscode.MarkdownString('**Client Links**: ');
      tooltip.appendMarkdown(markdownText(`not signed in (${environment}).`));
      tooltip.appendMarkdown('\n\nClick to sign in with Microsoft.');
      item.tooltip = tooltip;
      item.accessibilityInformation = { label: `Client Links: not signed in (${environment}). Click to sign in with Microsoft.` };
      item.command = 'clientLinks.signIn';
      item.backgroundColor = undefined;
      return;
    }
    if (state === 'needsDeveloperToken') {
      // Signed in, but nothing can be asked of the service: say what is missing, not "0".
      item.text = '$(key) Client Links: no developer token';
      const tooltip = new vscode.MarkdownString('**Client Links**: ');
      tooltip.appendMarkdown(markdownText(`signed in, but no developer token is set for ${settings.environment}.`));
      tooltip.appendMarkdown('\n\nClick to set the developer token.');
      item.tooltip = tooltip;
      item.accessibilityInformation = { label: `Client Links: signed in, but no developer token is set for ${settings.environment}. Click to set the developer token.` };
      item.command = 'clientLinks.setDeveloperToken';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      return;
    }
    const waiting = this.store.awaitingAction.length;
    const error = this.store.lastError;
    const heading = activeCustomerHeading(this.store);
    const count = waiting ? `${waiting} awaiting` : String(this.store.links.length);
    const forWhom = heading ? ` · ${shortName(heading.customer.label)}` : '';
    if (this.store.loading) {
      item.text = `$(sync~spin) Client Links${forWhom}`;
    } else if (error) {
      item.text = `$(warning) Client Links${forWhom}`;
    } else {
      item.text = `$(link) ${count}${forWhom}`;
    }
    item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : waiting ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const paused = this.refreshPausedBecause();
    const summary = statusBarSummary(this.store, heading, { environment, api: describeApi(settings) });
    const pausedLine = paused ? `Automatic refresh is paused: ${paused}. It resumes when you refresh, sign in, set the developer token or select a customer.` : undefined;
    const md = new vscode.MarkdownString();
    md.supportThemeIcons = true;
    md.appendMarkdown('**Client Links** · ');
    md.appendMarkdown(markdownText(environment));
    for (const line of summary.lines) {
      md.appendMarkdown('\n\n');
      md.appendMarkdown(markdownText(line));
    }
    if (summary.statuses.length) {
      md.appendMarkdown('\n\n');
      for (const s of summary.statuses) {
        md.appendMarkdown('- ');
        md.appendMarkdown(markdownText(`${s.label}: ${s.count}`));
        md.appendMarkdown('\n');
      }
    }
    if (error) {
      md.appendMarkdown('\n\n$(warning) ');
      md.appendMarkdown(markdownText(`Last refresh failed: ${error.message}`));
    }
    if (pausedLine) {
      md.appendMarkdown('\n\n$(debug-pause) ');
      md.appendMarkdown(markdownText(pausedLine));
    }
    item.tooltip = md;
    item.accessibilityInformation = { label: summary.plainText + (error ? ` Last refresh failed: ${error.message}` : '') + (pausedLine ? ` ${pausedLine}` : '') };
    item.command = 'clientLinks.links.focus';
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

interface StatusBarSummary {
  /** Sentences of the tooltip, plain text. */
  lines: string[];
  /** Link counts by status group label, in lifecycle order. */
  statuses: { label: string; count: number }[];
  /** The whole as one plain sentence for screen readers. */
  plainText: string;
}

function statusBarSummary(store: LinkStore, heading: ActiveCustomerHeading | undefined, where: { environment: string; api: string }): StatusBarSummary {
  const waiting = store.awaitingAction.length;
  const lines = [`API: ${where.api}`];
  if (heading) {
    const who = heading.userName ? `, signed in as ${heading.userName}` : '';
    lines.push(`Customer: ${heading.customer.label}${heading.customer.secondary ? ` (${heading.customer.secondary})` : ''}, as ${heading.roleName}${who}`);
  }
  lines.push(`${store.links.length} link${store.links.length === 1 ? '' : 's'}${waiting ? `, ${waiting} awaiting your answer` : ''}`);
  if (store.lastSync) {
    lines.push(`Last sync ${new Date(store.lastSync).toLocaleTimeString()}`);
  }
  const statuses = countByStatus(store.links);
  const plainText = [
    `Client Links, ${where.environment}.`,
    heading ? `${heading.customer.label}, as ${heading.roleName}.` : '',
    `${store.links.length} links${waiting ? `, ${waiting} awaiting your answer` : ''}.`,
    statuses.length ? `${statuses.map((s) => `${s.label} ${s.count}`).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { lines, statuses, plainText };
}

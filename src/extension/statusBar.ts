/**
 * The status bar item: sign-in state (or the missing developer token), the active customer by name,
 * links awaiting action, a spinner while syncing, a warning on errors. Its tooltip counts links by
 * status group in lifecycle order; its accessible label says the same in plain text.
 */
import * as vscode from 'vscode';
import { activeCustomerHeading, type ActiveCustomerHeading } from '../core/workflow/customerDirectory';
import type { ClientLink } from '../core/model/clientLink';
import { countByStatus } from '../core/workflow/grouping';
import type { LinkStore } from '../core/workflow/linkStore';
import type { ConnectionState } from './connection';
import { protocolLabel } from '../core/protocol';
import { escapeMarkdown } from './markdownText';
import { apiInUse, readSettings, type Settings } from './settings';

/** `REST at https://…`, or why the endpoint setting cannot be used. */
function describeApi(settings: Settings): string {
  try {
    const api = apiInUse(settings);
    return settings.api === 'auto'
      ? vscode.l10n.t({ message: '{0} at {1} (automatic: SOAP until 2027-01-31, then REST)', args: [protocolLabel(api.protocol), api.url], comment: ['{0} is SOAP or REST, {1} the URL called'] })
      : vscode.l10n.t({ message: '{0} at {1}', args: [protocolLabel(api.protocol), api.url], comment: ['{0} is SOAP or REST, {1} the URL called'] });
  } catch {
    return vscode.l10n.t('the endpoint setting is not valid');
  }
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
    this.item.name = vscode.l10n.t('Client Links');
    this.subscription = store.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  update(): void {
    const item = this.item;
    const settings = readSettings();
    const environment = settings.endpoint ? vscode.l10n.t('custom endpoint {0}', settings.endpoint) : settings.environment;
    const state = this.connectionState();
    if (state === 'signedOut' || state === 'signingIn') {
      item.text = `$(sign-in) ${vscode.l10n.t('Client Links')}`;
      const tooltip = new vscode.MarkdownString(`**${escapeMarkdown(vscode.l10n.t('Client Links'))}**: `);
      tooltip.appendMarkdown(escapeMarkdown(vscode.l10n.t({ message: 'not signed in ({0}).', args: [environment], comment: ['{0} is the environment: production, sandbox or a custom endpoint'] })));
      tooltip.appendMarkdown(`\n\n${escapeMarkdown(vscode.l10n.t('Click to sign in with Microsoft.'))}`);
      item.tooltip = tooltip;
      item.accessibilityInformation = { label: vscode.l10n.t('Client Links: not signed in ({0}). Click to sign in with Microsoft.', environment) };
      item.command = 'clientLinks.signIn';
      item.backgroundColor = undefined;
      return;
    }
    if (state === 'needsDeveloperToken') {
      // Signed in, but nothing can be asked of the service: say what is missing, not "0".
      item.text = `$(key) ${vscode.l10n.t('Client Links: no developer token')}`;
      const tooltip = new vscode.MarkdownString(`**${escapeMarkdown(vscode.l10n.t('Client Links'))}**: `);
      tooltip.appendMarkdown(escapeMarkdown(vscode.l10n.t({ message: 'signed in, but no developer token is set for {0}.', args: [settings.environment], comment: ['{0} is the environment: production or sandbox'] })));
      tooltip.appendMarkdown(`\n\n${escapeMarkdown(vscode.l10n.t('Click to set the developer token.'))}`);
      item.tooltip = tooltip;
      item.accessibilityInformation = { label: vscode.l10n.t('Client Links: signed in, but no developer token is set for {0}. Click to set the developer token.', settings.environment) };
      item.command = 'clientLinks.setDeveloperToken';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      return;
    }
    const waiting = this.store.awaitingAction.length;
    const error = this.store.lastError;
    const heading = activeCustomerHeading(this.store);
    const count = waiting ? vscode.l10n.t({ message: '{0} awaiting', args: [waiting], comment: ['status bar: how many invitations wait for your answer'] }) : String(this.store.links.length);
    const forWhom = heading ? ` · ${shortName(heading.customer.label)}` : '';
    if (this.store.loading) {
      item.text = `$(sync~spin) ${vscode.l10n.t('Client Links')}${forWhom}`;
    } else if (error) {
      item.text = `$(warning) ${vscode.l10n.t('Client Links')}${forWhom}`;
    } else {
      item.text = `$(link) ${count}${forWhom}`;
    }
    item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : waiting ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const paused = this.refreshPausedBecause();
    const summary = statusBarSummary(this.store, heading, { environment, api: describeApi(settings) });
    const pausedLine = paused ? vscode.l10n.t('Automatic refresh is paused: {0}. It resumes when you refresh, sign in, set the developer token or select a customer.', paused) : undefined;
    const md = new vscode.MarkdownString();
    md.supportThemeIcons = true;
    md.appendMarkdown(`**${escapeMarkdown(vscode.l10n.t('Client Links'))}** · `);
    md.appendMarkdown(escapeMarkdown(environment));
    for (const line of summary.lines) {
      md.appendMarkdown('\n\n');
      md.appendMarkdown(escapeMarkdown(line));
    }
    if (summary.statuses.length) {
      md.appendMarkdown('\n\n');
      for (const s of summary.statuses) {
        md.appendMarkdown('- ');
        md.appendMarkdown(escapeMarkdown(vscode.l10n.t({ message: '{0}: {1}', args: [s.label, s.count], comment: ['a status group and how many links it has'] })));
        md.appendMarkdown('\n');
      }
    }
    if (error) {
      md.appendMarkdown('\n\n$(warning) ');
      md.appendMarkdown(escapeMarkdown(vscode.l10n.t('Last refresh failed: {0}', error.message)));
    }
    if (pausedLine) {
      md.appendMarkdown('\n\n$(debug-pause) ');
      md.appendMarkdown(escapeMarkdown(pausedLine));
    }
    item.tooltip = md;
    item.accessibilityInformation = { label: [summary.plainText, error ? vscode.l10n.t('Last refresh failed: {0}', error.message) : '', pausedLine ?? ''].filter(Boolean).join(' ') };
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

/** `countByStatus` once per listing: the status bar updates on every store event (loading, busy, ...), 100,000 links change only with a listing. */
const counted = new WeakMap<readonly ClientLink[], ReturnType<typeof countByStatus>>();

function countsOf(links: readonly ClientLink[]): ReturnType<typeof countByStatus> {
  let counts = counted.get(links);
  if (!counts) {
    counts = countByStatus(links);
    counted.set(links, counts);
  }
  return counts;
}

function statusBarSummary(store: LinkStore, heading: ActiveCustomerHeading | undefined, where: { environment: string; api: string }): StatusBarSummary {
  const waiting = store.awaitingAction.length;
  const total = store.links.length;
  const lines = [vscode.l10n.t('API: {0}', where.api)];
  if (heading) {
    const customer = heading.customer.secondary ? `${heading.customer.label} (${heading.customer.secondary})` : heading.customer.label;
    lines.push(
      heading.userName
        ? vscode.l10n.t({ message: 'Customer: {0}, as {1}, signed in as {2}', args: [customer, heading.roleName, heading.userName], comment: ['{0} is the customer, {1} the role (Super Admin, ...), {2} the user'] })
        : vscode.l10n.t({ message: 'Customer: {0}, as {1}', args: [customer, heading.roleName], comment: ['{0} is the customer, {1} the role (Super Admin, ...)'] }),
    );
  }
  const links = total === 1 ? vscode.l10n.t('1 link') : vscode.l10n.t('{0} links', total);
  lines.push(waiting ? vscode.l10n.t({ message: '{0}, {1} awaiting your answer', args: [links, waiting], comment: ['{0} is "N links", {1} how many invitations wait for an answer'] }) : links);
  if (store.lastSync) {
    const time = (ms: number): string => new Date(ms).toLocaleTimeString(vscode.env.language);
    const full = store.lastFullSync;
    // Between full listings only the links in motion are asked about: say when the rest was last read.
    lines.push(
      full !== undefined && full < store.lastSync
        ? vscode.l10n.t({ message: 'Last sync {0} (links in motion); last full listing {1}', args: [time(store.lastSync), time(full)], comment: ['{0} and {1} are times of day'] })
        : vscode.l10n.t('Last sync {0}', time(store.lastSync)),
    );
  }
  const statuses = countsOf(store.links);
  const plainText = [
    vscode.l10n.t('Client Links, {0}.', where.environment),
    heading ? vscode.l10n.t({ message: '{0}, as {1}.', args: [heading.customer.label, heading.roleName], comment: ['{0} is the customer, {1} the role (Super Admin, ...)'] }) : '',
    waiting ? vscode.l10n.t('{0} links, {1} awaiting your answer.', total, waiting) : vscode.l10n.t('{0} links.', total),
    statuses.length ? `${statuses.map((s) => vscode.l10n.t({ message: '{0} {1}', args: [s.label, s.count], comment: ['a status group and its count, for screen readers'] })).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { lines, statuses, plainText };
}

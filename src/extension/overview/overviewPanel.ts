/**
 * The Client Links Overview: one webview panel with counts by status, invitations expiring soon,
 * stuck links and recent activity (`overviewModel` → `overviewHtml`). It re-renders when the
 * listing, the session or the names change; a click on a link reveals it in the tree.
 */
import * as vscode from 'vscode';
import { clientLinkKey } from '../../core/model/clientLink';
import type { OverviewSources } from '../../core/workflow/overviewModel';
import { overviewModel } from '../../core/workflow/overviewModel';
import type { LinkStore } from '../../core/workflow/linkStore';
import { TimeFormatter } from '../../core/workflow/timeFormat';
import { isRevealMessage, overviewHtml, type OverviewPageWords } from './overviewHtml';

function overviewPageWords(): OverviewPageWords {
  const language = vscode.env.language;
  return {
    language,
    title: (customer) => (customer ? vscode.l10n.t({ message: 'Client Links Overview: {0}', args: [customer], comment: ['{0} is the customer whose links are shown'] }) : vscode.l10n.t('Client Links Overview')),
    listed: (time) => vscode.l10n.t({ message: 'Listed {0}.', args: [time], comment: ['{0} is an age such as "5 minutes ago"'] }),
    notListed: vscode.l10n.t('Links not listed yet.'),
    statusHeading: vscode.l10n.t('Links by status'),
    linkCount: (n) => (n === 1 ? vscode.l10n.t('(1 link)') : vscode.l10n.t({ message: '({0} links)', args: [n.toLocaleString(language)], comment: ['{0} is a number of links, more than one'] })),
    noLinks: vscode.l10n.t('No client links yet.'),
    expiringHeading: (days) => (days === 1 ? vscode.l10n.t('Invitations expiring in the next day') : vscode.l10n.t({ message: 'Invitations expiring in the next {0} days', args: [days], comment: ['{0} is a number of days, more than one'] })),
    noExpiring: vscode.l10n.t('No invitation expires in that time.'),
    expiringItem: (name, time) => vscode.l10n.t({ message: '{0} expires {1}', args: [name, time], comment: ['{0} is a client name, {1} when, e.g. "in 3 days"'] }),
    stuckHeading: (hours) => (hours === 1 ? vscode.l10n.t('Stuck for more than an hour') : vscode.l10n.t({ message: 'Stuck for more than {0} hours', args: [hours], comment: ['{0} is a number of hours, more than one'] })),
    noStuck: vscode.l10n.t('No link is stuck.'),
    stuckOffHeading: vscode.l10n.t('Stuck links'),
    stuckOff: vscode.l10n.t('The stuck-link watch is off: set clientLinks.stuckThresholdHours to the hours after which a link counts as stuck.'),
    stuckItem: (name, status, time) => vscode.l10n.t({ message: '{0}: {1} since {2}', args: [name, status, time], comment: ['{0} is a client name, {1} a link status, {2} when, e.g. "2 days ago"'] }),
    activityHeading: vscode.l10n.t('Recent activity'),
    noActivity: vscode.l10n.t('No change recorded yet.'),
    activityItem: (name, status, time, ours) =>
      ours
        ? vscode.l10n.t({ message: '{0} became {1} (your action) {2}', args: [name, status, time], comment: ['{0} is a client name, {1} a link status, {2} when, e.g. "2 days ago"'] })
        : vscode.l10n.t({ message: '{0} became {1} {2}', args: [name, status, time], comment: ['{0} is a client name, {1} a link status, {2} when, e.g. "2 days ago"'] }),
    reveal: (name) => vscode.l10n.t({ message: 'Reveal {0} in the Client Links view', args: [name], comment: ['{0} is a client name'] }),
  };
}

export const OVERVIEW_VIEW_TYPE = 'clientLinks.overview';

/** Reveals a link in the tree by key; false when the view does not show it (filtered out, gone). */
export type RevealLink = (key: string) => Promise<boolean>;

export class OverviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The HTML last set, so an unchanged page is not set again (no flicker, scroll kept). */
  private html = '';
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: LinkStore,
    private readonly mediaRoot: vscode.Uri,
    private readonly sources: () => OverviewSources,
    private readonly reveal: RevealLink,
  ) {
    this.subscription = store.onDidChange((e) => {
      if (e.type === 'links' || e.type === 'session' || e.type === 'customers') {
        this.render();
      }
    });
  }

  /** Opens the overview, or brings it forward. */
  show(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      this.render();
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      OVERVIEW_VIEW_TYPE,
      vscode.l10n.t('Client Links Overview'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      // Scripts only from the extension's media folder (the CSP allows nothing else, and no inline code).
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [this.mediaRoot] },
    );
    panel.iconPath = vscode.Uri.joinPath(this.mediaRoot, 'client-links.svg');
    this.panel = panel;
    this.html = '';
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    this.render();
    return panel;
  }

  /** The open panel, if any (tests read its `webview.html`). */
  get current(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** The page as it would be shown now for `webview` (what `show` sets). */
  htmlFor(webview: vscode.Webview): string {
    const model = overviewModel(this.sources());
    return overviewHtml(
      model,
      {
        cspSource: webview.cspSource,
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'overview.css')).toString(),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'overview.js')).toString(),
      },
      new TimeFormatter({ locale: vscode.env.language }),
      overviewPageWords(),
    );
  }

  /** Renders the page again if it is open (the history or a setting changed). */
  update(): void {
    this.render();
  }

  private render(): void {
    if (!this.panel) {
      return;
    }
    const html = this.htmlFor(this.panel.webview);
    if (html !== this.html) {
      this.html = html;
      this.panel.webview.html = html;
    }
  }

  /** A message from the page: reveal the named link. Returns whether it was revealed. */
  async receive(message: unknown): Promise<boolean> {
    if (!isRevealMessage(message) || !this.store.links.some((l) => clientLinkKey(l) === message.key)) {
      return false;
    }
    return this.reveal(message.key);
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }
}

/**
 * The Link Details view: one webview panel per link, rendered by `linkDetailsHtml` from the link's
 * facts, re-rendered when the listing changes (status, names, history), with copy buttons that ask
 * the extension to copy a field of the shown link.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ClientLink } from '../../core/model/clientLink';
import { clientLinkKey, DISPLAY_FIELDS, type DisplayField } from '../../core/model/clientLink';
import { type HistoryItem, type KnownUser, linkFacts, linkTitle } from '../../core/workflow/linkFacts';
import type { LinkStore } from '../../core/workflow/linkStore';
import { TimeFormatter } from '../../core/workflow/timeFormat';
import type { ExtensionJournal } from '../journal/extensionJournal';
import { causeOf } from '../journal/journalText';
import { type DetailsPageWords, isCopyMessage, linkDetailsHtml, linkGoneHtml } from './linkDetailsHtml';

export const DETAILS_VIEW_TYPE = 'clientLinks.details';

/** The details page's sentences in VS Code's display language. */
function detailsPageWords(): DetailsPageWords {
  return {
    language: vscode.env.language,
    expires: (time) => vscode.l10n.t({ message: 'Expires {0} if nobody acts.', args: [time], comment: ['{0} is a local date and time with its age, e.g. 29 Jan 2026, 06:44 (in 27 days)'] }),
    lastModified: (time, by) =>
      by
        ? vscode.l10n.t({ message: 'Last modified {0} by {1}.', args: [time, by], comment: ['{0} is a local date and time with its age, {1} a user name'] })
        : vscode.l10n.t({ message: 'Last modified {0}.', args: [time], comment: ['{0} is a local date and time with its age'] }),
    copy: vscode.l10n.t('Copy'),
    copyField: (label) => vscode.l10n.t({ message: 'Copy {0}', args: [label], comment: ['{0} is a field name in lower case, e.g. client id'] }),
    historyHeading: vscode.l10n.t('History'),
    noHistory: vscode.l10n.t('No change recorded yet: changes are recorded from the first time the links are listed on this computer.'),
    hint: vscode.l10n.t('Times are local; hover a time for UTC. Select any value to copy it.'),
    gone: vscode.l10n.t('This link is no longer in the list: it may belong to another customer, or you signed out. Refresh the Client Links view, then open the link again.'),
  };
}

interface OpenPanel {
  panel: vscode.WebviewPanel;
  title: string;
  /** The HTML last set, so an unchanged link is not re-rendered (no flicker, scroll kept). */
  html: string;
}

export class LinkDetailsPanels implements vscode.Disposable {
  private readonly panels = new Map<string, OpenPanel>();
  private readonly subscription: { dispose(): void };

  private readonly journalSubscription: { dispose(): void } | undefined;

  constructor(
    private readonly store: LinkStore,
    /** The link journal: the whole history, also from earlier sessions, other windows and the CLI. */
    private readonly journal?: ExtensionJournal,
  ) {
    this.subscription = store.onDidChange((e) => {
      if (e.type === 'links' || e.type === 'session') {
        this.renderAll();
      }
    });
    this.journalSubscription = journal?.onDidChange(() => this.renderAll());
  }

  /** Opens (or brings forward) the details of `link`. */
  show(link: ClientLink, options: { preserveFocus?: boolean } = {}): vscode.WebviewPanel {
    const key = clientLinkKey(link);
    const open = this.panels.get(key);
    if (open) {
      open.panel.reveal(undefined, options.preserveFocus);
      this.render(key, open);
      return open.panel;
    }
    const title = linkTitle(link);
    const panel = vscode.window.createWebviewPanel(
      DETAILS_VIEW_TYPE,
      title,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      // Scripts only for the page's own nonce'd copy script (the CSP allows nothing else); no local files.
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
    );
    const entry: OpenPanel = { panel, title, html: '' };
    this.panels.set(key, entry);
    panel.onDidDispose(() => this.panels.delete(key));
    panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(key, message));
    this.render(key, entry);
    return panel;
  }

  /** The open panel of a link (tests read its `webview.html`). */
  panelFor(link: ClientLink): vscode.WebviewPanel | undefined {
    return this.panels.get(clientLinkKey(link))?.panel;
  }

  /** The page for a link as it would be shown now, with the given nonce (what `show` sets, for tests and previews). */
  htmlFor(link: ClientLink, nonce: string): string {
    return linkDetailsHtml(
      linkFacts({ link, times: this.times(), active: this.store.active, user: this.knownUser(), history: this.historyOf(link) }),
      nonce,
      detailsPageWords(),
    );
  }

  /** The journal's history of the link when it has one, else what this window saw. */
  private historyOf(link: ClientLink): readonly HistoryItem[] | undefined {
    const key = clientLinkKey(link);
    const recorded = this.journal?.history(key) ?? [];
    if (recorded.length === 0) {
      return this.store.history.get(key);
    }
    return recorded.map((e) => ({ status: e.to, from: e.from, seenAt: Date.parse(e.seenAt), cause: causeOf(e) }));
  }

  private times(): TimeFormatter {
    return new TimeFormatter({ locale: vscode.env.language });
  }

  private knownUser(): KnownUser | undefined {
    const context = this.store.context;
    return context ? { id: context.userId, name: context.userName } : undefined;
  }

  private find(key: string): ClientLink | undefined {
    return this.store.links.find((l) => clientLinkKey(l) === key);
  }

  private renderAll(): void {
    for (const [key, entry] of this.panels) {
      this.render(key, entry);
    }
  }

  private render(key: string, entry: OpenPanel): void {
    const link = this.find(key);
    const nonce = randomBytes(16).toString('base64');
    const html = link ? this.htmlFor(link, nonce) : linkGoneHtml(entry.title, nonce, detailsPageWords());
    // Compare without the nonce: the same content is not set again.
    const comparable = html.split(nonce).join('');
    if (comparable === entry.html) {
      return;
    }
    entry.html = comparable;
    if (link) {
      entry.title = linkTitle(link);
      entry.panel.title = entry.title;
    }
    entry.panel.webview.html = html;
  }

  /**
   * A message from the page of the link with `key` (what a copy button posts). The page only names
   * a field; the value comes from the link as listed, so a page can never put other text on the clipboard.
   * Returns what was copied.
   */
  async receive(key: string, message: unknown): Promise<string | undefined> {
    const link = this.find(key);
    if (!link || !isCopyMessage(message) || !(DISPLAY_FIELDS as readonly string[]).includes(message.field)) {
      return undefined;
    }
    const value = link[message.field as DisplayField];
    if (value === undefined || value === null || value === '') {
      return undefined;
    }
    await vscode.env.clipboard.writeText(String(value));
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', String(value)), 3000);
    return String(value);
  }

  dispose(): void {
    this.subscription.dispose();
    this.journalSubscription?.dispose();
    for (const entry of [...this.panels.values()]) {
      entry.panel.dispose();
    }
    this.panels.clear();
  }
}

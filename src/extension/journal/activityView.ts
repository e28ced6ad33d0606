/**
 * The Activity view: recent changes across all links of the active customer, newest first, from
 * the link journal (so also what another window, an earlier session or the CLI recorded). A row
 * reveals its link in the Client Links view.
 */
import * as vscode from 'vscode';
import { clientLinkKey } from '../../core/model/clientLink';
import type { JournalEntry } from '../../core/workflow/linkJournal';
import { TimeFormatter } from '../../core/workflow/timeFormat';
import { causeOf, statusLabel } from './journalText';
import type { ExtensionJournal } from './extensionJournal';

export const ACTIVITY_VIEW_ID = 'clientLinks.activity';
export const REVEAL_LINK_COMMAND = 'clientLinks.revealLink';
/** Rows the view shows at most (the journal keeps more: Export Link History writes them all). */
export const ACTIVITY_LIMIT = 200;

export class ActivityProvider implements vscode.TreeDataProvider<JournalEntry>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<JournalEntry | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<JournalEntry>;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly journal: ExtensionJournal) {
    this.view = vscode.window.createTreeView(ACTIVITY_VIEW_ID, { treeDataProvider: this });
    this.subscription = journal.onDidChange(() => this.emitter.fire(undefined));
  }

  /** The rows as shown now, newest first. */
  rows(): JournalEntry[] {
    return this.journal.recent(ACTIVITY_LIMIT);
  }

  getChildren(element?: JournalEntry): JournalEntry[] {
    if (element) {
      return [];
    }
    const rows = this.rows();
    this.view.message = rows.length ? undefined : vscode.l10n.t('No changes recorded yet. Changes of status appear here from the second time the links are listed on this computer.');
    return rows;
  }

  getTreeItem(e: JournalEntry): vscode.TreeItem {
    const shown = new TimeFormatter({ locale: vscode.env.language }).show(Date.parse(e.seenAt));
    const item = new vscode.TreeItem(e.ClientEntityName || e.ClientEntityId, vscode.TreeItemCollapsibleState.None);
    const change = e.from === null ? vscode.l10n.t('new: {0}', statusLabel(e.to)) : vscode.l10n.t('{0} → {1}', statusLabel(e.from), statusLabel(e.to));
    item.description = `${change} · ${shown.relative}`;
    const cause = causeOf(e);
    const lines = [
      `${e.ClientEntityName ?? ''} (${e.ClientEntityId})`.trim(),
      change,
      vscode.l10n.t('Seen {0} ({1})', shown.local, shown.utc),
      ...(e.LastModifiedDateTime ? [vscode.l10n.t('Last modified at the service: {0}', e.LastModifiedDateTime)] : []),
      ...(e.LastModifiedByUserId ? [vscode.l10n.t('Last modified by user {0}', e.LastModifiedByUserId)] : []),
      ...(cause ? [cause] : []),
    ];
    item.tooltip = lines.join('\n');
    item.id = `${clientLinkKey(e)}@${e.seenAt}:${e.from ?? ''}:${e.to ?? ''}`;
    item.contextValue = 'activity';
    item.iconPath = new vscode.ThemeIcon(e.ownAction ? 'account' : 'history');
    item.accessibilityInformation = { label: `${item.label as string}, ${change}, ${shown.relative}${cause ? `, ${cause}` : ''}` };
    item.command = { command: REVEAL_LINK_COMMAND, title: vscode.l10n.t('Show in Client Links'), arguments: [clientLinkKey(e)] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.view.dispose();
    this.emitter.dispose();
  }
}

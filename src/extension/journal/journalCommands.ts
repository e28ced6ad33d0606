/** Commands of the link history: reveal a link from the Activity view, export the history to CSV or JSON. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { clientLinkKey } from '../../core/model/clientLink';
import { localDayStamp } from '../../core/workflow/exportLinks';
import { journalExportText } from '../../core/workflow/journalExport';
import type { CommandContext } from '../commands/commandContext';
import { LinkNode } from '../tree/linksTreeProvider';
import { REVEAL_LINK_COMMAND } from './activityView';
import type { ExtensionJournal } from './extensionJournal';

export function registerJournalCommands(c: CommandContext, journal: ExtensionJournal): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(REVEAL_LINK_COMMAND, async (key?: unknown) => {
      if (typeof key !== 'string') {
        return false;
      }
      const node = c.tree.nodeFor(key);
      if (!node) {
        const listed = c.store.links.some((l) => clientLinkKey(l) === key);
        void vscode.window.showInformationMessage(
          listed ? vscode.l10n.t('This link is hidden by the filter of the Client Links view. Clear the filter to see it.') : vscode.l10n.t('This link is not in the current list: refresh the Client Links view, or select the customer it belongs to.'),
        );
        return false;
      }
      await c.tree.view.reveal(node, { select: true, focus: true, expand: true });
      return true;
    }),
    // `target`: a Uri or a path (tests, scripts); a link row (or its key): that link's history only.
    vscode.commands.registerCommand('clientLinks.exportHistory', (target?: unknown, link?: unknown) => exportHistory(c, journal, target, link)),
  ];
}

async function exportHistory(c: CommandContext, journal: ExtensionJournal, target: unknown, link: unknown): Promise<vscode.Uri | undefined> {
  await journal.settled();
  const key = link instanceof LinkNode ? link.key : typeof link === 'string' ? link : undefined;
  const entries = key ? journal.history(key) : journal.all();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No link history recorded yet for this customer: changes are recorded from the second time the links are listed on this computer.'));
    return undefined;
  }
  let uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : undefined;
  if (!uri) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const customer = (c.store.active?.customerId ?? '').replace(/[^A-Za-z0-9_-]/g, '');
    uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export {0} changes of client links', entries.length),
      defaultUri: vscode.Uri.joinPath(folder, `client-link-history-${customer ? `${customer}-` : ''}${localDayStamp(new Date())}.csv`),
      filters: { CSV: ['csv'], JSON: ['json'] },
      saveLabel: vscode.l10n.t('Export'),
    });
  }
  if (!uri) {
    return undefined;
  }
  const saved = uri;
  await vscode.workspace.fs.writeFile(saved, new TextEncoder().encode(journalExportText(entries, saved.path)));
  c.logger.info(`Exported ${entries.length} history entries to ${saved.fsPath}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} changes to {1}.', entries.length, saved.fsPath), vscode.l10n.t('Open')).then((choice) => {
    if (choice) {
      void vscode.env.openExternal(saved);
    }
  });
  return saved;
}

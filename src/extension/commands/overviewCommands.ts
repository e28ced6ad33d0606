/** Show Overview: the Client Links Overview page, whose links reveal themselves in the tree. */
import * as vscode from 'vscode';
import { OverviewPanel } from '../overview/overviewPanel';
import { overviewSources } from '../overview/overviewSources';
import type { ExtensionJournal } from '../journal/extensionJournal';
import type { Clock } from '../clock';
import { readSettings } from '../settings';
import type { CommandContext } from './commandContext';

/** Reveals the link with `key` in the tree; when the filter hides it, says so and offers to clear the filter. */
async function revealInTree(c: CommandContext, key: string): Promise<boolean> {
  const node = c.tree.nodeFor(key);
  if (!node) {
    if (c.tree.filter) {
      const clear = vscode.l10n.t('Clear Filter');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('The filter of the Client Links view hides this link.'), clear);
      if (choice === clear) {
        c.tree.setFilter('');
        return revealInTree(c, key);
      }
    }
    return false;
  }
  await c.tree.view.reveal(node, { select: true, focus: true, expand: false });
  return true;
}

export function registerOverviewCommands(c: CommandContext, journal: ExtensionJournal, clock: Clock): { panel: OverviewPanel; disposables: vscode.Disposable[] } {
  const panel = new OverviewPanel(
    c.store,
    vscode.Uri.joinPath(c.extension.extensionUri, 'media'),
    () => overviewSources(c.store, clock.now(), readSettings().stuckThresholdHours, (limit) => journal.recent(limit)),
    (key) => revealInTree(c, key),
  );
  return {
    panel,
    disposables: [
      panel,
      vscode.commands.registerCommand('clientLinks.showOverview', () => panel.show()),
      // The history is written after the listing it comes from: the page's activity follows it.
      journal.onDidChange(() => panel.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('clientLinks.stuckThresholdHours')) {
          panel.update();
        }
      }),
    ],
  };
}

/** Show Overview: the Client Links Overview page, whose links reveal themselves in the tree. */
import * as vscode from 'vscode';
import { OverviewPanel } from '../overview/overviewPanel';
import { overviewSources } from '../overview/overviewSources';
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

export function registerOverviewCommands(c: CommandContext): { panel: OverviewPanel; disposables: vscode.Disposable[] } {
  const panel = new OverviewPanel(
    c.store,
    vscode.Uri.joinPath(c.extension.extensionUri, 'media'),
    () => overviewSources(c.store, Date.now(), 24),
    (key) => revealInTree(c, key),
  );
  return { panel, disposables: [panel, vscode.commands.registerCommand('clientLinks.showOverview', () => panel.show())] };
}

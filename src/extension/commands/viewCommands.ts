/** Refresh, filter, group, copy, export, details and log. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { defaultExportFileName, exportFileBytes, exportInvitations, type ExportFormat } from '../../core/workflow/exportLinks';
import { GROUP_BY_VALUES } from '../../core/workflow/grouping';
import type { LinkDetailsProvider } from '../details/linkDetailsProvider';
import { abortSignalFor, reportError } from '../notifications';
import { readSettings, updateSetting } from '../settings';
import { VIEW_ID } from '../tree/linksTreeProvider';
import { targetLinks } from './linkActionCommands';
import type { CommandContext } from './commandContext';

export function registerViewCommands(c: CommandContext, details: LinkDetailsProvider): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('clientLinks.refresh', async () => {
      try {
        // VS Code shows a cancel button only on notifications: the view's title shows Cancel
        // Refresh (clientLinks.cancelRefresh) instead of Refresh while one runs.
        await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: 'Refreshing client links', cancellable: true }, (_progress, token) => c.store.refresh(abortSignalFor(token)));
      } catch (e) {
        // A cancelled refresh keeps the links shown and says nothing (reportError logs it only).
        reportError(c.logger, 'Refresh', e, () => vscode.commands.executeCommand('clientLinks.refresh'));
      }
    }),
    vscode.commands.registerCommand('clientLinks.cancelRefresh', () => {
      const cancelled = c.store.cancelRefresh();
      if (cancelled) {
        c.logger.info('Refresh cancelled by the user; the links shown are from the last refresh.');
      }
      return cancelled;
    }),
    vscode.commands.registerCommand('clientLinks.filter', async (text?: unknown) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({ title: 'Filter client links', prompt: 'Words to match in names, numbers, ids or status', value: c.tree.filter });
      if (value !== undefined) {
        c.tree.setFilter(value);
      }
    }),
    vscode.commands.registerCommand('clientLinks.clearFilter', () => c.tree.setFilter('')),
    vscode.commands.registerCommand('clientLinks.groupBy', async (by?: unknown) => {
      let value = typeof by === 'string' ? by : undefined;
      if (!value) {
        const current = readSettings().groupBy;
        const pick = await vscode.window.showQuickPick(
          [
            { label: 'Status', description: 'Lifecycle order', value: 'status' },
            { label: 'Client customer', description: 'One group per client', value: 'client' },
            { label: 'None', description: 'A flat list', value: 'none' },
          ].map((i) => ({ ...i, picked: i.value === current })),
          { title: 'Group client links by' },
        );
        value = pick?.value;
      }
      if (value && (GROUP_BY_VALUES as readonly string[]).includes(value)) {
        await updateSetting('groupBy', value);
        c.tree.refreshAll();
      }
    }),
    vscode.commands.registerCommand('clientLinks.copyId', async (clicked?: unknown, selected?: unknown) => {
      const ids = targetLinks(clicked, selected).map((l) => l.ClientEntityId).filter(Boolean);
      if (ids.length) {
        await vscode.env.clipboard.writeText(ids.join('\n'));
        void vscode.window.setStatusBarMessage(`Copied ${ids.length === 1 ? ids[0] : `${ids.length} ids`}`, 3000);
      }
    }),
    vscode.commands.registerCommand('clientLinks.copyNumber', async (clicked?: unknown, selected?: unknown) => {
      const numbers = targetLinks(clicked, selected).map((l) => l.ClientEntityNumber).filter(Boolean);
      if (numbers.length) {
        await vscode.env.clipboard.writeText(numbers.join('\n'));
        void vscode.window.setStatusBarMessage(`Copied ${numbers.length === 1 ? numbers[0] : `${numbers.length} numbers`}`, 3000);
      }
    }),
    vscode.commands.registerCommand('clientLinks.exportLinks', (target?: unknown) => exportVisibleLinks(c, 'full', target)),
    vscode.commands.registerCommand('clientLinks.exportInvitations', (target?: unknown) => exportVisibleLinks(c, 'invitations', target)),
    vscode.commands.registerCommand('clientLinks.showDetails', async (clicked?: unknown) => {
      const [link] = targetLinks(clicked, undefined);
      if (!link) {
        return;
      }
      const doc = await vscode.workspace.openTextDocument(details.uriFor(link));
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('clientLinks.showLog', () => c.logger.show()),
  ];
}

/**
 * Exports the links the view shows: every field (CSV, or JSON when the file name ends in .json), or
 * in the invitations CSV format (the links this customer sent, re-importable with Invite Clients
 * from CSV). Asks where to save unless `target` (a Uri or a path) says; offers to open the file.
 */
async function exportVisibleLinks(c: CommandContext, kind: 'full' | 'invitations', target: unknown): Promise<vscode.Uri | undefined> {
  const links = c.tree.visibleLinks();
  const customerId = c.store.active?.customerId;
  let uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : undefined;
  if (!uri) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const defaultUri = vscode.Uri.joinPath(folder, defaultExportFileName(customerId, new Date(), kind === 'invitations' ? 'invitations' : 'csv'));
    uri =
      kind === 'invitations'
        ? await vscode.window.showSaveDialog({ title: 'Export as invitations (a CSV file Invite Clients from CSV reads)', defaultUri, filters: { CSV: ['csv'] }, saveLabel: 'Export' })
        : await vscode.window.showSaveDialog({ title: `Export ${links.length} client links`, defaultUri, filters: { CSV: ['csv'], JSON: ['json'] }, saveLabel: 'Export' });
  }
  if (!uri) {
    return undefined;
  }
  const saved = uri;
  const format: ExportFormat = kind === 'invitations' ? 'invitations' : saved.path.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  let what = `${links.length} link${links.length === 1 ? '' : 's'}`;
  if (format === 'invitations') {
    const { rows, skipped } = exportInvitations(links, customerId);
    what = `${rows} invitation${rows === 1 ? '' : 's'}${skipped ? ` (${skipped} link${skipped === 1 ? '' : 's'} where you are the client left out)` : ''}`;
  }
  await vscode.workspace.fs.writeFile(saved, exportFileBytes(links, format, customerId));
  c.logger.info(`Exported ${what} to ${saved.fsPath}`);
  // Not awaited: the command is done when the file is written. Open uses the system's app for the file (a spreadsheet for CSV).
  void vscode.window.showInformationMessage(`Exported ${what} to ${saved.fsPath}.`, 'Open').then((choice) => {
    if (choice === 'Open') {
      void vscode.env.openExternal(saved);
    }
  });
  return saved;
}

/** Refresh, filter, group, sort, copy, export, details (and how a row opens them), group actions and log. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { type ClientLink, clientLinkKey } from '../../core/model/clientLink';
import { findStatusDefinition } from '../../core/model/lifecycle';
import { sideOf } from '../../core/workflow/customerContext';
import { countInvitations, defaultExportFileName, exportFileChunks, type ExportFormat } from '../../core/workflow/exportLinks';
import { GROUP_BY_VALUES } from '../../core/workflow/grouping';
import { linksForAction } from '../../core/workflow/linkActions';
import { linksAsText, linkTitle } from '../../core/workflow/linkFacts';
import { isSortBy } from '../../core/workflow/linkSort';
import type { LinkDetailsPanels } from '../details/linkDetailsPanel';
import { abortSignalFor, reportError } from '../notifications';
import { readSettings, updateSetting } from '../settings';
import { writeChunks } from '../writeChunks';
import { GroupNode, LinkNode, OPEN_LINK_COMMAND, VIEW_ID } from '../tree/linksTreeProvider';
import { LinkOpenGesture } from '../tree/linkOpenGesture';
import { runAction, targetLinks } from './linkActionCommands';
import type { CommandContext } from './commandContext';

export function registerViewCommands(c: CommandContext, details: LinkDetailsPanels): vscode.Disposable[] {
  const gesture = new LinkOpenGesture((key) => {
    const link = c.store.links.find((l) => clientLinkKey(l) === key);
    if (link) {
      details.show(link);
    }
  });
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
    // `only`: the links of one group (Export Group); otherwise what the view shows.
    vscode.commands.registerCommand('clientLinks.exportLinks', (target?: unknown, only?: unknown) => exportLinksOf(c, 'full', target, Array.isArray(only) ? (only as ClientLink[]) : undefined)),
    vscode.commands.registerCommand('clientLinks.exportInvitations', (target?: unknown) => exportLinksOf(c, 'invitations', target)),
    vscode.commands.registerCommand('clientLinks.showDetails', async (clicked?: unknown, selected?: unknown) => {
      // A row's menu, then the view's selection (Enter), then ask (the palette).
      let [link] = targetLinks(clicked, selected);
      link ??= c.tree.view.selection.find((n): n is LinkNode => n instanceof LinkNode)?.link;
      link ??= await pickLink(c);
      if (link) {
        details.show(link);
      }
      return link ? details.panelFor(link) : undefined;
    }),
    // A row's own command: details on double-click or Enter, a single click only selects.
    vscode.commands.registerCommand(OPEN_LINK_COMMAND, (key?: unknown) => (typeof key === 'string' ? gesture.opened(key) : false)),
    // The Enter keybinding: VS Code's own "select" opens the focused row, which the gesture then treats as Enter.
    vscode.commands.registerCommand('clientLinks.openFocusedLink', async () => {
      gesture.expectKeyboardOpen();
      await vscode.commands.executeCommand('list.select');
    }),
    vscode.commands.registerCommand('clientLinks.copySelected', async (clicked?: unknown, selected?: unknown) => {
      const picked = targetLinks(clicked, selected);
      const links = picked.length ? picked : c.tree.selectedLinks();
      if (links.length === 0) {
        vscode.window.setStatusBarMessage('Nothing to copy: select links in the Client Links view first.', 3000);
        return undefined;
      }
      const text = linksAsText(links);
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(`Copied ${links.length === 1 ? linkTitle(links[0]!) : `${links.length} links`} (id and name)`, 3000);
      return text;
    }),
    vscode.commands.registerCommand('clientLinks.sortBy', async (by?: unknown) => {
      let value = typeof by === 'string' ? by : undefined;
      if (!value) {
        const current = readSettings().sortBy;
        const pick = await vscode.window.showQuickPick(
          [
            { label: 'Name', description: 'Client name, A to Z', value: 'name' },
            { label: 'Last modified', description: 'Most recently changed first', value: 'lastModified' },
            { label: 'Expiry', description: 'Pending invitations that expire first (30 days after they were sent), then the rest', value: 'expiry' },
          ].map((i) => ({ ...i, picked: i.value === current, description: i.value === current ? `${i.description} (current)` : i.description })),
          { title: 'Sort client links by' },
        );
        value = pick?.value;
      }
      if (isSortBy(value)) {
        await updateSetting('sortBy', value);
        c.tree.refreshAll();
      }
    }),
    vscode.commands.registerCommand('clientLinks.cancelGroup', async (group?: unknown) => {
      const active = c.store.active;
      if (!(group instanceof GroupNode) || !active) {
        return undefined;
      }
      const links = linksForAction('cancel', group.group.links, active);
      if (links.length === 0) {
        void vscode.window.showInformationMessage(`No invitation in "${group.group.label}" can be canceled: only pending invitations you sent can.`);
        return undefined;
      }
      return runAction(c, 'cancel', links, { selected: group.group.links.length });
    }),
    vscode.commands.registerCommand('clientLinks.copyGroupIds', async (group?: unknown) => {
      if (!(group instanceof GroupNode)) {
        return undefined;
      }
      const ids = group.group.links.map((l) => l.ClientEntityId).filter((id): id is string => Boolean(id));
      await vscode.env.clipboard.writeText(ids.join('\n'));
      vscode.window.setStatusBarMessage(`Copied ${ids.length} client id${ids.length === 1 ? '' : 's'} of "${group.group.label}"`, 3000);
      return ids;
    }),
    vscode.commands.registerCommand('clientLinks.exportGroup', (group?: unknown, target?: unknown) =>
      group instanceof GroupNode ? vscode.commands.executeCommand('clientLinks.exportLinks', target, group.group.links) : undefined,
    ),
    vscode.commands.registerCommand('clientLinks.showLog', () => c.logger.show()),
  ];
}

/** The palette's Show Link Details with nothing selected: which link? Client name first. */
async function pickLink(c: CommandContext): Promise<ClientLink | undefined> {
  const active = c.store.active;
  if (!c.store.loaded || !active) {
    void vscode.window.showInformationMessage('No links to show yet: sign in and wait for the Client Links view to load.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    c.store.links.map((link) => ({
      label: linkTitle(link),
      description: [link.ClientEntityNumber ?? link.ClientEntityId, findStatusDefinition(link.Status)?.label].filter(Boolean).join(' · '),
      detail: sideOf(link, active) === 'client' ? `Managed by ${link.ManagingCustomerName ?? `customer ${link.ManagingCustomerId ?? '?'}`}` : undefined,
      link,
    })),
    { title: 'Show details of which link?', placeHolder: 'Type a client name, number or status', matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.link;
}

/**
 * Exports the links the view shows (or `only`, a group's): every field (CSV, or JSON when the file name ends in .json), or
 * in the invitations CSV format (the links this customer sent, re-importable with Invite Clients
 * from CSV). Asks where to save unless `target` (a Uri or a path) says; offers to open the file.
 */
async function exportLinksOf(c: CommandContext, kind: 'full' | 'invitations', target: unknown, only?: readonly ClientLink[]): Promise<vscode.Uri | undefined> {
  const links = only ?? c.tree.visibleLinks();
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
    const { rows, skipped } = countInvitations(links, customerId);
    what = `${rows} invitation${rows === 1 ? '' : 's'}${skipped ? ` (${skipped} link${skipped === 1 ? '' : 's'} where you are the client left out)` : ''}`;
  }
  // In chunks: 100,000 links never become one string or one buffer (issue 15).
  await writeChunks(saved, exportFileChunks(links, format, customerId));
  c.logger.info(`Exported ${what} to ${saved.fsPath}`);
  // Not awaited: the command is done when the file is written. Open uses the system's app for the file (a spreadsheet for CSV).
  void vscode.window.showInformationMessage(`Exported ${what} to ${saved.fsPath}.`, 'Open').then((choice) => {
    if (choice === 'Open') {
      void vscode.env.openExternal(saved);
    }
  });
  return saved;
}

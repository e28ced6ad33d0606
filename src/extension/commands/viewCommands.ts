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
        await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: vscode.l10n.t('Refreshing client links'), cancellable: true }, (_progress, token) => c.store.refresh(abortSignalFor(token)));
      } catch (e) {
        // A cancelled refresh keeps the links shown and says nothing (reportError logs it only).
        reportError(c.logger, vscode.l10n.t('Refresh'), e, () => vscode.commands.executeCommand('clientLinks.refresh'));
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
          : await vscode.window.showInputBox({ title: vscode.l10n.t('Filter client links'), prompt: vscode.l10n.t('Words to match in names, numbers, ids or status'), value: c.tree.filter });
      if (value !== undefined) {
        c.tree.setFilter(value);
        await c.tree.settled(); // the command is done when the view shows the filter (its rows and message)
      }
    }),
    vscode.commands.registerCommand('clientLinks.clearFilter', async () => {
      c.tree.setFilter('');
      await c.tree.settled();
    }),
    vscode.commands.registerCommand('clientLinks.groupBy', async (by?: unknown) => {
      let value = typeof by === 'string' ? by : undefined;
      if (!value) {
        const current = readSettings().groupBy;
        const pick = await vscode.window.showQuickPick(
          [
            { label: vscode.l10n.t('Status'), description: vscode.l10n.t('Lifecycle order'), value: 'status' },
            { label: vscode.l10n.t('Client customer'), description: vscode.l10n.t('One group per client'), value: 'client' },
            { label: vscode.l10n.t('None'), description: vscode.l10n.t('A flat list'), value: 'none' },
          ].map((i) => ({ ...i, picked: i.value === current })),
          { title: vscode.l10n.t('Group client links by') },
        );
        value = pick?.value;
      }
      if (value && (GROUP_BY_VALUES as readonly string[]).includes(value)) {
        await updateSetting('groupBy', value);
        c.tree.refreshAll();
        await c.tree.settled();
      }
    }),
    vscode.commands.registerCommand('clientLinks.copyId', async (clicked?: unknown, selected?: unknown) => {
      const ids = targetLinks(clicked, selected).map((l) => l.ClientEntityId).filter(Boolean);
      if (ids.length) {
        await vscode.env.clipboard.writeText(ids.join('\n'));
        void vscode.window.setStatusBarMessage(ids.length === 1 ? vscode.l10n.t('Copied {0}', ids[0] ?? '') : vscode.l10n.t('Copied {0} ids', ids.length), 3000);
      }
    }),
    vscode.commands.registerCommand('clientLinks.copyNumber', async (clicked?: unknown, selected?: unknown) => {
      const numbers = targetLinks(clicked, selected).map((l) => l.ClientEntityNumber).filter(Boolean);
      if (numbers.length) {
        await vscode.env.clipboard.writeText(numbers.join('\n'));
        void vscode.window.setStatusBarMessage(numbers.length === 1 ? vscode.l10n.t('Copied {0}', numbers[0] ?? '') : vscode.l10n.t('Copied {0} numbers', numbers.length), 3000);
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
        vscode.window.setStatusBarMessage(vscode.l10n.t('Nothing to copy: select links in the Client Links view first.'), 3000);
        return undefined;
      }
      const text = linksAsText(links);
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(links.length === 1 ? vscode.l10n.t('Copied {0} (id and name)', linkTitle(links[0]!)) : vscode.l10n.t('Copied {0} links (id and name)', links.length), 3000);
      return text;
    }),
    vscode.commands.registerCommand('clientLinks.sortBy', async (by?: unknown) => {
      let value = typeof by === 'string' ? by : undefined;
      if (!value) {
        const current = readSettings().sortBy;
        const pick = await vscode.window.showQuickPick(
          [
            { label: vscode.l10n.t('Name'), description: vscode.l10n.t('Client name, A to Z'), value: 'name' },
            { label: vscode.l10n.t('Last modified'), description: vscode.l10n.t('Most recently changed first'), value: 'lastModified' },
            { label: vscode.l10n.t('Expiry'), description: vscode.l10n.t('Pending invitations that expire first (30 days after they were sent), then the rest'), value: 'expiry' },
          ].map((i) => ({ ...i, picked: i.value === current, description: i.value === current ? vscode.l10n.t({ message: '{0} (current)', args: [i.description], comment: ['marks the sort order in use'] }) : i.description })),
          { title: vscode.l10n.t('Sort client links by') },
        );
        value = pick?.value;
      }
      if (isSortBy(value)) {
        await updateSetting('sortBy', value);
        c.tree.refreshAll();
        await c.tree.settled();
      }
    }),
    vscode.commands.registerCommand('clientLinks.cancelGroup', async (group?: unknown) => {
      const active = c.store.active;
      if (!(group instanceof GroupNode) || !active) {
        return undefined;
      }
      const links = linksForAction('cancel', group.group.links, active);
      if (links.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t({ message: 'No invitation in "{0}" can be canceled: only pending invitations you sent can.', args: [group.group.label], comment: ['{0} is a group of the tree'] }));
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
      vscode.window.setStatusBarMessage(
        ids.length === 1 ? vscode.l10n.t('Copied 1 client id of "{0}"', group.group.label) : vscode.l10n.t('Copied {0} client ids of "{1}"', ids.length, group.group.label),
        3000,
      );
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
    void vscode.window.showInformationMessage(vscode.l10n.t('No links to show yet: sign in and wait for the Client Links view to load.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    c.store.links.map((link) => ({
      label: linkTitle(link),
      description: [link.ClientEntityNumber ?? link.ClientEntityId, findStatusDefinition(link.Status)?.label].filter(Boolean).join(' · '),
      detail: sideOf(link, active) === 'client' ? vscode.l10n.t('Managed by {0}', link.ManagingCustomerName ?? vscode.l10n.t('customer {0}', link.ManagingCustomerId ?? '?')) : undefined,
      link,
    })),
    { title: vscode.l10n.t('Show details of which link?'), placeHolder: vscode.l10n.t('Type a client name, number or status'), matchOnDescription: true, matchOnDetail: true },
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
        ? await vscode.window.showSaveDialog({ title: vscode.l10n.t('Export as invitations (a CSV file Invite Clients from CSV reads)'), defaultUri, filters: { CSV: ['csv'] }, saveLabel: vscode.l10n.t('Export') })
        : await vscode.window.showSaveDialog({ title: vscode.l10n.t('Export {0} client links', links.length), defaultUri, filters: { CSV: ['csv'], JSON: ['json'] }, saveLabel: vscode.l10n.t('Export') });
  }
  if (!uri) {
    return undefined;
  }
  const saved = uri;
  const format: ExportFormat = kind === 'invitations' ? 'invitations' : saved.path.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  let what = links.length === 1 ? vscode.l10n.t('1 link') : vscode.l10n.t('{0} links', links.length);
  if (format === 'invitations') {
    const { rows, skipped } = countInvitations(links, customerId);
    what = rows === 1 ? vscode.l10n.t('1 invitation') : vscode.l10n.t('{0} invitations', rows);
    if (skipped) {
      what += ` ${skipped === 1 ? vscode.l10n.t('(1 link where you are the client left out)') : vscode.l10n.t('({0} links where you are the client left out)', skipped)}`;
    }
  }
  // In chunks: 100,000 links never become one string or one buffer (issue 15).
  await writeChunks(saved, exportFileChunks(links, format, customerId));
  c.logger.info(`Exported ${what} to ${saved.fsPath}`);
  // Not awaited: the command is done when the file is written. Open uses the system's app for the file (a spreadsheet for CSV).
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t({ message: 'Exported {0} to {1}.', args: [what, saved.fsPath], comment: ['{0} is "N links" or "N invitations", {1} a file path'] }), open).then((choice) => {
    if (choice === open) {
      void vscode.env.openExternal(saved);
    }
  });
  return saved;
}

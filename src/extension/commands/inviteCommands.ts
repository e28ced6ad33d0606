/** Invite one client (wizard, or fields passed by a script) or many from a CSV file with a preview. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ClientLink, clientLinkKey, linkTypeOf } from '../../core/model/clientLink';
import { outcomeFailure } from '../../core/workflow/bulkSummary';
import { csvRowLocator, csvRowOf, parseInviteCsv } from '../../core/workflow/inviteCsv';
import { type DateOrder, type InviteFields, invitableLinkTypes, inviteRoleProblem, toAddClientLink, validateInvite } from '../../core/workflow/inviteInput';
import { customerInSentence } from '../../core/workflow/customerDirectory';
import type { BulkResult } from '../../core/workflow/linkStore';
import { CsvDiagnostics, csvText } from '../csvDiagnostics';
import { runInviteWizard } from './inviteWizard';
import { runBulk } from './bulkRun';
import type { CommandContext } from './commandContext';

/** clientLinks.csvDateOrder: how to read dates like 03/04/2026 in a CSV that does not say. */
function csvDateOrder(): DateOrder | undefined {
  const value = vscode.workspace.getConfiguration('clientLinks').get<string>('csvDateOrder', 'auto');
  return value === 'dayFirst' || value === 'monthFirst' ? value : undefined;
}

/** The link a successful invitation became, as the refreshed listing shows it. */
function invitedLink(c: CommandContext, sent: ClientLink): ClientLink | undefined {
  const number = sent.ClientEntityNumber?.toUpperCase();
  return c.store.links.find(
    (l) =>
      l.ManagingCustomerId === sent.ManagingCustomerId &&
      linkTypeOf(l) === linkTypeOf(sent) &&
      l.Status === 'LinkPending' &&
      (sent.ClientEntityId ? l.ClientEntityId === sent.ClientEntityId : l.ClientEntityNumber?.toUpperCase() === number),
  );
}

/** After the wizard's invitation: name the client, and show the new link in the tree. */
function announceInvitation(c: CommandContext, sent: ClientLink): void {
  const link = invitedLink(c, sent);
  const id = link?.ClientEntityId ?? sent.ClientEntityId ?? sent.ClientEntityNumber ?? '';
  const entity = linkTypeOf(sent) === 'CustomerLink' ? vscode.l10n.t('customer {0}', id) : vscode.l10n.t('account {0}', id);
  const client = link?.ClientEntityName ? `${link.ClientEntityName} (${entity})` : entity;
  void vscode.window.showInformationMessage(vscode.l10n.t({ message: 'Invitation sent to {0}. It stays a pending invitation until the client accepts or declines it.', args: [client], comment: ['{0} is the client, e.g. Fabrikam (account 180012345)'] }));
  const node = link ? c.tree.nodeFor(clientLinkKey(link)) : undefined;
  if (node) {
    void Promise.resolve(c.tree.view.reveal(node, { select: true, focus: false })).catch(() => undefined);
  }
}

function ensureAgency(c: CommandContext): boolean {
  const active = c.store.active;
  if (!active) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Sign in and wait for your links to load before inviting.'));
    return false;
  }
  if (!active.canManageLinks) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t({ message: 'Your role ({0}) on {1} cannot invite clients. A Super Admin or Standard user can.', args: [active.roleName, customerInSentence(active.customerId, c.store.customers)], comment: ['{0} is a role name, {1} the customer'] }),
    );
    return false;
  }
  return true;
}

/** The title of the CSV preview, counting the rows still ticked. */
function csvPreviewTitle(ticked: number): string {
  return ticked === 1 ? vscode.l10n.t('Send 1 invitation? Untick any to leave out.') : vscode.l10n.t('Send {0} invitations? Untick any to leave out.', ticked);
}

/** The CSV preview: every row ticked; the title counts the rows still ticked. Undefined when dismissed. */
function pickRows<T extends vscode.QuickPickItem>(items: T[]): Promise<readonly T[] | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.items = items;
  pick.canSelectMany = true;
  pick.ignoreFocusOut = true;
  pick.selectedItems = items.filter((i) => i.picked);
  pick.title = csvPreviewTitle(pick.selectedItems.length);
  return new Promise((resolve) => {
    let result: readonly T[] | undefined;
    pick.onDidChangeSelection((selected) => {
      pick.title = csvPreviewTitle(selected.length);
    });
    pick.onDidAccept(() => {
      result = pick.selectedItems;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}

export function registerInviteCommands(c: CommandContext): vscode.Disposable[] {
  const diagnostics = new CsvDiagnostics((bytes) => {
    const parsed = parseInviteCsv(bytes, undefined, { dateOrder: csvDateOrder() });
    return parsed.ok ? [] : parsed.problems;
  });
  return [
    vscode.commands.registerCommand('clientLinks.invite', async (preset?: unknown): Promise<BulkResult | undefined> => {
      if (!ensureAgency(c)) {
        return undefined;
      }
      const active = c.store.active;
      const given = preset && typeof preset === 'object' && !Array.isArray(preset) ? (preset as InviteFields) : undefined;
      // The wizard offers only the link types the role may invite; given fields are checked before anything is sent.
      const fields = given ?? (await runInviteWizard({}, active ? invitableLinkTypes(active.roleId) : undefined));
      if (!fields) {
        return undefined;
      }
      const roleProblem = active ? inviteRoleProblem(active, fields.type, c.store.customers) : undefined;
      if (roleProblem) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Invitation not sent: {0}', roleProblem));
        return undefined;
      }
      const validated = validateInvite(fields);
      if ('problems' in validated) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Invitation not sent: {0}', validated.problems.map((p) => p.message).join(' ')));
        return undefined;
      }
      const link = toAddClientLink(validated.invite, c.store.active?.customerId ?? '');
      return runBulk(c, vscode.l10n.t('Invite'), 1, (signal, onProgress) => c.store.invite([link], { signal, onProgress }), { onAllDone: () => announceInvitation(c, link) });
    }),
    vscode.commands.registerCommand('clientLinks.inviteFromCsv', async (file?: unknown, options?: unknown): Promise<BulkResult | undefined> => {
      if (!ensureAgency(c)) {
        return undefined;
      }
      let uri = file instanceof vscode.Uri ? file : typeof file === 'string' ? vscode.Uri.file(file) : undefined;
      if (!uri) {
        const picked = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Invite clients from CSV'), canSelectMany: false, filters: { [vscode.l10n.t('CSV files')]: ['csv', 'txt'] } });
        uri = picked?.[0];
      }
      if (!uri) {
        return undefined;
      }
      let bytes: Uint8Array;
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > 1024 * 1024) {
          void vscode.window.showErrorMessage(
            vscode.l10n.t({ message: '{0} is {1} MB; invitation files are limited to 1 MB. Nothing was sent.', args: [uri.fsPath, (stat.size / 1024 / 1024).toFixed(1)], comment: ['{0} is a file path, {1} its size in MB'] }),
          );
          return undefined;
        }
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t({ message: 'Cannot read {0}: {1}', args: [uri.fsPath, e instanceof Error ? e.message : String(e)], comment: ['{0} is a file path, {1} why it cannot be read'] }));
        return undefined;
      }
      const text = csvText(bytes);
      const parsed = parseInviteCsv(bytes, undefined, { dateOrder: csvDateOrder() });
      if (!parsed.ok) {
        c.logger.error(`Invite from CSV ${uri.fsPath}: ${parsed.problems.length} problem(s), nothing sent`);
        for (const p of parsed.problems) {
          c.logger.error(`  ${p.message}`);
        }
        // Every problem on its row in the Problems panel; the toast says where to look.
        diagnostics.showProblems(uri, text, parsed.problems);
        const count = parsed.problems.length;
        const file = path.basename(uri.fsPath);
        const message =
          count === 1
            ? vscode.l10n.t('Nothing was sent: {0}', parsed.problems[0]?.message ?? vscode.l10n.t('the file is invalid'))
            : vscode.l10n.t({
                message: 'Nothing was sent: {0} has {1} problems, each shown on its row in the Problems panel. The first: {2}',
                args: [file, count, parsed.problems[0]?.message ?? ''],
                comment: ['{0} is a file name, {1} how many problems it has, {2} the first problem'],
              });
        const target = uri;
        const showProblems = vscode.l10n.t('Show Problems');
        const openFile = vscode.l10n.t('Open File');
        void vscode.window.showErrorMessage(message, showProblems, openFile).then((choice) => {
          if (choice === showProblems) {
            void vscode.commands.executeCommand('workbench.actions.view.problems');
          } else if (choice === openFile) {
            void vscode.window.showTextDocument(target);
          }
        });
        return undefined;
      }
      diagnostics.clear(uri);
      const skipPreview = typeof options === 'object' && options !== null && (options as { skipPreview?: boolean }).skipPreview === true;
      let rows = parsed.rows;
      if (!skipPreview) {
        const items = rows.map((r) => ({
          label: r.invite.name ?? r.invite.clientEntityId ?? r.invite.clientEntityNumber ?? '?',
          description: [
            vscode.l10n.t({ message: 'row {0}', args: [r.row], comment: ['a row number of the CSV file'] }),
            r.invite.type === 'CustomerLink' ? vscode.l10n.t('customer {0}', r.invite.clientEntityId ?? r.invite.clientEntityNumber ?? '') : vscode.l10n.t('account {0}', r.invite.clientEntityId ?? r.invite.clientEntityNumber ?? ''),
          ].join(' · '),
          detail: [
            r.invite.isBillToClient === undefined ? undefined : r.invite.isBillToClient ? vscode.l10n.t('client pays') : vscode.l10n.t('agency pays'),
            r.invite.startDate ? vscode.l10n.t({ message: 'starts {0}', args: [r.invite.startDate.slice(0, 10)], comment: ['{0} is a date, YYYY-MM-DD'] }) : undefined,
            r.invite.note,
          ]
            .filter(Boolean)
            .join(' · '),
          picked: true,
          row: r,
        }));
        const chosen = await pickRows(items);
        if (!chosen || chosen.length === 0) {
          return undefined;
        }
        rows = chosen.map((i) => i.row);
      }
      const links = rows.map((r) => toAddClientLink(r.invite, c.store.active?.customerId ?? ''));
      const result = await runBulk(c, vscode.l10n.t('Invite'), links.length, (signal, onProgress) => c.store.invite(links, { signal, onProgress }), { locate: csvRowLocator(rows, links) });
      if (result) {
        // The rows the service refused, on the file's rows, with the reason.
        const rowOf = csvRowOf(rows, links);
        const failures = result.outcomes.flatMap((o) => {
          const row = rowOf(o.link);
          const failure = outcomeFailure(o);
          return row !== undefined && failure ? [{ row, reason: failure.reason }] : [];
        });
        diagnostics.showSendFailures(uri, text, failures);
      }
      return result;
    }),
    diagnostics,
  ];
}

/** Invite one client (wizard, or fields passed by a script) or many from a CSV file with a preview. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ClientLink, clientLinkKey, linkTypeOf } from '../../core/model/clientLink';
import { outcomeFailure } from '../../core/workflow/bulkSummary';
import { csvPreviewTitle, csvRowLocator, csvRowOf, parseInviteCsv } from '../../core/workflow/inviteCsv';
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
  const kind = linkTypeOf(sent) === 'CustomerLink' ? 'customer' : 'account';
  const client = link?.ClientEntityName ? `${link.ClientEntityName} (${kind} ${link.ClientEntityId ?? sent.ClientEntityNumber})` : `${kind} ${sent.ClientEntityId ?? sent.ClientEntityNumber}`;
  void vscode.window.showInformationMessage(`Invitation sent to ${client}. It stays a pending invitation until the client accepts or declines it.`);
  const node = link ? c.tree.nodeFor(clientLinkKey(link)) : undefined;
  if (node) {
    void Promise.resolve(c.tree.view.reveal(node, { select: true, focus: false })).catch(() => undefined);
  }
}

function ensureAgency(c: CommandContext): boolean {
  const active = c.store.active;
  if (!active) {
    void vscode.window.showWarningMessage('Sign in and wait for your links to load before inviting.');
    return false;
  }
  if (!active.canManageLinks) {
    void vscode.window.showErrorMessage(`Your role (${active.roleName}) on ${customerInSentence(active.customerId, c.store.customers)} cannot invite clients. A Super Admin or Standard user can.`);
    return false;
  }
  return true;
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
        void vscode.window.showErrorMessage(`Invitation not sent: ${roleProblem}`);
        return undefined;
      }
      const validated = validateInvite(fields);
      if ('problems' in validated) {
        void vscode.window.showErrorMessage(`Invitation not sent: ${validated.problems.map((p) => p.message).join(' ')}`);
        return undefined;
      }
      const link = toAddClientLink(validated.invite, c.store.active?.customerId ?? '');
      return runBulk(c, 'Invite', 1, (signal, onProgress) => c.store.invite([link], { signal, onProgress }), { onAllDone: () => announceInvitation(c, link) });
    }),
    vscode.commands.registerCommand('clientLinks.inviteFromCsv', async (file?: unknown, options?: unknown): Promise<BulkResult | undefined> => {
      if (!ensureAgency(c)) {
        return undefined;
      }
      let uri = file instanceof vscode.Uri ? file : typeof file === 'string' ? vscode.Uri.file(file) : undefined;
      if (!uri) {
        const picked = await vscode.window.showOpenDialog({ title: 'Invite clients from CSV', canSelectMany: false, filters: { 'CSV files': ['csv', 'txt'] } });
        uri = picked?.[0];
      }
      if (!uri) {
        return undefined;
      }
      let bytes: Uint8Array;
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > 1024 * 1024) {
          void vscode.window.showErrorMessage(`${uri.fsPath} is ${(stat.size / 1024 / 1024).toFixed(1)} MB; invitation files are limited to 1 MB. Nothing was sent.`);
          return undefined;
        }
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch (e) {
        void vscode.window.showErrorMessage(`Cannot read ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
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
            ? `Nothing was sent: ${parsed.problems[0]?.message ?? 'the file is invalid'}`
            : `Nothing was sent: ${file} has ${count} problems, each shown on its row in the Problems panel. The first: ${parsed.problems[0]?.message ?? ''}`;
        const target = uri;
        void vscode.window.showErrorMessage(message, 'Show Problems', 'Open File').then((choice) => {
          if (choice === 'Show Problems') {
            void vscode.commands.executeCommand('workbench.actions.view.problems');
          } else if (choice === 'Open File') {
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
          description: `row ${r.row} · ${r.invite.type === 'CustomerLink' ? 'customer' : 'account'} ${r.invite.clientEntityId ?? r.invite.clientEntityNumber}`,
          detail: [r.invite.isBillToClient === undefined ? undefined : r.invite.isBillToClient ? 'client pays' : 'agency pays', r.invite.startDate ? `starts ${r.invite.startDate.slice(0, 10)}` : undefined, r.invite.note].filter(Boolean).join(' · '),
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
      const result = await runBulk(c, 'Invite', links.length, (signal, onProgress) => c.store.invite(links, { signal, onProgress }), { locate: csvRowLocator(rows, links) });
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

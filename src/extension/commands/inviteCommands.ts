/** Invite one client (wizard, or fields passed by a script) or many from a CSV file with a preview. */
import * as vscode from 'vscode';
import { type ClientLink, clientLinkKey, linkTypeOf } from '../../core/model/clientLink';
import { outcomeFailure } from '../../core/workflow/bulkSummary';
import { csvRowLocator, csvRowOf, parseInviteCsv } from '../../core/workflow/inviteCsv';
import { type DateOrder, type InviteFields, invitableLinkTypes, inviteRoleProblem, toAddClientLink, validateInvite } from '../../core/workflow/inviteInput';
import { customerInSentence } from '../../core/workflow/customerDirectory';
import type { BulkResult } from '../../core/workflow/linkStore';
import { CsvDiagnostics } from '../csvDiagnostics';
import { findingsReason } from '../inviteFindings';
import { checkInvites } from '../../core/workflow/inviteChecks';
import { openCsvFile, reportCsvProblems } from './csvImport';
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

/** The CSV preview: the rows given as picked are ticked; the title counts the rows still ticked. Undefined when dismissed. */
/** A title-bar toggle of a preview: pressing it replaces the rows (what was ticked stays ticked where the row is still there). */
export interface PreviewToggle<T> {
  /** The button while the toggle is off and while it is on (its tooltip says what pressing it does). */
  readonly off: vscode.QuickInputButton;
  readonly on: vscode.QuickInputButton;
  /** The rows for a state of the toggle. */
  readonly items: (on: boolean) => T[];
  /** The same row in both states (e.g. the link it acts on). */
  readonly sameRow: (a: T, b: T) => boolean;
}

export function pickRows<T extends vscode.QuickPickItem>(items: T[], titleFor: (ticked: number) => string = csvPreviewTitle, toggle?: PreviewToggle<T>): Promise<readonly T[] | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.items = items;
  pick.canSelectMany = true;
  pick.ignoreFocusOut = true;
  pick.selectedItems = items.filter((i) => i.picked);
  pick.title = titleFor(pick.selectedItems.length);
  if (toggle) {
    let on = false;
    pick.buttons = [toggle.off];
    pick.onDidTriggerButton(() => {
      on = !on;
      const shown = pick.items;
      const kept = pick.selectedItems;
      const next = toggle.items(on);
      pick.items = next;
      // A row shown before keeps its tick; a new row starts as its `picked` says.
      pick.selectedItems = next.filter((n) => (shown.some((k) => toggle.sameRow(k, n)) ? kept.some((k) => toggle.sameRow(k, n)) : n.picked === true));
      pick.buttons = [on ? toggle.on : toggle.off];
      pick.title = titleFor(pick.selectedItems.length);
    });
  }
  return new Promise((resolve) => {
    let result: readonly T[] | undefined;
    pick.onDidChangeSelection((selected) => {
      pick.title = titleFor(selected.length);
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
    const parsed = parseInviteCsv(bytes, undefined, { dateOrder: csvDateOrder(), deferToChecks: true });
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
      // The pre-flight checks against the listing: a predicted refusal is said before anything is sent.
      const [findings = []] = checkInvites([{ invite: validated.invite }], c.store.links, active?.customerId ?? '');
      if (findings.length) {
        const sendAnyway = vscode.l10n.t('Send Anyway');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('{0} The service decides; send the invitation anyway?', findingsReason(findings)),
          { modal: true, detail: vscode.l10n.t('This is a prediction from your current links (last refreshed in this window).') },
          sendAnyway,
        );
        if (choice !== sendAnyway) {
          return undefined;
        }
      }
      const link = toAddClientLink(validated.invite, c.store.active?.customerId ?? '');
      return runBulk(c, vscode.l10n.t('Invite'), 1, (signal, onProgress) => c.store.invite([link], { signal, onProgress }), { onAllDone: () => announceInvitation(c, link) });
    }),
    vscode.commands.registerCommand('clientLinks.inviteFromCsv', async (file?: unknown, options?: unknown): Promise<BulkResult | undefined> => {
      if (!ensureAgency(c)) {
        return undefined;
      }
      const opened = await openCsvFile(file, vscode.l10n.t('Invite clients from CSV'));
      if (!opened) {
        return undefined;
      }
      const { uri, bytes, text } = opened;
      // Duplicate rows and past start dates are pre-flight findings: shown on their rows in the preview.
      const parsed = parseInviteCsv(bytes, undefined, { dateOrder: csvDateOrder(), deferToChecks: true });
      if (!parsed.ok) {
        reportCsvProblems(c, diagnostics, 'Invite from CSV', uri, text, parsed.problems);
        return undefined;
      }
      diagnostics.clear(uri);
      // skipPreview (scripts, tests): every row is sent, as if the user kept every row ticked.
      const skipPreview = typeof options === 'object' && options !== null && (options as { skipPreview?: boolean }).skipPreview === true;
      let rows = parsed.rows;
      if (!skipPreview) {
        // The pre-flight checks against the listing: rows predicted refused start unticked, with the reason.
        const findings = checkInvites(rows, c.store.links, c.store.active?.customerId ?? '');
        rows.forEach((r, i) => {
          const found = findings[i] ?? [];
          if (found.length) {
            c.logger.warn(`Invite from CSV: row ${r.row} left unticked: ${findingsReason(found)}`);
          }
        });
        const items = rows.map((r, i) => {
          const found = findings[i] ?? [];
          const facts = [
            r.invite.isBillToClient === undefined ? undefined : r.invite.isBillToClient ? vscode.l10n.t('client pays') : vscode.l10n.t('agency pays'),
            r.invite.startDate ? vscode.l10n.t({ message: 'starts {0}', args: [r.invite.startDate.slice(0, 10)], comment: ['{0} is a date, YYYY-MM-DD'] }) : undefined,
            r.invite.note,
          ]
            .filter(Boolean)
            .join(' · ');
          return {
            label: `${found.length ? '$(warning) ' : ''}${r.invite.name ?? r.invite.clientEntityId ?? r.invite.clientEntityNumber ?? '?'}`,
            description: [
              vscode.l10n.t({ message: 'row {0}', args: [r.row], comment: ['a row number of the CSV file'] }),
              r.invite.type === 'CustomerLink' ? vscode.l10n.t('customer {0}', r.invite.clientEntityId ?? r.invite.clientEntityNumber ?? '') : vscode.l10n.t('account {0}', r.invite.clientEntityId ?? r.invite.clientEntityNumber ?? ''),
            ].join(' · '),
            detail: found.length ? findingsReason(found) : facts,
            picked: found.length === 0,
            findings: found,
            row: r,
          };
        });
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

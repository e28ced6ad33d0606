/**
 * Sync from CSV: a desired-state file (core/workflow/desiredState.ts) compared with the current
 * links gives a plan, shown as a preview where invitations to send are ticked and everything that
 * would remove a link (cancellations, unlink requests) is unticked until the user ticks it; what
 * the user keeps is sent through the bulk-run UI, one action at a time, with per-item outcomes.
 * Only what the file names is acted on (clients absent from it are left alone) unless the user
 * presses the preview's toggle (or the caller passes `pruneUnlisted`): their cancellations and
 * unlinks are then listed too, unticked.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ClientLink, clientLinkKey } from '../../core/model/clientLink';
import { ACTIONS } from '../../core/model/lifecycle';
import { type PlannedInvite, type PlannedRemoval, type SkippedItem, type SyncPlan, leaveUnlistedAlone, parseDesiredCsv, planClientLabel, planIsEmpty, planSync } from '../../core/workflow/desiredState';
import type { DateOrder } from '../../core/workflow/inviteInput';
import type { BulkResult } from '../../core/workflow/linkBulk';
import { CsvDiagnostics } from '../csvDiagnostics';
import { findingReason } from '../inviteFindings';
import { runBulk } from './bulkRun';
import type { CommandContext } from './commandContext';
import { openCsvFile, reportCsvProblems } from './csvImport';
import { pickRows, type PreviewToggle } from './inviteCommands';

/** What Sync from CSV did: one bulk result per action sent (absent when nothing of that kind was kept). */
export interface SyncResult {
  invite?: BulkResult;
  cancel?: BulkResult;
  unlink?: BulkResult;
}

interface SyncOptions {
  /** Clients not in the file count as unlinked (their invitations canceled, links unlinked). */
  pruneUnlisted?: boolean;
}

/** A preview row; `rowKey` names the same row across the toggle's two plans. */
type PlanItem = vscode.QuickPickItem & { rowKey: string; invite?: PlannedInvite; removal?: PlannedRemoval };

function csvDateOrder(): DateOrder | undefined {
  const value = vscode.workspace.getConfiguration('clientLinks').get<string>('csvDateOrder', 'auto');
  return value === 'dayFirst' || value === 'monthFirst' ? value : undefined;
}

function where(row: number | undefined): string {
  return row === undefined ? vscode.l10n.t('not in the file') : vscode.l10n.t('row {0}', row);
}

function clientText(item: Parameters<typeof planClientLabel>[0]): { label: string; id: string } {
  const l = planClientLabel(item);
  return { label: l.name || l.id, id: l.id };
}

function skippedReason(s: SkippedItem): string {
  return s.finding ? findingReason(s.finding) : (s.refusal ?? '');
}

/** The preview's title, counting what is ticked. */
function previewTitle(ticked: number): string {
  return ticked === 1 ? vscode.l10n.t('Sync: send 1 change? Removals start unticked.') : vscode.l10n.t('Sync: send {0} changes? Removals start unticked.', ticked);
}

/** The preview's rows: invitations to send (ticked), then cancellations and unlinks (unticked). */
function previewItems(plan: SyncPlan): PlanItem[] {
  const items: PlanItem[] = [];
  const section = (label: string): void => {
    items.push({ rowKey: `section:${label}`, label, kind: vscode.QuickPickItemKind.Separator });
  };
  if (plan.invites.length) {
    section(vscode.l10n.t('Invitations to send'));
    for (const i of plan.invites) {
      const client = clientText(i);
      const pays = i.link.IsBillToClient === undefined ? undefined : i.link.IsBillToClient ? vscode.l10n.t('client pays') : vscode.l10n.t('agency pays');
      items.push({
        rowKey: `invite:${i.row}`,
        label: client.label,
        description: client.label === client.id ? where(i.row) : `${where(i.row)} · ${client.id}`,
        detail: [vscode.l10n.t('Invite'), pays, i.link.StartDate ? vscode.l10n.t('starts {0}', i.link.StartDate.slice(0, 10)) : undefined].filter(Boolean).join(' · '),
        picked: true,
        invite: i,
      });
    }
  }
  const removals: [string, PlannedRemoval[]][] = [
    [vscode.l10n.t('Invitations to cancel (unticked: tick to send)'), plan.cancels],
    [vscode.l10n.t('Links to unlink (unticked: tick to send)'), plan.unlinks],
  ];
  for (const [title, list] of removals) {
    if (list.length) {
      section(title);
    }
    for (const r of list) {
      const client = clientText(r);
      const because = r.cause === 'unlisted' ? vscode.l10n.t('not in the file') : vscode.l10n.t('marked unlinked');
      items.push({
        rowKey: `${r.action}:${clientLinkKey(r.link)}`,
        label: `$(${r.action === 'unlink' ? 'debug-disconnect' : 'close'}) ${client.label}`,
        description: `${where(r.row)} · ${client.id}`,
        detail: `${ACTIONS[r.action].title} · ${because}`,
        picked: false,
        removal: r,
      });
    }
  }
  return items;
}

export function registerSyncCommands(c: CommandContext): vscode.Disposable[] {
  const diagnostics = new CsvDiagnostics((bytes) => {
    const parsed = parseDesiredCsv(bytes, undefined, { dateOrder: csvDateOrder() });
    return parsed.ok ? [] : parsed.problems;
  });
  return [
    vscode.commands.registerCommand('clientLinks.syncFromCsv', async (file?: unknown, options?: unknown): Promise<SyncResult | undefined> => {
      const active = c.store.active;
      if (!active || !c.store.loaded) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Sign in and wait for your links to load before syncing from a file.'));
        return undefined;
      }
      if (!active.canManageLinks) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Your role ({0}) cannot change client links. A Super Admin or Standard user can.', active.roleName));
        return undefined;
      }
      const opened = await openCsvFile(file, vscode.l10n.t('Sync client links from CSV'));
      if (!opened) {
        return undefined;
      }
      const { uri, bytes, text } = opened;
      const parsed = parseDesiredCsv(bytes, undefined, { dateOrder: csvDateOrder() });
      if (!parsed.ok) {
        reportCsvProblems(c, diagnostics, 'Sync from CSV', uri, text, parsed.problems);
        return undefined;
      }
      diagnostics.clear(uri);
      const explicitPrune = typeof options === 'object' && options !== null ? (options as SyncOptions).pruneUnlisted : undefined;
      // Clients the file does not name are left alone unless the user asks: the preview's title-bar
      // toggle (or the button of the "already match" message) adds their removals, unticked.
      const full = planSync(parsed.rows, c.store.links, active, { pruneUnlisted: explicitPrune !== false });
      const plan = explicitPrune === true ? full : leaveUnlistedAlone(full);
      const pruned = explicitPrune === undefined ? full : undefined;
      const unlisted = pruned ? pruned.cancels.length + pruned.unlinks.length - plan.cancels.length - plan.unlinks.length : 0;
      for (const s of plan.skipped) {
        c.logger.warn(`Sync from CSV: ${where(s.row)} ${clientText(s).id} left out: ${skippedReason(s)}`);
      }
      const name = path.basename(uri.fsPath);
      let shownPlan = plan;
      if (planIsEmpty(plan)) {
        const left = plan.skipped.length ? ` ${vscode.l10n.t('{0} left out (see the log).', plan.skipped.length)}` : '';
        const absent = unlisted > 0 ? ` ${vscode.l10n.t('{0} of your links and invitations are for clients not in the file: left alone.', unlisted)}` : '';
        const message = `${vscode.l10n.t('Your links already match {0}: nothing to send.', name)}${left}${absent}`;
        if (unlisted === 0 || !pruned) {
          void vscode.window.showInformationMessage(message);
          return {};
        }
        const review = vscode.l10n.t('Review Removing Them');
        if ((await vscode.window.showInformationMessage(message, review)) !== review) {
          return {};
        }
        shownPlan = pruned;
      }
      const toggle: PreviewToggle<PlanItem> | undefined =
        pruned && unlisted > 0 && shownPlan === plan
          ? {
              off: { iconPath: new vscode.ThemeIcon('filter'), tooltip: vscode.l10n.t('Also propose removing the {0} links and invitations of clients not in the file (unticked)', unlisted) },
              on: { iconPath: new vscode.ThemeIcon('filter-filled'), tooltip: vscode.l10n.t('Leave clients not in the file alone') },
              items: (on) => previewItems(on ? pruned : plan),
              sameRow: (a, b) => a.rowKey === b.rowKey,
            }
          : undefined;
      const items = previewItems(shownPlan);
      const chosen = await pickRows(items, previewTitle, toggle);
      if (!chosen || chosen.length === 0) {
        return undefined;
      }
      const result: SyncResult = {};
      const invites = chosen.flatMap((i) => (i.invite ? [i.invite] : []));
      if (invites.length) {
        const links = invites.map((i) => i.link);
        const rowOf = new Map<ClientLink, number>(invites.map((i) => [i.link, i.row]));
        result.invite = await runBulk(c, vscode.l10n.t('Invite'), links.length, (signal, onProgress) => c.store.invite(links, { signal, onProgress }), {
          locate: (link) => {
            const row = rowOf.get(link);
            return row === undefined ? undefined : vscode.l10n.t('row {0}', row);
          },
        });
      }
      for (const action of ['cancel', 'unlink'] as const) {
        const links = chosen.flatMap((i) => (i.removal?.action === action ? [i.removal.link] : []));
        if (links.length) {
          result[action] = await runBulk(c, ACTIONS[action].title, links.length, (signal, onProgress) => c.store.runAction(action, links, { signal, onProgress }));
        }
      }
      return result;
    }),
    diagnostics,
  ];
}

/** How a journal entry is worded in the extension (Link Details, Activity). */
import * as vscode from 'vscode';
import { ACTIONS, findStatusDefinition } from '../../core/model/lifecycle';
import type { JournalEntry } from '../../core/workflow/linkJournal';

/** A status in the user's words ("Pending"), the v13 name when unknown. */
export function statusLabel(status: string | null | undefined): string {
  return findStatusDefinition(status)?.label ?? status ?? vscode.l10n.t('unknown');
}

/** What this product had to do with a change: "your action: Accept (command line)", "after your action", or nothing. */
export function causeOf(e: JournalEntry): string | undefined {
  const where = e.source === 'cli' ? vscode.l10n.t(' (command line)') : '';
  if (e.ownAction) {
    const title = e.ownAction === 'invite' ? vscode.l10n.t('Invite') : ACTIONS[e.ownAction].title;
    return vscode.l10n.t('your action: {0}', title) + where;
  }
  return e.followsOwnAction ? vscode.l10n.t('after your action') + where : undefined;
}

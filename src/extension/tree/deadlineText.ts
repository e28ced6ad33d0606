/** How the view and the notifications word the deadlines of linkDeadlines.ts: days left, time stuck, what to do. */
import * as vscode from 'vscode';
import { DAY_MS, HOUR_MS } from '../../core/workflow/linkDeadlines';

/** "12 days left", "1 day left", "less than a day left" (the view's description). */
export function daysLeftText(days: number): string {
  if (days <= 0) {
    return vscode.l10n.t('less than a day left');
  }
  return days === 1 ? vscode.l10n.t('1 day left') : vscode.l10n.t('{0} days left', days);
}

/** "12 days", "1 day", "less than a day" (inside a sentence). */
export function daysText(days: number): string {
  if (days <= 0) {
    return vscode.l10n.t('less than a day');
  }
  return days === 1 ? vscode.l10n.t('1 day') : vscode.l10n.t('{0} days', days);
}

/** How long a link has waited: "30 hours" under two days, then "3 days". */
export function waitedText(ms: number): string {
  const hours = Math.floor(ms / HOUR_MS);
  if (hours < 48) {
    return hours === 1 ? vscode.l10n.t('1 hour') : vscode.l10n.t('{0} hours', hours);
  }
  return vscode.l10n.t('{0} days', Math.floor(ms / DAY_MS));
}

/** The view's description of a stuck link: "no change for 30 hours". */
export function stuckText(ms: number): string {
  return vscode.l10n.t('no change for {0}', waitedText(ms));
}

/** What a stuck link means and what the user can do (tooltip and notification). */
export function stuckAdvice(): string {
  return vscode.l10n.t(
    'The service usually finishes this step within hours. You can wait and refresh later; if it stays like this, contact Microsoft Advertising support with the TrackingId and the ids of the link (Copy Support Details copies them).',
  );
}

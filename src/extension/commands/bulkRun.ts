/**
 * Running a bulk action with progress and telling the user how it went: Retry Failed only when some
 * failures may succeed when sent again, Save Failure Report for the ones that must be fixed first
 * (a CSV of the failed rows with the reason), Show Log always.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ClientLink } from '../../core/model/clientLink';
import { type BulkSummary, outcomeFailure, summarizeBulk } from '../../core/workflow/bulkSummary';
import { defaultFailureReportName, failureReportBytes } from '../../core/workflow/failureReport';
import type { BulkResult } from '../../core/workflow/linkBulk';
import { abortSignalFor, reportError } from '../notifications';
import type { CommandContext } from './commandContext';

export interface BulkRunOptions {
  /** Where a link came from, to name it in failures ("row 3" of a CSV file). */
  locate?: (link: ClientLink) => string | undefined;
  /** Tells the user of a full success itself (the wizard names the client and shows the link); the default is "Title: done." */
  onAllDone?: (result: BulkResult) => void;
}

export async function runBulk(
  c: CommandContext,
  title: string,
  count: number,
  work: (signal: AbortSignal, onProgress: (p: { done: number; total: number }) => void) => Promise<BulkResult>,
  options: BulkRunOptions = {},
): Promise<BulkResult | undefined> {
  let result: BulkResult | undefined;
  try {
    result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: count === 1 ? vscode.l10n.t({ message: '{0}: 1 link', args: [title], comment: ['{0} is the action (Invite, Accept, ...)'] }) : vscode.l10n.t({ message: '{0}: {1} links', args: [title, count], comment: ['{0} is the action (Invite, Accept, ...)'] }),
        cancellable: count > 10,
      },
      async (progress, token) => {
        let reported = 0;
        return work(abortSignalFor(token), (p) => {
          const pct = (p.done / Math.max(1, p.total)) * 100;
          progress.report({ increment: pct - reported, message: vscode.l10n.t({ message: '{0} of {1}', args: [p.done, p.total], comment: ['progress: links done of all links'] }) });
          reported = pct;
        });
      },
    );
  } catch (e) {
    reportError(c.logger, title, e);
    return undefined;
  }
  summarise(c, title, result, options);
  return result;
}

/** The buttons after a bulk action that did not get everything done: label and command. */
export function bulkButtons(c: CommandContext): { label: string; command: string }[] {
  // The report is offered for what cannot succeed as it is, this action's or kept from the one it retried.
  const mustFix = c.store.lastFailures?.failures.some((f) => !f.failure.retryable) ?? false;
  return [
    ...(c.store.lastFailed ? [{ label: vscode.l10n.t('Retry Failed'), command: 'clientLinks.retryFailed' }] : []),
    ...(mustFix ? [{ label: vscode.l10n.t('Save Failure Report'), command: 'clientLinks.saveFailureReport' }] : []),
    { label: vscode.l10n.t('Show Log'), command: 'clientLinks.showLog' },
  ];
}

/** A bulk action that did not get everything done, in the user's words: counts, why it stopped, what to do (Retry Failed, Save Failure Report). */
export function bulkSummaryText(s: BulkSummary): string {
  const parts = [vscode.l10n.t({ message: '{0} of {1} done', args: [s.done, s.total], comment: ['links done of all links of a bulk action'] })];
  if (s.failed) {
    parts.push(vscode.l10n.t('{0} failed', s.failed));
  }
  if (s.refused) {
    parts.push(vscode.l10n.t('{0} not allowed', s.refused));
  }
  if (s.notSent) {
    parts.push(vscode.l10n.t('{0} not sent', s.notSent));
  }
  const counts = parts.join(', ');
  if (s.stopped === 'sessionEnded') {
    return vscode.l10n.t({ message: '{0}. Stopped because you signed out or switched account; sign in again to see the current state.', args: [counts], comment: ['{0} is "N of M done, ..."'] });
  }
  const sentences = [s.stopped === 'cancelled' ? vscode.l10n.t({ message: '{0}. Stopped on cancel: no new call was started after it.', args: [counts], comment: ['{0} is "N of M done, ..."'] }) : `${counts}.`];
  const { retryable, permanent } = s;
  if (retryable && !permanent) {
    sentences.push(retryable === 1 ? vscode.l10n.t('Use Retry Failed to send it again.') : vscode.l10n.t('Use Retry Failed to send them again.'));
  } else if (retryable && permanent) {
    sentences.push(
      permanent === 1
        ? vscode.l10n.t({ message: 'Retry Failed sends the {0} that may succeed now; 1 would fail the same way until fixed: Save Failure Report lists it with the reason.', args: [retryable], comment: ['{0} is a number of links'] })
        : vscode.l10n.t({ message: 'Retry Failed sends the {0} that may succeed now; {1} would fail the same way until fixed: Save Failure Report lists them with the reason.', args: [retryable, permanent], comment: ['{0} and {1} are numbers of links'] }),
    );
  } else if (permanent) {
    sentences.push(
      permanent === 1
        ? vscode.l10n.t('Sending again would fail the same way: fix it first (Save Failure Report lists it with the reason).')
        : vscode.l10n.t('Sending again would fail the same way: fix them first (Save Failure Report lists them with the reason).'),
    );
  }
  return sentences.join(' ');
}

function summarise(c: CommandContext, title: string, result: BulkResult, options: BulkRunOptions): void {
  const { locate } = options;
  c.logger.outcomes(title, result.outcomes, locate);
  const at = (link: ClientLink): string => {
    const where = locate?.(link);
    return where ? ` (${where})` : '';
  };
  for (const r of result.refused) {
    c.logger.warn(`${title}: ${r.link.ClientEntityName ?? r.link.Name ?? r.link.ClientEntityId ?? r.link.ClientEntityNumber}${at(r.link)} not sent: ${r.reason}`);
  }
  const summary = summarizeBulk(result);
  if (summary.allDone) {
    if (options.onAllDone) {
      options.onAllDone(result);
    } else {
      void vscode.window.showInformationMessage(
        summary.done === 1
          ? vscode.l10n.t({ message: '{0}: done.', args: [title], comment: ['{0} is the action (Accept, Decline, ...)'] })
          : vscode.l10n.t({ message: '{0}: all {1} done.', args: [title, summary.done], comment: ['{0} is the action (Accept, Decline, ...)'] }),
      );
    }
    return;
  }
  const parts = [bulkSummaryText(summary)];
  const firstFailed = result.outcomes.find((o) => o.state === 'failed');
  const firstRefused = result.refused[0];
  // The reason in the user's words (with the service's code), as the failure report gives it.
  const reason = (firstFailed && outcomeFailure(firstFailed)?.reason) ?? firstRefused?.reason;
  const reasonLink = firstFailed?.link ?? firstRefused?.link;
  if (reason) {
    const where = reasonLink && locate?.(reasonLink);
    parts.push(
      where
        ? vscode.l10n.t({ message: 'First problem ({0}): {1}', args: [where, reason], comment: ['{0} says where the link came from (row 3), {1} why it failed'] })
        : vscode.l10n.t({ message: 'First problem: {0}', args: [reason], comment: ['{0} is why the first link failed'] }),
    );
  }
  const buttons = bulkButtons(c);
  void vscode.window.showWarningMessage(c.logger.redactor.redact(`${title}: ${parts.join(' ')}`), ...buttons.map((b) => b.label)).then((choice) => {
    const button = buttons.find((b) => b.label === choice);
    if (button) {
      void vscode.commands.executeCommand(button.command);
    }
  });
}

/** Save Failure Report: the links the last bulk action did not get done, with the reason, as CSV. */
export function registerFailureReportCommand(c: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('clientLinks.saveFailureReport', async (target?: unknown): Promise<vscode.Uri | undefined> => {
    const report = c.store.lastFailures;
    if (!report) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to report: the last action had no failures.'));
      return undefined;
    }
    let uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : undefined;
    if (!uri) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
      const n = report.failures.length;
      uri = await vscode.window.showSaveDialog({
        title:
          report.action === 'invite'
            ? n === 1
              ? vscode.l10n.t('Save the 1 failed invitation with the reason')
              : vscode.l10n.t('Save the {0} failed invitations with the reason', n)
            : n === 1
              ? vscode.l10n.t('Save the 1 failed link with the reason')
              : vscode.l10n.t('Save the {0} failed links with the reason', n),
        defaultUri: vscode.Uri.joinPath(folder, defaultFailureReportName(report, new Date())),
        filters: { CSV: ['csv'] },
        saveLabel: vscode.l10n.t('Save Report'),
      });
    }
    if (!uri) {
      return undefined;
    }
    const saved = uri;
    await vscode.workspace.fs.writeFile(saved, failureReportBytes(report));
    c.logger.info(`Saved the failure report (${report.failures.length} rows) to ${saved.fsPath}`);
    const next =
      report.action === 'invite'
        ? vscode.l10n.t('Fix the rows (the reason column says what is wrong), then use Invite Clients from CSV on this file.')
        : vscode.l10n.t('It lists each link with the reason.');
    const rows = report.failures.length;
    const savedText = rows === 1 ? vscode.l10n.t('Saved 1 failed row to {0}.', saved.fsPath) : vscode.l10n.t('Saved {0} failed rows to {1}.', rows, saved.fsPath);
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(`${savedText} ${next}`, open).then((choice) => {
      if (choice === open) {
        void vscode.window.showTextDocument(saved);
      }
    });
    return saved;
  });
}

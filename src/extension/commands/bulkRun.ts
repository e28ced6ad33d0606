/**
 * Running a bulk action with progress and telling the user how it went: Retry Failed only when some
 * failures may succeed when sent again, Save Failure Report for the ones that must be fixed first
 * (a CSV of the failed rows with the reason), Show Log always.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ClientLink } from '../../core/model/clientLink';
import { outcomeFailure, summarizeBulk } from '../../core/workflow/bulkSummary';
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
      { location: vscode.ProgressLocation.Notification, title: `${title}: ${count} link${count === 1 ? '' : 's'}`, cancellable: count > 10 },
      async (progress, token) => {
        let reported = 0;
        return work(abortSignalFor(token), (p) => {
          const pct = (p.done / Math.max(1, p.total)) * 100;
          progress.report({ increment: pct - reported, message: `${p.done} of ${p.total}` });
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

export const RETRY_FAILED = 'Retry Failed';
export const SAVE_FAILURE_REPORT = 'Save Failure Report';

/** The buttons after a bulk action that did not get everything done. */
export function bulkButtons(c: CommandContext): string[] {
  // The report is offered for what cannot succeed as it is, this action's or kept from the one it retried.
  const mustFix = c.store.lastFailures?.failures.some((f) => !f.failure.retryable) ?? false;
  return [...(c.store.lastFailed ? [RETRY_FAILED] : []), ...(mustFix ? [SAVE_FAILURE_REPORT] : []), 'Show Log'];
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
  const ok = result.outcomes.filter((o) => o.state === 'succeeded').length;
  const allDone = result.outcomes.every((o) => o.state === 'succeeded') && result.refused.length === 0 && !result.sessionEnded;
  if (allDone) {
    if (options.onAllDone) {
      options.onAllDone(result);
    } else {
      void vscode.window.showInformationMessage(`${title}: ${ok === 1 ? 'done' : `all ${ok} done`}.`);
    }
    return;
  }
  const parts = [summarizeBulk(result)];
  const firstFailed = result.outcomes.find((o) => o.state === 'failed');
  const firstRefused = result.refused[0];
  // The reason in the user's words (with the service's code), as the failure report gives it.
  const reason = (firstFailed && outcomeFailure(firstFailed)?.reason) ?? firstRefused?.reason;
  const reasonLink = firstFailed?.link ?? firstRefused?.link;
  if (reason) {
    const where = reasonLink && locate?.(reasonLink);
    parts.push(`First problem${where ? ` (${where})` : ''}: ${reason}`);
  }
  void vscode.window.showWarningMessage(c.logger.redactor.redact(`${title}: ${parts.join(' ')}`), ...bulkButtons(c)).then((choice) => {
    if (choice === 'Show Log') {
      c.logger.show();
    } else if (choice === RETRY_FAILED) {
      void vscode.commands.executeCommand('clientLinks.retryFailed');
    } else if (choice === SAVE_FAILURE_REPORT) {
      void vscode.commands.executeCommand('clientLinks.saveFailureReport');
    }
  });
}

/** Save Failure Report: the links the last bulk action did not get done, with the reason, as CSV. */
export function registerFailureReportCommand(c: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('clientLinks.saveFailureReport', async (target?: unknown): Promise<vscode.Uri | undefined> => {
    const report = c.store.lastFailures;
    if (!report) {
      void vscode.window.showInformationMessage('Nothing to report: the last action had no failures.');
      return undefined;
    }
    let uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : undefined;
    if (!uri) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
      const n = report.failures.length;
      uri = await vscode.window.showSaveDialog({
        title: `Save the ${n} failed ${report.action === 'invite' ? 'invitation' : 'link'}${n === 1 ? '' : 's'} with the reason`,
        defaultUri: vscode.Uri.joinPath(folder, defaultFailureReportName(report, new Date())),
        filters: { CSV: ['csv'] },
        saveLabel: 'Save Report',
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
        ? 'Fix the rows (the reason column says what is wrong), then use Invite Clients from CSV on this file.'
        : 'It lists each link with the reason.';
    void vscode.window.showInformationMessage(`Saved ${report.failures.length} failed row${report.failures.length === 1 ? '' : 's'} to ${saved.fsPath}. ${next}`, 'Open').then((choice) => {
      if (choice === 'Open') {
        void vscode.window.showTextDocument(saved);
      }
    });
    return saved;
  });
}

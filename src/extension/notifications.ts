/** Error and summary notifications: one sentence, what to do, and Show Log / Retry buttons. */
import * as vscode from 'vscode';
import { isErrorKind, userMessage } from '../core/errors';
import type { Logger } from './logger';

export function reportError(logger: Logger, context: string, e: unknown, retry?: () => unknown): void {
  if (isErrorKind(e, 'cancelled')) {
    logger.info(`${context}: cancelled`);
    return;
  }
  logger.failure(context, e);
  const message = logger.redactor.redact(`${context} failed: ${userMessage(e)}`);
  const buttons = retry ? ['Retry', 'Show Log'] : ['Show Log'];
  // Not awaited: a command must finish when its work is done, not when the user closes the toast.
  void vscode.window.showErrorMessage(message, ...buttons).then((choice) => {
    if (choice === 'Show Log') {
      logger.show();
    } else if (choice === 'Retry' && retry) {
      void retry();
    }
  });
}

/** AbortSignal that follows a VS Code cancellation token. */
export function abortSignalFor(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  } else {
    token.onCancellationRequested(() => controller.abort());
  }
  return controller.signal;
}

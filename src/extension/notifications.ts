/** Error and summary notifications: one sentence, what to do, and Show Log / Retry buttons. */
import * as vscode from 'vscode';
import { isCredentialsRefused, isErrorKind, userMessage } from '../core/errors';
import type { Logger } from './logger';

/** The buttons that fix refused credentials (105: the developer token or the sign-in, the service does not say which). */
export const CREDENTIAL_ACTIONS = { 'Set Developer Token': 'clientLinks.setDeveloperToken', 'Sign In': 'clientLinks.signIn' } as const;

export function reportError(logger: Logger, context: string, e: unknown, retry?: () => unknown, options?: { logged?: boolean }): void {
  if (isErrorKind(e, 'cancelled')) {
    logger.info(`${context}: cancelled`);
    return;
  }
  if (!options?.logged) {
    logger.failure(context, e);
  }
  const message = logger.redactor.redact(`${context} failed: ${userMessage(e)}`);
  const credentials = isCredentialsRefused(e) ? Object.keys(CREDENTIAL_ACTIONS) : [];
  const buttons = [...credentials, ...(retry ? ['Retry', 'Show Log'] : ['Show Log'])];
  // Not awaited: a command must finish when its work is done, not when the user closes the toast.
  void vscode.window.showErrorMessage(message, ...buttons).then((choice) => {
    if (choice === 'Show Log') {
      logger.show();
    } else if (choice === 'Retry' && retry) {
      void retry();
    } else if (choice && Object.hasOwn(CREDENTIAL_ACTIONS, choice)) {
      void vscode.commands.executeCommand(CREDENTIAL_ACTIONS[choice as keyof typeof CREDENTIAL_ACTIONS]);
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

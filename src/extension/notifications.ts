/** Error and summary notifications: one sentence, what to do, and Show Log / Retry buttons. */
import * as vscode from 'vscode';
import { isCredentialsRefused, isErrorKind, userMessage } from '../core/errors';
import { EXTENSION_ADVICE } from './adviceText';
import type { Logger } from './logger';

/** The buttons that fix refused credentials (105: the developer token or the sign-in, the service does not say which): label and command. */
export function credentialActions(): readonly { label: string; command: string }[] {
  return [
    { label: vscode.l10n.t('Set Developer Token'), command: 'clientLinks.setDeveloperToken' },
    { label: vscode.l10n.t('Sign In'), command: 'clientLinks.signIn' },
  ];
}

export function reportError(logger: Logger, context: string, e: unknown, retry?: () => unknown, options?: { logged?: boolean }): void {
  if (isErrorKind(e, 'cancelled')) {
    logger.info(`${context}: cancelled`);
    return;
  }
  if (!options?.logged) {
    logger.failure(context, e);
  }
  const message = logger.redactor.redact(vscode.l10n.t({ message: '{0} failed: {1}', args: [context, userMessage(e, EXTENSION_ADVICE)], comment: ['{0} is what the user did (Refresh, Sign in, ...), {1} what went wrong and what to do'] }));
  const credentials = isCredentialsRefused(e) ? credentialActions() : [];
  const showLog = vscode.l10n.t('Show Log');
  const retryLabel = vscode.l10n.t('Retry');
  const buttons = [...credentials.map((a) => a.label), ...(retry ? [retryLabel, showLog] : [showLog])];
  // Not awaited: a command must finish when its work is done, not when the user closes the toast.
  void vscode.window.showErrorMessage(message, ...buttons).then((choice) => {
    const credential = credentials.find((a) => a.label === choice);
    if (choice === showLog) {
      logger.show();
    } else if (choice === retryLabel && retry) {
      void retry();
    } else if (credential) {
      void vscode.commands.executeCommand(credential.command);
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

/** The words of each link action in VS Code's display language (the lifecycle table in core holds the rules, these the labels). */
import * as vscode from 'vscode';
import type { LinkAction } from '../../core/model/lifecycle';

export interface ActionWords {
  /** Verb for menus, titles and messages ("Cancel invitation"). */
  title: string;
  /** The confirmation dialog's button: never "Cancel …" next to the dialog's own Cancel. */
  confirm: string;
  /** Why the palette offers no link: what the action needs. */
  noneApplicable: string;
}

export function actionWords(action: LinkAction): ActionWords {
  switch (action) {
    case 'accept':
      return { title: vscode.l10n.t('Accept'), confirm: vscode.l10n.t('Accept'), noneApplicable: vscode.l10n.t('No link can be accepted now: Accept needs a pending invitation sent to you (client side).') };
    case 'decline':
      return { title: vscode.l10n.t('Decline'), confirm: vscode.l10n.t('Decline'), noneApplicable: vscode.l10n.t('No link can be declined now: Decline needs a pending invitation sent to you (client side).') };
    case 'cancel':
      return { title: vscode.l10n.t('Cancel invitation'), confirm: vscode.l10n.t('Withdraw Invitation'), noneApplicable: vscode.l10n.t('No link can be canceled now: Cancel invitation needs a pending invitation you sent (agency side).') };
    case 'unlink':
      return { title: vscode.l10n.t('Request unlink'), confirm: vscode.l10n.t('Request Unlink'), noneApplicable: vscode.l10n.t('No link can be unlinked now: Request unlink needs an Active link you manage (agency side).') };
  }
}

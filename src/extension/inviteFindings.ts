/** The extension's words for pre-flight findings (core/workflow/inviteChecks.ts gives them as data). */
import * as vscode from 'vscode';
import { findStatusDefinition } from '../core/model/lifecycle';
import type { InviteFinding } from '../core/workflow/inviteChecks';

function clientOf(f: InviteFinding): string {
  return f.link?.ClientEntityName ?? f.link?.Name ?? f.link?.ClientEntityId ?? vscode.l10n.t('this client');
}

/** One finding in a sentence, labelled as a prediction. */
export function findingReason(f: InviteFinding): string {
  switch (f.kind) {
    case 'pendingInvitation':
      return vscode.l10n.t('Predicted refusal (error {0}): {1} already has a pending invitation from you.', f.predictedCode ?? 1410, clientOf(f));
    case 'alreadyLinked':
      return vscode.l10n.t('Predicted refusal (error {0}): {1} is already linked to you.', f.predictedCode ?? 1410, clientOf(f));
    case 'linkInMotion':
      return vscode.l10n.t(
        'Predicted refusal (error {0}): the link to {1} is {2}; invite once it has ended.',
        f.predictedCode ?? 1410,
        clientOf(f),
        (findStatusDefinition(f.link?.Status)?.label ?? f.link?.Status ?? vscode.l10n.t('changing')).toLowerCase(),
      );
    case 'duplicateInFile':
      return vscode.l10n.t('The same client as row {0}: it is invited once.', f.firstRow ?? '?');
    case 'pastStartDate':
      return vscode.l10n.t('Predicted refusal: the start date is in the past. Use today or a later date, or leave it empty.');
  }
}

/** Every finding of an invitation, joined. */
export function findingsReason(findings: readonly InviteFinding[]): string {
  return findings.map(findingReason).join(' ');
}

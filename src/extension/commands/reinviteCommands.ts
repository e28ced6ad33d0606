/** Re-invite: the same invitation again for expired, declined or canceled links (one, a selection, or picked from the palette). */
import * as vscode from 'vscode';
import type { ClientLink } from '../../core/model/clientLink';
import { linkTitle } from '../../core/workflow/linkFacts';
import type { BulkResult } from '../../core/workflow/linkBulk';
import { reinvitableLinks, reinviteRefusal, reinviteStatusLabels } from '../../core/workflow/reinvite';
import { runBulk } from './bulkRun';
import type { CommandContext } from './commandContext';
import { pickerRow, targetLinks } from './linkActionCommands';

export function registerReinviteCommand(c: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('clientLinks.reinvite', async (clicked?: unknown, selected?: unknown): Promise<BulkResult | undefined> => {
    const active = c.store.active;
    if (!active) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Sign in and wait for your links to load first.'));
      return undefined;
    }
    let links = targetLinks(clicked, selected);
    if (links.length === 0) {
      links = (await pickLinks(c)) ?? [];
      if (links.length === 0) {
        return undefined;
      }
    }
    // A selection with other statuses: send only the links Re-invite applies to, and say how many of how many.
    const applicable = links.filter((l) => reinviteRefusal(l, active, c.store.customers) === undefined);
    if (applicable.length === 0) {
      const first = links[0];
      const reason = links.length === 1 && first ? (reinviteRefusal(first, active, c.store.customers) ?? '') : vscode.l10n.t('Re-invite applies to none of the {0} selected links: it sends again an invitation that ended without a link ({1}).', links.length, reinviteStatusLabels());
      void vscode.window.showInformationMessage(reason);
      return undefined;
    }
    const shown = applicable.slice(0, 3).map(linkTitle).join(', ') + (applicable.length > 3 ? vscode.l10n.t(' and {0} more', applicable.length - 3) : '');
    const others = links.length - applicable.length;
    const detail = [
      vscode.l10n.t('A new invitation with the same type, name, note, who pays and notification choice is sent; the client has 30 days to answer it.'),
      others ? vscode.l10n.t('{0} other selected links are left unchanged: Re-invite does not apply to them.', others) : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    const confirm = vscode.l10n.t('Send Again');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Re-invite: {0}?', shown), { modal: true, detail }, confirm);
    if (answer !== confirm) {
      return undefined;
    }
    const title = others ? vscode.l10n.t('Re-invite: {0} of {1} selected', applicable.length, links.length) : vscode.l10n.t('Re-invite');
    return runBulk(c, title, applicable.length, (signal, onProgress) => c.store.reinvite(applicable, { signal, onProgress }));
  });
}

/** From the command palette: which of the expired, declined or canceled invitations to send again. */
async function pickLinks(c: CommandContext): Promise<ClientLink[] | undefined> {
  const active = c.store.active;
  const candidates = active ? reinvitableLinks(c.store.links, active) : [];
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No invitation to send again: Re-invite applies to invitations you sent that ended without a link ({0}).', reinviteStatusLabels()));
    return undefined;
  }
  const picks = await vscode.window.showQuickPick(
    candidates.map((link) => ({ ...pickerRow(link, 'agency'), link })),
    { title: vscode.l10n.t('Re-invite: which links?'), canPickMany: true, matchOnDescription: true, matchOnDetail: true },
  );
  return picks?.map((p) => p.link);
}

/** Accept, decline, cancel, unlink (one or many links) and "Retry failed". */
import * as vscode from 'vscode';
import type { ClientLink } from '../../core/model/clientLink';
import { ACTIONS, LINK_ACTIONS, type LinkAction } from '../../core/model/lifecycle';
import { actionWords } from './actionWords';
import { actionNotApplicableReason, actionsForSelection, linksForAction, noActionReason, refusalReason, selectionActionLabel, unlinkConsequence } from '../../core/workflow/linkActions';
import { linkTitle } from '../../core/workflow/linkFacts';
import type { BulkResult } from '../../core/workflow/linkBulk';
import { LinkNode } from '../tree/linksTreeProvider';
import { runBulk } from './bulkRun';
import type { CommandContext } from './commandContext';

/** The links a menu command acts on: the multi-selection when the clicked node is in it, else the clicked node. */
export function targetLinks(clicked: unknown, selected: unknown): ClientLink[] {
  const nodes = Array.isArray(selected) && selected.length > 0 ? selected : clicked ? [clicked] : [];
  return nodes.filter((n): n is LinkNode => n instanceof LinkNode).map((n) => n.link);
}

export function registerLinkActionCommands(c: CommandContext): vscode.Disposable[] {
  const register = (action: LinkAction): vscode.Disposable =>
    vscode.commands.registerCommand(`clientLinks.${action}`, async (clicked?: unknown, selected?: unknown) => {
      const links = targetLinks(clicked, selected);
      if (links.length === 0) {
        const picked = (await pickLinks(c, action)) ?? [];
        return picked.length ? runAction(c, action, picked) : undefined;
      }
      const active = c.store.active;
      if (links.length > 1 && active) {
        // A selection with different statuses: act on the links the action applies to, say how many of how many.
        const applicable = links.filter((l) => refusalReason(action, l, active, c.store.customers) === undefined);
        if (applicable.length === 0) {
          void vscode.window.showInformationMessage(actionNotApplicableReason(action, links, active, c.store.customers));
          return undefined;
        }
        return runAction(c, action, applicable, { selected: links.length });
      }
      return runAction(c, action, links);
    });
  return [
    ...LINK_ACTIONS.map(register),
    vscode.commands.registerCommand('clientLinks.actOnSelection', async (clicked?: unknown, selected?: unknown) => {
      const picked = targetLinks(clicked, selected);
      const links = picked.length ? picked : c.tree.selectedLinks();
      const active = c.store.active;
      if (!active || links.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select links in the Client Links view first.'));
        return undefined;
      }
      const choices = actionsForSelection(links, active);
      if (choices.length === 0) {
        void vscode.window.showInformationMessage(noActionReason(links, active, c.store.customers));
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(
        choices.map((choice) => ({ label: selectionActionLabel(choice), description: choice.links.slice(0, 3).map(linkTitle).join(', ') + (choice.links.length > 3 ? ', ...' : ''), choice })),
        { title: vscode.l10n.t('{0} selected links: which action?', links.length), placeHolder: vscode.l10n.t('Each action is sent only for the links it applies to') },
      );
      return pick ? runAction(c, pick.choice.action, pick.choice.links, { selected: links.length }) : undefined;
    }),
    vscode.commands.registerCommand('clientLinks.retryFailed', async () => {
      const failed = c.store.lastFailed;
      if (!failed) {
        if (c.store.lastFailures) {
          // What failed would fail the same way: say so, and offer the report to fix it from.
          void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to retry: the failures of the last action would fail the same way if sent again. Save Failure Report lists them with the reason.'), vscode.l10n.t('Save Failure Report')).then((choice) => {
            if (choice) {
              void vscode.commands.executeCommand('clientLinks.saveFailureReport');
            }
          });
        } else {
          void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to retry: the last action had no failures.'));
        }
        return undefined;
      }
      // The store re-reads each link and skips those whose status changed since the failure.
      const title = failed.action === 'invite' ? vscode.l10n.t('Invite') : actionWords(failed.action).title;
      return runBulk(c, vscode.l10n.t({ message: 'Retry: {0}', args: [title], comment: ['{0} is the action retried (Invite, Accept, ...)'] }), failed.links.length, async (signal, onProgress) => (await c.store.retryFailed({ signal, onProgress })) ?? { action: failed.action, outcomes: [], refused: [], cancelled: false });
    }),
  ];
}

/** From the command palette: ask which links (only those where the action is allowed). */
async function pickLinks(c: CommandContext, action: LinkAction): Promise<ClientLink[] | undefined> {
  const active = c.store.active;
  if (!active) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Sign in and wait for your links to load first.'));
    return undefined;
  }
  const candidates = linksForAction(action, c.store.links, active);
  const def = ACTIONS[action];
  const words = actionWords(action);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(words.noneApplicable);
    return undefined;
  }
  const picks = await vscode.window.showQuickPick(
    candidates.map((link) => ({ ...pickerRow(link, def.side), link })),
    { title: vscode.l10n.t({ message: '{0}: which links?', args: [words.title], comment: ['{0} is the action (Accept, Decline, ...)'] }), canPickMany: true, matchOnDescription: true, matchOnDetail: true },
  );
  return picks?.map((p) => p.link);
}

/**
 * A picker row names the client first (the agency's own name says nothing to the agency). The
 * client, answering an invitation, also sees which agency sent it, who would pay and the note.
 */
export function pickerRow(link: ClientLink, side: 'agency' | 'client'): { label: string; description: string; detail?: string } {
  const number = link.ClientEntityNumber ?? link.ClientEntityId ?? '';
  const note = link.Note?.trim() ? vscode.l10n.t({ message: 'Note: "{0}"', args: [link.Note.trim().replace(/\s+/g, ' ')], comment: ['{0} is the note the agency wrote to the client'] }) : undefined;
  if (side === 'client') {
    const pays = link.IsBillToClient === true ? vscode.l10n.t('Who pays: you pay') : link.IsBillToClient === false ? vscode.l10n.t('Who pays: the agency pays') : undefined;
    const agency = link.ManagingCustomerName ?? vscode.l10n.t('customer {0}', link.ManagingCustomerId ?? '?');
    const from = vscode.l10n.t({ message: 'from {0}', args: [agency], comment: ['{0} is the agency that sent the invitation'] });
    return { label: linkTitle(link), description: [number, from].filter(Boolean).join(' · '), detail: [pays, note ?? vscode.l10n.t('No note')].filter(Boolean).join(' · ') };
  }
  const clientPays = link.IsBillToClient === true ? vscode.l10n.t('the client pays') : link.IsBillToClient === false ? vscode.l10n.t('you pay') : undefined;
  return { label: linkTitle(link), description: [number, clientPays].filter(Boolean).join(' · '), detail: note };
}

/**
 * Confirms (for destructive actions) and runs `action` on `links`. `selected`: how many links the
 * user had selected when only some of them are acted on ("Cancel invitation: 3 of 5 selected").
 */
export async function runAction(c: CommandContext, action: LinkAction, links: ClientLink[], options: { confirm?: boolean; selected?: number } = {}): Promise<BulkResult | undefined> {
  const def = ACTIONS[action];
  const words = actionWords(action);
  const partOf = options.selected !== undefined && options.selected > links.length ? options.selected : undefined;
  const title = partOf
    ? vscode.l10n.t({ message: '{0}: {1} of {2} selected', args: [words.title, links.length, partOf], comment: ['{0} is the action, {1} how many links it is sent for, {2} how many were selected'] })
    : words.title;
  if ((options.confirm ?? true) && def.destructive) {
    const firstNames = links.slice(0, 3).map((l) => l.ClientEntityName ?? l.ClientEntityId).join(', ');
    const names = links.length > 3 ? vscode.l10n.t({ message: '{0} and {1} more', args: [firstNames, links.length - 3], comment: ['{0} is a list of client names'] }) : firstNames;
    const consequence: Record<LinkAction, string> = {
      accept: '',
      decline: vscode.l10n.t('The agency will not manage these accounts; it must send a new invitation to try again.'),
      cancel: vscode.l10n.t('The clients can no longer accept; send a new invitation to try again.'),
      unlink: unlinkConsequence(links),
    };
    const others = partOf ? partOf - links.length : 0;
    const skipped = !others
      ? ''
      : others === 1
        ? ` ${vscode.l10n.t({ message: '1 other selected link is left unchanged: {0} does not apply to it.', args: [words.title], comment: ['{0} is the action'] })}`
        : ` ${vscode.l10n.t({ message: '{0} other selected links are left unchanged: {1} does not apply to them.', args: [others, words.title], comment: ['{1} is the action'] })}`;
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t({ message: '{0}: {1}?', args: [title, names], comment: ['confirmation: {0} is the action, {1} the clients it applies to'] }),
      { modal: true, detail: `${consequence[action]}${skipped}` },
      words.confirm,
    );
    if (answer !== words.confirm) {
      return undefined;
    }
  }
  return runBulk(c, title, links.length, (signal, onProgress) => c.store.runAction(action, links, { signal, onProgress }));
}

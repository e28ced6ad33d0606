/** Accept, decline, cancel, unlink (one or many links) and "Retry failed". */
import * as vscode from 'vscode';
import type { ClientLink } from '../../core/model/clientLink';
import { ACTIONS, LINK_ACTIONS, type LinkAction } from '../../core/model/lifecycle';
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
        void vscode.window.showInformationMessage('Select links in the Client Links view first.');
        return undefined;
      }
      const choices = actionsForSelection(links, active);
      if (choices.length === 0) {
        void vscode.window.showInformationMessage(noActionReason(links, active, c.store.customers));
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(
        choices.map((choice) => ({ label: selectionActionLabel(choice), description: choice.links.slice(0, 3).map(linkTitle).join(', ') + (choice.links.length > 3 ? ', ...' : ''), choice })),
        { title: `${links.length} selected links: which action?`, placeHolder: 'Each action is sent only for the links it applies to' },
      );
      return pick ? runAction(c, pick.choice.action, pick.choice.links, { selected: links.length }) : undefined;
    }),
    vscode.commands.registerCommand('clientLinks.retryFailed', async () => {
      const failed = c.store.lastFailed;
      if (!failed) {
        if (c.store.lastFailures) {
          // What failed would fail the same way: say so, and offer the report to fix it from.
          void vscode.window.showInformationMessage('Nothing to retry: the failures of the last action would fail the same way if sent again. Save Failure Report lists them with the reason.', 'Save Failure Report').then((choice) => {
            if (choice) {
              void vscode.commands.executeCommand('clientLinks.saveFailureReport');
            }
          });
        } else {
          void vscode.window.showInformationMessage('Nothing to retry: the last action had no failures.');
        }
        return undefined;
      }
      // The store re-reads each link and skips those whose status changed since the failure.
      const title = failed.action === 'invite' ? 'Invite' : ACTIONS[failed.action].title;
      return runBulk(c, `Retry: ${title}`, failed.links.length, async (signal, onProgress) => (await c.store.retryFailed({ signal, onProgress })) ?? { action: failed.action, outcomes: [], refused: [], cancelled: false });
    }),
  ];
}

/** From the command palette: ask which links (only those where the action is allowed). */
async function pickLinks(c: CommandContext, action: LinkAction): Promise<ClientLink[] | undefined> {
  const active = c.store.active;
  if (!active) {
    void vscode.window.showWarningMessage('Sign in and wait for your links to load first.');
    return undefined;
  }
  const candidates = linksForAction(action, c.store.links, active);
  const def = ACTIONS[action];
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No link can be ${def.done} now: ${def.title} needs status ${def.from} on the ${def.side} side.`);
    return undefined;
  }
  const picks = await vscode.window.showQuickPick(
    candidates.map((link) => ({ ...pickerRow(link, def.side), link })),
    { title: `${def.title}: which links?`, canPickMany: true, matchOnDescription: true, matchOnDetail: true },
  );
  return picks?.map((p) => p.link);
}

/**
 * A picker row names the client first (the agency's own name says nothing to the agency). The
 * client, answering an invitation, also sees which agency sent it, who would pay and the note.
 */
export function pickerRow(link: ClientLink, side: 'agency' | 'client'): { label: string; description: string; detail?: string } {
  const number = link.ClientEntityNumber ?? link.ClientEntityId ?? '';
  const pays = link.IsBillToClient === true ? 'you pay' : link.IsBillToClient === false ? 'the agency pays' : undefined;
  if (side === 'client') {
    const from = `from ${link.ManagingCustomerName ?? `customer ${link.ManagingCustomerId ?? '?'}`}`;
    const note = link.Note?.trim() ? `Note: "${link.Note.trim().replace(/\s+/g, ' ')}"` : 'No note';
    return { label: linkTitle(link), description: [number, from].filter(Boolean).join(' · '), detail: [pays ? `Who pays: ${pays}` : undefined, note].filter(Boolean).join(' · ') };
  }
  const clientPays = link.IsBillToClient === true ? 'the client pays' : link.IsBillToClient === false ? 'you pay' : undefined;
  return { label: linkTitle(link), description: [number, clientPays].filter(Boolean).join(' · '), detail: link.Note?.trim() ? `Note: "${link.Note.trim().replace(/\s+/g, ' ')}"` : undefined };
}

/**
 * Confirms (for destructive actions) and runs `action` on `links`. `selected`: how many links the
 * user had selected when only some of them are acted on ("Cancel invitation: 3 of 5 selected").
 */
export async function runAction(c: CommandContext, action: LinkAction, links: ClientLink[], options: { confirm?: boolean; selected?: number } = {}): Promise<BulkResult | undefined> {
  const def = ACTIONS[action];
  const partOf = options.selected !== undefined && options.selected > links.length ? options.selected : undefined;
  const title = partOf ? `${def.title}: ${links.length} of ${partOf} selected` : def.title;
  if ((options.confirm ?? true) && def.destructive) {
    const names = links.slice(0, 3).map((l) => l.ClientEntityName ?? l.ClientEntityId).join(', ') + (links.length > 3 ? ` and ${links.length - 3} more` : '');
    const consequence: Record<LinkAction, string> = {
      accept: '',
      decline: 'The agency will not manage these accounts; it must send a new invitation to try again.',
      cancel: 'The clients can no longer accept; send a new invitation to try again.',
      unlink: unlinkConsequence(links),
    };
    const others = partOf ? partOf - links.length : 0;
    const skipped = others ? ` ${others} other selected link${others === 1 ? ' is' : 's are'} left unchanged: ${def.title} does not apply to ${others === 1 ? 'it' : 'them'}.` : '';
    const answer = await vscode.window.showWarningMessage(`${title}: ${names}?`, { modal: true, detail: `${consequence[action]}${skipped}` }, def.confirm);
    if (answer !== def.confirm) {
      return undefined;
    }
  }
  return runBulk(c, title, links.length, (signal, onProgress) => c.store.runAction(action, links, { signal, onProgress }));
}

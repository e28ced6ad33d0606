/** Accept, decline, cancel, unlink (one or many links) and "Retry failed". */
import * as vscode from 'vscode';
import type { ClientLink } from '../../core/model/clientLink';
import { ACTIONS, LINK_ACTIONS, type LinkAction } from '../../core/model/lifecycle';
import { linksForAction, unlinkConsequence } from '../../core/workflow/linkActions';
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
      let links = targetLinks(clicked, selected);
      if (links.length === 0) {
        links = (await pickLinks(c, action)) ?? [];
        if (links.length === 0) {
          return undefined;
        }
      }
      return runAction(c, action, links);
    });
  return [
    ...LINK_ACTIONS.map(register),
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
    candidates.map((link) => ({ label: link.ClientEntityName ?? link.Name ?? link.ClientEntityId ?? '?', description: `${link.ClientEntityNumber ?? link.ClientEntityId ?? ''} · ${link.ManagingCustomerName ?? ''}`, link })),
    { title: `${def.title}: which links?`, canPickMany: true, matchOnDescription: true },
  );
  return picks?.map((p) => p.link);
}

async function runAction(c: CommandContext, action: LinkAction, links: ClientLink[], confirm = true): Promise<BulkResult | undefined> {
  const def = ACTIONS[action];
  if (confirm && def.destructive) {
    const names = links.slice(0, 3).map((l) => l.ClientEntityName ?? l.ClientEntityId).join(', ') + (links.length > 3 ? ` and ${links.length - 3} more` : '');
    const consequence: Record<LinkAction, string> = {
      accept: '',
      decline: 'The agency will not manage these accounts; it must send a new invitation to try again.',
      cancel: 'The clients can no longer accept; send a new invitation to try again.',
      unlink: unlinkConsequence(links),
    };
    const answer = await vscode.window.showWarningMessage(`${def.title}: ${names}?`, { modal: true, detail: consequence[action] }, def.confirm);
    if (answer !== def.confirm) {
      return undefined;
    }
  }
  return runBulk(c, def.title, links.length, (signal, onProgress) => c.store.runAction(action, links, { signal, onProgress }));
}

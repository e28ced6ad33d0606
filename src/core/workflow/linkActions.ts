/**
 * Turning a user's action on searched links into UpdateClientLinks payloads, refusing what the
 * lifecycle table does not allow before anything is sent.
 */
import * as l10n from '@vscode/l10n';
import { ACTIONS, LINK_ACTIONS, type LinkAction, type LinkSide, awaitsAction, findStatusDefinition, isActionAllowed, statusDefinition } from '../model/lifecycle';
import type { ClientLink } from '../model/clientLink';
import { clientLinkKey } from '../model/clientLink';
import { type CustomerChoice, mayManage, sideOf } from './customerContext';
import { type CustomerNames, customerInSentence } from './customerDirectory';

export interface PlannedUpdate {
  link: ClientLink;
  /** The searched link with only Status (and Note, when given) changed: full-update semantics (spec §11.4). */
  payload: ClientLink;
}

export interface RefusedUpdate {
  link: ClientLink;
  reason: string;
}

export interface UpdatePlan {
  action: LinkAction;
  updates: PlannedUpdate[];
  refused: RefusedUpdate[];
}

/** Why `action` cannot be taken on `link` by `active`, or undefined when it can. */
export function refusalReason(action: LinkAction, link: ClientLink, active: CustomerChoice, names?: CustomerNames): string | undefined {
  const def = ACTIONS[action];
  const side: LinkSide = sideOf(link, active);
  const name = link.Name || link.ClientEntityName || link.ClientEntityId || l10n.t('this link');
  if (!link.Status) {
    return l10n.t('{0} has no status yet; refresh and try again.', name);
  }
  if (!mayManage(link, active)) {
    const customer = customerInSentence(active.customerId, names);
    return link.Type === 'CustomerLink'
      ? l10n.t('Your role ({0}) on {1} cannot change customer links; a Super Admin can.', active.roleName, customer)
      : l10n.t('Your role ({0}) on {1} cannot change account links; a Super Admin can.', active.roleName, customer);
  }
  if (def.side !== side) {
    const title = def.title.toLowerCase();
    return def.side === 'agency'
      ? l10n.t('Only the agency (managing customer) can {0}; you are the client for {1}.', title, name)
      : l10n.t('Only the client can {0}; you are the agency for {1}.', title, name);
  }
  if (!isActionAllowed(action, link.Status, side)) {
    return l10n.t('{0} needs status {1}; {2} is {3}.', def.title, def.from, name, statusDefinition(link.Status).label);
  }
  return undefined;
}

/**
 * The links `action` applies to for `active`: on the action's side, in the status it starts from
 * (the CLI's `--all`, the extension's pickers). The role is checked when the action is planned, so
 * a link the role may not change is refused with its reason rather than left out.
 */
export function linksForAction(action: LinkAction, links: readonly ClientLink[], active: CustomerChoice): ClientLink[] {
  return links.filter((l) => isActionAllowed(action, l.Status, sideOf(l, active)));
}

/** An action that applies to some links of a selection: those links, out of how many selected. */
export interface SelectionAction {
  action: LinkAction;
  links: ClientLink[];
  of: number;
}

/**
 * For a selection of links with different statuses (or sides): each action that applies to at least
 * one of them, with the links it applies to, in the lifecycle table's action order. A link counts
 * when nothing would refuse it (status, side and role), so acting sends only those.
 */
export function actionsForSelection(links: readonly ClientLink[], active: CustomerChoice): SelectionAction[] {
  const unique = uniqueLinks(links);
  return LINK_ACTIONS.map((action) => ({ action, links: unique.filter((l) => refusalReason(action, l, active) === undefined), of: unique.length })).filter((a) => a.links.length > 0);
}

/** "Cancel invitation: 3 of 5 selected" (or just "Cancel invitation" when it applies to all). */
export function selectionActionLabel(choice: SelectionAction): string {
  const title = ACTIONS[choice.action].title;
  return choice.links.length === choice.of ? title : l10n.t('{0}: {1} of {2} selected', title, choice.links.length, choice.of);
}

/** What each action is for, in a user's words (said when it applies to none of a selection). */
function actionPurpose(action: LinkAction): string {
  switch (action) {
    case 'accept':
    case 'decline':
      return l10n.t('it answers a pending invitation sent to you');
    case 'cancel':
      return l10n.t('it withdraws a pending invitation you sent');
    case 'unlink':
      return l10n.t('it ends an Active link you manage');
  }
}

function roleRefusal(links: readonly ClientLink[], active: CustomerChoice, names: CustomerNames | undefined): string | undefined {
  if (links.length === 0 || links.some((l) => mayManage(l, active))) {
    return undefined;
  }
  const customer = customerInSentence(active.customerId, names);
  return links.length === 1
    ? l10n.t('Your role ({0}) on {1} cannot change the selected link; a Super Admin can.', active.roleName, customer)
    : l10n.t('Your role ({0}) on {1} cannot change the {2} selected links; a Super Admin can.', active.roleName, customer, links.length);
}

function statusCounts(links: readonly ClientLink[]): string {
  const byStatus = new Map<string, number>();
  for (const l of links) {
    const label = findStatusDefinition(l.Status)?.label ?? l10n.t('Unknown status');
    byStatus.set(label, (byStatus.get(label) ?? 0) + 1);
  }
  return [...byStatus].map(([label, n]) => (links.length === 1 ? label : l10n.t({ message: '{0} {1}', args: [n, label], comment: ['a count and a status: 3 Pending invitation'] }))).join(', ');
}

/** Why `action` applies to none of `links` (a selection), in a user's words. */
export function actionNotApplicableReason(action: LinkAction, links: readonly ClientLink[], active: CustomerChoice, names?: CustomerNames): string {
  const unique = uniqueLinks(links);
  const role = roleRefusal(unique, active, names);
  if (role) {
    return role;
  }
  const title = ACTIONS[action].title;
  return unique.length === 1
    ? l10n.t('{0} does not apply to the selected link ({1}): {2}.', title, statusCounts(unique), actionPurpose(action))
    : l10n.t('{0} does not apply to any of the {1} selected links ({2}): {3}.', title, unique.length, statusCounts(unique), actionPurpose(action));
}

/** Why no action applies to any of `links`, in a user's words (for a selection where `actionsForSelection` is empty). */
export function noActionReason(links: readonly ClientLink[], active: CustomerChoice, names?: CustomerNames): string {
  const unique = uniqueLinks(links);
  const role = roleRefusal(unique, active, names);
  if (role) {
    return role;
  }
  const head =
    unique.length === 1
      ? l10n.t('The selected link ({0}) has no action you can take.', statusCounts(unique))
      : l10n.t('None of the {0} selected links has an action you can take ({1}).', unique.length, statusCounts(unique));
  return l10n.t('{0} Accept and Decline answer a pending invitation sent to you, Cancel invitation withdraws one you sent, and Request unlink ends an Active link you manage.', head);
}

function uniqueLinks(links: readonly ClientLink[]): ClientLink[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = clientLinkKey(l);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** Whether `link` waits for an answer from `active` (badge, status bar, groups opened at first). */
export function awaitsAnswer(link: ClientLink, active: CustomerChoice): boolean {
  return awaitsAction(link.Status, sideOf(link, active));
}

export function planUpdate(action: LinkAction, links: readonly ClientLink[], active: CustomerChoice, note?: string, names?: CustomerNames): UpdatePlan {
  const plan: UpdatePlan = { action, updates: [], refused: [] };
  const seen = new Set<string>();
  for (const link of links) {
    const key = clientLinkKey(link);
    if (seen.has(key)) {
      continue; // the same link selected twice is sent once
    }
    seen.add(key);
    const reason = refusalReason(action, link, active, names);
    if (reason) {
      plan.refused.push({ link, reason });
      continue;
    }
    const payload: ClientLink = { ...link, Status: ACTIONS[action].writes };
    if (note !== undefined) {
      payload.Note = note;
    }
    plan.updates.push({ link, payload });
  }
  return plan;
}

/**
 * What the unlink confirmation says about billing, from the links' IsBillToClient: a client that
 * already pays keeps paying; links the agency pays for go back to the client, who needs a payment method.
 */
export function unlinkConsequence(links: readonly ClientLink[]): string {
  const stop = links.length === 1 ? l10n.t('The agency stops managing this account once the unlink completes.') : l10n.t('The agency stops managing these accounts once the unlink completes.');
  const clientPays = links.filter((l) => l.IsBillToClient === true).length;
  const agencyPays = links.filter((l) => l.IsBillToClient === false).length;
  const unknown = links.length - clientPays - agencyPays;
  const parts: string[] = [];
  if (clientPays && !agencyPays && !unknown) {
    parts.push(links.length === 1 ? l10n.t('The client already pays for it, so billing does not change.') : l10n.t('The clients already pay for them, so billing does not change.'));
  } else if (agencyPays && !clientPays && !unknown) {
    parts.push(
      links.length === 1
        ? l10n.t('The agency pays for it now: billing goes back to the client, who needs a payment method.')
        : l10n.t('The agency pays for them now: billing goes back to the clients, who need a payment method.'),
    );
  } else {
    if (clientPays) {
      parts.push(l10n.t('{0} billed to the client: billing does not change.', clientPays));
    }
    if (agencyPays) {
      parts.push(l10n.t('{0} billed to the agency: billing goes back to the client, who needs a payment method.', agencyPays));
    }
    if (unknown) {
      parts.push(l10n.t('{0} without billing information: check who pays in Microsoft Advertising.', unknown));
    }
  }
  return [stop, ...parts].join(' ');
}

/**
 * The contextValue grammar the manifest's `when` clauses match (`viewItem =~ /;canAccept\b/`).
 * Tokens are derived from the lifecycle table for the link's status and the user's side, so a
 * menu item appears exactly when the action is allowed.
 */
import type { ClientLink } from '../../core/model/clientLink';
import { type LinkAction, type LinkSide, allowedActions, canReinvite } from '../../core/model/lifecycle';

export const LINK_ITEM = 'clientLink';
export const GROUP_ITEM = 'linkGroup';

export const ACTION_TOKENS: Readonly<Record<LinkAction, string>> = {
  accept: 'canAccept',
  decline: 'canDecline',
  cancel: 'canCancel',
  unlink: 'canUnlink',
};

/** Re-invite: an invitation that ended without a link (see REINVITE_STATUSES). */
export const REINVITE_TOKEN = 'canReinvite';

/** The values made so far: a few per status, asked for every row the tree draws (25,000 in a large group). */
const linkValues = new Map<string, string>();

export function linkContextValue(link: ClientLink, side: LinkSide, options: { busy: boolean; mayManage: boolean }): string {
  const key = `${link.Status ?? ''}|${side}|${options.busy ? 'b' : ''}${options.mayManage ? 'm' : ''}${link.ClientEntityNumber ? 'n' : ''}`;
  let value = linkValues.get(key);
  if (value === undefined) {
    value = makeLinkContextValue(link, side, options);
    linkValues.set(key, value);
  }
  return value;
}

function makeLinkContextValue(link: ClientLink, side: LinkSide, options: { busy: boolean; mayManage: boolean }): string {
  const tokens = [LINK_ITEM, `status:${link.Status ?? 'Unknown'}`, `side:${side}`];
  if (!options.busy && options.mayManage) {
    tokens.push(...allowedActions(link.Status, side).map((a) => ACTION_TOKENS[a]));
    if (canReinvite(link.Status, side)) {
      tokens.push(REINVITE_TOKEN);
    }
  }
  if (options.busy) {
    tokens.push('busy');
  }
  if (link.ClientEntityNumber) {
    tokens.push('hasNumber');
  }
  return tokens.join(';');
}

/** `linkGroup;status:LinkPending;hasLinks;canCancelAll`: group actions (copy, export, cancel the pending invitations you sent). */
export function groupContextValue(groupId: string, options: { hasLinks: boolean; canCancelAll: boolean } = { hasLinks: false, canCancelAll: false }): string {
  const tokens = [GROUP_ITEM, groupId];
  if (options.hasLinks) {
    tokens.push('hasLinks');
  }
  if (options.canCancelAll) {
    tokens.push('canCancelAll');
  }
  return tokens.join(';');
}

/**
 * Re-invite: the same invitation sent again for links whose invitation ended without a link
 * (expired, declined or withdrawn; REINVITE_STATUSES in the lifecycle table). The new invitation has
 * the old one's type, client, name, note, who pays and notification choice; it has no start date
 * (the old one is usually past, which the service refuses, and a new link starts when it is accepted).
 * What cannot be re-invited is refused with its reason before anything is sent.
 */
import * as l10n from '@vscode/l10n';
import { type ClientLink, clientLinkKey, linkTypeOf } from '../model/clientLink';
import { canReinvite, REINVITE_STATUSES, statusDefinition } from '../model/lifecycle';
import { type CustomerChoice, mayManage, sideOf } from './customerContext';
import { type CustomerNames, customerInSentence } from './customerDirectory';
import { toAddClientLink } from './inviteInput';
import type { RefusedUpdate } from './linkActions';
import { linkTitle } from './linkFacts';

export interface PlannedInvitation {
  /** The ended link it repeats. */
  link: ClientLink;
  /** The AddClientLinks item. */
  payload: ClientLink;
}

export interface ReinvitePlan {
  invitations: PlannedInvitation[];
  refused: RefusedUpdate[];
}

/** The statuses Re-invite applies to, in a user's words: "Expired, Declined or Canceled". */
export function reinviteStatusLabels(): string {
  const labels = REINVITE_STATUSES.map((s) => statusDefinition(s).label);
  return l10n.t({ message: '{0} or {1}', args: [labels.slice(0, -1).join(', '), labels[labels.length - 1] ?? ''], comment: ['the last of a list: Expired, Declined or Canceled'] });
}

/** Why `link` cannot be re-invited by `active`, or undefined when it can. */
export function reinviteRefusal(link: ClientLink, active: CustomerChoice, names?: CustomerNames): string | undefined {
  const name = linkTitle(link);
  if (!link.Status) {
    return l10n.t('{0} has no status yet; refresh and try again.', name);
  }
  if (!mayManage(link, active)) {
    const customer = customerInSentence(active.customerId, names);
    return linkTypeOf(link) === 'CustomerLink'
      ? l10n.t('Your role ({0}) on {1} cannot invite customer links; a Super Admin can.', active.roleName, customer)
      : l10n.t('Your role ({0}) on {1} cannot invite account links; a Super Admin can.', active.roleName, customer);
  }
  if (sideOf(link, active) !== 'agency') {
    return l10n.t('Only the agency that sent the invitation can invite again; you are the client for {0}.', name);
  }
  if (!canReinvite(link.Status, 'agency')) {
    return l10n.t('Re-invite is for invitations that ended without a link ({0}); {1} is {2}.', reinviteStatusLabels(), name, statusDefinition(link.Status).label);
  }
  if (!link.ClientEntityId && !link.ClientEntityNumber) {
    return l10n.t('{0} has no client id or number to invite.', name);
  }
  return undefined;
}

/** The new invitation for an ended one: same type, client, name, note, who pays and notification choice. */
export function reinvitationOf(link: ClientLink, managingCustomerId: string): ClientLink {
  const customerLink = linkTypeOf(link) === 'CustomerLink';
  return toAddClientLink(
    {
      type: linkTypeOf(link),
      clientEntityId: link.ClientEntityId ?? undefined,
      // An account link is sent with its id (or its number when the id is unknown); a customer link with both.
      clientEntityNumber: customerLink || !link.ClientEntityId ? (link.ClientEntityNumber ?? undefined) : undefined,
      clientCustomerNumber: customerLink ? undefined : (link.ClientEntityCustomerNumber ?? undefined),
      name: link.Name ?? undefined,
      note: link.Note ?? undefined,
      // Who pays is a choice for account links only.
      isBillToClient: customerLink ? undefined : (link.IsBillToClient ?? undefined),
      suppressNotification: link.SuppressNotification === true,
    },
    managingCustomerId,
  );
}

/** The links of a selection that can be re-invited (each once), and why the others cannot. */
export function planReinvite(links: readonly ClientLink[], active: CustomerChoice, names?: CustomerNames): ReinvitePlan {
  const plan: ReinvitePlan = { invitations: [], refused: [] };
  const seen = new Set<string>();
  for (const link of links) {
    const key = clientLinkKey(link);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const reason = reinviteRefusal(link, active, names);
    if (reason) {
      plan.refused.push({ link, reason });
    } else {
      plan.invitations.push({ link, payload: reinvitationOf(link, active.customerId) });
    }
  }
  return plan;
}

/** The links Re-invite applies to among `links` (the palette's picker; `statuses` narrows it, e.g. to LinkExpired for the CLI's --all-expired). */
export function reinvitableLinks(links: readonly ClientLink[], active: CustomerChoice, statuses: readonly string[] = REINVITE_STATUSES): ClientLink[] {
  return links.filter((l) => l.Status && statuses.includes(l.Status) && reinviteRefusal(l, active) === undefined);
}

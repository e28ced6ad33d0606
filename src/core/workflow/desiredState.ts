/**
 * Desired-state sync: a CSV of the clients that should be linked (the invitation columns plus an
 * optional `desired` column: linked, the default, or unlinked) compared with the current links
 * gives a plan: invitations to send, pending invitations to cancel, active links to unlink. The plan
 * is data and changes nothing; a front end shows it and sends what the user keeps through the
 * usual bulk machinery, with per-item outcomes.
 *
 * Only what the file names is acted on: a client that is not in the file is left alone, unless
 * `pruneUnlisted` says that absent means unlinked (then the agency's pending invitations and active
 * links for clients the file does not name are planned for cancellation and unlink too).
 */
import type { ValidationProblem } from '../errors';
import { type ClientLink, clientLinkKey, linkTypeOf } from '../model/clientLink';
import type { LinkAction } from '../model/lifecycle';
import type { CustomerChoice } from './customerContext';
import { type CsvInviteRow, type CsvReadOptions, type DesiredState, parseInviteCsv } from './inviteCsv';
import { AgencyLinkIndex, INVITATION_EXISTS_CODE, type InviteFinding, collisionKind } from './inviteChecks';
import { type ValidInvite, inviteRoleProblem, isPastStartDate, toAddClientLink } from './inviteInput';
import { refusalReason } from './linkActions';

export type { DesiredState } from './inviteCsv';

/** A desired-state file's row: the invitation it would send, and whether the client should be linked. */
export interface DesiredRow extends CsvInviteRow {
  desired: DesiredState;
}

export type DesiredCsvResult = { ok: true; rows: DesiredRow[] } | { ok: false; problems: ValidationProblem[] };

/** Reads a desired-state file: the invitation CSV's rules, plus the `desired` column; the same client twice is kept for the plan to report. */
export function parseDesiredCsv(bytes: Uint8Array, now?: Date, options: Pick<CsvReadOptions, 'dateOrder'> = {}): DesiredCsvResult {
  const parsed = parseInviteCsv(bytes, now, { ...options, deferToChecks: true, desiredColumn: true });
  return parsed.ok ? { ok: true, rows: parsed.rows.map((r) => ({ ...r, desired: r.desired ?? 'linked' })) } : parsed;
}

/** An invitation the plan sends: the row it comes from and the AddClientLinks item. */
export interface PlannedInvite {
  row: number;
  invite: ValidInvite;
  link: ClientLink;
}

/** Why the plan removes a link: the file marks its client unlinked, or (with `pruneUnlisted`) does not name it. */
export type RemovalCause = 'markedUnlinked' | 'unlisted';

/** A pending invitation to cancel or an active link to unlink. */
export interface PlannedRemoval {
  action: Extract<LinkAction, 'cancel' | 'unlink'>;
  link: ClientLink;
  cause: RemovalCause;
  /** The row that marks the client unlinked (none when unlisted). */
  row?: number;
}

/** A row already as the file wants it: linked, pending or being set up (desired linked), or not linked (desired unlinked). */
export interface UnchangedRow {
  row: number;
  desired: DesiredState;
  /** The client's current link, when it has one. */
  link?: ClientLink;
}

/** A row (or an unlisted link) the plan does not act on, and why. */
export interface SkippedItem {
  row?: number;
  link?: ClientLink;
  /** A pre-flight finding (duplicate row, past start date, a link being set up or ended). */
  finding?: InviteFinding;
  /** What the user's role or the lifecycle does not allow, in words (linkActions' refusal reasons). */
  refusal?: string;
}

export interface SyncPlan {
  invites: PlannedInvite[];
  cancels: PlannedRemoval[];
  unlinks: PlannedRemoval[];
  unchanged: UnchangedRow[];
  skipped: SkippedItem[];
}

export interface SyncPlanOptions {
  /** Clients not named in the file count as unlinked. Default false: they are left alone. */
  pruneUnlisted?: boolean;
  now?: Date;
}

/** Whether a plan sends anything. */
export function planIsEmpty(plan: SyncPlan): boolean {
  return plan.invites.length + plan.cancels.length + plan.unlinks.length === 0;
}

/** `plan` without the removals `pruneUnlisted` added: what `planSync` gives for the same rows without it. */
export function leaveUnlistedAlone(plan: SyncPlan): SyncPlan {
  const named = (r: PlannedRemoval): boolean => r.cause !== 'unlisted';
  return { ...plan, cancels: plan.cancels.filter(named), unlinks: plan.unlinks.filter(named) };
}

/**
 * The plan that makes the agency's links match `rows`. `links`: the current listing (both sides;
 * only links the active customer manages as the agency count).
 */
export function planSync(rows: readonly DesiredRow[], links: readonly ClientLink[], active: CustomerChoice, options: SyncPlanOptions = {}): SyncPlan {
  const now = options.now ?? new Date();
  const plan: SyncPlan = { invites: [], cancels: [], unlinks: [], unchanged: [], skipped: [] };
  const index = new AgencyLinkIndex(links, active.customerId);
  const named = new Set<string>();
  const remove = (action: 'cancel' | 'unlink', link: ClientLink, cause: RemovalCause, row?: number): void => {
    const refusal = refusalReason(action, link, active);
    if (refusal) {
      plan.skipped.push({ row, link, refusal });
      return;
    }
    const removal: PlannedRemoval = row === undefined ? { action, link, cause } : { action, link, cause, row };
    (action === 'cancel' ? plan.cancels : plan.unlinks).push(removal);
  };
  for (const r of rows) {
    const link = index.linkFor(r.invite);
    if (link) {
      named.add(clientLinkKey(link));
    }
    if (r.duplicateOf !== undefined) {
      plan.skipped.push({ row: r.row, finding: { kind: 'duplicateInFile', row: r.row, firstRow: r.duplicateOf, prediction: true } });
      continue;
    }
    const kind = collisionKind(link?.Status);
    if (r.desired === 'unlinked') {
      if (link?.Status === 'LinkPending') {
        remove('cancel', link, 'markedUnlinked', r.row);
      } else if (link?.Status === 'Active') {
        remove('unlink', link, 'markedUnlinked', r.row);
      } else if (link && kind === 'linkInMotion' && !link.Status?.startsWith('Unlink')) {
        // Accepted or being set up: neither canceled nor unlinked until it is Active.
        plan.skipped.push({ row: r.row, link, finding: { kind, row: r.row, link, prediction: true } });
      } else {
        plan.unchanged.push(withLink({ row: r.row, desired: r.desired }, link));
      }
      continue;
    }
    if (kind === 'pendingInvitation' || kind === 'alreadyLinked' || (kind === 'linkInMotion' && !link?.Status?.startsWith('Unlink'))) {
      plan.unchanged.push(withLink({ row: r.row, desired: r.desired }, link));
      continue;
    }
    if (kind === 'linkInMotion' && link) {
      // Being unlinked: an invitation would be refused (1410) until the unlink has finished.
      plan.skipped.push({ row: r.row, link, finding: { kind, row: r.row, link, predictedCode: INVITATION_EXISTS_CODE, prediction: true } });
      continue;
    }
    if (r.invite.startDate && isPastStartDate(r.invite.startDate, now)) {
      plan.skipped.push({ row: r.row, finding: { kind: 'pastStartDate', row: r.row, prediction: true } });
      continue;
    }
    const roleProblem = inviteRoleProblem(active, r.invite.type);
    if (roleProblem) {
      plan.skipped.push({ row: r.row, refusal: roleProblem });
      continue;
    }
    plan.invites.push({ row: r.row, invite: r.invite, link: toAddClientLink(r.invite, active.customerId) });
  }
  if (options.pruneUnlisted) {
    for (const link of links) {
      if (link.ManagingCustomerId !== active.customerId || named.has(clientLinkKey(link))) {
        continue;
      }
      if (link.Status === 'LinkPending') {
        remove('cancel', link, 'unlisted');
      } else if (link.Status === 'Active') {
        remove('unlink', link, 'unlisted');
      }
    }
  }
  return plan;
}

function withLink(item: UnchangedRow, link: ClientLink | undefined): UnchangedRow {
  return link ? { ...item, link } : item;
}

/** How a client in a plan is named: its name when the link or the row gives one, then its id or number. */
export function planClientLabel(item: { link?: ClientLink; invite?: ValidInvite }): { name: string; id: string; type: 'AccountLink' | 'CustomerLink' } {
  const link = item.link;
  const invite = item.invite;
  return {
    name: link?.ClientEntityName ?? link?.Name ?? invite?.name ?? '',
    id: link?.ClientEntityId ?? invite?.clientEntityId ?? link?.ClientEntityNumber ?? invite?.clientEntityNumber ?? '?',
    type: link ? linkTypeOf(link) : (invite?.type ?? 'AccountLink'),
  };
}

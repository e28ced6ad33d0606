/**
 * Pre-flight checks of invitations against the current listing, before anything is sent: what the
 * service is expected to refuse (an invitation already pending for the client, a client already
 * linked or on its way to be: 1410, spec §5), the same client twice in one file, a start date
 * before today. Each finding is a prediction from the last listing; the service's answer decides,
 * so a front end may still send a row with a finding when the user says so (`--force`).
 *
 * Findings are data (kind, row, the link collided with); each front end words them.
 */
import { type ClientLink, type ClientLinkStatus, linkTypeOf } from '../model/clientLink';
import { canInvite } from '../model/lifecycle';
import type { CsvInviteRow } from './inviteCsv';
import { type ValidInvite, isPastStartDate } from './inviteInput';

/** The error code the service answers an invitation with while the pair's latest link blocks one (spec §5, §10). */
export const INVITATION_EXISTS_CODE = 1410;

export type InviteFindingKind =
  /** The client has a pending invitation from this agency (1410). */
  | 'pendingInvitation'
  /** The client is linked to this agency (Active, 1410). */
  | 'alreadyLinked'
  /** The client's link is being set up or ended (accepted, linking, unlink pending or in progress: 1410). */
  | 'linkInMotion'
  /** An earlier row of the same file invites the same client. */
  | 'duplicateInFile'
  /** The start date is before today (UTC). */
  | 'pastStartDate';

export interface InviteFinding {
  kind: InviteFindingKind;
  /** The row of the file (1-based, the header is row 1), when the invitation came from one. */
  row?: number;
  /** The existing link the invitation collides with (pendingInvitation, alreadyLinked, linkInMotion). */
  link?: ClientLink;
  /** The earlier row for the same client (duplicateInFile). */
  firstRow?: number;
  /** The error the service is expected to answer with, when one is known (1410). */
  predictedCode?: number;
  /** Always true: a prediction from the last listing; the service's answer decides. */
  prediction: true;
}

/** One invitation to check: from a file (with its row and the earlier row for the same client) or typed. */
export interface InviteToCheck {
  invite: ValidInvite;
  row?: number;
  duplicateOf?: number;
}

/** The agency's latest link per client, to find the one an invitation would collide with. */
export class AgencyLinkIndex {
  private readonly byClient = new Map<string, ClientLink>();

  /** `links`: the current listing (both sides; only the agency's own links count). */
  constructor(links: readonly ClientLink[], agencyCustomerId: string) {
    for (const link of links) {
      if (link.ManagingCustomerId !== agencyCustomerId) {
        continue;
      }
      const type = linkTypeOf(link);
      if (link.ClientEntityId) {
        this.byClient.set(`${type}:${link.ClientEntityId}`, link);
      }
      if (link.ClientEntityNumber) {
        this.byClient.set(`${type}:#${link.ClientEntityNumber.toUpperCase()}`, link);
      }
    }
  }

  /** The agency's link for the invitation's client: by id when the invitation has one, else by number. */
  linkFor(invite: Pick<ValidInvite, 'type' | 'clientEntityId' | 'clientEntityNumber'>): ClientLink | undefined {
    if (invite.clientEntityId) {
      const byId = this.byClient.get(`${invite.type}:${invite.clientEntityId}`);
      if (byId) {
        return byId;
      }
    }
    return invite.clientEntityNumber ? this.byClient.get(`${invite.type}:#${invite.clientEntityNumber.toUpperCase()}`) : undefined;
  }
}

/** Which finding a link in this status predicts for a new invitation to its client, or undefined when one may be sent. */
export function collisionKind(status: ClientLinkStatus | null | undefined): 'pendingInvitation' | 'alreadyLinked' | 'linkInMotion' | undefined {
  if (!status || canInvite(status)) {
    return undefined;
  }
  return status === 'LinkPending' ? 'pendingInvitation' : status === 'Active' ? 'alreadyLinked' : 'linkInMotion';
}

/** The finding of an invitation that collides with `link`, or undefined when the link does not block one. */
export function collisionWith(link: ClientLink | undefined, row?: number): InviteFinding | undefined {
  const kind = collisionKind(link?.Status);
  return kind && link ? withRow({ kind, link, predictedCode: INVITATION_EXISTS_CODE, prediction: true }, row) : undefined;
}

/**
 * The findings of each invitation, in the order given (an empty list: nothing predicts a refusal).
 * `links`: the current listing; `agencyCustomerId`: the inviting customer.
 */
export function checkInvites(invites: readonly InviteToCheck[], links: readonly ClientLink[], agencyCustomerId: string, now: Date = new Date()): InviteFinding[][] {
  const index = new AgencyLinkIndex(links, agencyCustomerId);
  return invites.map((item) => findingsFor(item, index, now));
}

/** The findings of one invitation against an index of the agency's links. */
export function findingsFor(item: InviteToCheck, index: AgencyLinkIndex, now: Date): InviteFinding[] {
  const findings: InviteFinding[] = [];
  if (item.duplicateOf !== undefined) {
    findings.push(withRow({ kind: 'duplicateInFile', firstRow: item.duplicateOf, prediction: true }, item.row));
  }
  const collision = collisionWith(index.linkFor(item.invite), item.row);
  if (collision) {
    findings.push(collision);
  }
  if (item.invite.startDate && isPastStartDate(item.invite.startDate, now)) {
    findings.push(withRow({ kind: 'pastStartDate', prediction: true }, item.row));
  }
  return findings;
}

/** The rows of a CSV file with their findings, split into those with none (sent) and those with some (held back unless forced). */
export function checkCsvRows(rows: readonly CsvInviteRow[], links: readonly ClientLink[], agencyCustomerId: string, now: Date = new Date()): { clear: CsvInviteRow[]; held: { row: CsvInviteRow; findings: InviteFinding[] }[] } {
  const findings = checkInvites(rows, links, agencyCustomerId, now);
  const clear: CsvInviteRow[] = [];
  const held: { row: CsvInviteRow; findings: InviteFinding[] }[] = [];
  rows.forEach((row, i) => {
    const found = findings[i] ?? [];
    if (found.length === 0) {
      clear.push(row);
    } else {
      held.push({ row, findings: found });
    }
  });
  return { clear, held };
}

function withRow(finding: InviteFinding, row: number | undefined): InviteFinding {
  return row === undefined ? finding : { ...finding, row };
}

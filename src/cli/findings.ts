/** The CLI's words for pre-flight findings and desired-state plans (the core gives them as data). */
import type { ClientLink } from '../core/model/clientLink';
import { findStatusDefinition } from '../core/model/lifecycle';
import type { SkippedItem } from '../core/workflow/desiredState';
import type { InviteFinding } from '../core/workflow/inviteChecks';

function linkText(link: ClientLink | undefined): string {
  return link?.ClientEntityId ? `link ${link.ManagingCustomerId ?? '?'}:${link.ClientEntityId}` : 'the existing link';
}

/** One finding in a sentence, labelled as a prediction. */
export function findingText(f: InviteFinding): string {
  const code = f.predictedCode ? ` (error ${f.predictedCode})` : '';
  switch (f.kind) {
    case 'pendingInvitation':
      return `predicted refusal${code}: the client already has a pending invitation from you (${linkText(f.link)})`;
    case 'alreadyLinked':
      return `predicted refusal${code}: the client is already linked to you (${linkText(f.link)})`;
    case 'linkInMotion':
      return `predicted refusal${code}: the client's link is ${(findStatusDefinition(f.link?.Status)?.label ?? f.link?.Status ?? 'changing').toLowerCase()} (${linkText(f.link)}); invite once it has ended`;
    case 'duplicateInFile':
      return `the same client as row ${f.firstRow ?? '?'}: invited once`;
    case 'pastStartDate':
      return 'predicted refusal: the start date is in the past; use today or a later date, or leave it empty';
  }
}

/** Why a plan leaves an item out. */
export function skippedText(s: SkippedItem): string {
  return s.finding ? findingText(s.finding) : (s.refusal ?? 'left out');
}

/** The finding as JSON for --json: the kind, the row, the code and the colliding link's key fields. */
export function findingJson(f: InviteFinding): Record<string, unknown> {
  return {
    kind: f.kind,
    prediction: true,
    ...(f.row !== undefined ? { row: f.row } : {}),
    ...(f.firstRow !== undefined ? { firstRow: f.firstRow } : {}),
    ...(f.predictedCode !== undefined ? { predictedCode: f.predictedCode } : {}),
    ...(f.link ? { link: { ManagingCustomerId: f.link.ManagingCustomerId, ClientEntityId: f.link.ClientEntityId, Type: f.link.Type, Status: f.link.Status } } : {}),
    message: findingText(f),
  };
}

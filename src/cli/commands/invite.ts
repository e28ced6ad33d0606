/**
 * `msads-links invite`: one invitation from flags, or many from a CSV file. Everything is validated
 * before anything is sent; the invitations are built once the inviting customer is known. Before
 * sending, the pre-flight checks (core/workflow/inviteChecks.ts) compare them with the current
 * listing: what they predict the service would refuse is listed and held back, the rest is sent;
 * `--force` sends everything without the checks.
 */
import { readFileSync, statSync } from 'node:fs';
import { ValidationError, isErrorKind } from '../../core/errors';
import type { ClientLink } from '../../core/model/clientLink';
import { clientLinkKey } from '../../core/model/clientLink';
import { summarizeBulk } from '../../core/workflow/bulkSummary';
import { type InviteFinding, type InviteToCheck, checkInvites } from '../../core/workflow/inviteChecks';
import { MAX_CSV_BYTES, parseInviteCsv } from '../../core/workflow/inviteCsv';
import { toAddClientLink, validateInvite } from '../../core/workflow/inviteInput';
import { listLinks } from '../../core/workflow/linkDirectory';
import { type CliValues, parseSide } from '../args';
import { findingJson, findingText } from '../findings';
import { type ItemLine, adviseOnFailures, exitCodeOf, outcomeMessage, printItems, printJson } from '../render';
import { UsageError } from '../usage';
import { type Command, recordInJournal } from './command';

interface Invitations {
  invites: InviteToCheck[];
  /** From a CSV file (rows named in the output). */
  fromFile: boolean;
}

export const invite: Command = (args) => {
  parseSide(args.values.side);
  const force = args.values.force === true;
  const { invites, fromFile } = readInvitations(args.values, force);
  return async ({ io, json, service, active, journal }) => {
    // The pre-flight checks need the agency's current links; --force sends without them.
    const findings = force ? invites.map(() => [] as InviteFinding[]) : checkInvites(invites, (await listLinks(service, active, { side: 'agency', signal: io.signal })).links, active.customerId);
    const send = invites.filter((_, i) => (findings[i] ?? []).length === 0);
    const held = invites.flatMap((item, i) => ((findings[i] ?? []).length ? [{ item, findings: findings[i] ?? [] }] : []));
    const links = send.map((i) => toAddClientLink(i.invite, active.customerId));
    const outcomes = links.length ? await service.addClientLinks(links, { signal: io.signal }) : [];
    await recordInJournal({ io, journal }, (j) => j.recordOutcomes('invite', outcomes.map((o) => ({ link: o.link, succeeded: o.state === 'succeeded' }))));
    const rowOf = (index: number): number | undefined => send[index]?.row;
    if (json) {
      printJson(io, [
        ...held.map((h) => ({ ...inviteIdentity(h.item), row: h.item.row, state: 'skipped', findings: h.findings.map(findingJson) })),
        ...outcomes.map((o) => ({ ...identity(o.link), row: rowOf(o.index), state: o.state, errors: o.errors, trackingId: o.trackingId })),
      ]);
    } else {
      const who = (row: number | undefined, id: string): string => `${fromFile ? `row ${row}  ` : ''}${id}`;
      const lines: ItemLine[] = [
        ...held.map((h) => ({
          ok: false,
          skipped: true,
          row: h.item.row,
          who: who(h.item.row, h.item.invite.clientEntityId ?? h.item.invite.clientEntityNumber ?? '?'),
          name: h.item.invite.name ?? '',
          message: `not sent: ${h.findings.map(findingText).join('; ')}`,
        })),
        ...outcomes.map((o) => ({
          ok: o.state === 'succeeded',
          row: rowOf(o.index),
          who: who(rowOf(o.index), o.link.ClientEntityId ?? o.link.ClientEntityNumber ?? '?'),
          name: o.link.Name ?? '',
          message: o.state === 'succeeded' ? 'invitation sent' : outcomeMessage(o),
        })),
      ].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      printItems(io, lines, 'invitations sent', summarizeBulk({ outcomes, cancelled: io.signal?.aborted ?? false }));
    }
    if (held.length) {
      io.err(`${held.length} invitation${held.length === 1 ? ' was' : 's were'} not sent: the checks against your current links predict ${held.length === 1 ? 'a refusal or a mistake' : 'refusals or mistakes'} (the service's answer decides). Fix the file, or pass --force to send ${held.length === 1 ? 'it' : 'them'} anyway.`);
    }
    adviseOnFailures(io, outcomes, 'add');
    return exitCodeOf(io, held.length === 0 && outcomes.every((o) => o.state === 'succeeded'), outcomes);
  };
};

function identity(link: ClientLink): Pick<ClientLink, 'Type' | 'ClientEntityId' | 'ClientEntityNumber' | 'Name'> & { key: string } {
  return { key: clientLinkKey(link), Type: link.Type, ClientEntityId: link.ClientEntityId, ClientEntityNumber: link.ClientEntityNumber, Name: link.Name };
}

function inviteIdentity(item: InviteToCheck): Pick<ClientLink, 'Type' | 'ClientEntityId' | 'ClientEntityNumber' | 'Name'> {
  return { Type: item.invite.type, ClientEntityId: item.invite.clientEntityId, ClientEntityNumber: item.invite.clientEntityNumber, Name: item.invite.name };
}

function readInvitations(values: CliValues, force: boolean): Invitations {
  if (values.csv) {
    if (values['account-id'] || values['account-number']) {
      throw new UsageError('Give either --csv or --account-id/--account-number, not both.');
    }
    // Duplicate rows and past start dates are reported by the checks (or sent, with --force).
    const parsed = parseInviteCsv(readCsv(values.csv), undefined, { deferToChecks: true });
    if (!parsed.ok) {
      throw new ValidationError(`${values.csv}: nothing was sent, fix these first:`, parsed.problems);
    }
    return { invites: force ? parsed.rows.map((r) => ({ invite: r.invite, row: r.row })) : parsed.rows, fromFile: true };
  }
  if (values['bill-to-client'] && values['no-bill-to-client']) {
    throw new UsageError('Give --bill-to-client or --no-bill-to-client, not both.');
  }
  const validated = validateInvite({
    accountId: values['account-id'],
    accountNumber: values['account-number'],
    clientCustomerNumber: values['client-customer-number'],
    type: values.type,
    name: values.name,
    note: values.note,
    billToClient: values['bill-to-client'] ? true : values['no-bill-to-client'] ? false : undefined,
    startDate: values['start-date'],
    suppressNotification: values['suppress-notification'] === true,
  });
  if ('problems' in validated) {
    throw new ValidationError('Nothing was sent:', validated.problems);
  }
  return { invites: [{ invite: validated.invite }], fromFile: false };
}

/** The file's bytes; one over the size limit is refused before it is read, so it is never loaded into memory. */
export function readCsv(file: string): Buffer {
  try {
    const size = statSync(file).size;
    if (size > MAX_CSV_BYTES) {
      throw new ValidationError(`${file}: nothing was sent, fix these first:`, [
        { message: `The file is ${(size / 1024 / 1024).toFixed(1)} MB; invitations files are limited to 1 MB. Split it.` },
      ]);
    }
    return readFileSync(file);
  } catch (e) {
    if (isErrorKind(e, 'validation')) {
      throw e;
    }
    throw new UsageError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
}

/**
 * `msads-links invite`: one invitation from flags, or many from a CSV file. Everything is validated
 * before anything is sent; the invitations are built once the inviting customer is known.
 */
import { readFileSync, statSync } from 'node:fs';
import { ValidationError, isErrorKind } from '../../core/errors';
import type { ClientLink } from '../../core/model/clientLink';
import { clientLinkKey } from '../../core/model/clientLink';
import { MAX_CSV_BYTES, parseInviteCsv } from '../../core/workflow/inviteCsv';
import { type ValidInvite, toAddClientLink, validateInvite } from '../../core/workflow/inviteInput';
import { type CliValues, parseSide } from '../args';
import { adviseOnFailures, exitCodeOf, outcomeMessage, printItems, printJson } from '../render';
import { UsageError } from '../usage';
import { type Command, recordInJournal } from './command';

interface Invitations {
  invites: ValidInvite[];
  /** The CSV row of each invitation (from a file only). */
  rows?: number[];
}

export const invite: Command = (args) => {
  parseSide(args.values.side);
  const { invites, rows } = readInvitations(args.values);
  return async ({ io, json, service, active, journal }) => {
    const links = invites.map((i) => toAddClientLink(i, active.customerId));
    const outcomes = await service.addClientLinks(links, { signal: io.signal });
    await recordInJournal({ io, journal }, (j) => j.recordOutcomes('invite', outcomes.map((o) => ({ link: o.link, succeeded: o.state === 'succeeded' }))));
    if (json) {
      printJson(io, outcomes.map((o) => ({ ...identity(o.link), row: rows?.[o.index], state: o.state, errors: o.errors, trackingId: o.trackingId })));
    } else {
      const lines = outcomes.map((o) => ({
        ok: o.state === 'succeeded',
        who: `${rows ? `row ${rows[o.index]}  ` : ''}${o.link.ClientEntityId ?? o.link.ClientEntityNumber ?? '?'}`,
        name: o.link.Name ?? '',
        message: o.state === 'succeeded' ? 'invitation sent' : outcomeMessage(o),
      }));
      printItems(io, lines, 'invitations sent', outcomes.filter((o) => o.state === 'notAttempted').length);
    }
    adviseOnFailures(io, outcomes, 'add');
    return exitCodeOf(io, outcomes.every((o) => o.state === 'succeeded'), outcomes);
  };
};

function identity(link: ClientLink): Pick<ClientLink, 'Type' | 'ClientEntityId' | 'ClientEntityNumber' | 'Name'> & { key: string } {
  return { key: clientLinkKey(link), Type: link.Type, ClientEntityId: link.ClientEntityId, ClientEntityNumber: link.ClientEntityNumber, Name: link.Name };
}

function readInvitations(values: CliValues): Invitations {
  if (values.csv) {
    if (values['account-id'] || values['account-number']) {
      throw new UsageError('Give either --csv or --account-id/--account-number, not both.');
    }
    const parsed = parseInviteCsv(readCsv(values.csv));
    if (!parsed.ok) {
      throw new ValidationError(`${values.csv}: nothing was sent, fix these first:`, parsed.problems);
    }
    return { invites: parsed.rows.map((r) => r.invite), rows: parsed.rows.map((r) => r.row) };
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
  return { invites: [validated.invite] };
}

/** The file's bytes; one over the size limit is refused before it is read, so it is never loaded into memory. */
function readCsv(file: string): Buffer {
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

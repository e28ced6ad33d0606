/**
 * `msads-links`: the client links workflow from a terminal, over the same core as the extension.
 * Exit codes: 0 every item succeeded; 1 something failed at the service; 2 bad input or settings
 * (nothing was sent); 130 stopped by Ctrl+C (the items not sent are listed).
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AuthError, ConfigError, ValidationError, describeError, isClientLinksError, isErrorKind } from '../core/errors';
import type { ClientLink, ClientLinkStatus } from '../core/model/clientLink';
import { clientLinkKey, isClientLinkStatus } from '../core/model/clientLink';
import { ACTIONS, type LinkAction } from '../core/model/lifecycle';
import type { ClientLinksService, LinkOutcome } from '../core/service/types';
import { loadServiceModule } from '../core/service/loadService';
import { type CustomerChoice, customerContextFrom, pickCustomer } from '../core/workflow/customerContext';
import { MAX_CSV_BYTES, parseInviteCsv } from '../core/workflow/inviteCsv';
import { toAddClientLink, validateEntityId, validateInvite } from '../core/workflow/inviteInput';
import { listLinks } from '../core/workflow/linkDirectory';
import { planUpdate } from '../core/workflow/linkActions';
import { Redactor } from '../core/redact';
import { protocolLabel, type WireProtocol } from '../core/protocol';
import { type CliConnection, connectionFrom } from './cliConfig';
import { linksTable, sortLinks, table } from './format';

const USAGE = `msads-links <command> [options]

Commands:
  whoami                         The signed-in user, the customers they reach and their roles
  list [--status S,S] [--side agency|client|all]
                                 Client links of the active customer
  invite --account-id ID | --account-number NUM [--type AccountLink|CustomerLink]
         [--client-customer-number NUM] [--name TEXT] [--note TEXT]
         (--bill-to-client | --no-bill-to-client) [--start-date YYYY-MM-DD]
         [--suppress-notification]
  invite --csv FILE              Many invitations; columns: account_id or account_number,
                                 client_customer_number, type, name, note, bill_to_client,
                                 start_date, suppress_notification
  accept  [ID...] [--all]        As the client: accept pending invitations
  decline [ID...] [--all]        As the client: decline pending invitations
  cancel  [ID...] [--all]        As the agency: withdraw pending invitations
  unlink  [ID...] [--all]        As the agency: request unlink of active links
                                 (ID = client account or customer id)

Options:
  --json                         Machine-readable output (v13 field names)
  --api auto|soap|rest           Wire protocol (MSADS_API, default auto: SOAP until Microsoft turns
                                 it off on 2027-01-31, REST from that day)
  --environment production|sandbox   (MSADS_ENVIRONMENT, default production)
  --endpoint URL                 Custom service URL, e.g. the local simulator (MSADS_ENDPOINT): the
                                 SOAP .svc URL or a bare origin; REST uses its origin
  --customer-id ID               Customer to act for (MSADS_CUSTOMER_ID; default: your home customer)
  --timeout SECONDS              Per-request timeout (default 60)
  -h, --help

Environment: MSADS_ACCESS_TOKEN (OAuth access token, msads.manage scope), MSADS_DEVELOPER_TOKEN,
MSADS_ACCOUNT_ID (default client account for accept/decline). Tokens are never printed.

Ctrl+C during a bulk command stops sending (calls already sent finish) and still prints every item.
Exit codes: 0 every item succeeded; 1 something failed at the service; 2 bad input or settings
(nothing was sent); 130 stopped by Ctrl+C.`;

class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Aborted on Ctrl+C (the bin wires SIGINT to it): no new call starts, calls in flight finish, and
   * the report says which links were done and which were not sent. Exit code 130.
   */
  signal?: AbortSignal;
}

/** Exit code after a cancel (128 + SIGINT), as shells report an interrupted command. */
export const EXIT_CANCELLED = 130;

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, rawIo: Io, serviceFactory?: (c: CliConnection) => ClientLinksService): Promise<number> {
  // Everything printed goes through a redactor that knows the tokens in use (a service or proxy
  // may echo them back in an error page) and masks anything token-shaped.
  const redactor = new Redactor();
  redactor.add(env.MSADS_ACCESS_TOKEN?.trim());
  redactor.add(env.MSADS_DEVELOPER_TOKEN?.trim());
  const signal = rawIo.signal;
  const io: Io = { out: (t) => rawIo.out(redactor.redact(t)), err: (t) => rawIo.err(redactor.redact(t)), signal };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        api: { type: 'string' },
        environment: { type: 'string' },
        endpoint: { type: 'string' },
        'customer-id': { type: 'string' },
        timeout: { type: 'string' },
        status: { type: 'string' },
        side: { type: 'string' },
        'account-id': { type: 'string' },
        'account-number': { type: 'string' },
        'client-customer-number': { type: 'string' },
        type: { type: 'string' },
        name: { type: 'string' },
        note: { type: 'string' },
        'bill-to-client': { type: 'boolean' },
        'no-bill-to-client': { type: 'boolean' },
        'start-date': { type: 'string' },
        'suppress-notification': { type: 'boolean' },
        csv: { type: 'string' },
        all: { type: 'boolean' },
      },
    });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  const json = values.json === true;
  try {
    if (!['whoami', 'list', 'invite', 'accept', 'decline', 'cancel', 'unlink'].includes(command)) {
      throw new UsageError(`Unknown command "${command}".`);
    }
    // Validate command input before building a connection, so bad input never sends anything.
    let statuses: ClientLinkStatus[] | undefined;
    if (command === 'list' && values.status) {
      const requested = values.status.split(',').map((s) => s.trim());
      const bad = requested.filter((s) => !isClientLinkStatus(s));
      if (bad.length) {
        throw new UsageError(`Unknown status ${bad.join(', ')}. Use v13 names such as LinkPending, Active, Inactive.`);
      }
      statuses = requested.filter(isClientLinkStatus);
    }
    if (values.side && !['agency', 'client', 'all'].includes(values.side)) {
      throw new UsageError('--side must be agency, client or all.');
    }
    let invites: ClientLink[] | undefined;
    let inviteRows: number[] | undefined;
    if (command === 'invite') {
      const r = readInvites(values);
      invites = r.links;
      inviteRows = r.rows;
    }
    const ids = rest.map((s) => s.trim()).filter(Boolean);
    if (command !== 'invite' && command !== 'list' && command !== 'whoami') {
      for (const id of ids) {
        if (validateEntityId(id)) {
          throw new UsageError(`"${id}" is not a client account or customer id (a positive whole number, digits only).`);
        }
      }
    }
    const connection = connectionFrom(
      { api: values.api, environment: values.environment, endpoint: values.endpoint, customerId: values['customer-id'], accountId: undefined, timeout: values.timeout },
      env,
    );
    // The customer acted for, once GetUser has told us (REST sends it as the CustomerId header).
    const acting: { customerId?: string } = {};
    const service = serviceFactory ? serviceFactory(connection) : createService(connection, () => acting.customerId);
    const user = await service.getUser(signal);
    const context = customerContextFrom(user.value);
    const active = pickCustomer(context, connection.customerId);
    acting.customerId = active?.customerId;
    if (!active) {
      throw new ConfigError(
        connection.customerId
          ? `You have no role on customer ${connection.customerId}. Your customers: ${context.customers.map((c) => c.customerId).join(', ') || 'none'}.`
          : 'The signed-in user has no customer roles.',
      );
    }
    switch (command) {
      case 'whoami':
        return whoami(io, json, context, active, { protocol: service.protocol ?? connection.protocol, url: service.url ?? connection.endpoint });
      case 'list': {
        const dir = await listLinks(service, active, { side: (values.side as 'agency' | 'client' | 'all' | undefined) ?? 'all', signal });
        const wanted = statuses;
        const links = wanted ? dir.links.filter((l) => l.Status && wanted.includes(l.Status)) : dir.links;
        io.out(json ? JSON.stringify(sortLinks(links), null, 2) : links.length ? linksTable(links, active.customerId) : 'No client links.');
        return 0;
      }
      case 'invite': {
        for (const link of invites ?? []) {
          link.ManagingCustomerId = active.customerId;
        }
        const outcomes = await service.addClientLinks(invites ?? [], { signal });
        return report(io, json, 'invite', outcomes, inviteRows);
      }
      default: {
        const action = command as LinkAction;
        const side = ACTIONS[action].side;
        const defaultIds = side === 'client' && ids.length === 0 && !values.all && env.MSADS_ACCOUNT_ID ? [env.MSADS_ACCOUNT_ID] : ids;
        if (defaultIds.length === 0 && !values.all) {
          throw new UsageError(`Name the client ids to ${ACTIONS[action].title.toLowerCase()}, or pass --all.`);
        }
        const dir = await listLinks(service, active, { side, signal });
        return act(io, json, service, action, dir.links, defaultIds, values.all === true, active);
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nRun msads-links --help for usage.`);
      return 2;
    }
    if (isErrorKind(e, 'validation')) {
      io.err([e.message, ...e.problems.map((p) => `  ${p.message}`)].join('\n'));
      return 2;
    }
    if (isErrorKind(e, 'config')) {
      io.err(e.message);
      return 2;
    }
    if (isErrorKind(e, 'cancelled') || (signal?.aborted && isClientLinksError(e))) {
      io.err('Cancelled before anything was sent.');
      return EXIT_CANCELLED;
    }
    if (isClientLinksError(e)) {
      io.err(`${describeError(e)}${e.advice ? `\nWhat to do: ${e.advice}` : ''}`);
      return isErrorKind(e, 'auth') ? 2 : 1;
    }
    throw e;
  }
}

function createService(c: CliConnection, customerId: () => string | undefined): ClientLinksService {
  const { createClientLinksService } = loadServiceModule();
  return createClientLinksService({
    endpoint: c.endpoint,
    protocol: c.protocol,
    customerId,
    timeoutMs: c.timeoutMs,
    developerToken: () => Promise.resolve(c.developerToken),
    tokenSource: {
      getAccessToken: ({ forceRefresh }: { forceRefresh: boolean }) =>
        forceRefresh
          ? Promise.reject(new AuthError('The access token in MSADS_ACCESS_TOKEN was refused or has expired.', 'Get a new access token and set MSADS_ACCESS_TOKEN again.'))
          : Promise.resolve(c.accessToken),
    },
  });
}

type InviteValues = {
  csv?: string;
  'account-id'?: string;
  'account-number'?: string;
  'client-customer-number'?: string;
  type?: string;
  name?: string;
  note?: string;
  'bill-to-client'?: boolean;
  'no-bill-to-client'?: boolean;
  'start-date'?: string;
  'suppress-notification'?: boolean;
};

function readInvites(values: InviteValues): { links: ClientLink[]; rows?: number[] } {
  if (values.csv) {
    if (values['account-id'] || values['account-number']) {
      throw new UsageError('Give either --csv or --account-id/--account-number, not both.');
    }
    let bytes: Buffer;
    try {
      const size = statSync(values.csv).size;
      if (size > MAX_CSV_BYTES) {
        // Refused before reading: a huge file is never loaded into memory.
        throw new ValidationError(`${values.csv}: nothing was sent, fix these first:`, [
          { message: `The file is ${(size / 1024 / 1024).toFixed(1)} MB; invitations files are limited to 1 MB. Split it.` },
        ]);
      }
      bytes = readFileSync(values.csv);
    } catch (e) {
      if (isErrorKind(e, 'validation')) {
        throw e;
      }
      throw new UsageError(`Cannot read ${values.csv}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
    }
    const parsed = parseInviteCsv(bytes);
    if (!parsed.ok) {
      throw new ValidationError(`${values.csv}: nothing was sent, fix these first:`, parsed.problems);
    }
    return { links: parsed.rows.map((r) => toAddClientLink(r.invite, '')), rows: parsed.rows.map((r) => r.row) };
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
  return { links: [toAddClientLink(validated.invite, '')] };
}

function whoami(io: Io, json: boolean, context: ReturnType<typeof customerContextFrom>, active: CustomerChoice, api: { protocol: WireProtocol; url: string }): number {
  if (json) {
    io.out(
      JSON.stringify(
        { userId: context.userId, userName: context.userName, homeCustomerId: context.homeCustomerId, activeCustomerId: active.customerId, customers: context.customers, protocol: api.protocol, endpoint: api.url },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(`${context.userName} (user ${context.userId})\nActing for customer ${active.customerId} as ${active.roleName}\nAPI: ${protocolLabel(api.protocol)} at ${api.url}\n`);
  io.out(
    table(
      ['CUSTOMER', 'ROLE', 'ACCOUNTS', 'REACHED VIA', 'MANAGES LINKS'],
      context.customers.map((c) => [c.customerId + (c.customerId === active.customerId ? ' *' : ''), c.roleName, c.accountIds.length ? c.accountIds.join(',') : 'all', c.viaCustomerLink ?? 'direct', c.canManageLinks ? 'yes' : 'no']),
    ),
  );
  return 0;
}

async function act(io: Io, json: boolean, service: ClientLinksService, action: LinkAction, links: ClientLink[], ids: string[], all: boolean, active: CustomerChoice): Promise<number> {
  const def = ACTIONS[action];
  const notFound: string[] = [];
  let targets: ClientLink[];
  if (all) {
    targets = links.filter((l) => l.Status === def.from && (def.side === 'agency') === (l.ManagingCustomerId === active.customerId));
    if (targets.length === 0) {
      io.out(json ? '[]' : `No links to ${def.title.toLowerCase()}.`);
      return 0;
    }
  } else {
    targets = [];
    for (const id of ids) {
      const matches = links.filter((l) => l.ClientEntityId === id && (def.side === 'agency') === (l.ManagingCustomerId === active.customerId));
      if (matches.length === 0) {
        notFound.push(id);
      }
      targets.push(...matches);
    }
  }
  const plan = planUpdate(action, targets, active);
  const outcomes = plan.updates.length ? await service.updateClientLinks(plan.updates.map((u) => u.payload), { signal: io.signal }) : [];
  const lines: { id: string; name: string; ok: boolean; message: string }[] = [];
  for (const id of notFound) {
    lines.push({ id, name: '', ok: false, message: `no ${def.side === 'client' ? 'invitation to you' : 'link of yours'} for client ${id}` });
  }
  for (const r of plan.refused) {
    lines.push({ id: r.link.ClientEntityId ?? '?', name: r.link.ClientEntityName ?? '', ok: false, message: r.reason });
  }
  for (const o of outcomes) {
    lines.push({ id: o.link.ClientEntityId ?? '?', name: o.link.ClientEntityName ?? '', ok: o.state === 'succeeded', message: o.state === 'succeeded' ? def.done : outcomeMessage(o) });
  }
  if (!all) {
    lines.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }
  const notSent = outcomes.filter((o) => o.state === 'notAttempted').length;
  if (json) {
    io.out(JSON.stringify(lines.map((l) => ({ ClientEntityId: l.id, ClientEntityName: l.name, ok: l.ok, message: l.message })), null, 2));
  } else {
    for (const l of lines) {
      io.out(`${l.ok ? 'ok  ' : 'FAIL'}  ${l.id}  ${l.name}  ${l.message}`);
    }
    const failed = lines.filter((l) => !l.ok).length;
    io.out(`${lines.length - failed} of ${lines.length} ${def.done}.${notSent ? ` Stopped on Ctrl+C: ${notSent} not sent.` : ''}`);
  }
  adviseOnFailures(io, outcomes, 'update');
  if (io.signal?.aborted && notSent > 0) {
    return EXIT_CANCELLED;
  }
  return lines.every((l) => l.ok) ? 0 : 1;
}

/**
 * After the per-link lines, on stderr: what to do about the failures (each distinct piece of advice
 * once), and for an update whose answer was lost, that it may have been applied all the same.
 */
function adviseOnFailures(io: Io, outcomes: LinkOutcome[], kind: 'add' | 'update'): void {
  const advice = new Set<string>();
  let maybeApplied = 0;
  for (const o of outcomes) {
    if (o.state !== 'failed') {
      continue;
    }
    if (o.error?.advice) {
      advice.add(o.error.advice);
    }
    // Updates are never re-sent blindly: after a timeout, a cut or unreadable answer or a 5xx, the
    // service may have applied the change before the answer was lost. Adds are checked by a search.
    if (kind === 'update' && o.error && (['timeout', 'malformed'].includes(o.error.kind) || (o.error.kind === 'http' && o.error.transient))) {
      maybeApplied++;
    }
  }
  if (maybeApplied > 0) {
    advice.add(`The answer for ${maybeApplied === 1 ? '1 link' : `${maybeApplied} links`} was lost, so the change may have been applied all the same: run "msads-links list" to see the current status before running the command again (links already changed are then refused, not sent twice).`);
  }
  for (const a of advice) {
    io.err(`What to do: ${a}`);
  }
}

function outcomeMessage(o: LinkOutcome): string {
  if (o.state === 'notAttempted') {
    return 'not sent (cancelled)';
  }
  if (o.error) {
    // The whole call failed: name the operation (and the TrackingId), as for any other error.
    return describeError(o.error);
  }
  if (o.errors.length) {
    return o.errors.map((e) => `error ${e.code}: ${e.message}`).join('; ') + (o.trackingId ? ` (TrackingId ${o.trackingId})` : '');
  }
  return 'failed';
}

function report(io: Io, json: boolean, verb: string, outcomes: LinkOutcome[], rows?: number[]): number {
  if (json) {
    io.out(JSON.stringify(outcomes.map((o) => ({ ...pickIdentity(o.link), row: rows?.[o.index], state: o.state, errors: o.errors, trackingId: o.trackingId })), null, 2));
  } else {
    for (const o of outcomes) {
      const where = rows ? `row ${rows[o.index]}  ` : '';
      const who = o.link.ClientEntityId ?? o.link.ClientEntityNumber ?? '?';
      io.out(`${o.state === 'succeeded' ? 'ok  ' : 'FAIL'}  ${where}${who}  ${o.link.Name ?? ''}  ${o.state === 'succeeded' ? 'invitation sent' : outcomeMessage(o)}`);
    }
    const ok = outcomes.filter((o) => o.state === 'succeeded').length;
    const notSent = outcomes.filter((o) => o.state === 'notAttempted').length;
    io.out(`${ok} of ${outcomes.length} ${verb === 'invite' ? 'invitations sent' : 'done'}.${notSent ? ` Stopped on Ctrl+C: ${notSent} not sent.` : ''}`);
  }
  adviseOnFailures(io, outcomes, 'add');
  if (io.signal?.aborted && outcomes.some((o) => o.state === 'notAttempted')) {
    return EXIT_CANCELLED;
  }
  return outcomes.every((o) => o.state === 'succeeded') ? 0 : 1;
}

function pickIdentity(link: ClientLink): Pick<ClientLink, 'Type' | 'ClientEntityId' | 'ClientEntityNumber' | 'Name'> & { key: string } {
  return { key: clientLinkKey(link), Type: link.Type, ClientEntityId: link.ClientEntityId, ClientEntityNumber: link.ClientEntityNumber, Name: link.Name };
}

if (require.main === module) {
  // First Ctrl+C: stop starting calls and report what was done; a second one quits at once.
  const cancel = new AbortController();
  process.on('SIGINT', () => {
    if (cancel.signal.aborted) {
      process.exit(EXIT_CANCELLED);
    }
    process.stderr.write('Stopping: no new calls; waiting for the calls already sent (Ctrl+C again to quit at once, without the report)...\n');
    cancel.abort();
  });
  runCli(process.argv.slice(2), process.env, { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`), signal: cancel.signal }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`Unexpected error: ${describeError(e)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * Runs one command line: parse, check the command's input (bad input sends nothing), connect, ask
 * GetUser, run the command, and turn what went wrong into a message and an exit code: 0 all done,
 * 1 something failed at the service, 2 bad input or settings (nothing sent), 130 stopped by Ctrl+C.
 */
import { cliAdvice } from './advice';
import { isEnvironment, resolveEndpoint } from '../core/config';
import { ConfigError, describeError, isClientLinksError, isCredentialsRefused, isErrorKind } from '../core/errors';
import { Redactor } from '../core/redact';
import { validateEntityId } from '../core/workflow/inviteInput';
import { journalEnvironment, journalFiles, LinkJournal } from '../core/workflow/linkJournal';
import { type CliArgs, parseCliArgs } from './args';
import { type CliConnection, connectionFrom } from './cliConfig';
import type { Command } from './commands/command';
import { history } from './commands/history';
import { invite } from './commands/invite';
import { linkAction } from './commands/linkAction';
import { list } from './commands/list';
import { syncCommand } from './commands/sync';
import { reinvite } from './commands/reinvite';
import { whoami } from './commands/whoami';
import { connect, type ServiceFactory } from './connect';
import { EXIT_CANCELLED, EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Io } from './io';
import { cliJournalRoot } from './journalDir';
import { USAGE, UsageError } from './usage';
import { VERSION } from './version';

const COMMANDS: Readonly<Record<string, Command>> = {
  whoami,
  list,
  invite,
  accept: linkAction('accept'),
  decline: linkAction('decline'),
  cancel: linkAction('cancel'),
  unlink: linkAction('unlink'),
  plan: syncCommand('plan'),
  apply: syncCommand('apply'),
  reinvite,
};

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, rawIo: Io, serviceFactory?: ServiceFactory): Promise<number> {
  // Everything printed goes through a redactor that knows the tokens in use (a service or proxy
  // may echo them back in an error page) and masks anything token-shaped.
  const redactor = new Redactor();
  redactor.add(env.MSADS_ACCESS_TOKEN?.trim());
  redactor.add(env.MSADS_DEVELOPER_TOKEN?.trim());
  const signal = rawIo.signal;
  const redact = (t: string): string => redactor.redact(t);
  const io: Io = { out: (t) => rawIo.out(redact(t)), err: (t) => rawIo.err(redact(t)), outBytes: rawIo.outBytes, redact, signal, drain: rawIo.drain, confirm: rawIo.confirm, now: rawIo.now };
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, command: name } = args;
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (values.version) {
    io.out(VERSION);
    return EXIT_OK;
  }
  if (!name) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  try {
    if (name === 'history') {
      return await runHistory(args, env, io, serviceFactory);
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
      throw new UsageError(`Unknown command "${name}".`);
    }
    // The command's input is checked before a connection is built, so bad input never sends anything.
    const run = command(args);
    const connection = connectionFrom({ api: values.api, environment: values.environment, endpoint: values.endpoint, customerId: values['customer-id'], accountId: undefined, timeout: values.timeout }, env);
    const connected = await connect(connection, serviceFactory, signal);
    const root = cliJournalRoot(values['journal-dir'], env);
    const journal = root ? new LinkJournal(journalFiles(root, { environment: journalEnvironment(connection.environment, connection.endpoint), customerId: connected.active.customerId }), { source: 'cli' }) : undefined;
    return await run({ ...connected, io, json: values.json === true, connection, env, journal });
  } catch (e) {
    return reportFailure(io, e);
  }
}

/**
 * `history` reads the journal of one customer and environment. The customer comes from
 * --customer-id / MSADS_CUSTOMER_ID without any call; only when neither is set does it connect to
 * learn the signed-in user's home customer.
 */
async function runHistory(args: CliArgs, env: NodeJS.ProcessEnv, io: Io, serviceFactory: ServiceFactory | undefined): Promise<number> {
  const { values } = args;
  const run = history(args);
  const root = cliJournalRoot(values['journal-dir'], env);
  if (!root) {
    throw new UsageError('There is no folder for the link history: set MSADS_JOURNAL_DIR or pass --journal-dir (by default it is under XDG_CONFIG_HOME, HOME or APPDATA, and none is set).');
  }
  const environment = values.environment ?? env.MSADS_ENVIRONMENT ?? 'production';
  if (!isEnvironment(environment)) {
    throw new ConfigError(`Environment must be production or sandbox, got "${environment}" (--environment or MSADS_ENVIRONMENT).`);
  }
  const endpoint = resolveEndpoint(environment, values.endpoint ?? env.MSADS_ENDPOINT);
  let customerId = values['customer-id'] ?? env.MSADS_CUSTOMER_ID;
  if (customerId !== undefined && validateEntityId(customerId) !== undefined) {
    throw new ConfigError(`Customer id must be a positive whole number, got "${customerId}" (--customer-id or MSADS_CUSTOMER_ID).`);
  }
  if (customerId === undefined) {
    const connection: CliConnection = connectionFrom({ api: values.api, environment, endpoint: values.endpoint, customerId: undefined, accountId: undefined, timeout: values.timeout }, env);
    customerId = (await connect(connection, serviceFactory, io.signal)).active.customerId;
  }
  const journal = new LinkJournal(journalFiles(root, { environment: journalEnvironment(environment, endpoint), customerId }), { source: 'cli' });
  return run({ io, json: values.json === true, journal });
}

function reportFailure(io: Io, e: unknown): number {
  if (e instanceof UsageError) {
    io.err(`${e.message}\nRun msads-links --help for usage.`);
    return EXIT_USAGE;
  }
  if (isErrorKind(e, 'validation')) {
    io.err([e.message, ...e.problems.map((p) => `  ${p.message}`)].join('\n'));
    return EXIT_USAGE;
  }
  if (isErrorKind(e, 'config')) {
    io.err(e.message);
    return EXIT_USAGE;
  }
  if (isErrorKind(e, 'cancelled') || (io.signal?.aborted && isClientLinksError(e))) {
    io.err('Cancelled before anything was sent.');
    return EXIT_CANCELLED;
  }
  if (isClientLinksError(e)) {
    const advice = cliAdvice(e);
    io.err(`${describeError(e)}${advice ? `\nWhat to do: ${advice}` : ''}`);
    // Credentials to fix (a token variable) are a usage problem, like a missing one.
    return isErrorKind(e, 'auth') || isCredentialsRefused(e) ? EXIT_USAGE : EXIT_FAILED;
  }
  throw e;
}

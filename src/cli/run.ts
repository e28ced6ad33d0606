/**
 * Runs one command line: parse, check the command's input (bad input sends nothing), connect, ask
 * GetUser, run the command, and turn what went wrong into a message and an exit code: 0 all done,
 * 1 something failed at the service, 2 bad input or settings (nothing sent), 130 stopped by Ctrl+C.
 */
import { describeError, isClientLinksError, isCredentialsRefused, isErrorKind } from '../core/errors';
import { cliAdvice } from './advice';
import { Redactor } from '../core/redact';
import { parseCliArgs } from './args';
import { connectionFrom } from './cliConfig';
import type { Command } from './commands/command';
import { invite } from './commands/invite';
import { linkAction } from './commands/linkAction';
import { list } from './commands/list';
import { syncCommand } from './commands/sync';
import { reinvite } from './commands/reinvite';
import { whoami } from './commands/whoami';
import { connect, type ServiceFactory } from './connect';
import { EXIT_CANCELLED, EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Io } from './io';
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
  const io: Io = { out: (t) => rawIo.out(redactor.redact(t)), err: (t) => rawIo.err(redactor.redact(t)), signal, drain: rawIo.drain, confirm: rawIo.confirm, now: rawIo.now };
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
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
      throw new UsageError(`Unknown command "${name}".`);
    }
    // The command's input is checked before a connection is built, so bad input never sends anything.
    const run = command(args);
    const connection = connectionFrom({ api: values.api, environment: values.environment, endpoint: values.endpoint, customerId: values['customer-id'], accountId: undefined, timeout: values.timeout }, env);
    const connected = await connect(connection, serviceFactory, signal);
    return await run({ ...connected, io, json: values.json === true, connection, env });
  } catch (e) {
    return reportFailure(io, e);
  }
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

/** What a CLI command is: a check of its own input (nothing is sent before it passes) that returns the run. */
import type { CliArgs } from '../args';
import type { CliConnection } from '../cliConfig';
import type { Connected } from '../connect';
import type { Io } from '../io';

/** What a command runs with: the user and the customer to act for are known. */
export interface CommandRun extends Connected {
  io: Io;
  json: boolean;
  connection: CliConnection;
  env: NodeJS.ProcessEnv;
}

/**
 * Checks the flags and operands, throwing UsageError or ValidationError (exit 2) before anything is
 * sent, and returns the run, which resolves with the exit code.
 */
export type Command = (args: CliArgs) => (run: CommandRun) => Promise<number>;

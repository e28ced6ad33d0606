/** What a CLI command is: a check of its own input (nothing is sent before it passes) that returns the run. */
import type { CliArgs } from '../args';
import type { CliConnection } from '../cliConfig';
import type { Connected } from '../connect';
import type { LinkJournal } from '../../core/workflow/linkJournal';
import type { Io } from '../io';

/** What a command runs with: the user and the customer to act for are known. */
export interface CommandRun extends Connected {
  io: Io;
  json: boolean;
  connection: CliConnection;
  env: NodeJS.ProcessEnv;
  /** The link journal of the active customer and environment; undefined when there is nowhere to keep it. */
  journal?: LinkJournal;
}

/**
 * Records in the journal what a command observed or caused. A journal that cannot be written is a
 * warning on stderr: the command's own outcome and exit code stay what they are.
 */
export async function recordInJournal(run: Pick<CommandRun, 'journal' | 'io'>, work: (journal: LinkJournal) => Promise<unknown>): Promise<void> {
  if (!run.journal) {
    return;
  }
  try {
    await work(run.journal);
  } catch (e) {
    run.io.err(`Warning: the link history could not be written to ${run.journal.files.entries} (${e instanceof Error ? e.message : String(e)}). Set MSADS_JOURNAL_DIR or --journal-dir to a folder you can write to.`);
  }
}

/**
 * Checks the flags and operands, throwing UsageError or ValidationError (exit 2) before anything is
 * sent, and returns the run, which resolves with the exit code.
 */
export type Command = (args: CliArgs) => (run: CommandRun) => Promise<number>;

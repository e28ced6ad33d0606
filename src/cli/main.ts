/**
 * `msads-links`: the client links workflow from a terminal, over the same core as the extension.
 * Exit codes: 0 every item succeeded; 1 something failed at the service; 2 bad input or settings
 * (nothing was sent); 130 stopped by Ctrl+C (the items not sent are listed).
 *
 * This is the bin: it wires Ctrl+C and the process to runCli (src/cli/run.ts), which parses the
 * command line and runs one of src/cli/commands/.
 */
import { describeError } from '../core/errors';
import { EXIT_CANCELLED } from './io';
import { runCli } from './run';

export { EXIT_CANCELLED } from './io';
export { runCli } from './run';

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
  // A reader that goes away (`msads-links list | head`) is not an error: stop writing, finish what
  // was started (a bulk action still reports its exit code), and do not crash on EPIPE.
  let readerGone = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') {
      throw e;
    }
    readerGone = true;
  });
  const out = (t: string): void => {
    if (!readerGone) {
      process.stdout.write(`${t}\n`);
    }
  };
  const outBytes = (bytes: Uint8Array): void => {
    if (!readerGone) {
      process.stdout.write(bytes);
    }
  };
  // Stdout to a pipe is written asynchronously: wait until the reader has taken what was written.
  const drain = (): Promise<void> =>
    readerGone || !process.stdout.writableNeedDrain
      ? Promise.resolve()
      : new Promise((resolve) => {
          const done = (): void => {
            process.stdout.off('drain', done).off('close', done).off('error', done);
            resolve();
          };
          process.stdout.on('drain', done).on('close', done).on('error', done);
        });
  // A yes/no question needs a person at a terminal; without one, commands that ask refuse unless --yes.
  const confirm = process.stdin.isTTY
    ? async (question: string): Promise<boolean> => {
        const readline = await import('node:readline/promises');
        const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
        try {
          return /^y(es)?$/i.test((await rl.question(question)).trim());
        } finally {
          rl.close();
        }
      }
    : undefined;
  runCli(process.argv.slice(2), process.env, { out, outBytes, err: (t) => process.stderr.write(`${t}\n`), signal: cancel.signal, drain, confirm }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`Unexpected error: ${describeError(e)}\n`);
      process.exitCode = 1;
    },
  );
}

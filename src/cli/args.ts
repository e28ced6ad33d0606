/** The flags of every command, parsed once; each command checks the ones it uses. */
import { parseArgs } from 'node:util';
import { UsageError } from './usage';

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
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
  force: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  prune: { type: 'boolean' },
  'all-expired': { type: 'boolean' },
  'journal-dir': { type: 'string' },
  limit: { type: 'string' },
} as const;

export type CliValues = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>['values'];

export interface CliArgs {
  values: CliValues;
  /** The command name, when one was given. */
  command: string | undefined;
  /** The words after the command. */
  operands: string[];
}

/** Throws node's own message for an unknown flag or a missing value. */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [command, ...operands] = positionals;
  return { values, command, operands };
}

export type ListSide = 'agency' | 'client' | 'all';

/** `--side`, checked whichever the command (only list uses it). */
export function parseSide(side: string | undefined): ListSide | undefined {
  if (side !== undefined && side !== '' && side !== 'agency' && side !== 'client' && side !== 'all') {
    throw new UsageError('--side must be agency, client or all.');
  }
  return side ? side : undefined;
}

/**
 * `msads-links history [ID] [--limit N]`: the link history this CLI and the extension's journal
 * format keep on this machine (see core/workflow/linkJournal.ts). With an ID (a client account or
 * customer id): every change of that client's links, oldest first. Without: recent changes across
 * all links, newest first (`--limit`, default 50). Reads a local file only: no call is made when the
 * customer is known (--customer-id or MSADS_CUSTOMER_ID).
 *
 * `--json` prints an array of journal entries, one object per change, with these members (stable;
 * members are only ever added): seenAt (ISO 8601 UTC, when this product saw or made the change),
 * ManagingCustomerId, Type, ClientEntityId, ClientEntityName (when known), from (v13 status, or null
 * for a new link), to, LastModifiedDateTime and LastModifiedByUserId (as the service sent them, when
 * it did), ownAction (invite|accept|decline|cancel|unlink, when it was this product's own action),
 * followsOwnAction (true when the service did it after our own action), source (cli|extension).
 */
import type { JournalEntry, LinkJournal } from '../../core/workflow/linkJournal';
import { validateEntityId } from '../../core/workflow/inviteInput';
import type { CliArgs } from '../args';
import { columnWidths, tableLines } from '../format';
import { EXIT_OK, type Io } from '../io';
import { printJson, printLines } from '../render';
import { UsageError } from '../usage';

export interface HistoryRun {
  io: Io;
  json: boolean;
  journal: LinkJournal;
}

export const DEFAULT_HISTORY_LIMIT = 50;

const HEADERS = ['SEEN (UTC)', 'CLIENT ID', 'CLIENT NAME', 'FROM', 'TO', 'MODIFIED (SERVICE)', 'BY USER', 'HOW'];

/** Checks the operands and flags (exit 2, nothing read) and returns the run. */
export function history(args: CliArgs): (run: HistoryRun) => Promise<number> {
  const [id, ...extra] = args.operands.map((s) => s.trim()).filter(Boolean);
  if (extra.length) {
    throw new UsageError('history takes at most one client id.');
  }
  if (id !== undefined && validateEntityId(id)) {
    throw new UsageError(`"${id}" is not a client account or customer id (a positive whole number, digits only).`);
  }
  const limitText = args.values.limit;
  const limit = limitText === undefined ? DEFAULT_HISTORY_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new UsageError(`--limit must be a positive whole number, got "${limitText}".`);
  }
  if (id !== undefined && limitText !== undefined) {
    throw new UsageError('--limit applies to recent activity (history without an id); the history of one client is printed whole.');
  }
  return async ({ io, json, journal }) => {
    const all = await journal.read();
    const entries = id === undefined ? all.slice(Math.max(0, all.length - limit)).reverse() : all.filter((e) => e.ClientEntityId === id);
    if (json) {
      printJson(io, entries);
      return EXIT_OK;
    }
    if (entries.length === 0) {
      io.out(id === undefined ? `No link history recorded yet (${journal.files.entries}).` : `No history recorded for client ${id} (${journal.files.entries}).`);
      return EXIT_OK;
    }
    const rows = entries.map(historyRow);
    await printLines(io, tableLines(HEADERS, rows, columnWidths(HEADERS, rows)));
    return EXIT_OK;
  };
}

/** "your cancel", "after your accept", "seen": how the change came about. */
function how(e: JournalEntry): string {
  const where = e.source === 'cli' ? 'CLI' : 'extension';
  if (e.ownAction) {
    return `your ${e.ownAction} (${where})`;
  }
  return e.followsOwnAction ? 'after your action' : `seen (${where})`;
}

function historyRow(e: JournalEntry): string[] {
  return [e.seenAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), e.ClientEntityId, e.ClientEntityName ?? '', e.from ?? '(new)', e.to ?? '?', e.LastModifiedDateTime ?? '', e.LastModifiedByUserId ?? '', how(e)];
}

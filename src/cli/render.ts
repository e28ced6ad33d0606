/**
 * The output every command shares: JSON, one line per item with its outcome and a count, what to
 * do about failures (on stderr), and the exit code the outcomes make.
 */
import { describeError } from '../core/errors';
import { cliAdvice } from './advice';
import type { LinkOutcome } from '../core/service/types';
import type { BulkSummary } from '../core/workflow/bulkSummary';
import { EXIT_CANCELLED, EXIT_FAILED, EXIT_OK, type Io } from './io';

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Lines written per call when output is written piece by piece. */
const LINES_PER_WRITE = 256;

/** Bytes of output gathered before a write. */
const BYTES_PER_WRITE = 1 << 20;

/**
 * The text `printJson` writes for an array (`[`, the elements as `JSON.stringify(array, null, 2)`
 * writes them, `]`) without building it, for `count` elements that write themselves as UTF-8 into a
 * buffer (`write(k, out, at)` returns where element `k` ends; it needs `room(k)` bytes at most):
 * written 1 MB at a time through `io.outBytes`, each taken by the reader before the next
 * (`io.drain`). The elements must have been redacted already; without `io.outBytes` each piece
 * goes through `io.out` (and its redaction) as text instead.
 */
export async function printJsonArrayBytes(io: Io, count: number, room: (k: number) => number, write: (k: number, out: Buffer, at: number) => number): Promise<void> {
  if (count === 0) {
    io.out('[]');
    return;
  }
  const outBytes = io.outBytes;
  let out = Buffer.allocUnsafe(BYTES_PER_WRITE);
  let used = 0;
  // A piece ends where a line ends: `io.out` adds the line end, `io.outBytes` is given it.
  const flush = async (): Promise<void> => {
    if (outBytes) {
      out[used++] = 0x0a;
      outBytes(out.subarray(0, used));
      out = Buffer.allocUnsafe(BYTES_PER_WRITE); // the stream may still hold the bytes written
    } else {
      io.out(out.toString('utf8', 0, used));
    }
    used = 0;
    await io.drain?.();
  };
  out[used++] = 0x5b; // [
  for (let k = 0; k < count; k++) {
    // The element, its comma, and (below) the line end, the closing bracket and flush's line end.
    const need = room(k) + 8;
    if (used + need > out.length) {
      await flush();
      if (need > out.length) {
        out = Buffer.allocUnsafe(need);
      }
    }
    // A piece ends where a line ends (after a comma): a new piece starts on the next line already.
    if (used > 0) {
      out[used++] = 0x0a;
    }
    used = write(k, out, used);
    if (k < count - 1) {
      out[used++] = 0x2c; // ,
    }
  }
  out[used++] = 0x0a;
  out[used++] = 0x5d; // ]
  await flush();
}

/** Lines, written a few hundred at a time. */
export async function printLines(io: Io, lines: Iterable<string>): Promise<void> {
  let piece: string[] = [];
  for (const line of lines) {
    piece.push(line);
    if (piece.length === LINES_PER_WRITE) {
      io.out(piece.join('\n'));
      piece = [];
      await io.drain?.();
    }
  }
  if (piece.length) {
    io.out(piece.join('\n'));
  }
}

/** One item of a bulk command's report. */
export interface ItemLine {
  ok: boolean;
  /** Who the item is: the client id (with the CSV row for invitations). */
  who: string;
  name: string;
  message: string;
  /** Held back before sending (a pre-flight finding): printed as SKIP, counted as not done. */
  skipped?: boolean;
}

/** `ok`/`FAIL`/`SKIP` per item (held back before sending: not done), then the summary in the CLI's words: "N of M <done>." and, after Ctrl+C, how many were not sent. */
export function printItems(io: Io, lines: readonly ItemLine[], done: string, summary: BulkSummary): void {
  for (const l of lines) {
    io.out(`${l.ok ? 'ok  ' : l.skipped ? 'SKIP' : 'FAIL'}  ${l.who}  ${l.name}  ${l.message}`);
  }
  const ok = lines.filter((l) => l.ok).length;
  io.out(`${ok} of ${lines.length} ${done}.${summary.notSent ? ` Stopped on Ctrl+C: ${summary.notSent} not sent.` : ''}`);
}

/** 130 when Ctrl+C left items unsent, else 0 when every item succeeded, else 1. */
export function exitCodeOf(io: Io, allOk: boolean, outcomes: readonly LinkOutcome[]): number {
  if (io.signal?.aborted && outcomes.some((o) => o.state === 'notAttempted')) {
    return EXIT_CANCELLED;
  }
  return allOk ? EXIT_OK : EXIT_FAILED;
}

/** Why one link was not done. */
export function outcomeMessage(o: LinkOutcome): string {
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

/**
 * After the per-link lines, on stderr: what to do about the failures (each distinct piece of advice
 * once), and for an update whose answer was lost, that it may have been applied all the same.
 */
export function adviseOnFailures(io: Io, outcomes: readonly LinkOutcome[], kind: 'add' | 'update'): void {
  const advice = new Set<string>();
  let maybeApplied = 0;
  for (const o of outcomes) {
    if (o.state !== 'failed') {
      continue;
    }
    const text = o.error && cliAdvice(o.error);
    if (text) {
      advice.add(text);
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

/**
 * The link journal's baseline: the last status seen of each link (and whether our own action set
 * it), which the next listing is compared with. Kept compact because an agency may have 100,000
 * links: in memory one `Map` entry per link (its key, a small number for status and action); on
 * disk (`<customerId>.state.json`) one JSON object whose `links` member is a single string of lines
 * `status<TAB>own action<TAB>key`, written a few thousand lines at a time to a temporary file that
 * is then renamed (never half-written; a file cut short does not parse and starts a new baseline).
 *
 * Version 1 (the first release of the journal) kept `links` as an object of one property per link
 * (`{"<key>": {"s": "Active", "own": "unlink"}}`): 100,000 properties parsed and built at once took
 * tens of MB. It is still read, and replaced by version 2 on the next write.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CLIENT_LINK_STATUSES, type ClientLinkStatus, isClientLinkStatus } from '../model/clientLink';
import { LINK_ACTIONS, type LinkAction } from '../model/lifecycle';
import { runNow, runSliced, type Sliced, sliceEnds } from '../util/sliced';

/** What this product did (the journal's `JournalAction`): a lifecycle action or an invitation. */
type OwnAction = LinkAction | 'invite';

/** The last status seen of a link; `own`: it was set by our own action (its follow-on is ours too). */
export interface SeenStatus {
  s: ClientLinkStatus | null;
  own?: OwnAction;
}

const OWN_ACTIONS: readonly OwnAction[] = ['invite', ...LINK_ACTIONS];
/** The code of "no status" (a link whose status was not given). */
const NO_STATUS = 31;
/** Bits of a code that hold the status; the action (1 + its index, 0 for none) is above them. */
const STATUS_BITS = 5;

const STATUS_CODES = new Map<string, number>(CLIENT_LINK_STATUSES.map((s, i) => [s, i]));
const OWN_CODES = new Map<string, number>(OWN_ACTIONS.map((a, i) => [a, (i + 1) << STATUS_BITS]));

function encode(seen: SeenStatus): number {
  const status = seen.s === null ? NO_STATUS : (STATUS_CODES.get(seen.s) as number);
  return (seen.own === undefined ? 0 : (OWN_CODES.get(seen.own) as number)) | status;
}

/** Decoded codes, made once each (a listing looks up every link's: no object per link). */
const decoded = new Map<number, Readonly<SeenStatus>>();

function decode(code: number): Readonly<SeenStatus> {
  let seen = decoded.get(code);
  if (seen === undefined) {
    seen = Object.freeze(decodeOnce(code));
    decoded.set(code, seen);
  }
  return seen;
}

function decodeOnce(code: number): SeenStatus {
  const status = code & ((1 << STATUS_BITS) - 1);
  const own = code >> STATUS_BITS;
  const seen: SeenStatus = { s: status === NO_STATUS ? null : (CLIENT_LINK_STATUSES[status] ?? null) };
  if (own > 0 && OWN_ACTIONS[own - 1] !== undefined) {
    seen.own = OWN_ACTIONS[own - 1];
  }
  return seen;
}

/** The baseline of one customer's journal in memory. */
export class Baseline {
  private readonly codes = new Map<string, number>();

  constructor(
    /** A listing of every link of the customer was observed: a link not in the baseline is new. */
    public complete = false,
  ) {}

  get(key: string): Readonly<SeenStatus> | undefined {
    const code = this.codes.get(key);
    return code === undefined ? undefined : decode(code);
  }

  set(key: string, seen: SeenStatus): void {
    this.codes.set(key, encode(seen));
  }

  /** `set` with the code already made (reading a file). */
  setCode(key: string, code: number): void {
    this.codes.set(key, code);
  }

  get size(): number {
    return this.codes.size;
  }

  /** Every link's key and last status seen, in the order first seen. */
  *entries(): Generator<[string, Readonly<SeenStatus>]> {
    for (const [key, code] of this.codes) {
      yield [key, decode(code)];
    }
  }
}

/** Lines of the `links` string written per piece. */
const LINES_PER_PIECE = 4096;

/** A key as written: as it is, unless it could be mistaken for the end of a line or an escaped key. */
function keyText(key: string): string {
  return key.includes('\n') || key.includes('\r') || key.startsWith('"') ? JSON.stringify(key) : key;
}

function lineOf(key: string, seen: SeenStatus): string {
  return `${seen.s ?? '-'}\t${seen.own ?? ''}\t${keyText(key)}\n`;
}

/**
 * Reads the baseline at `file`; a missing or unreadable file gives an empty baseline (the next
 * listing starts a new one). Its lines are read in slices, the event loop getting a turn between
 * them: 100,000 lines in one go blocked the extension host for 70-130 ms (issue 15).
 */
export async function readBaseline(file: string): Promise<Baseline> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    // Missing or unreadable: start a new baseline (the next listing is not reported as changes).
    return new Baseline();
  }
  return (await runSliced(readingBaseline(parsed))) ?? new Baseline();
}

/** The baseline a parsed state file holds (version 2, or version 1 converted), or undefined when it is not one. */
export function baselineFrom(parsed: unknown): Baseline | undefined {
  return runNow(readingBaseline(parsed));
}

/** `baselineFrom` in slices (`runSliced`, `runNow`). */
export function* readingBaseline(parsed: unknown): Sliced<Baseline | undefined> {
  if (typeof parsed !== 'object' || parsed === null) {
    return undefined;
  }
  const state = parsed as { v?: unknown; complete?: unknown; links?: unknown };
  const baseline = new Baseline(state.complete === true);
  if (state.v === 2 && typeof state.links === 'string') {
    return yield* readLines(state.links, baseline);
  }
  if (state.v === 1 && typeof state.links === 'object' && state.links !== null) {
    let i = 0;
    for (const [key, value] of Object.entries(state.links as Record<string, unknown>)) {
      const seen = seenFromV1(value);
      if (seen) {
        baseline.set(key, seen);
      }
      if (sliceEnds(i++)) {
        yield;
      }
    }
    return baseline;
  }
  return undefined;
}

function seenFromV1(value: unknown): SeenStatus | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { s, own } = value as { s?: unknown; own?: unknown };
  if (s !== null && !(typeof s === 'string' && isClientLinkStatus(s))) {
    return undefined;
  }
  const seen: SeenStatus = { s };
  if (typeof own === 'string' && (OWN_ACTIONS as readonly string[]).includes(own)) {
    seen.own = own as OwnAction;
  }
  return seen;
}

/** Version 2's lines into `baseline`; a line that is not one (hand-edited) is skipped. */
function* readLines(text: string, baseline: Baseline): Sliced<Baseline> {
  let at = 0;
  for (let line = 0; at < text.length; line++) {
    if (line > 0 && sliceEnds(line)) {
      yield;
    }
    let end = text.indexOf('\n', at);
    if (end < 0) {
      end = text.length;
    }
    const tab1 = text.indexOf('\t', at);
    const tab2 = tab1 < 0 || tab1 > end ? -1 : text.indexOf('\t', tab1 + 1);
    if (tab2 >= 0 && tab2 < end) {
      const status = text.slice(at, tab1);
      const own = text.slice(tab1 + 1, tab2);
      let key = text.slice(tab2 + 1, end);
      if (key.startsWith('"')) {
        try {
          key = JSON.parse(key) as string;
        } catch {
          key = '';
        }
      }
      const statusCode = status === '-' ? NO_STATUS : STATUS_CODES.get(status);
      const ownCode = OWN_CODES.get(own) ?? 0;
      if (statusCode !== undefined && key) {
        baseline.setCode(key, ownCode | statusCode);
      }
    }
    at = end + 1;
  }
  return baseline;
}

/** Writes `baseline` to `file` (version 2): a temporary file written piece by piece, then renamed over it. */
export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'w', 0o600);
  try {
    await handle.write(`{"v":2,"complete":${baseline.complete},"links":"`);
    let piece = '';
    let lines = 0;
    for (const [key, seen] of baseline.entries()) {
      piece += lineOf(key, seen);
      if (++lines === LINES_PER_PIECE) {
        // The piece's text as the inside of a JSON string.
        await handle.write(JSON.stringify(piece).slice(1, -1));
        piece = '';
        lines = 0;
      }
    }
    await handle.write(`${JSON.stringify(piece).slice(1, -1)}"}\n`);
    await handle.close();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw e;
  }
  await fs.rename(temp, file);
}

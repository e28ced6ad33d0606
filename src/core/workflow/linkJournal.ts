/**
 * The link journal: every status change of a client link this product observes (between two
 * listings, across restarts) or causes (its own actions' outcomes), kept on disk per customer and
 * environment because Microsoft keeps only the latest state of each agency/client pair.
 *
 * Link identity: the agency customer (`ManagingCustomerId`), the link type (`Type`, AccountLink
 * when absent) and the client (`ClientEntityId`) — `clientLinkKey`. The service keeps one link per
 * such pair, so a re-invitation after an expiry continues the same history.
 *
 * Files (a directory per environment under a root the front end chooses):
 * - `<root>/<environment>/<customerId>.jsonl`: the entries, one JSON object a line, appended. A line
 *   that does not parse (a write torn by a crash) is skipped on read, and the next append starts on
 *   a new line, so it never damages the entries before or after it. Each entry is one `write` in
 *   append mode, so two windows or a window and the CLI appending at once do not interleave.
 * - `<root>/<environment>/<customerId>.state.json`: the last status seen of each link, the baseline
 *   the next listing is compared with (written to a temporary file, then renamed: never half-written),
 *   one line per link inside one JSON string so 100,000 links stay small (journalBaseline.ts).
 *
 * Bound: when the entries file grows past `maxBytes` (2 MiB by default) it is rewritten with the
 * newest entries that fit in half of it (about 4,000 changes); older ones are dropped.
 *
 * Never holds a token: entries are built field by field from the link's ids, statuses, dates and
 * the client's name (masked if token-shaped); nothing else of a link or a request is written.
 *
 * Two writers can observe the same change (two windows): reading collapses consecutive entries of a
 * link with the same from, to and LastModifiedDateTime into one.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { ENDPOINTS, type Environment } from '../config';
import { type ClientLink, type ClientLinkStatus, clientLinkKey, isClientLinkStatus, linkTypeOf } from '../model/clientLink';
import { ACTIONS, LINK_ACTIONS, type LinkAction, systemTransitionsFrom } from '../model/lifecycle';
import { maskTokenShapes } from '../redact';
import { type Baseline, readBaseline, writeBaseline } from './journalBaseline';

/** What this product did: a lifecycle action or an invitation. */
export type JournalAction = LinkAction | 'invite';
/** Which front end wrote an entry. */
export type JournalSource = 'extension' | 'cli';

/** One change of one link. The JSON shape (one line per entry) is documented in the README; fields are only ever added. */
export interface JournalEntry {
  /** When this product saw (or made) the change: ISO 8601, UTC. */
  seenAt: string;
  ManagingCustomerId: string;
  Type: 'AccountLink' | 'CustomerLink';
  ClientEntityId: string;
  ClientEntityName?: string;
  /** The status before; null when the link was not there before (a new invitation). */
  from: ClientLinkStatus | null;
  to: ClientLinkStatus | null;
  LastModifiedDateTime?: string;
  LastModifiedByUserId?: string;
  /** Set when the change is the outcome of this product's own action. */
  ownAction?: JournalAction;
  /** What the service did after our own action, by itself (Accepted → Active after our Accept). */
  followsOwnAction?: boolean;
  source: JournalSource;
}

/** Which customer's journal, in which environment. */
export interface JournalScope {
  /** `production`, `sandbox`, or `endpoint-<host>-<port>` for another endpoint (the simulator): see journalEnvironment. */
  environment: string;
  customerId: string;
}

export interface JournalFiles {
  entries: string;
  state: string;
}

export const DEFAULT_JOURNAL_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The environment part of a journal's scope: the environment's name when its own endpoint is used,
 * else `endpoint-<host>-<port>` (links of the local simulator never mix with production's).
 */
export function journalEnvironment(environment: Environment, endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return environment;
  }
  const own = new URL(ENDPOINTS[environment]);
  if (url.host === own.host) {
    return environment;
  }
  return `endpoint-${`${url.hostname}-${url.port || (url.protocol === 'http:' ? '80' : '443')}`.replace(/[^A-Za-z0-9.-]/g, '_')}`;
}

/** The files of a scope under `root`. Both parts are reduced to safe file-name characters. */
export function journalFiles(root: string, scope: JournalScope): JournalFiles {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_') || '_';
  const dir = path.join(root, safe(scope.environment));
  const base = safe(scope.customerId);
  return { entries: path.join(dir, `${base}.jsonl`), state: path.join(dir, `${base}.state.json`) };
}

/** The identity of the link an entry is about (see the module comment). */
export function entryKey(entry: Pick<JournalEntry, 'ManagingCustomerId' | 'Type' | 'ClientEntityId'>): string {
  return clientLinkKey(entry);
}

export interface ObserveOptions {
  /** The listing holds every link of the customer (not filtered by status or side). */
  complete: boolean;
}

export interface JournalOptions {
  source: JournalSource;
  maxBytes?: number;
  now?: () => number;
}

/** One action's answer on one link: the link as it was before, and whether the service did it. */
export interface ActionOutcome {
  link: ClientLink;
  succeeded: boolean;
}

export class LinkJournal {
  private readonly maxBytes: number;
  private readonly now: () => number;
  /** Writes of this instance run one after another (reads of the state file see the last write). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly files: JournalFiles,
    private readonly options: JournalOptions,
  ) {
    this.maxBytes = Math.max(4096, options.maxBytes ?? DEFAULT_JOURNAL_MAX_BYTES);
    this.now = options.now ?? Date.now;
  }

  /**
   * Compares a listing with the last status seen of each of its links and appends an entry for each
   * change. A link not seen before is recorded as new only once a complete listing was observed
   * (the first listing is the baseline, not a burst of "new" links). Links missing from the listing
   * are left as they were (a filtered listing says nothing about them). Returns the entries appended.
   */
  observe(links: Iterable<ClientLink>, options: ObserveOptions): Promise<JournalEntry[]> {
    return this.serially(async () => {
      const observation = new JournalObservation(await this.readState(), new Date(this.now()).toISOString(), this.options.source);
      observation.add(links);
      return this.settle(observation, options);
    });
  }

  /**
   * `observe` for a listing that arrives page by page (the CLI's streamed listing of 100,000 links):
   * each page is compared as it comes (`add`) and only the changed links' entries are kept, so no copy
   * of the listing is held; `finish` appends them and saves the baseline. Same entries as `observe`.
   */
  async observation(): Promise<{ add(links: Iterable<ClientLink>): void; finish(options: ObserveOptions): Promise<JournalEntry[]> }> {
    const observation = new JournalObservation(await this.serially(() => this.readState()), new Date(this.now()).toISOString(), this.options.source);
    return {
      add: (links) => observation.add(links),
      finish: (options) => this.serially(() => this.settle(observation, options)),
    };
  }

  private async settle(observation: JournalObservation, options: ObserveOptions): Promise<JournalEntry[]> {
    const { baseline, entries } = observation;
    const completed = options.complete && !baseline.complete;
    baseline.complete ||= options.complete;
    await this.append(entries);
    // Most listings change nothing: the baseline is written only when it did.
    if (entries.length || observation.baselineGrew || completed) {
      await this.writeState(baseline);
    }
    return entries;
  }

  /**
   * Records what this product's own action did: for each link the service accepted, the status the
   * action writes (an invitation: Pending), attributed to the action. The next listing then shows
   * only what the service did after it (marked as its follow-on when immediate).
   */
  recordOutcomes(action: JournalAction, outcomes: readonly ActionOutcome[]): Promise<JournalEntry[]> {
    return this.serially(async () => {
      const baseline = await this.readState();
      const seenAt = new Date(this.now()).toISOString();
      const to: ClientLinkStatus = action === 'invite' ? 'LinkPending' : ACTIONS[action].writes;
      const entries: JournalEntry[] = [];
      for (const { link, succeeded } of outcomes) {
        if (!succeeded || !link.ClientEntityId || !link.ManagingCustomerId) {
          continue;
        }
        const key = clientLinkKey(link);
        const from = baseline.get(key)?.s ?? (action === 'invite' ? null : (link.Status ?? null));
        // Without the service's dates: the action's own entry is about what we sent.
        const entry = entryOf({ ...link, LastModifiedDateTime: undefined, LastModifiedByUserId: undefined }, from, to, seenAt, this.options.source);
        entry.ownAction = action;
        entries.push(entry);
        baseline.set(key, { s: to, own: action });
      }
      if (entries.length) {
        await this.append(entries);
        await this.writeState(baseline);
      }
      return entries;
    });
  }

  /** Every entry, oldest first (duplicates from two writers collapsed). */
  async read(): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await fs.readFile(this.files.entries, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw e;
    }
    return collapse(parseEntries(text));
  }

  /** The history of one link (by `clientLinkKey`), oldest first. */
  async history(key: string): Promise<JournalEntry[]> {
    return historyOf(await this.read(), key);
  }

  /** Recent changes across all links, newest first, at most `limit`. */
  async recent(limit: number): Promise<JournalEntry[]> {
    return recentOf(await this.read(), limit);
  }

  /** Resolves when every write asked for so far is done. */
  async settled(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(work);
    this.queue = next;
    return next;
  }

  /** The baseline on disk (missing or unreadable: an empty one, and the next listing starts it again). */
  private readState(): Promise<Baseline> {
    return readBaseline(this.files.state);
  }

  private writeState(baseline: Baseline): Promise<void> {
    return writeBaseline(this.files.state, baseline);
  }

  private async append(entries: readonly JournalEntry[]): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    const file = this.files.entries;
    await fs.mkdir(path.dirname(file), { recursive: true });
    const text = entries.map((e) => `${JSON.stringify({ v: 1, ...e })}\n`).join('');
    // A last line torn by a crash stays a line of its own (skipped on read): start on a new one.
    const prefix = (await endsWithNewline(file)) ? '' : '\n';
    await fs.appendFile(file, prefix + text, { encoding: 'utf8', mode: 0o600 });
    const size = (await fs.stat(file)).size;
    if (size > this.maxBytes) {
      await this.compact(size);
    }
  }

  /**
   * Keeps the newest entries that fit in half the bound. What another writer appends while this
   * runs is carried over (read again from where this read stopped) before the file is replaced.
   */
  private async compact(readUpTo: number): Promise<void> {
    const file = this.files.entries;
    const handle = await fs.open(file, 'r');
    let kept: string;
    try {
      const buffer = Buffer.alloc(readUpTo);
      const { bytesRead } = await handle.read(buffer, 0, readUpTo, 0);
      const lines = buffer.subarray(0, bytesRead).toString('utf8').split('\n').filter((l) => l.trim() !== '');
      const budget = Math.floor(this.maxBytes / 2);
      const out: string[] = [];
      let bytes = 0;
      for (let i = lines.length - 1; i >= 0; i--) {
        const size = Buffer.byteLength(lines[i]!) + 1;
        if (bytes + size > budget) {
          break;
        }
        bytes += size;
        out.push(lines[i]!);
      }
      kept = out.reverse().map((l) => `${l}\n`).join('');
      const now = (await handle.stat()).size;
      if (now > bytesRead) {
        const more = Buffer.alloc(now - bytesRead);
        await handle.read(more, 0, more.length, bytesRead);
        kept += more.toString('utf8');
      }
    } finally {
      await handle.close();
    }
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temp, kept, { mode: 0o600 });
    await fs.rename(temp, file);
  }
}

/** The history of one link (by `clientLinkKey`), oldest first. */
export function historyOf(entries: readonly JournalEntry[], key: string): JournalEntry[] {
  return entries.filter((e) => entryKey(e) === key);
}

/** Recent changes across all links, newest first, at most `limit`. */
export function recentOf(entries: readonly JournalEntry[], limit: number): JournalEntry[] {
  return entries.slice(Math.max(0, entries.length - limit)).reverse();
}

/** Reads entries from the file's text; lines that do not parse or are not entries are skipped. */
export function parseEntries(text: string): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // torn by a crash, or not ours
    }
    const entry = asEntry(value);
    if (entry) {
      out.push(entry);
    }
  }
  // Entries are appended in the order seen; two writers may interleave slightly: order by time, stable.
  return out.map((e, i) => ({ e, i })).sort((a, b) => a.e.seenAt.localeCompare(b.e.seenAt) || a.i - b.i).map(({ e }) => e);
}

function asEntry(value: unknown): JournalEntry | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? v[k] : undefined);
  const status = (k: string): ClientLinkStatus | null | undefined => {
    const s = v[k];
    return s === null ? null : typeof s === 'string' && isClientLinkStatus(s) ? s : undefined;
  };
  const seenAt = str('seenAt');
  const managing = str('ManagingCustomerId');
  const client = str('ClientEntityId');
  const from = status('from');
  const to = status('to');
  const type = v.Type === 'CustomerLink' ? 'CustomerLink' : v.Type === 'AccountLink' ? 'AccountLink' : undefined;
  if (!seenAt || !managing || !client || from === undefined || to === undefined || !type) {
    return undefined;
  }
  const entry: JournalEntry = { seenAt, ManagingCustomerId: managing, Type: type, ClientEntityId: client, from, to, source: v.source === 'cli' ? 'cli' : 'extension' };
  const name = str('ClientEntityName');
  if (name !== undefined) {
    entry.ClientEntityName = name;
  }
  const modified = str('LastModifiedDateTime');
  if (modified !== undefined) {
    entry.LastModifiedDateTime = modified;
  }
  const by = str('LastModifiedByUserId');
  if (by !== undefined) {
    entry.LastModifiedByUserId = by;
  }
  const own = str('ownAction');
  if (own === 'invite' || (LINK_ACTIONS as readonly string[]).includes(own ?? '')) {
    entry.ownAction = own as JournalAction;
  }
  if (v.followsOwnAction === true) {
    entry.followsOwnAction = true;
  }
  return entry;
}

/** Consecutive entries of a link with the same change (two writers saw it) become one; our own action's attribution is kept. */
function collapse(entries: JournalEntry[]): JournalEntry[] {
  const last = new Map<string, JournalEntry>();
  const out: JournalEntry[] = [];
  for (const e of entries) {
    const key = entryKey(e);
    const prev = last.get(key);
    if (prev && prev.from === e.from && prev.to === e.to && prev.LastModifiedDateTime === e.LastModifiedDateTime) {
      prev.ownAction ??= e.ownAction;
      if (e.followsOwnAction) {
        prev.followsOwnAction = true;
      }
      continue;
    }
    last.set(key, e);
    out.push(e);
  }
  return out;
}

/**
 * One listing compared with the last status seen of each of its links: an entry for each change. A
 * link not seen before is recorded as new only once a complete listing was observed (the first
 * listing is the baseline, not a burst of "new" links).
 */
class JournalObservation {
  readonly entries: JournalEntry[] = [];
  baselineGrew = false;

  constructor(
    readonly baseline: Baseline,
    private readonly seenAt: string,
    private readonly source: JournalSource,
  ) {}

  add(links: Iterable<ClientLink>): void {
    const baseline = this.baseline;
    for (const link of links) {
      if (!link.ClientEntityId || !link.ManagingCustomerId) {
        continue;
      }
      const key = clientLinkKey(link);
      const before = baseline.get(key);
      const to = link.Status ?? null;
      if (before === undefined) {
        this.baselineGrew = true;
        baseline.set(key, { s: to });
        if (baseline.complete) {
          this.entries.push(entryOf(link, null, to, this.seenAt, this.source));
        }
        continue;
      }
      if (before.s === to) {
        continue;
      }
      const entry = entryOf(link, before.s, to, this.seenAt, this.source);
      if (before.own && before.s && to && reachedBySystem(before.s, to)) {
        entry.followsOwnAction = true;
      }
      this.entries.push(entry);
      // The service's steps after our action stay attributed to it (Accepted → In progress → Active).
      baseline.set(key, entry.followsOwnAction ? { s: to, own: before.own } : { s: to });
    }
  }
}

function entryOf(link: ClientLink, from: ClientLinkStatus | null, to: ClientLinkStatus | null, seenAt: string, source: JournalSource): JournalEntry {
  const entry: JournalEntry = {
    seenAt,
    ManagingCustomerId: link.ManagingCustomerId ?? '',
    Type: linkTypeOf(link),
    ClientEntityId: link.ClientEntityId ?? '',
    from,
    to,
    source,
  };
  if (link.ClientEntityName) {
    entry.ClientEntityName = maskTokenShapes(link.ClientEntityName);
  }
  if (link.LastModifiedDateTime) {
    entry.LastModifiedDateTime = link.LastModifiedDateTime;
  }
  if (link.LastModifiedByUserId) {
    entry.LastModifiedByUserId = link.LastModifiedByUserId;
  }
  return entry;
}

/** Whether the service moves `from` to `to` by itself (the rest of an action we started: Accepted → Active). */
function reachedBySystem(from: ClientLinkStatus, to: ClientLinkStatus): boolean {
  const reached = new Set<ClientLinkStatus>([from]);
  const queue: ClientLinkStatus[] = [from];
  for (let s = queue.shift(); s; s = queue.shift()) {
    for (const t of systemTransitionsFrom(s)) {
      // An invitation nobody answered expires by itself: that is not a step of our action.
      if (t.trigger !== 'noActionFor30Days' && !reached.has(t.to)) {
        reached.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return to !== from && reached.has(to);
}

async function endsWithNewline(file: string): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return true; // no file yet
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) {
      return true;
    }
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

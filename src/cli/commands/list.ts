/**
 * `msads-links list`: the client links of the active customer, optionally of some statuses or one
 * side. The pages are turned into one compact record per link as they arrive (linkRecords.ts) and
 * let go; the output (sorted, so it can only start once the last page is in) is then written a
 * few hundred lines at a time. When a call fails midway nothing has been written to stdout: no
 * half-written JSON, and the error and exit code are those of any failed listing.
 */
import type { ClientLink } from '../../core/model/clientLink';
import { type ClientLinkStatus, isClientLinkStatus } from '../../core/model/clientLink';
import { streamLinks } from '../../core/workflow/linkDirectory';
import { parseSide } from '../args';
import { columnWidths, LINK_TABLE_HEADERS, linkRow, tableLines } from '../format';
import { EXIT_OK, type Io } from '../io';
import { LinkRecords } from '../linkRecords';
import { CompactJsonObjects } from '../compactJson';
import { printJsonArrayBytes, printLines } from '../render';
import { UsageError } from '../usage';
import { type Command, recordInJournal } from './command';

function parseStatuses(value: string | undefined): ClientLinkStatus[] | undefined {
  if (!value) {
    return undefined;
  }
  const requested = value.split(',').map((s) => s.trim());
  const bad = requested.filter((s) => !isClientLinkStatus(s));
  if (bad.length) {
    throw new UsageError(`Unknown status ${bad.join(', ')}. Use v13 names such as LinkPending, Active, Inactive.`);
  }
  return requested.filter(isClientLinkStatus);
}

export const list: Command = (args) => {
  const statuses = parseStatuses(args.values.status);
  const side = parseSide(args.values.side) ?? 'all';
  return async ({ io, json, service, active, journal }) => {
    const now = io.now?.() ?? Date.now();
    const show = (l: ClientLink): boolean => !statuses || Boolean(l.Status && statuses.includes(l.Status));
    // JSON: each link's member values (names once per shape); the table: its cells (the widths need every row first).
    const objects = new CompactJsonObjects();
    // JSON is redacted link by link as it arrives (and written out as bytes); the table line by line as it is written.
    const redact = io.redact;
    const records = new LinkRecords(show, json ? (l) => objects.compact(l, redact) : (l) => JSON.stringify(linkRow(l, active.customerId, now)));
    // The journal compares each page with its baseline as it arrives (no copy of the listing is kept).
    let observation: Awaited<ReturnType<NonNullable<typeof journal>['observation']>> | undefined;
    await recordInJournal({ io, journal }, async (j) => {
      observation = await j.observation();
    });
    await streamLinks(service, active, { side, signal: io.signal }, (links) => {
      records.add(links);
      observation?.add(links);
    });
    // --status only filters what is printed: every link of the side was listed.
    await recordInJournal({ io, journal }, () => observation?.finish({ complete: side === 'all' }) ?? Promise.resolve());
    const texts = records.inOrder();
    if (json) {
      await printJsonArrayBytes(
        io,
        texts.count,
        (k) => objects.expandedBytesAtMost(texts.bytes(k), texts.start(k), texts.end(k)),
        (k, out, at) => objects.expandInto(texts.bytes(k), texts.start(k), texts.end(k), out, at),
      );
    } else {
      await printTable(io, texts);
    }
    return EXIT_OK;
  };
};

function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) {
    yield f(item);
  }
}

/** The links table from the rows' cells (as JSON texts): a first pass for the widths, then the lines. */
async function printTable(io: Io, rowTexts: Iterable<string> & { count: number }): Promise<void> {
  if (rowTexts.count === 0) {
    io.out('No client links.');
    return;
  }
  // Read twice (widths, then lines): an iterable, not a one-shot generator.
  const rows = { [Symbol.iterator]: () => mapped(rowTexts, (text) => JSON.parse(text) as string[]) };
  const widths = columnWidths(LINK_TABLE_HEADERS, rows);
  await printLines(io, tableLines(LINK_TABLE_HEADERS, rows, widths));
}

/**
 * What `msads-links list` keeps of a listing while its pages arrive: one compact record per link
 * (what it sorts by, and its output text, UTF-8, in large shared buffers), so the page's link
 * objects and answer can be let go. 100,000 links as records take less than their output (the
 * JSON, 89 MB, is kept as member values, compactJson.ts) instead of the ~1 GB the link objects,
 * the answers they were read from and the output string took together.
 *
 * A link that comes again (as the agency and as the client) replaces its record at the first
 * position, as the listing's own de-duplication does (`listLinks`).
 */
import { clientLinkKey, type ClientLink } from '../core/model/clientLink';
import type { LinkSortKey } from './format';

/** Where one record's text lies in the buffers. */
interface TextSpan {
  chunk: number;
  start: number;
  end: number;
}

/** UTF-8 text appended in buffers of 1 MB (a longer text gets a buffer of its own). */
class TextBuffers {
  private static readonly CHUNK_BYTES = 1 << 20;
  private readonly chunks: Buffer[] = [];
  private used = TextBuffers.CHUNK_BYTES;

  append(text: string): TextSpan {
    const bytes = Buffer.byteLength(text);
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || this.used + bytes > chunk.length) {
      chunk = Buffer.allocUnsafe(Math.max(TextBuffers.CHUNK_BYTES, bytes));
      this.chunks.push(chunk);
      this.used = 0;
    }
    const start = this.used;
    this.used += chunk.write(text, start);
    return { chunk: this.chunks.length - 1, start, end: this.used };
  }

  read(span: TextSpan): string {
    return (this.chunks[span.chunk] as Buffer).toString('utf8', span.start, span.end);
  }
}

/** One link as kept: its sort key (copied out of the link, so nothing of the page stays referenced) and where its text is. */
interface LinkRecord extends LinkSortKey, TextSpan {
  /** False when the link does not pass the caller's filter (kept so that a later copy can replace it). */
  shown: boolean;
}

/** A copy of a string that shares no memory with the string it may have been cut from. */
function own(text: string | null | undefined): string | undefined {
  return text === null || text === undefined ? undefined : text.length < 13 ? text : (' ' + text).slice(1);
}

export class LinkRecords {
  private readonly texts = new TextBuffers();
  private readonly records: LinkRecord[] = [];
  private readonly positions = new Map<string, number>();

  /**
   * `show`: whether a link belongs in the output (the --status filter); `text`: its output text,
   * written once the listing is complete.
   */
  constructor(
    private readonly show: (link: ClientLink) => boolean,
    private readonly text: (link: ClientLink) => string,
  ) {}

  /** Keeps what the output needs of these links; the links themselves are not referenced afterwards. */
  add(links: readonly ClientLink[]): void {
    for (const link of links) {
      const shown = this.show(link);
      const span: TextSpan = shown ? this.texts.append(this.text(link)) : { chunk: 0, start: 0, end: 0 };
      const record: LinkRecord = { Status: link.Status, ClientEntityName: own(link.ClientEntityName), ClientEntityId: own(link.ClientEntityId), shown, ...span };
      const key = clientLinkKey(link);
      const at = this.positions.get(key);
      if (at === undefined) {
        this.positions.set(key, this.records.length);
        this.records.push(record);
      } else {
        this.records[at] = record;
      }
    }
  }

  /**
   * The texts of the links shown, in `compare` order (ties in the order the links first came),
   * sorted once; the result can be read more than once (the table reads it for its widths first).
   */
  inOrder(compare: (a: LinkSortKey, b: LinkSortKey) => number): Iterable<string> & { count: number } {
    const shown = this.records.filter((r) => r.shown).sort(compare);
    const texts = this.texts;
    return {
      count: shown.length,
      *[Symbol.iterator]() {
        for (const r of shown) {
          yield texts.read(r);
        }
      },
    };
  }

  /** How many links came (after de-duplication). */
  get size(): number {
    return this.records.length;
  }
}

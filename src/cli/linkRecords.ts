/**
 * What `msads-links list` keeps of a listing while its pages arrive: one compact record per link
 * (what it sorts by, and its output text, UTF-8, in large shared buffers), so the page's link
 * objects and answer can be let go. 100,000 links as records take less than their output (the
 * JSON, 89 MB, is kept as member values, compactJson.ts) instead of the ~1 GB the link objects,
 * the answers they were read from and the output string took together.
 *
 * A record is not an object: its sort key is one string (status order, client name, client id
 * and its position, encoded so that plain string order is `compareLinks` order, ties in the order
 * the links first came), and where its text lies is three numbers in a typed array. Sorting
 * 100,000 keys then needs no comparison function of ours.
 *
 * A link that comes again (as the agency and as the client) replaces its record at the first
 * position, as the listing's own de-duplication does (`listLinks`).
 */
import { clientLinkKey, type ClientLink } from '../core/model/clientLink';
import { statusOrder } from '../core/model/lifecycle';

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
    let chunk = this.chunks[this.chunks.length - 1];
    // At most 3 UTF-8 bytes per UTF-16 unit: when that fits, no need to count them first.
    const bytes = chunk && this.used + 3 * text.length <= chunk.length ? 0 : Buffer.byteLength(text);
    if (!chunk || this.used + bytes > chunk.length) {
      chunk = Buffer.allocUnsafe(Math.max(TextBuffers.CHUNK_BYTES, bytes));
      this.chunks.push(chunk);
      this.used = 0;
    }
    const start = this.used;
    this.used += chunk.write(text, start);
    return { chunk: this.chunks.length - 1, start, end: this.used };
  }

  read(chunk: number, start: number, end: number): string {
    return end === start ? '' : (this.chunks[chunk] as Buffer).toString('utf8', start, end);
  }

  chunk(index: number): Buffer {
    return this.chunks[index] as Buffer;
  }
}

/** The records shown, sorted: each one's text as a string, or where its UTF-8 bytes lie. */
export interface SortedRecords extends Iterable<string> {
  count: number;
  /** The `k`-th record's bytes are `bytes(k)[start(k)..end(k))`. */
  bytes(k: number): Buffer;
  start(k: number): number;
  end(k: number): number;
}

/**
 * The parts of a sort key end with two U+0000; a U+0000 inside a part is written U+0000 U+0001.
 * Either way a part that is a prefix of another sorts first, as in code-unit order of the parts.
 */
const END = '\u0000\u0000';

function part(text: string | null | undefined): string {
  const t = text ?? '';
  return t.includes('\u0000') ? t.split('\u0000').join('\u0000\u0001') : t;
}

/** Status order (lifecycle order, unknown last) as one character, remembered per status. */
const orderChars = new Map<string, string>();
function orderChar(status: string | null | undefined): string {
  const s = status ?? '';
  let c = orderChars.get(s);
  if (c === undefined) {
    c = String.fromCharCode(0x40 + statusOrder(s));
    orderChars.set(s, c);
  }
  return c;
}

/**
 * The key whose string order is `compareLinks` order (status order, then client name, then client
 * id, both in code-unit order), then `position` (two code units: ties in the order links came).
 */
export function linkSortKey(link: Pick<ClientLink, 'Status' | 'ClientEntityName' | 'ClientEntityId'>, position: number): string {
  // join builds one flat string (no piece of the page's text stays referenced).
  return [orderChar(link.Status), part(link.ClientEntityName), END, part(link.ClientEntityId), END, String.fromCharCode(position >>> 16, position & 0xffff)].join('');
}

function positionOf(key: string): number {
  return key.charCodeAt(key.length - 2) * 0x10000 + key.charCodeAt(key.length - 1);
}

export class LinkRecords {
  private readonly texts = new TextBuffers();
  /** Per record: its sort key, or undefined when the link does not pass the caller's filter (kept so that a later copy can replace it). */
  private readonly keys: (string | undefined)[] = [];
  /** Per record: chunk, start, end of its text. */
  private spans = new Uint32Array(3 * 1024);
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
      const key = clientLinkKey(link);
      let at = this.positions.get(key);
      if (at === undefined) {
        at = this.keys.length;
        this.positions.set(key, at);
        this.keys.push(undefined);
        if (this.spans.length < 3 * this.keys.length) {
          const grown = new Uint32Array(this.spans.length * 2);
          grown.set(this.spans);
          this.spans = grown;
        }
      }
      if (this.show(link)) {
        const span = this.texts.append(this.text(link));
        this.spans[3 * at] = span.chunk;
        this.spans[3 * at + 1] = span.start;
        this.spans[3 * at + 2] = span.end;
        this.keys[at] = linkSortKey(link, at);
      } else {
        this.keys[at] = undefined;
      }
    }
  }

  /**
   * The texts of the links shown, in `compareLinks` order (ties in the order the links first came),
   * sorted once; the result can be read more than once (the table reads it for its widths first).
   */
  inOrder(): SortedRecords {
    const shown = this.keys.filter((k): k is string => k !== undefined).sort();
    // Where each sorted record's span is (3 numbers a record), read once from its key.
    const at = new Uint32Array(shown.length);
    for (let k = 0; k < shown.length; k++) {
      at[k] = 3 * positionOf(shown[k] as string);
    }
    const { texts, spans } = this;
    return {
      count: shown.length,
      bytes: (k) => texts.chunk(spans[at[k] as number] as number),
      start: (k) => spans[(at[k] as number) + 1] as number,
      end: (k) => spans[(at[k] as number) + 2] as number,
      *[Symbol.iterator]() {
        for (let k = 0; k < at.length; k++) {
          const i = at[k] as number;
          yield texts.read(spans[i] as number, spans[i + 1] as number, spans[i + 2] as number);
        }
      },
    };
  }

  /** How many links came (after de-duplication). */
  get size(): number {
    return this.keys.length;
  }
}

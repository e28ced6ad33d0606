/**
 * A link's JSON element kept small: its member names once per shape (the list of names in order,
 * shared by every link that has it), its values as JSON, each after a U+0001 (which JSON text
 * never holds raw). `expand` writes exactly what `JSON.stringify(array, null, 2)` writes for the
 * object as a member of an array; about half the bytes of that text are names and indentation.
 *
 * Both directions are on the path of every link of a 100,000-link listing, so they avoid
 * per-link arrays: a link of the last shape seen reuses it without building its signature, a
 * primitive value is written by `JSON.stringify(value)` (what the indenting form writes for it),
 * a nested value is indented for its place once, here, and `expand` only puts each member's
 * prefix (`    "Name": `, made once per shape) before its value.
 */
const SEPARATOR = '\u0001';

interface Shape {
  id: number;
  names: readonly string[];
  /** `    "Name": ` per member: one level into the element, two into the array. */
  prefixes: readonly string[];
  /** The same as UTF-8 after `  {\n` (the element's first member written) and after `,\n` (the others). */
  firstBytes: readonly Buffer[];
  nextBytes: readonly Buffer[];
  /** The longest of nextBytes / firstBytes, summed: what the names add to an element at most. */
  prefixBytes: number;
}

const EMPTY_ELEMENT = Buffer.from('  {}');
const ELEMENT_END = Buffer.from('\n  }');

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

export class CompactJsonObjects {
  private readonly shapes: Shape[] = [];
  private readonly shapeIds = new Map<string, number>();
  private last: Shape | undefined;

  private shapeOf(names: string[]): Shape {
    if (this.last && sameNames(this.last.names, names)) {
      return this.last;
    }
    const signature = names.join(SEPARATOR);
    let id = this.shapeIds.get(signature);
    if (id === undefined) {
      id = this.shapes.length;
      const prefixes = names.map((n) => `    ${JSON.stringify(n)}: `);
      const firstBytes = prefixes.map((p) => Buffer.from(`  {\n${p}`));
      const nextBytes = prefixes.map((p) => Buffer.from(`,\n${p}`));
      this.shapes.push({ id, names, prefixes, firstBytes, nextBytes, prefixBytes: firstBytes.reduce((sum, b) => sum + b.length, 0) });
      this.shapeIds.set(signature, id);
    }
    this.last = this.shapes[id];
    return this.shapes[id] as Shape;
  }

  /**
   * The compact form of a plain object (no toJSON of its own). `redact`, when given, is applied
   * to the compact text (one pass per object); when it masks something, to each value on its own
   * instead, so a mask never runs past the end of its value into the next member.
   */
  compact(value: object, redact?: (text: string) => string): string {
    const text = this.compactText(value);
    if (!redact) {
      return text;
    }
    const masked = redact(text);
    return masked === text ? text : text.split(SEPARATOR).map((part, i) => (i === 0 ? part : redact(part))).join(SEPARATOR);
  }

  private compactText(value: object): string {
    const names = Object.keys(value);
    const shape = this.shapeOf(names);
    const record = value as Record<string, unknown>;
    let text = String(shape.id);
    for (let i = 0; i < names.length; i++) {
      const v = record[names[i] as string];
      let json: string | undefined;
      if (typeof v !== 'object' || v === null) {
        json = JSON.stringify(v);
      } else {
        // A nested object or array is indented two levels further.
        json = JSON.stringify(v, null, 2);
        if (json !== undefined && json.includes('\n')) {
          json = json.replace(/\n/g, '\n    ');
        }
      }
      // Members JSON leaves out (undefined, functions, symbols) keep an empty slot.
      text += json === undefined ? SEPARATOR : SEPARATOR + json;
    }
    return text;
  }

  /**
   * `expand` from the compact form's UTF-8 bytes (`src[start..end)`) into `out` at `at`, without
   * decoding it: each U+0001 (one byte, 0x01, which no other UTF-8 character contains) becomes its
   * member's prefix. Returns where the element ends. `out` must have `expandedBytesAtMost` room.
   */
  expandInto(src: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
    let i = start;
    let id = 0;
    while (i < end && src[i] !== 1) {
      id = id * 10 + ((src[i] as number) - 48);
      i++;
    }
    const shape = this.shapes[id];
    let o = at;
    let member = -1;
    let wrote = false;
    while (shape && i < end) {
      // src[i] is the separator before member `member + 1`.
      member++;
      i++;
      if (i === end || src[i] === 1) {
        continue; // a member JSON leaves out
      }
      const prefix = (wrote ? shape.nextBytes[member] : shape.firstBytes[member]) as Buffer;
      for (let k = 0; k < prefix.length; k++) {
        out[o++] = prefix[k] as number;
      }
      wrote = true;
      for (let b = src[i] as number; b !== 1; b = src[i] as number) {
        out[o++] = b;
        if (++i === end) {
          break;
        }
      }
    }
    const tail = wrote ? ELEMENT_END : EMPTY_ELEMENT;
    out.set(tail, o);
    return o + tail.length;
  }

  /** The most bytes `expandInto` writes for the compact form `src[start..end)`. */
  expandedBytesAtMost(src: Uint8Array, start: number, end: number): number {
    let id = 0;
    for (let i = start; i < end && src[i] !== 1; i++) {
      id = id * 10 + ((src[i] as number) - 48);
    }
    return end - start + (this.shapes[id]?.prefixBytes ?? 0) + EMPTY_ELEMENT.length + ELEMENT_END.length;
  }

  /** The object's text as a member of a pretty-printed array (two-space indent, one level in). */
  expand(compact: string): string {
    let at = compact.indexOf(SEPARATOR);
    const shape = this.shapes[Number(at < 0 ? compact : compact.slice(0, at))];
    if (!shape || at < 0) {
      return '  {}';
    }
    const { prefixes } = shape;
    let out = '';
    for (let i = 0; i < prefixes.length && at < compact.length; i++) {
      const start = at + 1;
      let end = compact.indexOf(SEPARATOR, start);
      if (end < 0) {
        end = compact.length;
      }
      if (end > start) {
        out += `${out === '' ? '  {\n' : ',\n'}${prefixes[i] as string}${compact.slice(start, end)}`;
      }
      at = end;
    }
    return out === '' ? '  {}' : `${out}\n  }`;
  }
}

/**
 * A link's JSON element kept small: its member names once per shape (the list of names in order,
 * shared by every link that has it), its values as JSON, separated by U+0001 (which JSON text
 * never holds raw). `expand` writes exactly what `JSON.stringify(array, null, 2)` writes for the
 * object as a member of an array; about half the bytes of that text are names and indentation.
 */
const SEPARATOR = '\u0001';

export class CompactJsonObjects {
  private readonly shapes: string[][] = [];
  private readonly shapeIds = new Map<string, number>();

  /** The compact form of a plain object (no toJSON of its own). */
  compact(value: object): string {
    const names = Object.keys(value);
    const signature = names.join(SEPARATOR);
    let id = this.shapeIds.get(signature);
    if (id === undefined) {
      id = this.shapes.length;
      this.shapes.push(names);
      this.shapeIds.set(signature, id);
    }
    const record = value as Record<string, unknown>;
    // Members JSON leaves out (undefined, functions, symbols) keep an empty slot.
    const values = names.map((n) => JSON.stringify(record[n], null, 2) ?? '');
    return `${id}${SEPARATOR}${values.join(SEPARATOR)}`;
  }

  /** The object's text as a member of a pretty-printed array (two-space indent, one level in). */
  expand(compact: string): string {
    const parts = compact.split(SEPARATOR);
    const names = this.shapes[Number(parts[0])] ?? [];
    const members: string[] = [];
    for (let i = 0; i < names.length; i++) {
      const json = parts[i + 1] ?? '';
      if (json !== '') {
        // A nested object or array is indented two levels further.
        members.push(`    ${JSON.stringify(names[i])}: ${json.includes('\n') ? json.replace(/\n/g, '\n    ') : json}`);
      }
    }
    return members.length ? `  {\n${members.join(',\n')}\n  }` : '  {}';
  }
}

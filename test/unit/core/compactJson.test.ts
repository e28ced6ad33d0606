/** CompactJsonObjects (issue 15): what `list --json` keeps per link expands to exactly the text JSON.stringify writes for it in an array. */
import * as assert from 'node:assert/strict';
import { CompactJsonObjects } from '../../../src/cli/compactJson';

describe('CompactJsonObjects', () => {
  it('expands to the member text of JSON.stringify(array, null, 2), whatever the members', () => {
    const objects: object[] = [
      { Type: 'AccountLink', ClientEntityId: '180000001', Note: null, IsBillToClient: true, Missing: undefined, Name: 'Café "Olé" \\ \u0001 \n two lines' },
      { ForwardCompatibilityMap: [{ Key: 'k', Value: 'v' }], Empty: [], Nested: { a: { b: [1, 2] } }, n: 3.5 },
      {},
      { only: undefined },
      { Type: 'AccountLink', ClientEntityId: '180000002', Note: 'second of the same shape', IsBillToClient: false, Missing: 'now here', Name: '' },
    ];
    const codec = new CompactJsonObjects();
    const compact = objects.map((o) => codec.compact(o));
    assert.equal(`[\n${compact.map((c) => codec.expand(c)).join(',\n')}\n]`, JSON.stringify(objects, null, 2));
  });

  it('expandInto writes the UTF-8 bytes of expand from the compact bytes, without decoding them', () => {
    const objects: object[] = [
      { Type: 'AccountLink', Name: 'Café "Olé" \u0001 متجر 😀', Note: null, Missing: undefined, IsBillToClient: true },
      { ForwardCompatibilityMap: [{ Key: 'k', Value: 'v' }], Nested: { a: { b: [1, 2] } } },
      {},
      { only: undefined },
      { Type: 'AccountLink', Name: '', Note: 'x', Missing: 'now here', IsBillToClient: false },
    ];
    const codec = new CompactJsonObjects();
    for (const o of objects) {
      const compact = Buffer.from(`xx${codec.compact(o)}yy`);
      const [start, end] = [2, compact.length - 2];
      const out = Buffer.alloc(codec.expandedBytesAtMost(compact, start, end) + 3, 0x7e);
      const at = codec.expandInto(compact, start, end, out, 1);
      assert.equal(out.toString('utf8', 1, at), codec.expand(compact.toString('utf8', start, end)));
      assert.ok(at <= out.length - 2, 'within the room it asked for');
    }
  });

  it('masks what redact masks, value by value when a mask would run on past its value', () => {
    const codec = new CompactJsonObjects();
    const redact = (t: string): string => t.replace(/(<Token>)[^<]*/g, '$1[masked]');
    const compact = codec.compact({ A: 'x <Token>secret', B: 'kept', C: 3 }, redact);
    assert.equal(codec.expand(compact), '  {\n    "A": "x <Token>[masked],\n    "B": "kept",\n    "C": 3\n  }');
    assert.equal(codec.compact({ A: 'plain', B: 'text' }, redact), codec.compact({ A: 'plain', B: 'text' }));
  });

  it('keeps the member names once per shape, not per object', () => {
    const codec = new CompactJsonObjects();
    const link = { Type: 'AccountLink', ClientEntityId: '180000001', ClientEntityName: 'Fabrikam', Status: 'Active' };
    const compact = codec.compact(link);
    assert.ok(!compact.includes('ClientEntityName'));
    assert.ok(compact.length < JSON.stringify(link).length);
  });
});

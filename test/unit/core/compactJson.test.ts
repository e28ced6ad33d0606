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

  it('keeps the member names once per shape, not per object', () => {
    const codec = new CompactJsonObjects();
    const link = { Type: 'AccountLink', ClientEntityId: '180000001', ClientEntityName: 'Fabrikam', Status: 'Active' };
    const compact = codec.compact(link);
    assert.ok(!compact.includes('ClientEntityName'));
    assert.ok(compact.length < JSON.stringify(link).length);
  });
});

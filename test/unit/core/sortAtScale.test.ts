/**
 * Issue 15: sorting links reads each link's keys once and compares plain ASCII names by code point
 * instead of through the collator, with the very same order as `compareLinks` (the collator) where
 * that holds, and the collator everywhere it does not (some locales order "aa", "ch" or "y" differently).
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { sortFlat } from '../../../src/core/workflow/grouping';
import { agreesWithCodePoints, compareLinks, sortLinks } from '../../../src/core/workflow/linkSort';
import { createRandom } from '../../../src/simulator/prng';

const ALPHABET = ['a', 'b', 'A', 'Z', 'z', ' ', '-', '0', '9', '1', 'é', 'É', 'ø', 'ß', '.', ',', '&', "'", '_', 'Ω', '中', 'ch', 'aa', 'y', 'i'];

function randomLinks(count: number, seed: number): ClientLink[] {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    const length = Math.floor(random() * 6);
    const name = Array.from({ length }, () => pick(ALPHABET)).join('');
    const idStyle = random();
    const id = idStyle < 0.8 ? String(Math.floor(random() * 1e4) + 1) : idStyle < 0.9 ? `00${Math.floor(random() * 100)}` : '';
    return {
      Type: 'AccountLink',
      ClientEntityId: id,
      ClientEntityName: random() < 0.9 ? name : null,
      Name: random() < 0.5 ? pick(ALPHABET) : null,
      Status: pick(['Active', 'LinkPending', 'Inactive', 'LinkAccepted'] as const),
      LastModifiedDateTime: random() < 0.8 ? `2026-11-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T10:00:00` : null,
    } as ClientLink;
  });
}

describe('sorting links at scale (one key read per link, the collator only where needed)', () => {
  it('sorts by name exactly as compareLinks does, over random names of ASCII, accents, punctuation and other scripts', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const links = randomLinks(2000, seed);
      const expected = [...links].sort(compareLinks);
      const actual = sortLinks([...links], 'name');
      assert.deepEqual(
        actual.map((l) => `${l.ClientEntityName ?? l.Name ?? ''}|${l.ClientEntityId}`),
        expected.map((l) => `${l.ClientEntityName ?? l.Name ?? ''}|${l.ClientEntityId}`),
        `seed ${seed}`,
      );
    }
  });

  it('breaks ties of the date sorts and of the flat list by the same name order', () => {
    const links = randomLinks(1500, 9);
    const byName = [...links].sort(compareLinks);
    const modified = sortLinks([...links], 'lastModified');
    // Within one date, names in compareLinks order.
    const byDate = new Map<string, string[]>();
    for (const l of modified) {
      const list = byDate.get(String(l.LastModifiedDateTime)) ?? [];
      list.push(`${l.ClientEntityName ?? l.Name ?? ''}|${l.ClientEntityId}`);
      byDate.set(String(l.LastModifiedDateTime), list);
    }
    for (const [date, names] of byDate) {
      const expected = byName.filter((l) => String(l.LastModifiedDateTime) === date).map((l) => `${l.ClientEntityName ?? l.Name ?? ''}|${l.ClientEntityId}`);
      assert.deepEqual(names, expected, date);
    }
    const flat = sortFlat(links, 'name');
    const order = ['LinkPending', 'LinkAccepted', 'Active', 'Inactive'];
    const expectedFlat = [...links].sort((a, b) => order.indexOf(String(a.Status)) - order.indexOf(String(b.Status)) || compareLinks(a, b));
    assert.deepEqual(flat, expectedFlat);
  });

  it('uses code points only where the locale orders plain names that way (not Danish "aa", Czech "ch", Lithuanian "y")', () => {
    const collator = (locale: string) => {
      const c = new Intl.Collator(locale, { sensitivity: 'base' });
      return (a: string, b: string) => c.compare(a, b);
    };
    assert.equal(agreesWithCodePoints(collator('en')), true);
    assert.equal(agreesWithCodePoints(collator('de')), true);
    assert.equal(agreesWithCodePoints(collator('da')), false, 'Danish: "aa" is "å", after "z"');
    assert.equal(agreesWithCodePoints(collator('cs')), false, 'Czech: "ch" comes after "h"');
    assert.equal(agreesWithCodePoints(collator('lt')), false, 'Lithuanian: "y" comes right after "i"');
  });
});

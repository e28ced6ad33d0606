/**
 * SearchClientLinks on a large seed (issue 15) reads candidates from the store's indexes and
 * remembers several sorted answers: every page must equal the naive answer (every latest link
 * filtered, sorted with BigInt ids, then sliced), for each kind of predicate, also after a change.
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { matchesFilter, parseLinkPredicates, searchClientLinks } from '../../../src/simulator/rules/searchLinks';
import { toClientLink } from '../../../src/simulator/rules/clientLinkView';
import { sidesOf } from '../../../src/simulator/rules/updateLinks';
import type { OrderByInput, PredicateInput, SearchInput } from '../../../src/simulator/rules/inputs';
import type { RuleContext } from '../../../src/simulator/rules/context';
import { AGENCY, World } from './world';

/** The answer computed the slow, obvious way. */
function naive(ctx: RuleContext, predicates: PredicateInput[], ordering: OrderByInput[] | undefined, index: number, size: number): ClientLink[] {
  const { store, user } = ctx;
  const filter = parseLinkPredicates(predicates);
  let accounts: Set<string> | undefined;
  if (filter.ManagingCustomerId) {
    accounts = new Set([...store.latestLinks()].filter((l) => l.type === 'AccountLink' && filter.ManagingCustomerId!.has(l.managingCustomerId)).map((l) => l.clientEntityId));
  }
  const found = [...store.latestLinks()].filter((l) => matchesFilter(filter, l) && (!accounts || accounts.has(l.clientEntityId)) && sidesOf(store, user, l).length > 0);
  const big = (s: string): bigint => BigInt(s);
  const cmpBig = (a: string, b: string): number => (big(a) < big(b) ? -1 : big(a) > big(b) ? 1 : 0);
  const cmpText = (a: string | null, b: string | null): number => {
    const x = (a ?? '').toLowerCase();
    const y = (b ?? '').toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const first = ordering?.[0];
  const direction = first?.Order === 'Descending' ? -1 : 1;
  found.sort((a, b) => {
    const primary = first?.Field === 'Name' ? cmpText(a.name, b.name) : first?.Field === 'Number' ? cmpText(store.customers.get(a.managingCustomerId)?.number ?? null, store.customers.get(b.managingCustomerId)?.number ?? null) : 0;
    return direction * (primary || cmpBig(a.clientEntityId, b.clientEntityId) || cmpText(a.type, b.type) || cmpBig(a.managingCustomerId, b.managingCustomerId));
  });
  return found.slice(index * size, index * size + size).map((l) => toClientLink(store, l));
}

describe('simulator SearchClientLinks at scale', () => {
  const world = new World('scale:10000');
  const ctx = world.as('contoso-admin');
  const ask = (predicates: PredicateInput[], ordering: OrderByInput[] | undefined, index: number, size = 100): SearchInput => ({ Predicates: predicates, Ordering: ordering, PageInfo: { Index: index, Size: size } });
  const accountIds = [...world.store.latestLinks()].filter((l) => l.type === 'AccountLink').map((l) => l.clientEntityId);
  const owner = world.store.accounts.get(accountIds[7]!)!.ownerCustomerId;
  const questions: [string, PredicateInput[], OrderByInput[] | undefined][] = [
    ['the agency listing by id', [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY }], [{ Field: 'Id', Order: 'Ascending' }]],
    ['the agency listing by name, descending', [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY }], [{ Field: 'Name', Order: 'Descending' }]],
    ['ten accounts (In)', [{ Field: 'ClientAccountId', Operator: 'In', Value: accountIds.slice(100, 110).join(',') }], undefined],
    ['one account with the agency', [{ Field: 'ClientAccountId', Operator: 'Equals', Value: accountIds[5]! }, { Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY }], undefined],
    ['a client customer', [{ Field: 'ClientCustomerId', Operator: 'Equals', Value: owner }], undefined],
    ['the deprecated ManagingCustomerId', [{ Field: 'ManagingCustomerId', Operator: 'Equals', Value: AGENCY }], [{ Field: 'Number', Order: 'Ascending' }]],
  ];

  for (const [what, predicates, ordering] of questions) {
    it(`${what}: pages equal the naive answer`, () => {
      for (const index of [0, 1, 57, 99, 100]) {
        assert.deepEqual(searchClientLinks(ctx, ask(predicates, ordering, index)), naive(ctx, predicates, ordering, index, 100), `page ${index}`);
      }
    });
  }

  it('questions asked in turn, and a change to the store, give the naive answer every time', () => {
    const agency: PredicateInput[] = [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY }];
    for (let index = 0; index < 12; index++) {
      const [, predicates, ordering] = questions[index % questions.length]!;
      assert.deepEqual(searchClientLinks(ctx, ask(predicates, ordering, index % 3)), naive(ctx, predicates, ordering, index % 3, 100));
      assert.deepEqual(searchClientLinks(ctx, ask(agency, undefined, index)), naive(ctx, agency, undefined, index, 100));
    }
    const page = searchClientLinks(ctx, ask(agency, undefined, 3));
    const stored = world.store.latest(AGENCY, 'AccountLink', page[0]!.ClientEntityId!)!;
    world.store.setStatus(stored, 'Inactive', world.now, 'u');
    assert.deepEqual(searchClientLinks(ctx, ask(agency, undefined, 3)), naive(ctx, agency, undefined, 3, 100));
    assert.equal(searchClientLinks(ctx, ask(agency, undefined, 3))[0]!.Status, 'Inactive');
  });
});

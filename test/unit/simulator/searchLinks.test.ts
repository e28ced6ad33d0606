import * as assert from 'node:assert/strict';
import { ApiFault, AdApiFault } from '../../../src/simulator/rules/errorCodes';
import { searchClientLinks } from '../../../src/simulator/rules/searchLinks';
import type { PredicateInput, SearchInput } from '../../../src/simulator/soap/requests';
import { AGENCY, FABRIKAM, World } from './world';

const direct: PredicateInput = { Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY };
const search = (predicates: PredicateInput[] | undefined, extra: Partial<SearchInput> = {}): SearchInput => ({ Predicates: predicates, Ordering: undefined, PageInfo: { Index: 0, Size: 100 }, ...extra });

function apiCode(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiFault || e instanceof AdApiFault) {
      return e.errors[0]?.Code;
    }
    throw e;
  }
  return undefined;
}

describe('simulator SearchClientLinks rules', () => {
  it('returns only the latest link of each pair', () => {
    const w = new World();
    const ctx = w.as('contoso-admin');
    const all = searchClientLinks(ctx, search([direct]));
    const keys = all.map((l) => `${l.Type}:${l.ClientEntityId}`);
    assert.equal(new Set(keys).size, keys.length, 'one entry per pair');
    assert.ok(w.store.linkCount().records > w.store.linkCount().pairs, 'the seed has history');
    for (const link of all) {
      const latest = w.store.latest(AGENCY, link.Type === 'CustomerLink' ? 'CustomerLink' : 'AccountLink', link.ClientEntityId ?? '');
      assert.equal(link.Status, latest?.status);
    }
  });

  it('DirectManagingCustomerId returns account and customer links of that agency', () => {
    const w = new World();
    const all = searchClientLinks(w.as('contoso-admin'), search([direct]));
    assert.ok(all.length >= 60);
    assert.ok(all.some((l) => l.Type === 'CustomerLink'));
    assert.ok(all.every((l) => l.ManagingCustomerId === AGENCY));
  });

  it('hides customer links from a Standard user and refuses a Viewer-less stranger with 106', () => {
    const w = new World();
    const standard = searchClientLinks(w.as('contoso-standard'), search([direct]));
    assert.ok(standard.length > 0 && standard.every((l) => l.Type === 'AccountLink'));
    assert.equal(apiCode(() => searchClientLinks(w.as('fabrikam-admin'), search([direct]))), 106);
  });

  it('refuses a Viewer of the agency with 106, as Add does (spec §3.3, §6), instead of an empty list', () => {
    const w = new World();
    assert.equal(apiCode(() => searchClientLinks(w.as('contoso-viewer'), search([direct]))), 106);
    assert.equal(apiCode(() => searchClientLinks(w.as('contoso-viewer'), search([{ ...direct, Field: 'ManagingCustomerId' }]))), 106);
  });

  it('ClientAccountId (Equals, In) lets the client side see links on its accounts', () => {
    const w = new World();
    const one = searchClientLinks(w.as('fabrikam-admin'), search([{ Field: 'ClientAccountId', Operator: 'Equals', Value: '180012345' }]));
    assert.deepEqual(one.map((l) => [l.ClientEntityId, l.Status]), [['180012345', 'LinkPending']]);
    const many = searchClientLinks(w.as('fabrikam-admin'), search([{ Field: 'ClientAccountId', Operator: 'In', Value: '180012345,180012348,180034001' }]));
    assert.deepEqual(many.map((l) => l.ClientEntityId), ['180012345', '180012348'], 'Northwind account invisible to Fabrikam');
  });

  it('combines ClientAccountId with DirectManagingCustomerId (AND) and ClientCustomerId with DirectManagingCustomerId', () => {
    const w = new World();
    const ctx = w.as('contoso-admin');
    const both = searchClientLinks(ctx, search([{ Field: 'ClientAccountId', Operator: 'Equals', Value: '180012345' }, direct]));
    assert.equal(both.length, 1);
    const none = searchClientLinks(ctx, search([{ Field: 'ClientAccountId', Operator: 'Equals', Value: w.seed.invitableAccounts[0]!.id }, direct]));
    assert.equal(none.length, 0);
    assert.equal(apiCode(() => searchClientLinks(ctx, search([{ Field: 'ClientAccountId', Operator: 'Equals', Value: '180012345' }, { ...direct, Value: FABRIKAM }]))), 106);
    const customers = searchClientLinks(ctx, search([{ Field: 'ClientCustomerId', Operator: 'In', Value: '250800001,250700002' }, direct]));
    assert.deepEqual(customers.map((l) => l.Type), ['CustomerLink', 'CustomerLink']);
  });

  it('validates predicates: 474 when missing, 3030 for bad fields, operators, values and combinations', () => {
    const w = new World();
    const ctx = w.as('contoso-admin');
    assert.equal(apiCode(() => searchClientLinks(ctx, search(undefined))), 474);
    assert.equal(apiCode(() => searchClientLinks(ctx, search([]))), 474);
    const bad: PredicateInput[][] = [
      [{ Field: 'AccountName', Operator: 'Equals', Value: 'x' }],
      [{ ...direct, Operator: 'In' }],
      [{ ...direct, Operator: 'Contains' }],
      [{ Field: 'ClientAccountId', Operator: 'In', Value: Array.from({ length: 11 }, (_, i) => String(180100001 + i)).join(',') }],
      [{ Field: 'ClientAccountId', Operator: 'Equals', Value: '1,2' }],
      [{ Field: 'ClientAccountId', Operator: 'Equals', Value: 'abc' }],
      [direct, { Field: 'ManagingCustomerId', Operator: 'Equals', Value: AGENCY }],
      [{ Field: 'ClientAccountId', Operator: 'Equals', Value: '180012345' }, { Field: 'ClientCustomerId', Operator: 'Equals', Value: FABRIKAM }],
      [direct, direct, direct],
    ];
    for (const predicates of bad) {
      assert.equal(apiCode(() => searchClientLinks(ctx, search(predicates))), 3030, JSON.stringify(predicates));
    }
    const tenIds = Array.from({ length: 10 }, (_, i) => String(180100001 + i)).join(',');
    assert.equal(searchClientLinks(ctx, search([{ Field: 'ClientAccountId', Operator: 'In', Value: tenIds }])).length, 10);
  });

  it('deprecated ManagingCustomerId: account links only', () => {
    const w = new World();
    const links = searchClientLinks(w.as('contoso-admin'), search([{ Field: 'ManagingCustomerId', Operator: 'Equals', Value: AGENCY }]));
    assert.ok(links.length > 0 && links.every((l) => l.Type === 'AccountLink'));
  });

  it('pages with a zero-based Index; Size 0 or missing → empty; bad PageInfo → 3080', () => {
    const w = new World();
    const ctx = w.as('contoso-admin');
    const all = searchClientLinks(ctx, search([direct]));
    const pages = [0, 1, 2, 3, 4, 5, 6].flatMap((Index) => searchClientLinks(ctx, search([direct], { PageInfo: { Index, Size: 10 } })));
    assert.deepEqual(pages.map((l) => l.ClientEntityId + (l.Type ?? '')), all.map((l) => l.ClientEntityId + (l.Type ?? '')));
    assert.equal(searchClientLinks(ctx, search([direct], { PageInfo: { Index: 0, Size: undefined } })).length, 0);
    assert.equal(searchClientLinks(ctx, search([direct], { PageInfo: { Index: 0, Size: 0 } })).length, 0);
    for (const PageInfo of [undefined, null, { Index: 0, Size: 101 }, { Index: -1, Size: 10 }, { Index: 0, Size: -5 }]) {
      assert.equal(apiCode(() => searchClientLinks(ctx, search([direct], { PageInfo }))), 3080, JSON.stringify(PageInfo));
    }
  });

  it('orders by Id (default), Name and Number, ascending or descending', () => {
    const w = new World();
    const ctx = w.as('contoso-admin');
    const ids = searchClientLinks(ctx, search([direct])).map((l) => BigInt(l.ClientEntityId ?? '0'));
    assert.deepEqual(ids, [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const names = searchClientLinks(ctx, search([direct], { Ordering: [{ Field: 'Name', Order: 'Ascending' }] })).map((l) => (l.Name ?? '').toLowerCase());
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const desc = searchClientLinks(ctx, search([direct], { Ordering: [{ Field: 'Name', Order: 'Descending' }, { Field: 'Id', Order: 'Ascending' }] })).map((l) => (l.Name ?? '').toLowerCase());
    assert.deepEqual(desc, [...names].reverse());
    const byNumber = searchClientLinks(ctx, search([{ Field: 'ClientAccountId', Operator: 'Equals', Value: '180012345' }], { Ordering: [{ Field: 'Number', Order: 'Descending' }] }));
    assert.equal(byNumber.length, 1);
  });
});

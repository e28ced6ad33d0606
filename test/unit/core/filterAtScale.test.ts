/**
 * Issue 15: the filter keeps each link's folded match text (folding is most of a filter's cost at
 * 100,000 links); what it matches must not change: a link whose fields change is matched on its
 * new fields, and filtering again gives the same links.
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { filterLinks } from '../../../src/core/workflow/grouping';

describe('filter at scale: the kept match text (issue 15)', () => {
  const links: ClientLink[] = Array.from({ length: 5_000 }, (_, i) => ({ ClientEntityId: String(190000001 + i), ClientEntityName: i % 10 === 0 ? `Café Olé ${i}` : `Fabrikam ${i}`, Status: i % 4 ? 'Active' : 'LinkPending' }));

  it('filtering again, or with another query, gives the same links as the first time', () => {
    const first = filterLinks(links, 'ole');
    assert.equal(first.length, 500);
    assert.deepEqual(filterLinks(links, 'fabrikam 12').map((l) => l.ClientEntityId), filterLinks(links, 'FABRIKAM 12').map((l) => l.ClientEntityId));
    assert.deepEqual(filterLinks(links, 'ole'), first);
    assert.equal(filterLinks(links, 'ole pending').length, 250, 'status words still match the status');
  });

  it('a link whose name changed is matched on its new name, not the one seen before', () => {
    const link: ClientLink = { ClientEntityId: '1', Name: 'Contoso Outlet', Status: 'Active' };
    assert.equal(filterLinks([link], 'contoso').length, 1);
    link.Name = 'Northwind Olé';
    assert.equal(filterLinks([link], 'contoso').length, 0);
    assert.equal(filterLinks([link], 'northwind ole').length, 1);
  });
});

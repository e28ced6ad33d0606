/**
 * Issue 15: the tree groups 100,000 links in slices (a generator the extension runs a few
 * milliseconds at a time) and keeps the order between regroupings (LinkGrouper): clearing a filter
 * is a lookup, a filter is one pass, a listing that changed in a few links is merged into the kept
 * order. Every path must give exactly the groups of the one-shot algorithm this replaced (kept
 * below verbatim as the oracle, fed its input in key order so that links equal in name and id
 * come out in the new order's tie-break).
 */
import * as assert from 'node:assert/strict';
import { type ClientLink, clientLinkKey } from '../../../src/core/model/clientLink';
import { STATUSES, statusOrder } from '../../../src/core/model/lifecycle';
import { mergeSliced, runNow, runSliced, type Sliced, SLICE_ITEMS, sortSliced } from '../../../src/core/util/sliced';
import { sideOf } from '../../../src/core/workflow/customerContext';
import { type CustomerNames, filterLinks, type GroupBy, type GroupOptions, groupLinks, groupLinksSliced, isOnBothSides, type LinkGroup } from '../../../src/core/workflow/grouping';
import { LinkGrouper } from '../../../src/core/workflow/linkGrouper';
import { LinkListing } from '../../../src/core/workflow/linkListing';
import { compareNames, type SortBy, sortLinks, sortLinksBy } from '../../../src/core/workflow/linkSort';
import { createRandom } from '../../../src/simulator/prng';

const ACTIVE = { customerId: '100' };
const NAMES = ['Contoso', 'contoso', 'Fabrikam', 'Olé Shoes', 'ole shoes', 'Wide World', 'Zeta', 'ch', 'aa', 'Ærø', '', 'Tailspin Toys', 'Alpine Ski'];
const STATUS_POOL = ['Active', 'LinkPending', 'LinkPending', 'Inactive', 'LinkAccepted', 'UnlinkPending', 'LinkExpired', 'SomethingNew', null] as const;

let serial = 0;

/** Random links: both sides of the active customer, account and customer links, unknown and missing statuses, some equal in name and id. */
function randomLink(random: () => number): ClientLink {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const status = pick(STATUS_POOL);
  const known = status !== null && status !== 'SomethingNew';
  const customerLink = random() < 0.1;
  serial++;
  const agency = random() < 0.6;
  // Keys are unique, as in a listing. Other agencies' links on the same client entity tie in name and
  // id; links of unknown status get ids of their own (the oracle orders ties across two unknown statuses by bucket).
  const id = known && !agency ? String(1 + Math.floor(random() * 40)) : `9${serial}`;
  return {
    Type: customerLink ? 'CustomerLink' : 'AccountLink',
    ClientEntityId: id,
    ClientEntityNumber: customerLink ? `C${id}` : `X${id}`,
    ClientEntityName: random() < 0.9 ? `${pick(NAMES)}${random() < 0.5 ? '' : ` ${Math.floor(random() * 5)}`}` : null,
    ClientEntityCustomerNumber: customerLink ? null : random() < 0.8 ? `C${Math.floor(random() * 8)}` : null,
    Name: random() < 0.3 ? pick(NAMES) : null,
    ManagingCustomerId: agency ? ACTIVE.customerId : String(200 + serial),
    ManagingCustomerName: 'Agency',
    Status: status,
    LastModifiedDateTime: random() < 0.85 ? `2026-11-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T${String(Math.floor(random() * 24)).padStart(2, '0')}:00:00` : null,
  } as ClientLink;
}

function randomLinks(count: number, seed: number): ClientLink[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => randomLink(random));
}

// ---- The one-shot grouping this replaced (verbatim but for names), the oracle. ----
const PENDING_SPLIT = [
  { side: 'client', suffix: 'awaiting', label: 'Pending: awaiting your answer' },
  { side: 'agency', suffix: 'sent', label: 'Pending: sent by you' },
] as const;

function oracleGroupLinks(input: readonly ClientLink[], by: GroupBy, options: GroupOptions = {}): LinkGroup[] {
  // Ties (equal name and id) in key order: the new order breaks them by key.
  const links = [...input].sort((a, b) => (clientLinkKey(a) < clientLinkKey(b) ? -1 : clientLinkKey(a) > clientLinkKey(b) ? 1 : 0));
  const sortBy = options.sortBy ?? 'name';
  if (by === 'none') {
    const flat = sortBy !== 'name' ? sortLinks([...links], sortBy) : sortLinksBy([...links], (l) => statusOrder(l.Status ?? ''));
    return [{ id: 'all', label: 'All links', links: flat }];
  }
  if (by === 'client') {
    return oracleByClient(links, options.customers, sortBy);
  }
  const byStatus = new Map<string, ClientLink[]>();
  for (const link of links) {
    const key = link.Status ?? 'Unknown';
    const list = byStatus.get(key) ?? [];
    list.push(link);
    byStatus.set(key, list);
  }
  const groups: LinkGroup[] = [];
  const active = options.active;
  const split = active !== undefined && isOnBothSides(links, active);
  for (const def of STATUSES) {
    const list = byStatus.get(def.status) ?? [];
    if (list.length === 0 && (!options.showEmpty || def.reserved)) {
      continue;
    }
    if (split && def.status === 'LinkPending') {
      for (const part of PENDING_SPLIT) {
        const mine = list.filter((l) => sideOf(l, active) === part.side);
        if (mine.length || options.showEmpty) {
          groups.push({ id: `status:${def.status}:${part.suffix}`, label: part.label, status: def.status, side: part.side, links: sortLinks(mine, sortBy) });
        }
      }
      continue;
    }
    groups.push({ id: `status:${def.status}`, label: def.label, status: def.status, links: sortLinks(list, sortBy) });
  }
  const known = new Set<string>(STATUSES.map((d) => d.status));
  const unknown = [...byStatus].filter(([status]) => !known.has(status)).flatMap(([, list]) => list);
  if (unknown.length) {
    groups.push({ id: 'status:Unknown', label: 'Unknown status', links: sortLinks(unknown, sortBy) });
  }
  return groups;
}

function oracleByClient(links: readonly ClientLink[], customers: CustomerNames | undefined, sortBy: SortBy): LinkGroup[] {
  const groups = new Map<string, LinkGroup>();
  for (const link of links) {
    const owner = link.Type === 'CustomerLink' ? (link.ClientEntityNumber ?? link.ClientEntityId ?? undefined) : (link.ClientEntityCustomerNumber ?? undefined);
    const id = `client:${owner ?? '?'}`;
    let group = groups.get(id);
    if (!group) {
      group = { id, label: '', detail: owner ? `customer ${owner}` : undefined, links: [] };
      groups.set(id, group);
    }
    group.links.push(link);
  }
  for (const g of groups.values()) {
    sortLinks(g.links, sortBy);
    const owner = g.id.slice('client:'.length);
    const named = customers?.nameOfNumber(owner) ?? g.links.find((l) => l.Type === 'CustomerLink' && l.ClientEntityName)?.ClientEntityName ?? undefined;
    g.label = named ?? oracleUnnamed(g.links, owner !== '?');
  }
  return [...groups.values()].sort((a, b) => compareNames(a.label, b.label) || a.id.localeCompare(b.id));
}

function oracleUnnamed(links: readonly ClientLink[], knownOwner: boolean): string {
  if (!knownOwner) {
    return 'Customer not given by the service';
  }
  const accounts = [...new Set(links.map((l) => l.ClientEntityName ?? l.Name ?? l.ClientEntityNumber ?? l.ClientEntityId).filter((n): n is string => Boolean(n)))];
  const [first] = accounts;
  if (!first) {
    return 'Unnamed customer';
  }
  const more = accounts.length - 1;
  return `Owner of ${first}${more > 0 ? ` and ${more} more account${more === 1 ? '' : 's'}` : ''}`;
}
// ---- end of the oracle ----

/** Groups as comparable data: ids, labels and the links (by object identity, through their index). */
function shape(groups: readonly LinkGroup[], links: readonly ClientLink[]): unknown {
  const index = new Map(links.map((l, i) => [l, i]));
  return groups.map((g) => ({ id: g.id, label: g.label, detail: g.detail, status: g.status, side: g.side, links: g.links.map((l) => index.get(l)) }));
}

const CUSTOMERS: CustomerNames = { nameOfNumber: (n) => (n === 'C3' ? 'Named Customer' : undefined) };
const CASES: { by: GroupBy; options: GroupOptions }[] = [];
for (const by of ['status', 'client', 'none'] as const) {
  for (const sortBy of ['name', 'lastModified', 'expiry'] as const) {
    CASES.push({ by, options: { sortBy, active: ACTIVE, customers: CUSTOMERS } });
  }
}
CASES.push({ by: 'status', options: { showEmpty: true } }, { by: 'status', options: { sortBy: 'expiry', showEmpty: true, active: ACTIVE } });

describe('grouping in slices (issue 15)', () => {
  it('sortSliced sorts as a stable native sort, at slice boundaries too', () => {
    const random = createRandom(7);
    for (const n of [0, 1, 2, SLICE_ITEMS - 1, SLICE_ITEMS, SLICE_ITEMS + 1, 3 * SLICE_ITEMS + 17, 5000]) {
      const items = Array.from({ length: n }, (_, i) => ({ v: Math.floor(random() * 50), i }));
      const expected = [...items].sort((a, b) => a.v - b.v);
      const actual = runNow(sortSliced([...items], (a, b) => a.v - b.v));
      assert.deepEqual(actual, expected, `n = ${n}`);
    }
  });

  it('mergeSliced merges two sorted arrays, ties from the first', () => {
    const a = [1, 3, 3, 5].map((v) => ({ v, from: 'a' }));
    const b = [0, 3, 6].map((v) => ({ v, from: 'b' }));
    assert.deepEqual(
      runNow(mergeSliced(a, b, (x, y) => x.v - y.v)).map((x) => `${x.v}${x.from}`),
      ['0b', '1a', '3a', '3a', '3b', '5a', '6b'],
    );
  });

  it('groupLinks gives the groups of the one-shot algorithm, for every grouping and sort', () => {
    for (const seed of [1, 2, 3]) {
      const links = randomLinks(3000, seed);
      for (const { by, options } of CASES) {
        assert.deepEqual(shape(groupLinks(links, by, options), links), shape(oracleGroupLinks(links, by, options), links), `seed ${seed}, ${by}, ${JSON.stringify({ ...options, customers: undefined })}`);
      }
    }
  });

  it('runs in slices: gives the event loop turns on a large listing, the same groups as at once; an aborted run gives nothing', async () => {
    const links = randomLinks(20_000, 4);
    let pauses = 0;
    const sliced = await runSliced(groupLinksSliced(links, 'status', { active: ACTIVE }), {
      budgetMs: 0,
      pause: () => {
        pauses++;
        return Promise.resolve();
      },
    });
    assert.ok(pauses > 10, `${pauses} turns given`);
    assert.deepEqual(shape(sliced!, links), shape(groupLinks(links, 'status', { active: ACTIVE }), links));

    const controller = new AbortController();
    let steps = 0;
    const counted = function* (): Sliced<LinkGroup[]> {
      const work = groupLinksSliced(links, 'status');
      for (;;) {
        const step = work.next();
        if (step.done) {
          return step.value;
        }
        steps++;
        yield;
      }
    };
    const aborted = await runSliced(counted(), {
      budgetMs: 0,
      pause: () => {
        controller.abort();
        return Promise.resolve();
      },
      signal: controller.signal,
    });
    assert.equal(aborted, undefined);
    assert.equal(steps, 1, 'stopped at the first turn');
  });
});

describe('the grouping the tree keeps between regroupings (LinkGrouper, issue 15)', () => {
  const run = (grouper: LinkGrouper, links: readonly ClientLink[], by: GroupBy, options: GroupOptions, filter = ''): LinkGroup[] => runNow(grouper.group({ links, by, options, filter }));

  it('filters as filterLinks then groupLinks; clearing the filter gives back the very groups (a lookup)', () => {
    const links = randomLinks(4000, 11);
    for (const { by, options } of CASES) {
      const grouper = new LinkGrouper();
      const all = run(grouper, links, by, options);
      for (const filter of ['contoso', 'ole', 'pending', 'Pending invitation', 'zzz-none', 'wide 3']) {
        const expected = oracleGroupLinks(filterLinks(links, filter), by, { ...options, showEmpty: false });
        assert.deepEqual(shape(run(grouper, links, by, { ...options, showEmpty: false }, filter), links), shape(expected, links), `${by} ${filter}`);
        assert.equal(grouper.lastSort, 'kept', 'no sort for a filter');
      }
      assert.equal(run(grouper, links, by, options), all, 'the unfiltered groups, kept');
    }
  });

  it('a listing that changed in a few links is merged into the kept order, with the groups of a full regroup (random changes)', () => {
    const random = createRandom(21);
    for (let round = 0; round < 8; round++) {
      const grouper = new LinkGrouper();
      const { by, options } = CASES[round % CASES.length]!;
      let links = randomLinks(3000, 100 + round);
      run(grouper, links, by, options);
      for (let step = 0; step < 6; step++) {
        const next = [...links];
        const changes = 1 + Math.floor(random() * 40);
        for (let c = 0; c < changes; c++) {
          const i = Math.floor(random() * next.length);
          const kind = random();
          if (kind < 0.35) {
            // The service moved it on: a new object with another status (a poll's answer).
            next[i] = { ...next[i]!, Status: (['Active', 'Inactive', 'LinkPending', 'UnlinkPending'] as const)[Math.floor(random() * 4)]!, LastModifiedDateTime: '2026-12-01T10:00:00' };
          } else if (kind < 0.5) {
            next[i] = { ...next[i]!, ClientEntityName: NAMES[Math.floor(random() * NAMES.length)]! }; // renamed
          } else if (kind < 0.65) {
            next.splice(i, 1); // gone
          } else if (kind < 0.8) {
            next.splice(i, 0, randomLink(random)); // new
          } else if (kind < 0.9) {
            next[i]!.Status = 'LinkExpired'; // changed in place
          } else {
            const j = Math.floor(random() * next.length);
            [next[i], next[j]] = [next[j]!, next[i]!]; // the listing's order moved
          }
        }
        links = next;
        const groups = run(grouper, links, by, options);
        assert.equal(grouper.lastSort, 'merged', `round ${round} step ${step}`);
        assert.deepEqual(shape(groups, links), shape(oracleGroupLinks(links, by, options), links), `round ${round} step ${step} (${by}, ${options.sortBy ?? 'name'})`);
      }
    }
  });

  it('sorts whole when much changed (a full listing of new objects) or the order changed, with the same groups', () => {
    const links = randomLinks(3000, 31);
    const grouper = new LinkGrouper();
    run(grouper, links, 'status', { active: ACTIVE });
    const copies = links.map((l) => ({ ...l }));
    assert.deepEqual(shape(run(grouper, copies, 'status', { active: ACTIVE }), copies), shape(oracleGroupLinks(copies, 'status', { active: ACTIVE }), copies));
    assert.equal(grouper.lastSort, 'sorted');
    assert.deepEqual(shape(run(grouper, copies, 'client', { customers: CUSTOMERS }), copies), shape(oracleGroupLinks(copies, 'client', { customers: CUSTOMERS }), copies));
    assert.equal(grouper.lastSort, 'sorted', 'by client: no status first, another order');
    assert.deepEqual(shape(run(grouper, copies, 'status', { sortBy: 'expiry' }), copies), shape(oracleGroupLinks(copies, 'status', { sortBy: 'expiry' }), copies));
  });

  it('names of client groups are made again after forgetGroups (the customer names were learnt), the order kept', () => {
    const links = randomLinks(500, 41);
    const names = new Map<string, string>();
    const customers: CustomerNames = { nameOfNumber: (n) => (n ? names.get(n) : undefined) };
    const grouper = new LinkGrouper();
    const before = run(grouper, links, 'client', { customers });
    names.set('C5', 'Learnt Name');
    grouper.forgetGroups();
    const after = run(grouper, links, 'client', { customers });
    assert.notDeepEqual(shape(after, links), shape(before, links));
    assert.deepEqual(shape(after, links), shape(oracleGroupLinks(links, 'client', { customers }), links));
    assert.equal(grouper.lastSort, 'kept');
  });
});

describe("the listing's diff in slices (LinkListing.compare / commit, issue 15)", () => {
  const clone = (links: readonly ClientLink[]): ClientLink[] => links.map((l) => ({ ...l }));
  const changes = (c: ReturnType<LinkListing['apply']>): unknown => ({
    changed: c.changed.map((x) => [clientLinkKey(x.link), x.from, x.to, x.cause, x.followsOwnAction]),
    added: c.added.map(clientLinkKey),
    removed: c.removed.map(clientLinkKey),
  });

  it('compare then commit reports what apply reports, and a comparison made before the listing changed is made again', () => {
    const first = randomLinks(3000, 51);
    const second = clone(first).filter((_, i) => i % 97 !== 0);
    second.push(...randomLinks(40, 52));
    for (const [i, l] of second.entries()) {
      if (i % 31 === 0) {
        l.Status = l.Status === 'Active' ? 'Inactive' : 'Active';
      }
    }
    const causes = new Map([[clientLinkKey(second[31]!), 'cancel']]);
    const byApply = new LinkListing(() => 1);
    byApply.apply(first);
    const expected = changes(byApply.apply(second, causes));

    const sliced = new LinkListing(() => 1);
    sliced.apply(first);
    const comparison = runNow(sliced.compare(second));
    assert.deepEqual(changes(sliced.commit(comparison, causes)), expected);
    assert.equal(sliced.links, second);

    // A comparison made against `first`, committed after another listing was applied: against that one.
    const stale = new LinkListing(() => 1);
    stale.apply(first);
    const early = runNow(stale.compare(second));
    stale.apply(clone(second));
    assert.deepEqual(changes(stale.commit(early)), { changed: [], added: [], removed: [] });
    assert.equal(stale.links, second);
  });
});

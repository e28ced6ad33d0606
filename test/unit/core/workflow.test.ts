import * as assert from 'node:assert/strict';
import type { ClientLink, GetUserResult } from '../../../src/core/model/clientLink';
import { customerContextFrom, pickCustomer } from '../../../src/core/workflow/customerContext';
import { awaitsAnswer, linksForAction, planUpdate } from '../../../src/core/workflow/linkActions';
import { filterLinks, groupLinks } from '../../../src/core/workflow/grouping';
import { defaultExportFileName, exportFileBytes, exportLinks } from '../../../src/core/workflow/exportLinks';
import { Redactor } from '../../../src/core/redact';

const user = (roles: [string, number][]): GetUserResult => ({
  User: { Id: '171234567', CustomerId: roles[0]?.[0] ?? null, UserName: 'ops', Name: { FirstName: 'Ada', LastName: 'Ops', MiddleInitial: null }, Email: null, UserLifeCycleStatus: 'Active' },
  CustomerRoles: roles.map(([CustomerId, RoleId]) => ({ CustomerId, RoleId, AccountIds: null, LinkedAccountIds: null, CustomerLinkPermission: null })),
});

const link = (over: Partial<ClientLink>): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: '180012345',
  ClientEntityNumber: 'F120ABCD',
  ClientEntityName: 'Fabrikam Shoes',
  ManagingCustomerId: '251000123',
  ManagingCustomerName: 'Contoso Agency',
  Status: 'LinkPending',
  Timestamp: 'AAAAAAGq3n0=',
  StartDate: '2026-09-01T17:05:12.53',
  ...over,
});

describe('customer context', () => {
  it('prefers the home customer and keeps the strongest role per customer', () => {
    const ctx = customerContextFrom(user([['251000123', 203], ['250987654', 41], ['251000123', 41]]));
    assert.equal(ctx.userName, 'Ada Ops');
    assert.deepEqual(ctx.customers.map((c) => [c.customerId, c.roleId]), [['251000123', 41], ['250987654', 41]]);
    assert.equal(pickCustomer(ctx)?.customerId, '251000123');
    assert.equal(pickCustomer(ctx, '250987654')?.customerId, '250987654');
    assert.equal(pickCustomer(ctx, '999'), undefined);
  });
});

describe('update plans', () => {
  const agency = customerContextFrom(user([['251000123', 41]])).customers[0]!;
  const client = customerContextFrom(user([['250987654', 41]])).customers[0]!;
  const viewer = customerContextFrom(user([['250987654', 100]])).customers[0]!;
  const standard = customerContextFrom(user([['251000123', 203]])).customers[0]!;

  it('echoes the searched link with only Status changed', () => {
    const l = link({});
    const plan = planUpdate('accept', [l], client);
    assert.equal(plan.refused.length, 0);
    assert.deepEqual(plan.updates[0]?.payload, { ...l, Status: 'LinkAccepted' });
  });

  it('refuses the wrong side, the wrong status and weak roles, with reasons', () => {
    assert.match(planUpdate('accept', [link({})], agency).refused[0]!.reason, /Only the client/);
    assert.match(planUpdate('unlink', [link({})], agency).refused[0]!.reason, /needs status Active/);
    assert.match(planUpdate('accept', [link({})], viewer).refused[0]!.reason, /cannot change/);
    assert.match(planUpdate('cancel', [link({ Type: 'CustomerLink' })], standard).refused[0]!.reason, /cannot change customer links/);
    assert.equal(planUpdate('cancel', [link({})], standard).updates.length, 1);
  });

  it('sends a link selected twice only once', () => {
    assert.equal(planUpdate('cancel', [link({}), link({})], agency).updates.length, 1);
  });

  it('customers know whether their role manages links at all (Super Admin, Standard)', () => {
    assert.deepEqual([agency, client, viewer, standard].map((c) => c.canManageLinks), [true, true, false, true]);
  });
});

describe('which links an action applies to (the CLI --all, the extension pickers)', () => {
  const agency = customerContextFrom(user([['251000123', 41]])).customers[0]!;
  const client = customerContextFrom(user([['250987654', 41]])).customers[0]!;
  const standard = customerContextFrom(user([['251000123', 203]])).customers[0]!;
  const links = [
    link({ ClientEntityId: '1', Status: 'LinkPending' }),
    link({ ClientEntityId: '2', Status: 'Active' }),
    link({ ClientEntityId: '3', Status: 'LinkPending', ManagingCustomerId: '250000001' }),
    link({ ClientEntityId: '4', Status: 'Active', ManagingCustomerId: '250000001' }),
    link({ ClientEntityId: '5', Status: null }),
    link({ ClientEntityId: '6', Status: 'LinkPending', Type: 'CustomerLink' }),
  ];
  const ids = (found: ClientLink[]): (string | null | undefined)[] => found.map((l) => l.ClientEntityId);

  it('the links on the action side in the status it starts from', () => {
    assert.deepEqual(ids(linksForAction('cancel', links, agency)), ['1', '6']);
    assert.deepEqual(ids(linksForAction('unlink', links, agency)), ['2']);
    assert.deepEqual(ids(linksForAction('accept', links, agency)), ['3']);
    assert.deepEqual(ids(linksForAction('decline', links, client)), ['1', '3', '6']);
  });

  it('leaves the role to the plan, which refuses with its reason', () => {
    const targets = linksForAction('cancel', links, standard);
    assert.deepEqual(ids(targets), ['1', '6']);
    const plan = planUpdate('cancel', targets, standard);
    assert.deepEqual(ids(plan.updates.map((u) => u.link)), ['1']);
    assert.match(plan.refused[0]!.reason, /cannot change customer links/);
  });

  it('pending invitations to the active customer await its answer', () => {
    assert.deepEqual(ids(links.filter((l) => awaitsAnswer(l, agency))), ['3']);
  });
});

describe('grouping and filtering', () => {
  const links = [
    link({ ClientEntityId: '3', ClientEntityName: 'bravo', Status: 'Active' }),
    link({ ClientEntityId: '1', ClientEntityName: 'alpha', Status: 'LinkPending' }),
    link({ ClientEntityId: '2', ClientEntityName: 'charlie', Status: 'Active' }),
    link({ ClientEntityId: '4', ClientEntityName: 'delta', Status: 'SomethingNew' as never }),
  ];
  it('groups by status in lifecycle order with counts; hides empty groups unless asked', () => {
    const groups = groupLinks(links, 'status');
    assert.deepEqual(groups.map((g) => [g.id, g.links.length]), [['status:LinkPending', 1], ['status:Active', 2], ['status:Unknown', 1]]);
    assert.deepEqual(groups[1]!.links.map((l) => l.ClientEntityName), ['bravo', 'charlie']);
    assert.equal(groupLinks(links, 'status', { showEmpty: true }).length, 13 + 1, 'all statuses but the reserved one, plus Unknown');
  });
  it('filters on every word across names, numbers, ids and status labels', () => {
    assert.deepEqual(filterLinks(links, 'active charlie').map((l) => l.ClientEntityId), ['2']);
    assert.equal(filterLinks(links, 'F120ABCD').length, 4);
    assert.equal(filterLinks(links, 'pending invitation').length, 1);
  });
});

describe('export', () => {
  it('escapes CSV and neutralises spreadsheet formulas', () => {
    const csv = exportLinks([link({ Name: '=HYPERLINK("x")', Note: 'a,b' })], 'csv');
    assert.match(csv, /"'=HYPERLINK\(""x""\)"/);
    assert.match(csv, /"a,b"/);
    assert.doesNotMatch(csv, /AAAAAAGq3n0=/, 'Timestamp is not exported');
  });
  it('writes JSON with v13 field names', () => {
    const json = JSON.parse(exportLinks([link({})], 'json')) as Record<string, unknown>[];
    assert.equal(json[0]!.ClientEntityId, '180012345');
    assert.equal('Timestamp' in json[0]!, false);
  });
});

describe('redaction', () => {
  it('masks registered secrets and token shapes', () => {
    const r = new Redactor();
    r.add('BBD37VB98');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcDEF123';
    const out = r.redact(`dev BBD37VB98 jwt ${jwt} <v13:AuthenticationToken>secret-value</v13:AuthenticationToken>`);
    assert.doesNotMatch(out, /BBD37VB98|eyJhbGci|secret-value/);
    assert.match(out, /<v13:AuthenticationToken>\[redacted\]<\/v13:AuthenticationToken>/);
  });
});

describe('filter: status tokens and accents (issue 12)', () => {
  const links = [
    link({ ClientEntityId: '1', ClientEntityName: 'Café Olé', Status: 'LinkPending' }),
    link({ ClientEntityId: '2', ClientEntityName: 'Bravo', Status: 'UnlinkPending' }),
    link({ ClientEntityId: '3', ClientEntityName: 'Charlie', Status: 'Active' }),
    link({ ClientEntityId: '4', ClientEntityName: 'Activewear Ltd', Status: 'LinkPending' }),
  ];
  const ids = (q: string): string[] => filterLinks(links, q).map((l) => l.ClientEntityId ?? '');
  it('a status name matches that status only, not UnlinkPending', () => {
    assert.deepEqual(ids('LinkPending'), ['1', '4']);
    assert.deepEqual(ids('linkpending'), ['1', '4']);
    assert.deepEqual(ids('UnlinkPending'), ['2']);
  });
  it('a status label matches that status only, and still a name that contains it', () => {
    assert.deepEqual(ids('Pending invitation'), ['1', '4']);
    assert.deepEqual(ids('unlink pending'), ['2']);
    assert.deepEqual(ids('active'), ['3', '4'], 'Active links, and "Activewear" by name');
    assert.deepEqual(ids('pending'), ['1', '2', '4'], 'a word that is no status still matches inside labels');
  });
  it('matches case- and accent-insensitively, both ways', () => {
    assert.deepEqual(ids('ole'), ['1']);
    assert.deepEqual(ids('OLÉ café'), ['1']);
    assert.deepEqual(ids('cafe linkpending'), ['1']);
  });
});

describe('group by none', () => {
  it('one group of every link in lifecycle order, which the tree shows flat', () => {
    const links = [link({ ClientEntityId: '2', ClientEntityName: 'b', Status: 'Active' }), link({ ClientEntityId: '1', ClientEntityName: 'a', Status: 'LinkPending' })];
    const groups = groupLinks(links, 'none');
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]!.links.map((l) => l.ClientEntityId), ['1', '2']);
  });
});

describe('export files (issue 12, item 13)', () => {
  it('CSV starts with a UTF-8 BOM and keeps accents, Hebrew, Arabic and emoji as UTF-8', () => {
    const names = ['Café Olé', 'שלום', 'مرحبا', 'Shop 🛒'];
    const bytes = exportFileBytes(names.map((n, i) => link({ ClientEntityId: String(i), ClientEntityName: n })), 'csv');
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    assert.ok(text.startsWith('\uFEFFType,'));
    for (const n of names) {
      assert.ok(text.includes(n), n);
    }
    assert.ok(Buffer.from(bytes).includes(Buffer.from('Café Olé', 'utf8')));
  });
  it('JSON has no BOM', () => {
    const bytes = exportFileBytes([link({})], 'json');
    assert.equal(bytes[0], '['.charCodeAt(0));
  });
  it('a phone number (+ and digits) is written as is; formula-like cells stay protected', () => {
    const csv = exportLinks([link({ Name: '+14255550100', Note: '+1+cmd|calc' }), link({ Name: '-2+3', Note: '@SUM(A1)' }), link({ Name: '=1+1', Note: '+1 425 555 0100' })], 'csv');
    assert.match(csv, /,\+14255550100,/);
    assert.doesNotMatch(csv, /'\+14255550100/);
    for (const cell of ["'+1+cmd|calc", "'-2+3", "'@SUM(A1)", "'=1+1", "'+1 425 555 0100"]) {
      assert.ok(csv.includes(cell), cell);
    }
  });
  it('default file name: client-links-<customer>-<yyyy-mm-dd>.<format>', () => {
    const day = new Date(2026, 11, 2, 9, 30);
    assert.equal(defaultExportFileName('251000123', day, 'csv'), 'client-links-251000123-2026-12-02.csv');
    assert.equal(defaultExportFileName(undefined, day, 'json'), 'client-links-2026-12-02.json');
  });
});

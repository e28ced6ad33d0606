/**
 * Issue 12, items 2, 3 and 9 in the core: customer names (one directory per session, fallbacks when
 * the service names nobody), client groups by name, the customer picker's entries, a customer switch
 * that lists first and changes nothing on failure, and the rule that pauses automatic refreshes after
 * a failure repeating cannot fix.
 */
import * as assert from 'node:assert/strict';
import { AuthError, ConfigError, HttpStatusError, NetworkError, ServiceFaultError } from '../../../src/core/errors';
import type { ClientLink, CustomerInfo, GetUserResult } from '../../../src/core/model/clientLink';
import type { SearchClientLinksQuery, SearchClientLinksResult, Tracked } from '../../../src/core/service/types';
import { customerContextFrom } from '../../../src/core/workflow/customerContext';
import { activeCustomerHeading, CustomerDirectory, customerInSentence, customerPickerEntries, describeCustomer } from '../../../src/core/workflow/customerDirectory';
import { noActionReason, refusalReason } from '../../../src/core/workflow/linkActions';
import { inviteRoleProblem } from '../../../src/core/workflow/inviteInput';
import { countByStatus, groupLinks } from '../../../src/core/workflow/grouping';
import { LinkStore, type StoreEvent } from '../../../src/core/workflow/linkStore';
import { isCustomerRefused, isPermanentRefreshFailure, pauseReason, RefreshPause } from '../../../src/core/workflow/refreshPause';
import { FakeService, userWith } from '../../helpers/fakeService';
import { SLICE_ITEMS } from '../../../src/core/util/sliced';

const AGENCY = '251000123';
const ADVENTURE = '250800001';

const fault = (code: number, errorCode = 'UserIsNotAuthorized'): ServiceFaultError =>
  new ServiceFaultError('s:Server', 'Invalid client data.', 'AdApiFaultDetail', [{ code, errorCode, message: 'You do not have permission to access this entity.', details: null }], { operation: 'SearchClientLinks' });

const accountLink = (id: string, name: string, owner: string, managing = AGENCY): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: id,
  ClientEntityNumber: `F${id}`,
  ClientEntityName: name,
  ClientEntityCustomerNumber: owner,
  ManagingCustomerId: managing,
  ManagingCustomerNumber: 'A1B2C3D4E5',
  ManagingCustomerName: 'Contoso Agency',
  Status: 'Active',
});

const customerLink = (id: string, number: string, name: string): ClientLink => ({
  Type: 'CustomerLink',
  ClientEntityId: id,
  ClientEntityNumber: number,
  ClientEntityName: name,
  ManagingCustomerId: AGENCY,
  ManagingCustomerNumber: 'A1B2C3D4E5',
  ManagingCustomerName: 'Contoso Agency',
  Status: 'Active',
});

/** A fake that names customers and refuses to list the links of some (106), as the service does for a customer reached through a customer link. */
class NamingService extends FakeService {
  customersInfo: CustomerInfo[] = [{ Id: AGENCY, Name: 'Contoso Agency' }, { Id: ADVENTURE, Name: 'Adventure Works Cycles' }];
  failCustomersInfo: Error | undefined;
  readonly refused = new Set<string>([ADVENTURE]);

  async getCustomersInfo(): Promise<Tracked<CustomerInfo[]>> {
    this.calls.GetCustomersInfo = (this.calls.GetCustomersInfo ?? 0) + 1;
    await Promise.resolve();
    if (this.failCustomersInfo) {
      throw this.failCustomersInfo;
    }
    return { value: this.customersInfo, trackingId: 't-customers' };
  }

  override async searchClientLinks(query: SearchClientLinksQuery): Promise<SearchClientLinksResult> {
    const [p] = query.predicates;
    if (p?.Field === 'DirectManagingCustomerId' && this.refused.has(p.Value)) {
      this.calls.SearchClientLinks = (this.calls.SearchClientLinks ?? 0) + 1;
      throw fault(106);
    }
    return super.searchClientLinks(query);
  }
}

function agencyUser(): GetUserResult {
  const user = userWith([[AGENCY, 41]]);
  user.CustomerRoles.push({ CustomerId: ADVENTURE, RoleId: 41, AccountIds: [], LinkedAccountIds: null, CustomerLinkPermission: 'Administrative' });
  user.CustomerRoles.push({ CustomerId: '250987654', RoleId: 41, AccountIds: [], LinkedAccountIds: null, CustomerLinkPermission: null });
  return user;
}

describe('customer names (issue 12, item 2)', () => {
  it('learns names and numbers from the links: the agency, and the client of a customer link; account links give only the owner number', () => {
    const directory = new CustomerDirectory();
    assert.equal(directory.learnFromLinks([accountLink('1', 'Fabrikam Shoes US', 'B9X7Z5Q3W1'), customerLink(ADVENTURE, 'W800001', 'Adventure Works Cycles')]), true);
    assert.equal(directory.nameOf(AGENCY), 'Contoso Agency');
    assert.equal(directory.get(AGENCY)?.number, 'A1B2C3D4E5');
    assert.equal(directory.nameOf(ADVENTURE), 'Adventure Works Cycles');
    assert.equal(directory.nameOfNumber('W800001'), 'Adventure Works Cycles');
    assert.equal(directory.nameOfNumber('B9X7Z5Q3W1'), undefined, 'an account link names the account, not its owner');
    assert.equal(directory.learnFromLinks([customerLink(ADVENTURE, 'W800001', 'Adventure Works Cycles')]), false, 'nothing new');
  });

  it('says a customer by name first, number and id after; "Customer <number or id>" without a name', () => {
    assert.deepEqual(describeCustomer({ id: AGENCY, number: 'A1B2C3D4E5', name: 'Contoso Agency' }), { label: 'Contoso Agency', secondary: `A1B2C3D4E5 · id ${AGENCY}`, named: true });
    assert.deepEqual(describeCustomer({ id: AGENCY, number: 'A1B2C3D4E5' }), { label: 'Customer A1B2C3D4E5', secondary: `id ${AGENCY}`, named: false });
    assert.deepEqual(describeCustomer({ id: AGENCY }), { label: `Customer ${AGENCY}`, secondary: '', named: false });
    assert.deepEqual(describeCustomer({ id: AGENCY, name: '   ' }), { label: `Customer ${AGENCY}`, secondary: '', named: false }, 'a blank name is no name');
  });

  it('loads GetCustomersInfo once, shared by concurrent callers, and keeps the names with the numbers learnt from links', async () => {
    const service = new NamingService(agencyUser());
    const directory = new CustomerDirectory();
    directory.learn({ id: AGENCY, number: 'A1B2C3D4E5' });
    const results = await Promise.all([directory.load(service), directory.load(service), directory.load(service)]);
    assert.deepEqual(results, [true, true, true]);
    assert.equal(service.calls.GetCustomersInfo, 1);
    assert.equal(directory.state, 'loaded');
    assert.deepEqual(directory.describe(AGENCY), { label: 'Contoso Agency', secondary: `A1B2C3D4E5 · id ${AGENCY}`, named: true });
    await directory.load(service);
    assert.equal(service.calls.GetCustomersInfo, 1, 'cached');
  });

  it('a failure to get names never throws: it is kept for the log, names fall back, and it is tried again only when asked', async () => {
    const service = new NamingService(agencyUser());
    service.failCustomersInfo = new HttpStatusError(503, 'Service Unavailable', { operation: 'GetCustomersInfo' });
    const directory = new CustomerDirectory();
    assert.equal(await directory.load(service), false);
    assert.equal(directory.state, 'failed');
    assert.match(directory.loadError?.message ?? '', /503/);
    assert.equal(directory.describe(AGENCY).label, `Customer ${AGENCY}`);
    await directory.load(service);
    assert.equal(service.calls.GetCustomersInfo, 1, 'not again by itself');
    service.failCustomersInfo = undefined;
    assert.equal(await directory.load(service, { retry: true }), true);
    assert.equal(directory.nameOf(AGENCY), 'Contoso Agency');
  });

  it('a service without GetCustomersInfo gives no names, and no error is thrown', async () => {
    const directory = new CustomerDirectory();
    assert.equal(await directory.load({}), false);
    assert.equal(directory.state, 'failed');
    assert.equal(directory.describe(ADVENTURE).label, `Customer ${ADVENTURE}`);
  });

  it('the view heading says for whom and who acts, with the number and role after', () => {
    const directory = new CustomerDirectory();
    directory.learn({ id: AGENCY, number: 'A1B2C3D4E5', name: 'Contoso Agency' });
    const heading = activeCustomerHeading({ active: { customerId: AGENCY, roleName: 'Super Admin' }, context: { userName: 'Avery Howard' }, customers: directory });
    assert.equal(heading?.title, 'Contoso Agency · Avery Howard', 'the customer first: a narrow side bar cuts the end');
    assert.equal(heading?.detail, `A1B2C3D4E5 · id ${AGENCY} · Super Admin`);
    assert.equal(activeCustomerHeading({ active: undefined, context: undefined, customers: directory }), undefined);
  });
});

describe('Group By client customer (issue 12, item 2)', () => {
  const links = [
    accountLink('1', 'Fabrikam Shoes US', 'B9X7Z5Q3W1'),
    accountLink('2', 'Fabrikam Sandals AU', 'B9X7Z5Q3W1'),
    accountLink('3', 'Northwind Gourmet', 'N7W3T5R8D2'),
    customerLink(ADVENTURE, 'W800001', 'Adventure Works Cycles'),
  ];

  it('labels each group with the customer name, its number as the detail', () => {
    const directory = new CustomerDirectory();
    directory.learn({ number: 'B9X7Z5Q3W1', name: 'Fabrikam, Inc.' });
    directory.learnFromLinks(links);
    const groups = groupLinks(links, 'client', { customers: directory });
    assert.deepEqual(
      groups.map((g) => [g.label, g.detail, g.links.length]),
      [
        ['Adventure Works Cycles', 'customer W800001', 1],
        ['Fabrikam, Inc.', 'customer B9X7Z5Q3W1', 2],
        ['Owner of Northwind Gourmet', 'customer N7W3T5R8D2', 1],
      ],
    );
    assert.ok(groups.every((g) => !/^[A-Z0-9]{10}$/.test(g.label)), 'no group is labelled with a bare number');
  });

  it('without names, a group says which accounts its customer owns, never a bare number', () => {
    const groups = groupLinks(links, 'client');
    assert.deepEqual(
      groups.map((g) => g.label),
      ['Adventure Works Cycles', 'Owner of Fabrikam Sandals AU and 1 more account', 'Owner of Northwind Gourmet'],
    );
  });
});

describe('status bar counts (issue 12, item 9)', () => {
  it('counts links by status group label, in the lifecycle order of Group By Status, unknown statuses last', () => {
    const links: ClientLink[] = [
      { Status: 'Inactive' },
      { Status: 'LinkPending' },
      { Status: 'Active' },
      { Status: 'LinkPending' },
      { Status: 'UnlinkPending' },
      { Status: 'Surprise' as ClientLink['Status'] },
      {},
    ];
    const counts = countByStatus(links);
    assert.deepEqual(counts, groupLinks(links, 'status').map((g) => ({ label: g.label, count: g.links.length })));
    assert.deepEqual(counts.map((c) => c.label), ['Pending invitation', 'Active', 'Unlink pending', 'Inactive (unlinked)', 'Unknown status']);
  });
});

describe('Select Customer entries (issue 12, items 2 and 3)', () => {
  it('offers customers by name with number, id and role; those reached through a customer link apart; refused ones last, with why', () => {
    const context = customerContextFrom(agencyUser());
    const directory = new CustomerDirectory();
    directory.learn({ id: AGENCY, number: 'A1B2C3D4E5', name: 'Contoso Agency' });
    directory.learn({ id: ADVENTURE, name: 'Adventure Works Cycles' });
    const none = customerPickerEntries(context, directory, new Map(), AGENCY);
    assert.deepEqual(
      none.map((e) => [e.section, e.label, e.description, e.active]),
      [
        ['own', 'Contoso Agency', `A1B2C3D4E5 · id ${AGENCY} · Super Admin`, true],
        ['own', 'Customer 250987654', 'Super Admin', false],
        ['viaLink', 'Adventure Works Cycles', `id ${ADVENTURE} · Super Admin via a Administrative customer link`, false],
      ],
    );
    const refused = customerPickerEntries(context, directory, new Map([[ADVENTURE, fault(106)]]), AGENCY);
    const last = refused.at(-1);
    assert.equal(last?.section, 'unusable');
    assert.equal(last?.label, 'Adventure Works Cycles');
    assert.match(last?.detail ?? '', /could not be listed: .*\(106\)/);
  });
});

describe('customer names from 100,000 links, in slices (issue 15)', () => {
  const many = (): ClientLink[] =>
    Array.from({ length: 3_000 }, (_, i) =>
      i % 10 === 0 ? customerLink(String(250_900_000 + i), `W${i}`, `Customer ${i}`) : accountLink(String(i), `Account ${i}`, `OWNER${i % 97}`, i % 500 === 1 ? '251000999' : AGENCY),
    );

  it('learning in slices knows the same customers as learning at once', () => {
    const links = many();
    const once = new CustomerDirectory();
    const sliced = new CustomerDirectory();
    assert.equal(once.learnFromLinks(links), true);
    const work = sliced.learningFromLinks(links);
    let slices = 0;
    let step = work.next();
    for (; !step.done; step = work.next()) {
      slices++;
    }
    assert.equal(step.value, true);
    assert.ok(slices >= Math.floor(links.length / SLICE_ITEMS) - 1, `${slices} slices`);
    for (const l of links) {
      assert.deepEqual(sliced.get(l.ManagingCustomerId), once.get(l.ManagingCustomerId));
      assert.deepEqual(sliced.getByNumber(l.ClientEntityCustomerNumber), once.getByNumber(l.ClientEntityCustomerNumber));
      assert.deepEqual(sliced.get(l.ClientEntityId), once.get(l.ClientEntityId));
    }
    assert.equal(runToEnd(sliced.learningFromLinks(links)), false, 'nothing new the second time');
  });

  it('a refresh learns names before its links event, in slices, not again in the event; other listings learn in the event', async () => {
    const service = new NamingService(agencyUser());
    service.links = many();
    const store = new LinkStore(() => 1_000);
    store.startSession(() => Promise.resolve(service));
    const events: string[] = [];
    let learntInEvent = 0;
    const directory = store.customers;
    const learn = directory.learnFromLinks.bind(directory);
    directory.learnFromLinks = (links) => {
      learntInEvent++;
      return learn(links);
    };
    store.onDidChange((e) => {
      if (e.type === 'links') {
        events.push(`links: ${store.customers.describeNumber('OWNER5').secondary}, ${store.customers.nameOf('250900010') ?? ''}`);
      } else if (e.type === 'customers') {
        events.push('customers');
      }
    });
    await store.refresh();
    assert.equal(learntInEvent, 0, 'the refresh learnt before its event');
    // (The store's own listener hears the links event first and announces the names: as before.)
    assert.deepEqual(events, ['customers', 'links: , Customer 10']);
    assert.equal(store.customers.describeNumber('OWNER5').label, 'Customer OWNER5');
    assert.equal(store.customers.nameOf('250900020'), 'Customer 20');
    events.length = 0;
    await store.refresh();
    assert.deepEqual(events, ['links: , Customer 10'], 'nothing new: no customers event');
  });
});

function runToEnd(work: Generator<void, boolean, void>): boolean {
  for (;;) {
    const step = work.next();
    if (step.done) {
      return step.value;
    }
  }
}

describe('switching customer (issue 12, item 3)', () => {
  async function signedIn(): Promise<{ store: LinkStore; service: NamingService; events: StoreEvent[] }> {
    const service = new NamingService(agencyUser());
    service.links = [accountLink('1', 'Fabrikam Shoes US', 'B9X7Z5Q3W1')];
    const store = new LinkStore(() => 1_000);
    store.startSession(() => Promise.resolve(service));
    await store.refresh();
    const events: StoreEvent[] = [];
    store.onDidChange((e) => events.push(e));
    return { store, service, events };
  }

  it('a customer whose links cannot be listed (106) changes nothing: the previous customer and its links stay, and it is remembered as refused', async () => {
    const { store, events } = await signedIn();
    const before = store.links;
    await assert.rejects(store.selectCustomer(ADVENTURE), /UserIsNotAuthorized \(106\)/);
    assert.equal(store.active?.customerId, AGENCY);
    assert.equal(store.links, before, 'the same listing');
    assert.equal(store.loaded, true);
    assert.equal(store.lastError, undefined, 'the shown listing did not fail');
    assert.deepEqual(events.filter((e) => e.type === 'session' || e.type === 'links'), [], 'nothing announced a change');
    assert.match(store.refusedCustomers.get(ADVENTURE)?.message ?? '', /106/);
  });

  it('a refused token (105) while switching is not held against the customer', async () => {
    const { store, service } = await signedIn();
    service.refused.clear();
    service.failSearches = { error: fault(105, 'InvalidCredentials'), count: 1 };
    await assert.rejects(store.selectCustomer('250987654'), /105/);
    assert.equal(store.refusedCustomers.size, 0);
    assert.equal(isCustomerRefused(fault(105, 'InvalidCredentials')), false);
    assert.equal(isCustomerRefused(fault(106)), true);
  });

  it('a saved customer refused at the start of a session (106) is known as refused; a later good listing clears it', async () => {
    const service = new NamingService(agencyUser());
    const store = new LinkStore(() => 1_000);
    store.startSession(() => Promise.resolve(service), ADVENTURE);
    await assert.rejects(store.refresh(), /106/);
    assert.equal(store.active?.customerId, ADVENTURE);
    assert.ok(store.refusedCustomers.has(ADVENTURE));
    service.refused.clear();
    await store.refresh();
    assert.equal(store.refusedCustomers.size, 0);
  });

  it('a transient failure of the switch is not remembered as refused', async () => {
    const { store, service } = await signedIn();
    service.refused.clear();
    service.failSearches = { error: new NetworkError('connection reset', 'ECONNRESET', { operation: 'SearchClientLinks' }), count: 1 };
    await assert.rejects(store.selectCustomer('250987654'));
    assert.equal(store.active?.customerId, AGENCY);
    assert.equal(store.refusedCustomers.size, 0);
  });

  it('a customer that can be listed becomes active with its links, listed once', async () => {
    const { store, service } = await signedIn();
    service.links.push(accountLink('9', 'Tailspin', 'T1', '250987654'));
    const searches = service.calls.SearchClientLinks ?? 0;
    await store.selectCustomer('250987654');
    assert.equal(store.active?.customerId, '250987654');
    assert.deepEqual(store.links.map((l) => l.ClientEntityId), ['9']);
    assert.equal((service.calls.SearchClientLinks ?? 0) - searches, 2, 'one listing: agency side and customer links to it');
  });

  it('a customer the user has no role on is refused before anything is sent', async () => {
    const { store, service } = await signedIn();
    const searches = service.calls.SearchClientLinks;
    await assert.rejects(store.selectCustomer('999'), /no role on customer 999/);
    assert.equal(service.calls.SearchClientLinks, searches);
  });

  it('names: GetCustomersInfo once per session, a "customers" event when they arrive, a new directory after sign-out', async () => {
    const { store, service, events } = await signedIn();
    assert.equal(store.customers.nameOf(AGENCY), 'Contoso Agency', 'the links named the agency');
    assert.equal(await store.loadCustomerNames(), true);
    assert.equal(await store.loadCustomerNames(), true);
    assert.equal(service.calls.GetCustomersInfo, 1);
    assert.ok(events.some((e) => e.type === 'customers'));
    assert.equal(store.customers.nameOf(ADVENTURE), 'Adventure Works Cycles');
    store.endSession();
    assert.equal(store.customers.nameOf(ADVENTURE), undefined);
  });
});

describe('pausing automatic refresh (issue 12, item 3)', () => {
  it('105, 106, a lost sign-in and a bad setting are permanent; throttling, 5xx and network failures are not', () => {
    assert.equal(isPermanentRefreshFailure(fault(106)), true);
    assert.equal(isPermanentRefreshFailure(fault(105, 'InvalidCredentials')), true);
    assert.equal(isPermanentRefreshFailure(new AuthError('Not signed in.', 'signIn')), true);
    assert.equal(isPermanentRefreshFailure(new ConfigError('bad endpoint')), true);
    assert.equal(isPermanentRefreshFailure(fault(117, 'CallRateExceeded')), false);
    assert.equal(isPermanentRefreshFailure(new HttpStatusError(503, 'Service Unavailable', {})), false);
    assert.equal(isPermanentRefreshFailure(new NetworkError('refused', 'ECONNREFUSED', {})), false);
    assert.equal(isPermanentRefreshFailure(new Error('plain')), false);
  });

  it('a permanent failure pauses automatic refreshes until a refresh succeeds or the user acts; it is reported once', () => {
    const pause = new RefreshPause();
    assert.equal(pause.allowsAutomatic, true);
    assert.deepEqual(pause.failed(fault(106)), { report: true, paused: true });
    assert.equal(pause.allowsAutomatic, false);
    assert.deepEqual(pause.failed(fault(106)), { report: false, paused: true }, 'the same failure is not reported again');
    pause.resume();
    assert.equal(pause.allowsAutomatic, true);
    assert.deepEqual(pause.failed(fault(106)), { report: true, paused: true }, 'after the user acted, it is reported again');
    pause.succeeded();
    assert.equal(pause.allowsAutomatic, true);
  });

  it('a transient failure does not pause; the same one is reported once, a different one again', () => {
    const pause = new RefreshPause();
    const outage = new HttpStatusError(503, 'Service Unavailable', { operation: 'SearchClientLinks' });
    assert.deepEqual(pause.failed(outage), { report: true, paused: false });
    assert.deepEqual(pause.failed(new HttpStatusError(503, 'Service Unavailable', { operation: 'SearchClientLinks' })), { report: false, paused: false });
    assert.deepEqual(pause.failed(new NetworkError('refused', 'ECONNREFUSED', {})), { report: true, paused: false });
    assert.equal(pause.allowsAutomatic, true);
    assert.equal(pause.reason, undefined);
  });

  it('says why automatic refresh is paused, in a few words (the status bar tooltip)', () => {
    const pause = new RefreshPause();
    assert.equal(pause.reason, undefined);
    pause.failed(fault(106));
    assert.equal(pause.reason, 'you have no permission for this customer');
    pause.succeeded();
    assert.equal(pause.reason, undefined);
    assert.equal(pauseReason(fault(105, 'InvalidCredentials')), 'the service refused the developer token or the sign-in');
    assert.equal(pauseReason(new AuthError('Not signed in.', 'signIn')), 'the sign-in is missing or has expired');
    assert.equal(pauseReason(new ConfigError('bad endpoint')), 'a setting is not valid');
    assert.equal(pauseReason(new HttpStatusError(503, 'Service Unavailable', {})), undefined);
  });
});

describe('role refusals name the customer (issue 12, item 2)', () => {
  const names = new CustomerDirectory();
  names.learn({ id: AGENCY, number: 'A1B2C3D4E5', name: 'Contoso Agency' });
  const viewer = { customerId: AGENCY, roleId: 100, roleName: 'Viewer', accountIds: [], viaCustomerLink: null, canManageLinks: false };
  const pending: ClientLink = { ...accountLink('1001', 'Fabrikam', 'B9X7Z5Q3W1'), Status: 'LinkPending' };

  it('by name with the id after it where the name is known, by id where it is not', () => {
    assert.equal(customerInSentence(AGENCY, names), 'Contoso Agency (customer 251000123)');
    assert.equal(customerInSentence('250987654', names), 'customer 250987654');
    assert.equal(customerInSentence(AGENCY), 'customer 251000123');
  });

  it('in refusals of an action, of a selection and of an invitation', () => {
    assert.equal(refusalReason('cancel', pending, viewer, names), 'Your role (Viewer) on Contoso Agency (customer 251000123) cannot change account links; a Super Admin can.');
    assert.match(noActionReason([pending, { ...pending, ClientEntityId: '1002' }], viewer, names), /^Your role \(Viewer\) on Contoso Agency \(customer 251000123\) cannot change the 2 selected links/);
    assert.match(inviteRoleProblem({ roleId: 203, roleName: 'Standard', customerId: AGENCY }, 'CustomerLink', names) ?? '', /^Your role \(Standard\) on Contoso Agency \(customer 251000123\) cannot invite a customer link/);
  });

  it('in what a bulk action refuses (the store passes its customer names)', async () => {
    const store = new LinkStore();
    const service = new FakeService(userWith([[AGENCY, 100]]));
    service.links = [pending];
    store.startSession(() => service);
    await store.refresh();
    store.customers.learn({ id: AGENCY, name: 'Contoso Agency' });
    const result = await store.runAction('cancel', [pending]);
    assert.match(result.refused[0]?.reason ?? '', /on Contoso Agency \(customer 251000123\) cannot change/);
  });
});

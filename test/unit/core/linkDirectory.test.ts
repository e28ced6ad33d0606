/** listLinks: both sides of the active customer, the client side's calls overlapping the agency listing. */
import * as assert from 'node:assert/strict';
import { NetworkError } from '../../../src/core/errors';
import type { ClientLink } from '../../../src/core/model/clientLink';
import type { SearchClientLinksQuery, SearchClientLinksResult } from '../../../src/core/service/types';
import { pickCustomer, customerContextFrom } from '../../../src/core/workflow/customerContext';
import { listLinks } from '../../../src/core/workflow/linkDirectory';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const link = (id: string, managing: string): ClientLink => ({ Type: 'AccountLink', ClientEntityId: id, ManagingCustomerId: managing, Status: 'Active' });

/** Records when each call starts and ends; the agency listing takes `agencyMs`. */
class TimedService extends FakeService {
  readConcurrency = 4;
  readonly events: string[] = [];
  agencyMs = 30;
  failAgency: Error | undefined;
  signals: (AbortSignal | undefined)[] = [];

  override async searchClientLinks(query: SearchClientLinksQuery, signal?: AbortSignal): Promise<SearchClientLinksResult> {
    const field = query.predicates[0]?.Field ?? '?';
    this.signals.push(signal);
    this.events.push(`start ${field}`);
    if (field === 'DirectManagingCustomerId') {
      // Page 0 first (or the failure), then the rest of the listing.
      await new Promise((r) => setTimeout(r, this.agencyMs / 3));
      if (this.failAgency) {
        this.events.push(`fail ${field}`);
        throw this.failAgency;
      }
      this.events.push('first page');
      query.onFirstPage?.();
      await new Promise((r) => setTimeout(r, (2 * this.agencyMs) / 3));
    }
    const result = await super.searchClientLinks(query);
    this.events.push(`end ${field}`);
    return result;
  }

  override async getAccountsInfo(): ReturnType<FakeService['getAccountsInfo']> {
    this.events.push('start GetAccountsInfo');
    const r = await super.getAccountsInfo();
    this.events.push('end GetAccountsInfo');
    return r;
  }
}

function setup(): { service: TimedService; active: NonNullable<ReturnType<typeof pickCustomer>> } {
  const service = new TimedService(userWith([[AGENCY, 41]]));
  service.links = [link('1', AGENCY), link('2', AGENCY), link('9', '250000001')];
  service.accounts = [
    { Id: '1', Name: 'managed', Number: null, AccountLifeCycleStatus: 'Active', PauseReason: null },
    { Id: '9', Name: 'owned', Number: null, AccountLifeCycleStatus: 'Active', PauseReason: null },
  ];
  const active = pickCustomer(customerContextFrom(userWith([[AGENCY, 41]])), AGENCY);
  assert.ok(active);
  return { service, active };
}

describe('listLinks', () => {
  it('runs the client side’s first calls while the agency listing pages (once its first page is back), and still skips managed accounts', async () => {
    const { service, active } = setup();
    const dir = await listLinks(service, active);
    const at = (e: string): number => service.events.indexOf(e);
    assert.ok(at('start ClientCustomerId') > at('first page') && at('start GetAccountsInfo') > at('first page'), 'nothing else while the service has not answered');
    assert.ok(at('end GetAccountsInfo') < at('end DirectManagingCustomerId'), service.events.join(', '));
    assert.ok(at('end ClientCustomerId') < at('end DirectManagingCustomerId'));
    assert.ok(at('start ClientAccountId') > at('end DirectManagingCustomerId'), 'owned accounts are known only once the managed ones are');
    const owned = service.events.filter((e) => e === 'start ClientAccountId').length;
    assert.equal(owned, 1);
    assert.equal(dir.agencyCount, 2);
    assert.deepEqual(dir.links.map((l) => l.ClientEntityId).sort(), ['1', '2', '9']);
    assert.equal(dir.clientCount, 1);
  });

  it('a failing agency listing is the error reported; the client side is not started (one failing call, not three)', async () => {
    const { service, active } = setup();
    service.failAgency = new NetworkError('connection refused', 'ECONNREFUSED', { operation: 'SearchClientLinks' });
    await assert.rejects(listLinks(service, active), (e: unknown) => e === service.failAgency);
    assert.deepEqual(service.events, ['start DirectManagingCustomerId', 'fail DirectManagingCustomerId']);
    assert.ok(service.signals.every((s) => s?.aborted), 'and the listing’s signal is aborted');
  });

  it('a client-side failure while the agency side pages is reported, and cancels the agency listing', async () => {
    const { service, active } = setup();
    service.getAccountsInfo = () => {
      service.events.push('fail GetAccountsInfo');
      return Promise.reject(new NetworkError('connection reset', 'ECONNRESET', { operation: 'GetAccountsInfo' }));
    };
    await assert.rejects(listLinks(service, active), (e: unknown) => e instanceof NetworkError && e.code === 'ECONNRESET');
    assert.ok(service.signals.every((s) => s?.aborted));
  });

  it('against a service that takes one call at a time (the sandbox), nothing overlaps', async () => {
    const { service, active } = setup();
    service.readConcurrency = 1;
    await listLinks(service, active);
    const at = (e: string): number => service.events.indexOf(e);
    assert.ok(at('start ClientCustomerId') > at('end DirectManagingCustomerId'), service.events.join(', '));
    assert.ok(at('start GetAccountsInfo') > at('end DirectManagingCustomerId'));
  });

  it('side "agency" makes no client-side call, side "client" no agency listing', async () => {
    const agencyOnly = setup();
    await listLinks(agencyOnly.service, agencyOnly.active, { side: 'agency' });
    assert.deepEqual(agencyOnly.service.events, ['start DirectManagingCustomerId', 'first page', 'end DirectManagingCustomerId']);
    const clientOnly = setup();
    await listLinks(clientOnly.service, clientOnly.active, { side: 'client' });
    assert.ok(!clientOnly.service.events.some((e) => e.includes('DirectManagingCustomerId')));
  });
});

/** An in-memory ClientLinksService for unit tests of the store, CLI and UI logic. Counts calls. */
import type { AccountInfo, ClientLink, GetUserResult, LinkedAccountsAndCustomers } from '../../src/core/model/clientLink';
import { clientLinkKey } from '../../src/core/model/clientLink';
import { CancelledError } from '../../src/core/errors';
import type { BulkOptions, ClientLinksService, LinkOutcome, SearchClientLinksQuery, SearchClientLinksResult, Tracked } from '../../src/core/service/types';

export class FakeService implements ClientLinksService {
  calls: Record<string, number> = {};
  links: ClientLink[] = [];
  accounts: AccountInfo[] = [];
  /** Makes the next N searches fail with this error. */
  failSearches: { error: Error; count: number } | undefined;
  /** Per ClientEntityId, the error code an update or add returns. */
  itemErrors = new Map<string, number>();
  /** Delay each call by this many ms. */
  delayMs = 0;
  /** Searches never answer: they end only when their signal aborts (a hung request). */
  hangSearches = false;
  /** Every search asked for, in order. */
  searches: SearchClientLinksQuery[] = [];

  constructor(private readonly user: GetUserResult) {}

  private async tick(op: string): Promise<void> {
    this.calls[op] = (this.calls[op] ?? 0) + 1;
    if (this.delayMs) {
      await new Promise((r) => setTimeout(r, this.delayMs));
    }
  }

  async getUser(): Promise<Tracked<GetUserResult>> {
    await this.tick('GetUser');
    return { value: this.user, trackingId: 't-user' };
  }

  async getLinkedAccountsAndCustomersInfo(): Promise<Tracked<LinkedAccountsAndCustomers>> {
    await this.tick('GetLinkedAccountsAndCustomersInfo');
    return { value: { AccountsInfo: this.accounts, CustomersInfo: [] }, trackingId: undefined };
  }

  async getAccountsInfo(): Promise<Tracked<AccountInfo[]>> {
    await this.tick('GetAccountsInfo');
    return { value: this.accounts, trackingId: 't-accounts' };
  }

  async searchClientLinks(query: SearchClientLinksQuery, signal?: AbortSignal): Promise<SearchClientLinksResult> {
    await this.tick('SearchClientLinks');
    this.searches.push(query);
    if (this.hangSearches) {
      await new Promise<never>((_resolve, reject) => {
        const cancelled = (): void => reject(new CancelledError({ operation: 'SearchClientLinks' }));
        if (signal?.aborted) {
          cancelled();
        }
        signal?.addEventListener('abort', cancelled, { once: true });
      });
    }
    if (this.failSearches && this.failSearches.count > 0) {
      this.failSearches.count--;
      throw this.failSearches.error;
    }
    // Every predicate must hold (two predicates are ANDed, spec §7).
    const matches = (l: ClientLink, p: SearchClientLinksQuery['predicates'][number]): boolean => {
      const values = new Set(p.Value.split(','));
      switch (p.Field) {
        case 'DirectManagingCustomerId':
          return values.has(l.ManagingCustomerId ?? '');
        case 'ClientCustomerId':
          return l.Type === 'CustomerLink' && values.has(l.ClientEntityId ?? '');
        case 'ClientAccountId':
          return l.Type !== 'CustomerLink' && values.has(l.ClientEntityId ?? '');
        case 'ManagingCustomerId': // deprecated: the product never searches by it
          return false;
      }
    };
    const links = query.predicates.length === 0 ? [] : this.links.filter((l) => query.predicates.every((p) => matches(l, p)));
    return { links: links.map((l) => ({ ...l })), pages: 1, trackingIds: ['t-search'] };
  }

  async addClientLinks(links: ClientLink[], options?: BulkOptions): Promise<LinkOutcome[]> {
    await this.tick('AddClientLinks');
    return links.map((link, index) => {
      const code = this.itemErrors.get(link.ClientEntityId ?? '');
      if (code) {
        return { index, link, state: 'failed', errors: [{ code, errorCode: null, message: `error ${code}`, details: null }], trackingId: 't-add' };
      }
      if (options?.signal?.aborted) {
        return { index, link, state: 'notAttempted', errors: [] };
      }
      this.links.push({ ...link, Status: 'LinkPending' });
      return { index, link, state: 'succeeded', errors: [], trackingId: 't-add' };
    });
  }

  async updateClientLinks(links: ClientLink[]): Promise<LinkOutcome[]> {
    await this.tick('UpdateClientLinks');
    return links.map((link, index) => {
      const code = this.itemErrors.get(link.ClientEntityId ?? '');
      if (code) {
        return { index, link, state: 'failed', errors: [{ code, errorCode: null, message: `error ${code}`, details: null }], trackingId: 't-upd' };
      }
      const stored = this.links.find((l) => clientLinkKey(l) === clientLinkKey(link));
      if (stored) {
        stored.Status = link.Status === 'UnlinkRequested' ? 'UnlinkPending' : link.Status === 'LinkAccepted' ? 'LinkInProgress' : link.Status;
      }
      return { index, link, state: 'succeeded', errors: [], trackingId: 't-upd' };
    });
  }
}

export function userWith(roles: [customerId: string, roleId: number][], homeCustomerId = roles[0]?.[0] ?? null): GetUserResult {
  return {
    User: { Id: '171234567', CustomerId: homeCustomerId, UserName: 'ops@contoso.example', Name: { FirstName: 'Ada', LastName: 'Ops', MiddleInitial: null }, Email: null, UserLifeCycleStatus: 'Active' },
    CustomerRoles: roles.map(([CustomerId, RoleId]) => ({ CustomerId, RoleId, AccountIds: null, LinkedAccountIds: null, CustomerLinkPermission: null })),
  };
}

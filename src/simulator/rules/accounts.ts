/** GetUser, GetLinkedAccountsAndCustomersInfo, GetAccountsInfo, GetCustomersInfo and SearchAccounts (spec §3.4, §3.5). */
import type { CustomerRole } from '../../core/model/clientLink';
import type { SimAccount, SimCustomer, SimUser } from '../state/model';
import { SimStore } from '../state/store';
import type { CustomerAccountsInput, CustomersInfoInput, GetUserInput, SearchAccountsInput } from './inputs';
import { accessibleAccounts, accessibleCustomerIds, accountsOfCustomer, customerRoles } from './access';
import type { RuleContext } from './context';
import { AdApiFault, adApiError, ApiFault, operationError } from './errorCodes';
import { checkPaging, compareIds, compareText, pageOf } from './paging';

export const MAX_ACCOUNTS_PAGE_SIZE = 1000;

export function getUser(ctx: RuleContext, input: GetUserInput): { user: SimUser; roles: CustomerRole[] } {
  const { store, user } = ctx;
  if (!input.UserId || input.UserId === user.id) {
    return { user, roles: customerRoles(store, user) };
  }
  const other = store.users.get(input.UserId);
  const isAdminOfTheirCustomer = other !== undefined && user.roles.some((r) => r.roleId === 41 && r.customerId === other.customerId);
  if (!other || !isAdminOfTheirCustomer) {
    throw new AdApiFault([adApiError('UserIsNotAuthorized')]);
  }
  return { user: other, roles: customerRoles(store, other) };
}

function checkedCustomer(ctx: RuleContext, customerId: string | null | undefined): string {
  const id = customerId ?? ctx.user.customerId;
  if (!accessibleCustomerIds(ctx.store, ctx.user).has(id)) {
    throw new AdApiFault([adApiError('UserIsNotAuthorized')]);
  }
  return id;
}

export function getLinkedAccountsAndCustomersInfo(ctx: RuleContext, input: CustomerAccountsInput): { accounts: SimAccount[]; customers: SimCustomer[] } {
  const { store } = ctx;
  const customerId = checkedCustomer(ctx, input.CustomerId);
  const accounts = accountsOfCustomer(store, customerId, input.OnlyParentAccounts ?? false).sort((a, b) => compareIds(a.id, b.id));
  const customers: SimCustomer[] = [];
  for (const link of store.latestLinks()) {
    if (link.type === 'CustomerLink' && link.managingCustomerId === customerId && SimStore.isLinked(link.status)) {
      const customer = store.customers.get(link.clientEntityId);
      if (customer) {
        customers.push(customer);
      }
    }
  }
  return { accounts, customers: customers.sort((a, b) => compareIds(a.id, b.id)) };
}

export function getAccountsInfo(ctx: RuleContext, input: CustomerAccountsInput): SimAccount[] {
  const customerId = checkedCustomer(ctx, input.CustomerId);
  return accountsOfCustomer(ctx.store, customerId, input.OnlyParentAccounts ?? false).sort((a, b) => compareIds(a.id, b.id));
}

export function getCustomersInfo(ctx: RuleContext, input: CustomersInfoInput): SimCustomer[] {
  const { store, user } = ctx;
  const prefix = (input.CustomerNameFilter ?? '').toLowerCase();
  const topN = input.TopN ?? 0;
  if (topN <= 0) {
    throw new ApiFault([operationError('ClientLinkFieldInvalid', 'TopN must be greater than 0.')]);
  }
  return [...accessibleCustomerIds(store, user)]
    .map((id) => store.customers.get(id))
    .filter((c): c is SimCustomer => c !== undefined && c.name.toLowerCase().startsWith(prefix))
    .sort((a, b) => compareText(a.name, b.name))
    .slice(0, topN);
}

type AccountPredicate = (account: SimAccount) => boolean;

const ACCOUNT_OPERATORS: Readonly<Record<string, readonly string[]>> = {
  AccountId: ['Equals', 'In'],
  AccountLifeCycleStatus: ['Equals'],
  AccountName: ['Contains', 'Equals'],
  AccountNumber: ['Contains', 'Equals', 'In'],
  CustomerId: ['Equals'],
  UserId: ['Equals'],
};

export function searchAccounts(ctx: RuleContext, input: SearchAccountsInput): SimAccount[] {
  const { store, user } = ctx;
  const predicates = input.Predicates ?? [];
  if (predicates.length === 0) {
    throw new ApiFault([operationError('PredicateMissing')]);
  }
  const hasStatus = predicates.some((p) => p.Field === 'AccountLifeCycleStatus');
  if (predicates.length > (hasStatus ? 2 : 1) || (hasStatus && predicates.length !== 2)) {
    throw new ApiFault([operationError('InvalidPredicate', 'Use exactly one predicate (AccountLifeCycleStatus needs a second one).')]);
  }
  const page = checkPaging(input.PageInfo, MAX_ACCOUNTS_PAGE_SIZE);
  const tests: AccountPredicate[] = predicates.map((p) => {
    const field = p.Field ?? '';
    const operator = p.Operator ?? '';
    const value = p.Value ?? '';
    if (!ACCOUNT_OPERATORS[field]?.includes(operator)) {
      throw new ApiFault([operationError('InvalidPredicate', `${field} ${operator} is not supported.`)]);
    }
    const values = new Set(operator === 'In' ? value.split(',').map((v) => v.trim()) : [value.trim()]);
    switch (field) {
      case 'AccountId':
        return (a) => values.has(a.id);
      case 'AccountNumber':
        return operator === 'Contains' ? (a) => a.number.toLowerCase().includes(value.toLowerCase()) : (a) => values.has(a.number);
      case 'AccountName':
        return operator === 'Contains' ? (a) => a.name.toLowerCase().includes(value.toLowerCase()) : (a) => a.name === value;
      case 'AccountLifeCycleStatus':
        return (a) => a.lifeCycleStatus === value;
      case 'CustomerId': {
        const ids = new Set(accountsOfCustomer(store, value, false).map((a) => a.id));
        return (a) => ids.has(a.id);
      }
      default: {
        if (value !== user.id) {
          throw new AdApiFault([adApiError('UserIsNotAuthorized')]);
        }
        return () => true;
      }
    }
  });
  const accounts = [...accessibleAccounts(store, user).values()].filter((a) => tests.every((t) => t(a)));
  const first = input.Ordering?.[0];
  const direction = first?.Order === 'Descending' ? -1 : 1;
  const primary = (a: SimAccount, b: SimAccount): number => (first?.Field === 'Name' ? compareText(a.name, b.name) : first?.Field === 'Number' ? compareText(a.number, b.number) : 0);
  return pageOf(accounts.sort((a, b) => direction * (primary(a, b) || compareIds(a.id, b.id))), page);
}

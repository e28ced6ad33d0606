/** What a user can reach: customers and accounts, directly or through active links (spec §3.4, §3.5). */
import { canManage } from '../../core/model/lifecycle';
import type { CustomerRole } from '../../core/model/clientLink';
import type { SimAccount, SimUser } from '../state/model';
import { SimStore } from '../state/store';
import { compareIds } from './paging';

/** Customer id → client customers it manages through a current customer link (with the permission). */
function customerLinksBy(store: SimStore, managingCustomerId: string): { customerId: string; permission: string }[] {
  const result: { customerId: string; permission: string }[] = [];
  for (const link of store.latestLinks()) {
    if (link.type === 'CustomerLink' && link.managingCustomerId === managingCustomerId && SimStore.isLinked(link.status)) {
      result.push({ customerId: link.clientEntityId, permission: link.customerLinkPermission ?? 'Administrative' });
    }
  }
  return result;
}

/** Accounts a customer manages through current account links. */
export function linkedAccountIds(store: SimStore, managingCustomerId: string): string[] {
  const ids: string[] = [];
  for (const link of store.latestLinks()) {
    if (link.type === 'AccountLink' && link.managingCustomerId === managingCustomerId && SimStore.isLinked(link.status)) {
      ids.push(link.clientEntityId);
    }
  }
  return ids.sort(compareIds);
}

export function ownedAccounts(store: SimStore, customerId: string): SimAccount[] {
  return [...store.accounts.values()].filter((a) => a.ownerCustomerId === customerId);
}

/** The CustomerRoles GetUser returns: direct roles, then customers reached through customer links. */
export function customerRoles(store: SimStore, user: SimUser): CustomerRole[] {
  const roles: CustomerRole[] = [];
  for (const role of user.roles) {
    roles.push({
      RoleId: role.roleId,
      CustomerId: role.customerId,
      AccountIds: role.accountIds ? [...role.accountIds] : [],
      LinkedAccountIds: linkedAccountIds(store, role.customerId),
      CustomerLinkPermission: null,
    });
  }
  for (const role of user.roles) {
    if (!canManage(role.roleId, 'CustomerLink')) {
      continue;
    }
    for (const reached of customerLinksBy(store, role.customerId)) {
      if (!roles.some((r) => r.CustomerId === reached.customerId)) {
        roles.push({ RoleId: role.roleId, CustomerId: reached.customerId, AccountIds: [], LinkedAccountIds: linkedAccountIds(store, reached.customerId), CustomerLinkPermission: reached.permission });
      }
    }
  }
  return roles;
}

export function accessibleCustomerIds(store: SimStore, user: SimUser): Set<string> {
  return new Set(customerRoles(store, user).map((r) => r.CustomerId));
}

/** Accounts a customer owns, plus (unless onlyParent) the accounts it manages through links. */
export function accountsOfCustomer(store: SimStore, customerId: string, onlyParent: boolean): SimAccount[] {
  const accounts = ownedAccounts(store, customerId);
  if (!onlyParent) {
    for (const id of linkedAccountIds(store, customerId)) {
      const account = store.accounts.get(id);
      if (account && !accounts.includes(account)) {
        accounts.push(account);
      }
    }
  }
  return accounts;
}

export function accessibleAccounts(store: SimStore, user: SimUser): Map<string, SimAccount> {
  const result = new Map<string, SimAccount>();
  for (const role of customerRoles(store, user)) {
    const restrict = role.AccountIds && role.AccountIds.length > 0 ? new Set(role.AccountIds) : undefined;
    for (const account of ownedAccounts(store, role.CustomerId)) {
      if (!restrict || restrict.has(account.id)) {
        result.set(account.id, account);
      }
    }
    for (const id of role.LinkedAccountIds ?? []) {
      const account = store.accounts.get(id);
      if (account) {
        result.set(id, account);
      }
    }
  }
  return result;
}

/** Agencies currently managing an account. */
export function linkedAgencies(store: SimStore, accountId: string): string[] {
  const ids: string[] = [];
  for (const link of store.latestLinks()) {
    if (link.type === 'AccountLink' && link.clientEntityId === accountId && SimStore.isLinked(link.status)) {
      ids.push(link.managingCustomerId);
    }
  }
  return ids;
}

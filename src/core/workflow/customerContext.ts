/**
 * Who the signed-in user is and for which customer they act, derived from one GetUser answer
 * (spec §3.4). A user reaches one customer per CustomerRole; the product acts for one at a time.
 */
import * as l10n from '@vscode/l10n';
import type { ClientLink, CustomerRole, GetUserResult } from '../model/clientLink';
import { linkTypeOf, ROLE_IDS, roleName } from '../model/clientLink';
import { canManage, type LinkSide } from '../model/lifecycle';

export interface CustomerChoice {
  customerId: string;
  roleId: number;
  roleName: string;
  /** Accounts of this customer the user may act on; empty = all (Super Admin). */
  accountIds: string[];
  /** Reached through a customer link (Administrative/Standard) rather than directly. */
  viaCustomerLink: string | null;
  /** Whether the role can manage links at all (`canManage` without a link type). */
  canManageLinks: boolean;
}

export interface CustomerContext {
  userId: string;
  userName: string;
  homeCustomerId: string | null;
  customers: CustomerChoice[];
}

export function customerContextFrom(result: GetUserResult): CustomerContext {
  const user = result.User;
  const displayName = [user.Name?.FirstName, user.Name?.LastName].filter(Boolean).join(' ') || user.UserName || user.Email || l10n.t('User {0}', user.Id);
  const byCustomer = new Map<string, CustomerChoice>();
  for (const role of result.CustomerRoles) {
    const choice = choiceFrom(role);
    const existing = byCustomer.get(choice.customerId);
    // Keep the strongest role when a customer appears twice (direct and via a link).
    if (!existing || rank(choice.roleId) > rank(existing.roleId)) {
      byCustomer.set(choice.customerId, choice);
    }
  }
  const customers = [...byCustomer.values()].sort((a, b) => {
    if (a.customerId === user.CustomerId) {
      return -1;
    }
    if (b.customerId === user.CustomerId) {
      return 1;
    }
    return rank(b.roleId) - rank(a.roleId) || a.customerId.localeCompare(b.customerId);
  });
  return { userId: user.Id, userName: displayName, homeCustomerId: user.CustomerId, customers };
}

function choiceFrom(role: CustomerRole): CustomerChoice {
  return {
    customerId: role.CustomerId,
    roleId: role.RoleId,
    roleName: roleName(role.RoleId),
    accountIds: role.AccountIds ?? [],
    viaCustomerLink: role.CustomerLinkPermission && role.CustomerLinkPermission !== 'LinkedEntityOnly' ? role.CustomerLinkPermission : null,
    canManageLinks: canManage(role.RoleId),
  };
}

function rank(roleId: number): number {
  switch (roleId) {
    case ROLE_IDS.SuperAdmin:
      return 4;
    case ROLE_IDS.Standard:
      return 3;
    case ROLE_IDS.AdvertiserCampaignManager:
      return 2;
    case ROLE_IDS.Viewer:
      return 1;
    default:
      return 0;
  }
}

/** The customer to act for: the requested one if the user has it, else the home customer, else the first. */
export function pickCustomer(context: CustomerContext, requested?: string | null): CustomerChoice | undefined {
  if (requested) {
    return context.customers.find((c) => c.customerId === requested);
  }
  return context.customers.find((c) => c.customerId === context.homeCustomerId) ?? context.customers[0];
}

/** Which side of `link` the active customer is on. */
export function sideOf(link: Pick<ClientLink, 'ManagingCustomerId'>, active: Pick<CustomerChoice, 'customerId'>): LinkSide {
  return link.ManagingCustomerId === active.customerId ? 'agency' : 'client';
}

/** Whether the active role may change links of this link's type at all (before the lifecycle rules). */
export function mayManage(link: Pick<ClientLink, 'Type'>, active: Pick<CustomerChoice, 'roleId'>): boolean {
  return canManage(active.roleId, linkTypeOf(link));
}

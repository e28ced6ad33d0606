/**
 * What the rules take, whatever the wire: each protocol's reader turns its request body into
 * these. Absent members are `undefined`, members sent as nil/null are `null` (spec §11.3).
 */
import type { ClientLink } from '../../core/model/clientLink';

export interface PredicateInput {
  Field: string | null | undefined;
  Operator: string | undefined;
  Value: string | null | undefined;
}

export interface OrderByInput {
  Field: string | undefined;
  Order: string | undefined;
}

export interface PagingInput {
  Index: number | undefined;
  Size: number | undefined;
}

export interface SearchInput {
  Predicates: PredicateInput[] | null | undefined;
  Ordering: OrderByInput[] | null | undefined;
  PageInfo: PagingInput | null | undefined;
}

export interface SearchAccountsInput extends SearchInput {
  ReturnAdditionalFields: string[];
}

export interface ClientLinksInput {
  ClientLinks: ClientLink[] | null | undefined;
}

export interface CustomerAccountsInput {
  CustomerId: string | null | undefined;
  OnlyParentAccounts: boolean | undefined;
}

export interface CustomersInfoInput {
  CustomerNameFilter: string | null | undefined;
  TopN: number | undefined;
}

export interface GetUserInput {
  UserId: string | null | undefined;
}

/** The enum members the schema allows (SearchClientLinks and SearchAccounts share them). */
export const PREDICATE_OPERATORS: readonly string[] = ['Equals', 'NotEquals', 'Contains', 'In', 'GreaterThanEquals', 'LessThanEquals', 'StartsWith', 'NotContains'];
export const ORDER_BY_FIELDS: readonly string[] = ['Id', 'Name', 'Number', 'LifeCycleStatus', 'CouponClassName', 'CouponStartDate'];
export const SORT_ORDERS: readonly string[] = ['Ascending', 'Descending'];

/**
 * The operations, protocol-neutral: each takes the input a wire reader produced and returns what
 * the rules decided. SOAP and REST only differ in how they read those inputs and write these
 * results (soap/codec.ts, rest/codec.ts). Nothing here knows about HTTP, injection or timing.
 */
import type { ClientLink, CustomerRole } from '../core/model/clientLink';
import { linkedAgencies } from './rules/access';
import { getAccountsInfo, getCustomersInfo, getLinkedAccountsAndCustomersInfo, getUser, searchAccounts } from './rules/accounts';
import { addClientLinks, type LinkBatchResult } from './rules/addLinks';
import type { RuleContext } from './rules/context';
import type { ClientLinksInput, CustomerAccountsInput, CustomersInfoInput, GetUserInput, SearchAccountsInput, SearchInput } from './rules/inputs';
import { searchClientLinks } from './rules/searchLinks';
import { updateClientLinks } from './rules/updateLinks';
import type { SimAccount, SimCustomer, SimUser } from './state/model';
import { rowVersionToTimestamp } from './state/store';
import { hashSeed } from './prng';

export interface OperationContext extends RuleContext {
  /** When the seed was loaded; stands in for entities' LastModifiedTime. */
  readonly seededAtMs: number;
}

export interface UserResult {
  user: SimUser;
  roles: CustomerRole[];
  /** The user's LastModifiedTime (epoch ms) and TimeStamp (row version as base64). */
  modifiedMs: number;
  timestamp: string;
}

/** What SearchAccounts returns beside each account's own record. */
export interface AdvertiserAccountExtras {
  modifiedMs: number;
  timestamp: string;
  linkedAgencies: SimCustomer[];
  /** Flag names of ReturnAdditionalFields (TaxCertificate, AccountMode). */
  additionalFields: readonly string[];
}

export interface AdvertiserAccountResult {
  account: SimAccount;
  extras: AdvertiserAccountExtras;
}

export interface OperationInputs {
  GetUser: GetUserInput;
  SearchClientLinks: SearchInput;
  AddClientLinks: ClientLinksInput;
  UpdateClientLinks: ClientLinksInput;
  GetLinkedAccountsAndCustomersInfo: CustomerAccountsInput;
  GetAccountsInfo: CustomerAccountsInput;
  GetCustomersInfo: CustomersInfoInput;
  SearchAccounts: SearchAccountsInput;
}

export interface OperationResults {
  GetUser: UserResult;
  SearchClientLinks: ClientLink[];
  AddClientLinks: LinkBatchResult;
  UpdateClientLinks: LinkBatchResult;
  GetLinkedAccountsAndCustomersInfo: { accounts: SimAccount[]; customers: SimCustomer[] };
  GetAccountsInfo: SimAccount[];
  GetCustomersInfo: SimCustomer[];
  SearchAccounts: AdvertiserAccountResult[];
}

export type OperationName = keyof OperationInputs;

/**
 * A mapped type, so that `OPERATIONS[op]` with a generic `op` keeps input and result correlated
 * (the pipeline and both codecs index their tables with one generic operation name).
 */
export const OPERATIONS: { readonly [K in OperationName]: (ctx: OperationContext, input: OperationInputs[K]) => OperationResults[K] } = {
  GetUser: (ctx, input) => {
    const { user, roles } = getUser(ctx, input);
    return { user, roles, modifiedMs: ctx.seededAtMs, timestamp: rowVersionToTimestamp(BigInt(hashSeed(user.id))) };
  },
  SearchClientLinks: (ctx, input) => searchClientLinks(ctx, input),
  AddClientLinks: (ctx, input) => addClientLinks(ctx, input.ClientLinks),
  UpdateClientLinks: (ctx, input) => updateClientLinks(ctx, input.ClientLinks),
  GetLinkedAccountsAndCustomersInfo: (ctx, input) => getLinkedAccountsAndCustomersInfo(ctx, input),
  GetAccountsInfo: (ctx, input) => getAccountsInfo(ctx, input),
  GetCustomersInfo: (ctx, input) => getCustomersInfo(ctx, input),
  SearchAccounts: (ctx, input) =>
    searchAccounts(ctx, input).map((account) => ({
      account,
      extras: {
        modifiedMs: ctx.seededAtMs,
        timestamp: rowVersionToTimestamp(BigInt(hashSeed(account.id))),
        linkedAgencies: linkedAgencies(ctx.store, account.id).flatMap((id) => ctx.store.customers.get(id) ?? []),
        additionalFields: input.ReturnAdditionalFields,
      },
    })),
};

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

/** Error codes inside a successful answer (OperationErrors, then PartialErrors), for the call log. */
export function resultErrorCodes(result: OperationResults[OperationName]): number[] {
  if (Array.isArray(result) || !('partialErrors' in result)) {
    return [];
  }
  return [...result.operationErrors.map((e) => e.Code), ...result.partialErrors.flatMap((item) => (item ?? []).map((e) => e.Code))];
}

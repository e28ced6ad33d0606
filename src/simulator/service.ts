/**
 * The SOAP operations: reads each request wrapper, applies the rules, writes the response body.
 * Nothing here knows about HTTP, injection or timing.
 */
import { rowVersionToTimestamp } from './state/store';
import type { RuleContext } from './rules/context';
import { addClientLinks } from './rules/addLinks';
import { updateClientLinks } from './rules/updateLinks';
import { searchClientLinks } from './rules/searchLinks';
import { getAccountsInfo, getCustomersInfo, getLinkedAccountsAndCustomersInfo, getUser, searchAccounts } from './rules/accounts';
import { linkedAgencies } from './rules/access';
import type { RequestReader } from './soap/requests';
import * as responses from './soap/responses';
import type { XmlElement } from './xml/reader';
import { hashSeed } from './prng';

export interface OperationContext extends RuleContext {
  /** When the seed was loaded; stands in for entities' LastModifiedTime. */
  readonly seededAtMs: number;
}

type Operation = (ctx: OperationContext, wrapper: XmlElement, reader: RequestReader) => responses.BodyXml;

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetUser: (ctx, wrapper, reader) => {
    const { user, roles } = getUser(ctx, reader.getUser(wrapper));
    return responses.getUserResponse(user, roles, ctx.seededAtMs, rowVersionToTimestamp(BigInt(hashSeed(user.id))));
  },
  SearchClientLinks: (ctx, wrapper, reader) => responses.searchClientLinksResponse(searchClientLinks(ctx, reader.search(wrapper))),
  AddClientLinks: (ctx, wrapper, reader) => responses.linkBatchResponse('AddClientLinks', addClientLinks(ctx, reader.clientLinks(wrapper).ClientLinks)),
  UpdateClientLinks: (ctx, wrapper, reader) => responses.linkBatchResponse('UpdateClientLinks', updateClientLinks(ctx, reader.clientLinks(wrapper).ClientLinks)),
  GetLinkedAccountsAndCustomersInfo: (ctx, wrapper, reader) => {
    const { accounts, customers } = getLinkedAccountsAndCustomersInfo(ctx, reader.customerAccounts(wrapper));
    return responses.linkedAccountsAndCustomersResponse(accounts, customers);
  },
  GetAccountsInfo: (ctx, wrapper, reader) => responses.accountsInfoResponse(getAccountsInfo(ctx, reader.customerAccounts(wrapper))),
  GetCustomersInfo: (ctx, wrapper, reader) => responses.customersInfoResponse(getCustomersInfo(ctx, reader.customersInfo(wrapper))),
  SearchAccounts: (ctx, wrapper, reader) => {
    const input = reader.searchAccounts(wrapper);
    const accounts = searchAccounts(ctx, input);
    return responses.searchAccountsResponse(
      accounts.map((account) => ({
        account,
        extras: {
          modifiedMs: ctx.seededAtMs,
          timestamp: rowVersionToTimestamp(BigInt(hashSeed(account.id))),
          linkedAgencies: linkedAgencies(ctx.store, account.id).flatMap((id) => ctx.store.customers.get(id) ?? []),
          additionalFields: input.ReturnAdditionalFields,
        },
      })),
    );
  },
};

export const OPERATION_NAMES: readonly string[] = Object.keys(OPERATIONS);

/**
 * The 200 bodies of each operation over REST (REST spec §5): the response object's members
 * directly, no wrapper. SearchClientLinks pages are pieces of cached bytes, like the SOAP side's,
 * so a page of 100 links costs a list of buffers instead of 100 JSON.stringify calls.
 */
import type { LinkBatchResult } from '../rules/addLinks';
import type { OperationName, OperationResults } from '../service';
import { accountInfoJson, advertiserAccountJson, clientLinkJsonBytes, customerInfoJson, customerRoleJson, operationErrorJson, userJson } from './entities';
import type { JsonObject } from './json';
import type { RestOptions } from './options';

/** A JSON object to stringify, or a body already encoded as UTF-8 pieces. */
export type RestBody = JsonObject | readonly Buffer[];

type Writers = { readonly [K in OperationName]: (result: OperationResults[K], options: RestOptions) => RestBody };

export const REST_WRITERS: Writers = {
  GetUser: (r) => ({ User: userJson(r), CustomerRoles: r.roles.map(customerRoleJson) }),
  SearchClientLinks: (links) => searchClientLinksBody(links),
  AddClientLinks: (r, options) => linkBatchBody(r, options),
  UpdateClientLinks: (r, options) => linkBatchBody(r, options),
  GetLinkedAccountsAndCustomersInfo: (r) => ({ AccountsInfo: r.accounts.map(accountInfoJson), CustomersInfo: r.customers.map(customerInfoJson) }),
  GetAccountsInfo: (accounts) => ({ AccountsInfo: accounts.map(accountInfoJson) }),
  GetCustomersInfo: (customers) => ({ CustomersInfo: customers.map(customerInfoJson) }),
  SearchAccounts: (accounts) => ({ Accounts: accounts.map((a) => advertiserAccountJson(a.account, a.extras)) }),
};

const SEARCH_OPEN = Buffer.from('{"ClientLinks":[', 'utf8');
const SEARCH_CLOSE = Buffer.from(']}', 'utf8');

function searchClientLinksBody(links: OperationResults['SearchClientLinks']): readonly Buffer[] {
  const pieces: Buffer[] = [SEARCH_OPEN];
  for (const link of links) {
    const bytes = clientLinkJsonBytes(link);
    // Each cached item starts with its separating comma; the first one goes without (no copy).
    pieces.push(pieces.length === 1 ? bytes.subarray(1) : bytes);
  }
  pieces.push(SEARCH_CLOSE);
  return pieces;
}

/**
 * Add/Update: `OperationErrors` (the whole call failed) and `PartialErrors`, one entry per
 * requested link, each `null` (success) or an array of OperationError: two levels, as the SDK
 * models declare (`List[Optional[List[OperationError]]]`), not the flat list the reference pages draw.
 */
function linkBatchBody(result: LinkBatchResult, options: RestOptions): JsonObject {
  const { operationErrors, partialErrors } = result;
  const allSucceeded = partialErrors.every((item) => item === null);
  return {
    OperationErrors: operationErrors.length > 0 ? operationErrors.map(operationErrorJson) : options.emptyOperationErrors === 'null' ? null : [],
    PartialErrors: allSucceeded && options.allSuccessPartialErrors === 'empty' ? [] : partialErrors.map((item) => (item === null ? null : item.map(operationErrorJson))),
  };
}

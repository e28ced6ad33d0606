/** AddClientLinks (spec §3.1, §4, §6, §8): validates each invitation and stores it as LinkPending. */
import { linkTypeOf, type ClientLink, type OperationError } from '../../core/model/clientLink';
import { canInvite } from '../../core/model/lifecycle';
import type { SimAccount, SimCustomer } from '../state/model';
import { SimStore } from '../state/store';
import { parseDateTime } from '../xml/dateTime';
import type { RuleContext } from './context';
import { AdApiFault, adApiError, ApiFault, operationError } from './errorCodes';

export const MAX_LINKS_PER_CALL = 10;
export const MAX_LINK_NAME_LENGTH = 40;

/** Add and Update answer alike: whole-call OperationErrors, or one PartialErrors entry per link. */
export interface LinkBatchResult {
  operationErrors: OperationError[];
  partialErrors: (OperationError[] | null)[];
}

export function checkBatch(links: ClientLink[] | null | undefined): ClientLink[] | LinkBatchResult {
  if (!links || links.length === 0) {
    throw new ApiFault([operationError('ListNullOrEmpty')]);
  }
  if (links.length > MAX_LINKS_PER_CALL) {
    return { operationErrors: [operationError('BatchSizeExceeded')], partialErrors: [] };
  }
  return links;
}

export function addClientLinks(ctx: RuleContext, links: ClientLink[] | null | undefined): LinkBatchResult {
  const batch = checkBatch(links);
  if (!Array.isArray(batch)) {
    return batch;
  }
  const partialErrors = batch.map((link) => addOne(ctx, link));
  if (partialErrors.every((e) => e !== null) && partialErrors.every((e) => e?.some((x) => x.Code === 106))) {
    // Nothing the caller may touch at all: the service answers with a fault, not per-item errors.
    throw new AdApiFault([adApiError('UserIsNotAuthorized')]);
  }
  return { operationErrors: [], partialErrors };
}

type Resolved<T> = { ok: T } | { error: OperationError };

function addOne(ctx: RuleContext, link: ClientLink): OperationError[] | null {
  const { store, user, nowMs } = ctx;
  if (link.Type && link.Type !== 'AccountLink' && link.Type !== 'CustomerLink') {
    return [operationError('ClientLinkFieldInvalid', `Type '${link.Type}' is not AccountLink or CustomerLink.`)];
  }
  const type = linkTypeOf(link);

  const managing = resolveManaging(store, link);
  if ('error' in managing) {
    return [managing.error];
  }
  if (!store.mayManage(user, managing.ok.id, type)) {
    return [{ Code: 106, Details: null, Message: 'You do not have permission to manage client links for this customer.' }];
  }

  const entity = type === 'AccountLink' ? resolveAccount(ctx, link) : resolveClientCustomer(ctx, link);
  if ('error' in entity) {
    return [entity.error];
  }
  const clientEntityId = entity.ok.id;
  const clientCustomerId = 'ownerCustomerId' in entity.ok ? entity.ok.ownerCustomerId : entity.ok.id;
  if (clientCustomerId === managing.ok.id) {
    return [operationError('ClientLinkFieldInvalid', 'A customer cannot link its own accounts.')];
  }

  const fieldErrors: OperationError[] = [];
  if (link.Name && [...link.Name].length > MAX_LINK_NAME_LENGTH) {
    fieldErrors.push(operationError('ClientLinkFieldInvalid', `Name is longer than ${MAX_LINK_NAME_LENGTH} characters.`));
  }
  if (type === 'AccountLink' && (link.IsBillToClient === undefined || link.IsBillToClient === null)) {
    fieldErrors.push(operationError('ClientLinkFieldInvalid', 'IsBillToClient is required for an AccountLink.'));
  }
  const permission = type === 'CustomerLink' ? (link.CustomerLinkPermission ?? null) : null;
  if (permission && permission !== 'Administrative' && permission !== 'Standard') {
    fieldErrors.push(operationError('ClientLinkFieldInvalid', `CustomerLinkPermission '${permission}' is not Administrative or Standard.`));
  }
  if (fieldErrors.length > 0) {
    return fieldErrors;
  }

  if ('prepaid' in entity.ok && entity.ok.prepaid) {
    return [operationError('PrepaidAccountNotAllowed')];
  }
  const latest = store.latest(managing.ok.id, type, clientEntityId);
  if (!canInvite(latest?.status)) {
    return [operationError('InvitationAlreadyExists', `The latest link for this pair is ${latest?.status}.`)];
  }
  if (type === 'AccountLink' && managedByAnother(store, managing.ok.id, clientEntityId)) {
    return [operationError('ManagedByAnotherAgency')];
  }

  const home = store.customers.get(user.customerId);
  const startDate = link.StartDate ? parseDateTime(link.StartDate) : undefined;
  store.insertLink({
    type,
    clientEntityId,
    managingCustomerId: managing.ok.id,
    note: link.Note ?? null,
    name: link.Name || defaultName(entity.ok.name),
    inviterEmail: link.InviterEmail || user.email,
    inviterName: link.InviterName || (home?.name ?? null),
    inviterPhone: link.InviterPhone || user.phone,
    isBillToClient: type === 'AccountLink' ? (link.IsBillToClient ?? null) : null,
    startDateMs: startDate?.ok ? startDate.ms : nowMs,
    status: 'LinkPending',
    suppressNotification: link.SuppressNotification ?? false,
    lastModifiedMs: nowMs,
    lastModifiedByUserId: user.id,
    customerLinkPermission: permission,
    createdMs: nowMs,
    statusSinceMs: nowMs,
  });
  return null;
}

function defaultName(entityName: string): string {
  return [...entityName].slice(0, MAX_LINK_NAME_LENGTH).join('');
}

function resolveManaging(store: SimStore, link: ClientLink): Resolved<SimCustomer> {
  const hasId = Boolean(link.ManagingCustomerId);
  const hasNumber = Boolean(link.ManagingCustomerNumber);
  if (hasId === hasNumber) {
    return { error: operationError('ClientLinkFieldInvalid', 'Set exactly one of ManagingCustomerId and ManagingCustomerNumber.') };
  }
  const customer = hasId ? store.customers.get(link.ManagingCustomerId ?? '') : store.customerByNumber(link.ManagingCustomerNumber ?? '');
  return customer ? { ok: customer } : { error: { Code: 106, Details: null, Message: 'You do not have permission to manage client links for this customer.' } };
}

function resolveAccount(ctx: RuleContext, link: ClientLink): Resolved<SimAccount> {
  const { store, options } = ctx;
  const id = link.ClientEntityId;
  const number = link.ClientEntityNumber;
  if (!id && !number) {
    return { error: operationError('ClientLinkFieldInvalid', 'ClientEntityId or ClientEntityNumber is required.') };
  }
  const account = id ? store.accounts.get(id) : store.accountByNumber(number ?? '');
  if (!account) {
    return { error: operationError('InvalidAccountId') };
  }
  if (id && number && account.number !== number) {
    return { error: operationError('LinkPairMismatch', 'ClientEntityNumber does not match ClientEntityId.') };
  }
  const ownerNumber = store.customers.get(account.ownerCustomerId)?.number;
  if (link.ClientEntityCustomerNumber) {
    if (link.ClientEntityCustomerNumber !== ownerNumber) {
      return { error: operationError('LinkPairMismatch', 'ClientEntityCustomerNumber is not the number of the customer that owns the account.') };
    }
  } else if (options.dualIdForAccountLinks) {
    return { error: operationError('ClientLinkFieldInvalid', 'ClientEntityCustomerNumber is required.') };
  }
  return { ok: account };
}

function resolveClientCustomer(ctx: RuleContext, link: ClientLink): Resolved<SimCustomer> {
  const { store, options } = ctx;
  const id = link.ClientEntityId;
  const number = link.ClientEntityNumber;
  if (!number && (options.dualIdForCustomerLinks || !id)) {
    return { error: operationError('ClientLinkFieldInvalid', 'ClientEntityNumber is required for a CustomerLink.') };
  }
  if (!id && options.dualIdForCustomerLinks) {
    return { error: operationError('ClientLinkFieldInvalid', 'ClientEntityId is required for a CustomerLink.') };
  }
  const customer = id ? store.customers.get(id) : store.customerByNumber(number ?? '');
  if (!customer) {
    return { error: operationError('ClientLinkFieldInvalid', 'The client customer does not exist.') };
  }
  if (number && customer.number !== number) {
    return { error: operationError('LinkPairMismatch', 'ClientEntityNumber does not match ClientEntityId.') };
  }
  return { ok: customer };
}

function managedByAnother(store: SimStore, managingCustomerId: string, accountId: string): boolean {
  for (const link of store.latestLinks()) {
    if (link.type === 'AccountLink' && link.clientEntityId === accountId && link.managingCustomerId !== managingCustomerId && SimStore.isLinked(link.status)) {
      return true;
    }
  }
  return false;
}

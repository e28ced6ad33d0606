/**
 * UpdateClientLinks (spec §3.2, §5, §11.4): the caller echoes the searched link, changing only
 * Status and/or Note. Which status changes are allowed, and for which side, comes from the
 * lifecycle table (`userTransition`).
 */
import { CLIENT_LINK_FIELDS, linkTypeOf, type ClientLink, type OperationError } from '../../core/model/clientLink';
import { LINK_SIDES, statusDefinition, userTransition, type LinkSide } from '../../core/model/lifecycle';
import type { SimUser, StoredLink } from '../state/model';
import type { SimStore } from '../state/store';
import { parseDateTime } from '../xml/dateTime';
import { toClientLink } from './clientLinkView';
import type { RuleContext } from './context';
import { checkBatch, type LinkBatchResult } from './addLinks';
import { operationError } from './errorCodes';

/** Members the caller may not change: all but the identity (used to find the link), Status, Note and the concurrency token. */
const MUTABLE_OR_IDENTITY: ReadonlySet<keyof ClientLink> = new Set(['ClientEntityId', 'ManagingCustomerId', 'Note', 'Status', 'Timestamp', 'ForwardCompatibilityMap']);
const READ_ONLY_FIELDS = CLIENT_LINK_FIELDS.filter((f) => !MUTABLE_OR_IDENTITY.has(f));

const DATE_FIELDS: ReadonlySet<string> = new Set(['StartDate', 'LastModifiedDateTime']);

export function updateClientLinks(ctx: RuleContext, links: ClientLink[] | null | undefined): LinkBatchResult {
  const batch = checkBatch(links);
  if (!Array.isArray(batch)) {
    return batch;
  }
  return { operationErrors: [], partialErrors: batch.map((link) => updateOne(ctx, link)) };
}

/** The sides of `link` the user may act for (spec §6). */
export function sidesOf(store: SimStore, user: SimUser, link: StoredLink): LinkSide[] {
  const clientCustomerId = store.clientCustomerIdOf(link);
  return LINK_SIDES.filter((side) => {
    const customerId = side === 'agency' ? link.managingCustomerId : clientCustomerId;
    return customerId !== undefined && store.mayManage(user, customerId, link.type);
  });
}

function updateOne(ctx: RuleContext, input: ClientLink): OperationError[] | null {
  const { store, user, nowMs } = ctx;
  if (!input.ClientEntityId || !input.ManagingCustomerId) {
    return [operationError('ClientLinkFieldInvalid', 'ClientEntityId and ManagingCustomerId are required.')];
  }
  const stored = store.latest(input.ManagingCustomerId, linkTypeOf(input), input.ClientEntityId);
  if (!stored) {
    return [operationError('ClientLinkFieldInvalid', 'No client link exists for this ManagingCustomerId, ClientEntityId and Type.')];
  }
  const sides = sidesOf(store, user, stored);
  if (sides.length === 0) {
    return [{ Code: 106, Details: null, Message: 'You do not have permission to update this client link.' }];
  }
  const current = toClientLink(store, stored);
  // Concurrency first: a stale copy also differs in LastModified*, which is not the caller's edit.
  if (!input.Timestamp || input.Timestamp !== current.Timestamp) {
    return [operationError('TimestampNotMatch')];
  }
  const changed = READ_ONLY_FIELDS.filter((field) => field in input && !sameValue(field, input[field], current[field]));
  if (changed.length > 0) {
    return [operationError('ReadOnlyFieldChanged', `Changed: ${changed.join(', ')}.`)];
  }
  if (statusDefinition(stored.status).terminal) {
    return [operationError('ClientLinkFieldInvalid', `The link is ${stored.status}, a final status; it can no longer be updated.`)];
  }
  const target = input.Status;
  if (!target) {
    return [operationError('ClientLinkFieldInvalid', 'Status is required.')];
  }
  const noteChanged = 'Note' in input && (input.Note ?? null) !== stored.note;
  if (target === stored.status) {
    if (noteChanged) {
      stored.note = input.Note ?? null;
      store.touch(stored, nowMs, user.id);
    }
    return null;
  }
  if (!sides.some((side) => userTransition(stored.status, target, side))) {
    const otherSideCould = LINK_SIDES.some((side) => !sides.includes(side) && userTransition(stored.status, target, side));
    return otherSideCould
      ? [{ Code: 106, Details: null, Message: `Only the ${sides.includes('agency') ? 'client' : 'agency'} can set ${target} on this link.` }]
      : [operationError('ClientLinkFieldInvalid', `The status cannot change from ${stored.status} to ${target}.`)];
  }
  if (noteChanged) {
    stored.note = input.Note ?? null;
  }
  store.setStatus(stored, target, nowMs, user.id);
  return null;
}

function sameValue(field: string, sent: unknown, current: unknown): boolean {
  if (DATE_FIELDS.has(field) && typeof sent === 'string' && typeof current === 'string') {
    const a = parseDateTime(sent);
    const b = parseDateTime(current);
    return a.ok && b.ok && a.ms === b.ms;
  }
  if (field === 'Type') {
    return linkTypeOf({ Type: sent as string | null }) === current;
  }
  return (sent ?? null) === (current ?? null);
}

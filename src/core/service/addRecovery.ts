/**
 * After an AddClientLinks whose answer was lost (timeout, connection reset, 5xx without fault,
 * malformed body) the links may or may not exist. Never re-send blindly: search for them first.
 * A requested link counts as applied when Search returns the same pair (type, client entity,
 * managing customer) in LinkPending; the others can be sent again. Links we cannot search for
 * (no client id/number, no managing id/number) are "unverifiable" and must not be re-sent.
 */
import { linkTypeOf, type ClientLink, type Predicate } from '../model/clientLink';
import { INVITED_STATUS } from '../model/lifecycle';

export interface RecoveryQuery {
  predicates: Predicate[];
  /** Indices (into the requested links) this query can confirm. */
  members: number[];
}

export interface RecoveryPlan {
  queries: RecoveryQuery[];
  unverifiable: number[];
}

function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toUpperCase() === b.toUpperCase();
}

/** Tolerated clock difference between us and the service when dating an invitation. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Whether `found` (from Search) is the link `requested` asked for, now pending. With `sentAtMs`,
 * an invitation last modified well before the call (older than the clock-skew tolerance) existed
 * already: the service refused ours (1410), so it does not count as applied.
 */
export function isAppliedAdd(requested: ClientLink, found: ClientLink, sentAtMs?: number): boolean {
  if (found.Status !== INVITED_STATUS || linkTypeOf(found) !== linkTypeOf(requested)) {
    return false;
  }
  if (sentAtMs !== undefined && found.LastModifiedDateTime) {
    const modified = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(found.LastModifiedDateTime) ? found.LastModifiedDateTime : `${found.LastModifiedDateTime}Z`);
    if (!Number.isNaN(modified) && modified < sentAtMs - CLOCK_SKEW_MS) {
      return false;
    }
  }
  const sameEntity = requested.ClientEntityId ? found.ClientEntityId === requested.ClientEntityId : sameText(found.ClientEntityNumber, requested.ClientEntityNumber);
  const sameManager = requested.ManagingCustomerId
    ? found.ManagingCustomerId === requested.ManagingCustomerId
    : sameText(found.ManagingCustomerNumber, requested.ManagingCustomerNumber);
  return sameEntity && sameManager;
}

function idPredicate(field: Predicate['Field'], ids: string[]): Predicate {
  return { Field: field, Operator: ids.length === 1 ? 'Equals' : 'In', Value: ids.join(',') };
}

/**
 * The searches that can find `links` (at most 10, one AddClientLinks call): by client ids (In) and
 * DirectManagingCustomerId when both are known; by client ids alone when the agency was given by
 * number; by DirectManagingCustomerId alone when the client was given by number.
 */
export function planRecovery(links: readonly ClientLink[]): RecoveryPlan {
  const groups = new Map<string, RecoveryQuery & { ids: string[] }>();
  const unverifiable: number[] = [];
  links.forEach((link, index) => {
    const type = linkTypeOf(link);
    const idField: Predicate['Field'] = type === 'CustomerLink' ? 'ClientCustomerId' : 'ClientAccountId';
    const manager = link.ManagingCustomerId || undefined;
    const clientId = link.ClientEntityId || undefined;
    let key: string;
    let base: Predicate[];
    if (clientId && manager) {
      key = `${idField}|${manager}`;
      base = [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: manager }];
    } else if (clientId && link.ManagingCustomerNumber) {
      key = `${idField}|`;
      base = [];
    } else if (manager && link.ClientEntityNumber) {
      key = `agency|${manager}`;
      base = [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: manager }];
    } else {
      unverifiable.push(index);
      return;
    }
    let group = groups.get(key);
    if (!group) {
      group = { predicates: base, members: [], ids: [] };
      groups.set(key, group);
    }
    group.members.push(index);
    if (clientId && !group.ids.includes(clientId)) {
      group.ids.push(clientId);
    }
    if (clientId) {
      group.predicates = [idPredicate(idField, group.ids), ...base];
    }
  });
  return { queries: [...groups.values()].map(({ predicates, members }) => ({ predicates, members })), unverifiable };
}

/** Indices of `links` that the search results show as applied. */
export function appliedIndices(links: readonly ClientLink[], query: RecoveryQuery, found: readonly ClientLink[], sentAtMs?: number): number[] {
  return query.members.filter((i) => found.some((f) => isAppliedAdd(links[i] as ClientLink, f, sentAtMs)));
}

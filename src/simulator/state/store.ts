/** In-memory state: customers, accounts, users, tokens and the link history per pair. */
import { clientLinkKey, type ClientLinkStatus, type ClientLinkType } from '../../core/model/clientLink';
import { canManage, statusDefinition, systemTransitionsFrom } from '../../core/model/lifecycle';
import type { NewLink, SimAccount, SimCustomer, SimToken, SimUser, StoredLink } from './model';

export function pairKey(managingCustomerId: string, type: ClientLinkType, clientEntityId: string): string {
  return clientLinkKey({ ManagingCustomerId: managingCustomerId, ClientEntityId: clientEntityId, Type: type });
}

/** The 8-byte big-endian base64 form SQL Server rowversions take on the wire. */
export function rowVersionToTimestamp(rowVersion: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(rowVersion);
  return bytes.toString('base64');
}

export class SimStore {
  readonly customers = new Map<string, SimCustomer>();
  readonly accounts = new Map<string, SimAccount>();
  readonly users = new Map<string, SimUser>();
  readonly tokens = new Map<string, SimToken>();
  private readonly links = new Map<string, StoredLink[]>();
  /** The histories of the pairs by managing customer and by client entity (account or customer id): a search reads only its candidates. */
  private readonly byManaging = new Map<string, StoredLink[][]>();
  private readonly byClientEntity = new Map<string, StoredLink[][]>();
  /** Links whose status has a system transition (the lifecycle engine's work list). */
  readonly moving = new Set<StoredLink>();
  private nextSeq = 1;
  private nextRowVersion = 0x1aade7dn;

  constructor(public developerToken: string) {}

  addCustomer(customer: SimCustomer): SimCustomer {
    this.customers.set(customer.id, customer);
    return customer;
  }

  addAccount(account: SimAccount): SimAccount {
    this.accounts.set(account.id, account);
    return account;
  }

  addUser(user: SimUser, ...tokens: Omit<SimToken, 'userId'>[]): SimUser {
    this.users.set(user.id, user);
    for (const t of tokens) {
      this.tokens.set(t.token, { ...t, userId: user.id });
    }
    return user;
  }

  customerByNumber(number: string): SimCustomer | undefined {
    for (const c of this.customers.values()) {
      if (c.number === number) {
        return c;
      }
    }
    return undefined;
  }

  accountByNumber(number: string): SimAccount | undefined {
    for (const a of this.accounts.values()) {
      if (a.number === number) {
        return a;
      }
    }
    return undefined;
  }

  insertLink(link: NewLink): StoredLink {
    // Written out rather than spread: one object shape for every record, and a 100,000-link seed
    // builds in a fraction of the time.
    const stored: StoredLink = {
      seq: this.nextSeq++,
      type: link.type,
      clientEntityId: link.clientEntityId,
      managingCustomerId: link.managingCustomerId,
      note: link.note,
      name: link.name,
      inviterEmail: link.inviterEmail,
      inviterName: link.inviterName,
      inviterPhone: link.inviterPhone,
      isBillToClient: link.isBillToClient,
      startDateMs: link.startDateMs,
      status: link.status,
      suppressNotification: link.suppressNotification,
      lastModifiedMs: link.lastModifiedMs,
      lastModifiedByUserId: link.lastModifiedByUserId,
      rowVersion: this.bumpRowVersion(),
      customerLinkPermission: link.customerLinkPermission,
      createdMs: link.createdMs,
      statusSinceMs: link.statusSinceMs,
      failureRolledFor: null,
      systemHold: link.systemHold ?? false,
    };
    const key = pairKey(stored.managingCustomerId, stored.type, stored.clientEntityId);
    const history = this.links.get(key);
    if (history) {
      history.push(stored);
    } else {
      const created = [stored];
      this.links.set(key, created);
      indexHistory(this.byManaging, stored.managingCustomerId, created);
      indexHistory(this.byClientEntity, stored.clientEntityId, created);
    }
    this.track(stored);
    return stored;
  }

  /** Sets a status (user or system), stamping LastModified and a new row version. */
  setStatus(link: StoredLink, status: ClientLinkStatus, atMs: number, userId?: string): void {
    link.status = status;
    link.statusSinceMs = atMs;
    link.failureRolledFor = null;
    if (userId !== undefined) {
      link.systemHold = false;
    }
    this.touch(link, atMs, userId);
    this.track(link);
  }

  /** Records a change that is not a status change (Note). */
  touch(link: StoredLink, atMs: number, userId?: string): void {
    link.lastModifiedMs = atMs;
    if (userId !== undefined) {
      link.lastModifiedByUserId = userId;
    }
    link.rowVersion = this.bumpRowVersion();
  }

  /** Changes whenever any link is inserted or modified (every mutation takes a new row version). */
  get version(): bigint {
    return this.nextRowVersion;
  }

  latest(managingCustomerId: string, type: ClientLinkType, clientEntityId: string): StoredLink | undefined {
    const history = this.links.get(pairKey(managingCustomerId, type, clientEntityId));
    return history?.[history.length - 1];
  }

  history(managingCustomerId: string, type: ClientLinkType, clientEntityId: string): readonly StoredLink[] {
    return this.links.get(pairKey(managingCustomerId, type, clientEntityId)) ?? [];
  }

  /** The most recent link of every (managing customer, client entity, type) pair. */
  *latestLinks(): IterableIterator<StoredLink> {
    for (const history of this.links.values()) {
      const last = history[history.length - 1];
      if (last) {
        yield last;
      }
    }
  }

  /** The latest link of every pair managed by one of these customers (same links as filtering `latestLinks`, without reading the others). */
  *latestLinksManagedBy(managingCustomerIds: Iterable<string>): IterableIterator<StoredLink> {
    yield* latestOf(this.byManaging, managingCustomerIds);
  }

  /** The latest link of every pair whose client entity (account or customer id) is one of these. */
  *latestLinksOfClients(clientEntityIds: Iterable<string>): IterableIterator<StoredLink> {
    yield* latestOf(this.byClientEntity, clientEntityIds);
  }

  linkCount(): { pairs: number; records: number } {
    let records = 0;
    for (const history of this.links.values()) {
      records += history.length;
    }
    return { pairs: this.links.size, records };
  }

  /** Direct role of a user on a customer (the highest-privilege one when several). */
  roleOn(user: SimUser, customerId: string): number | undefined {
    const roles = user.roles.filter((r) => r.customerId === customerId).map((r) => r.roleId);
    return roles.length === 0 ? undefined : roles.sort((a, b) => rolePriority(a) - rolePriority(b))[0];
  }

  /** Whether the user may manage links of `type` on behalf of `customerId` (spec §6). */
  mayManage(user: SimUser, customerId: string, type: ClientLinkType): boolean {
    return user.roles.some((r) => r.customerId === customerId && canManage(r.roleId, type));
  }

  /** The customer whose users act as the client side of a link. */
  clientCustomerIdOf(link: Pick<StoredLink, 'type' | 'clientEntityId'>): string | undefined {
    return link.type === 'CustomerLink' ? link.clientEntityId : this.accounts.get(link.clientEntityId)?.ownerCustomerId;
  }

  /** Whether a link currently gives the managing customer management of the client entity. */
  static isLinked(status: ClientLinkStatus): boolean {
    const phase = statusDefinition(status).phase;
    return phase === 'active' || phase === 'unlinking';
  }

  private track(link: StoredLink): void {
    if (systemTransitionsFrom(link.status).length > 0) {
      this.moving.add(link);
      this.movedSinceTaken.push(link);
    } else {
      this.moving.delete(link);
    }
  }

  /** Links that entered (or re-entered) a status the service moves on its own since the last call: what may bring the next due transition earlier. */
  takeMoved(): StoredLink[] {
    const moved = this.movedSinceTaken;
    this.movedSinceTaken = [];
    return moved;
  }
  private movedSinceTaken: StoredLink[] = [];

  private bumpRowVersion(): bigint {
    this.nextRowVersion += 1n;
    return this.nextRowVersion;
  }
}

function indexHistory(index: Map<string, StoredLink[][]>, id: string, history: StoredLink[]): void {
  const histories = index.get(id);
  if (histories) {
    histories.push(history);
  } else {
    index.set(id, [history]);
  }
}

function* latestOf(index: ReadonlyMap<string, StoredLink[][]>, ids: Iterable<string>): IterableIterator<StoredLink> {
  for (const id of new Set(ids)) {
    for (const history of index.get(id) ?? []) {
      const last = history[history.length - 1];
      if (last) {
        yield last;
      }
    }
  }
}

function rolePriority(roleId: number): number {
  const order = [41, 33, 203, 16, 100];
  const index = order.indexOf(roleId);
  return index === -1 ? order.length : index;
}

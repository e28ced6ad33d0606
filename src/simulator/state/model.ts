/** The simulator's own records: the raw state behind the wire objects. */
import type { ClientLinkStatus, ClientLinkType } from '../../core/model/clientLink';

export type AccountLifeCycleStatus = 'Draft' | 'Active' | 'Inactive' | 'Pause' | 'Pending' | 'Suspended';

export interface SimCustomer {
  readonly id: string;
  /** 10 alphanumeric characters. */
  readonly number: string;
  readonly name: string;
}

export interface SimAccount {
  readonly id: string;
  /** 8 alphanumeric characters. */
  readonly number: string;
  readonly name: string;
  readonly ownerCustomerId: string;
  lifeCycleStatus: AccountLifeCycleStatus;
  /** Prepaid accounts can't be agency-managed (1471). */
  readonly prepaid: boolean;
  readonly primaryUserId: string | null;
}

export interface SimRole {
  readonly customerId: string;
  /** 41 Super Admin, 203 Standard, 16, 100, 33 (spec §3.4). */
  readonly roleId: number;
  /** null = every account of the customer. */
  readonly accountIds: readonly string[] | null;
}

export interface SimUser {
  readonly id: string;
  /** Home customer. */
  readonly customerId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly userName: string;
  readonly email: string;
  readonly phone: string;
  readonly jobTitle: string;
  readonly roles: readonly SimRole[];
}

export interface SimToken {
  readonly token: string;
  readonly userId: string;
  /** Sim-clock instant after which the token answers 109; null = never expires. */
  readonly expiresAtMs: number | null;
}

/** One link record. History is kept: a pair can have several, the last is the latest. */
export interface StoredLink {
  /** Insertion order, unique. */
  readonly seq: number;
  readonly type: ClientLinkType;
  readonly clientEntityId: string;
  readonly managingCustomerId: string;
  note: string | null;
  readonly name: string | null;
  readonly inviterEmail: string | null;
  readonly inviterName: string | null;
  readonly inviterPhone: string | null;
  readonly isBillToClient: boolean | null;
  readonly startDateMs: number | null;
  status: ClientLinkStatus;
  readonly suppressNotification: boolean;
  lastModifiedMs: number;
  lastModifiedByUserId: string;
  /** Row version; the wire Timestamp is its 8-byte big-endian base64. */
  rowVersion: bigint;
  readonly customerLinkPermission: string | null;
  readonly createdMs: number;
  /** When the current status was entered (drives the system transitions). */
  statusSinceMs: number;
  /** A failure alternative already rolled (and not taken) for the current status. */
  failureRolledFor: ClientLinkStatus | null;
  /** Seeded showcase links in short-lived statuses stay put so the demo shows every status. */
  systemHold: boolean;
}

/** What a seed or an add supplies; the store fills seq and rowVersion. */
export type NewLink = Omit<StoredLink, 'seq' | 'rowVersion' | 'failureRolledFor' | 'systemHold'> & { systemHold?: boolean };

/**
 * Deterministic starting states. `demo`: Contoso Agency with 60+ links over every status, two
 * client customers whose admins can answer invitations, and accounts to invite. `scale:N`: the
 * same parties plus N generated links. `scale:N,moving:M`: the same N links of which exactly M,
 * spread evenly, are in motion (the rest Active or ended) and move with the clock (not held like
 * the demo's), for measuring polls. `empty`: parties only.
 */
import { ROLE_IDS, roleName, type ClientLinkStatus, type ClientLinkType } from '../core/model/clientLink';
import { STATUSES, statusDefinition, systemTransitionsFrom } from '../core/model/lifecycle';
import { createRandom, hashSeed, pick, randomInt, type Random } from './prng';
import type { AccountLifeCycleStatus, NewLink, SimAccount, SimCustomer, SimUser } from './state/model';
import type { SimStore } from './state/store';

export type SeedSpec = { kind: 'demo' } | { kind: 'empty' } | { kind: 'scale'; links: number; moving?: number };

export function parseSeed(text: string): SeedSpec {
  const value = text.trim();
  if (value === 'demo' || value === '') {
    return { kind: 'demo' };
  }
  if (value === 'empty') {
    return { kind: 'empty' };
  }
  const m = /^scale:(\d{1,7})(?:,moving:(\d{1,7}))?$/.exec(value);
  if (m && (m[2] === undefined || Number(m[2]) <= Number(m[1]))) {
    return m[2] === undefined ? { kind: 'scale', links: Number(m[1]) } : { kind: 'scale', links: Number(m[1]), moving: Number(m[2]) };
  }
  throw new RangeError(`Unknown seed '${text}': use demo, empty, scale:N or scale:N,moving:M (M at most N)`);
}

export interface SeedUser {
  id: string;
  name: string;
  role: string;
  customerId: string;
  customerName: string;
  accountIds: string[];
  accessToken: string;
  /** A token that always answers 109 AuthenticationTokenExpired. */
  expiredAccessToken: string;
}

export interface SeedInfo {
  agencyCustomerId: string;
  users: SeedUser[];
  /** Client accounts with no link to the agency yet (what the demo invites). */
  invitableAccounts: { id: string; number: string; name: string; ownerCustomerId: string }[];
  /** A prepaid account: inviting it answers 1471. */
  prepaidAccountId: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const AGENCY: SimCustomer = { id: '251000123', number: 'A1B2C3D4E5', name: 'Contoso Agency' };
export const FABRIKAM: SimCustomer = { id: '250987654', number: 'B9X7Z5Q3W1', name: 'Fabrikam, Inc.' };
export const NORTHWIND: SimCustomer = { id: '250555111', number: 'N7W3T5R8D2', name: 'Northwind Traders' };

interface UserSpec {
  slug: string;
  id: string;
  first: string;
  last: string;
  customer: SimCustomer;
  roleId: number;
  email: string;
  title: string;
}

const USERS: readonly UserSpec[] = [
  { slug: 'contoso-admin', id: '171234567', first: 'Avery', last: 'Howard', customer: AGENCY, roleId: ROLE_IDS.SuperAdmin, email: 'avery.howard@contoso-agency.example', title: 'Head of Client Services' },
  { slug: 'contoso-standard', id: '171234568', first: 'Jordan', last: 'Patel', customer: AGENCY, roleId: ROLE_IDS.Standard, email: 'jordan.patel@contoso-agency.example', title: 'Search Specialist' },
  { slug: 'contoso-viewer', id: '171234569', first: 'Casey', last: 'Brooks', customer: AGENCY, roleId: ROLE_IDS.Viewer, email: 'casey.brooks@contoso-agency.example', title: 'Analyst' },
  { slug: 'fabrikam-admin', id: '172000001', first: 'Mei', last: 'Chen', customer: FABRIKAM, roleId: ROLE_IDS.SuperAdmin, email: 'mei.chen@fabrikam.example', title: 'Marketing Director' },
  { slug: 'northwind-admin', id: '172000002', first: 'Luis', last: 'Ortega', customer: NORTHWIND, roleId: ROLE_IDS.SuperAdmin, email: 'luis.ortega@northwind.example', title: 'Owner' },
];

export function tokenFor(slug: string): string {
  return `sim-token-${slug}`;
}

function addParties(store: SimStore, now: number): SeedUser[] {
  for (const c of [AGENCY, FABRIKAM, NORTHWIND]) {
    store.addCustomer(c);
  }
  store.addAccount({ id: '180000001', number: 'C0A00001', name: 'Contoso Agency - House Account', ownerCustomerId: AGENCY.id, lifeCycleStatus: 'Active', prepaid: false, primaryUserId: '171234567' });
  const phoneOf = (i: number) => `+1425555${String(100 + i).padStart(4, '0')}`;
  return USERS.map((u, i) => {
    const user: SimUser = {
      id: u.id,
      customerId: u.customer.id,
      firstName: u.first,
      lastName: u.last,
      userName: u.email,
      email: u.email,
      phone: phoneOf(i),
      jobTitle: u.title,
      roles: [{ customerId: u.customer.id, roleId: u.roleId, accountIds: null }],
    };
    store.addUser(user, { token: tokenFor(u.slug), expiresAtMs: null }, { token: `sim-expired-${u.slug}`, expiresAtMs: now - HOUR });
    return {
      id: u.id,
      name: `${u.first} ${u.last}`,
      role: roleName(u.roleId),
      customerId: u.customer.id,
      customerName: u.customer.name,
      accountIds: [],
      accessToken: tokenFor(u.slug),
      expiredAccessToken: `sim-expired-${u.slug}`,
    };
  });
}

function finishUsers(store: SimStore, users: SeedUser[]): SeedUser[] {
  return users.map((u) => ({ ...u, accountIds: [...store.accounts.values()].filter((a) => a.ownerCustomerId === u.customerId).map((a) => a.id) }));
}

/** Builds the link records of one pair; `history` are older, already-finished links of the same pair. */
interface LinkPlan {
  /** Moves on with the clock even in a short-lived status (not held for the demo). */
  moves?: boolean;
  type?: ClientLinkType;
  clientEntityId: string;
  status: ClientLinkStatus;
  name: string;
  note?: string | null;
  isBillToClient?: boolean;
  createdDaysAgo: number;
  /** When the current status was entered, relative to now (negative = past). */
  statusSinceMs?: number;
  startDateMs?: number;
  permission?: string | null;
  history?: ClientLinkStatus[];
  modifiedBy?: string;
}

function insertPlan(store: SimStore, now: number, plan: LinkPlan, managing: SimCustomer = AGENCY): void {
  const type = plan.type ?? 'AccountLink';
  const agencyAdmin = USERS[0]!;
  // Each record written out in full (no spread): one object shape, and a 100,000-link seed builds
  // in a fraction of the time.
  const link = (fields: Pick<NewLink, 'note' | 'startDateMs' | 'status' | 'lastModifiedMs' | 'lastModifiedByUserId' | 'createdMs' | 'statusSinceMs' | 'systemHold'>): NewLink => ({
    type,
    clientEntityId: plan.clientEntityId,
    managingCustomerId: managing.id,
    note: fields.note,
    name: plan.name,
    inviterEmail: agencyAdmin.email,
    inviterName: managing.name,
    inviterPhone: '+14255550100',
    isBillToClient: type === 'AccountLink' ? (plan.isBillToClient ?? true) : null,
    startDateMs: fields.startDateMs,
    status: fields.status,
    suppressNotification: false,
    lastModifiedMs: fields.lastModifiedMs,
    lastModifiedByUserId: fields.lastModifiedByUserId,
    customerLinkPermission: type === 'CustomerLink' ? (plan.permission ?? 'Administrative') : null,
    createdMs: fields.createdMs,
    statusSinceMs: fields.statusSinceMs,
    systemHold: fields.systemHold,
  });
  let created = now - plan.createdDaysAgo * DAY;
  const history = plan.history ?? [];
  for (let i = 0; i < history.length; i++) {
    const oldCreated = created - (120 + 60 * i) * DAY;
    store.insertLink(link({ note: null, startDateMs: oldCreated, status: history[i]!, lastModifiedMs: oldCreated + 20 * DAY, lastModifiedByUserId: agencyAdmin.id, createdMs: oldCreated, statusSinceMs: oldCreated + 20 * DAY, systemHold: false }));
  }
  const since = now + (plan.statusSinceMs ?? -Math.max(plan.createdDaysAgo - 1, 0) * DAY);
  created = Math.min(created, since);
  store.insertLink(
    link({
      note: plan.note ?? null,
      startDateMs: plan.startDateMs ?? created,
      status: plan.status,
      lastModifiedMs: since,
      lastModifiedByUserId: plan.modifiedBy ?? agencyAdmin.id,
      createdMs: created,
      statusSinceMs: since,
      // Seeded links in the short-lived statuses would vanish within seconds (or on the first request);
      // they stay put so a demo shows every status. Links created or changed by requests always move.
      systemHold: !plan.moves && HELD_STATUSES.has(plan.status),
    }),
  );
}

/** A link in this status waits for its start date (seeded with one, so it moves when the demo reaches it). */
function waitsForStartDate(status: ClientLinkStatus): boolean {
  return systemTransitionsFrom(status).some((t) => t.trigger === 'billingDoneAndStartDateReached');
}

/** The short-lived statuses: what the service is working on, unless it waits for the link's start date. */
const HELD_STATUSES: ReadonlySet<ClientLinkStatus> = new Set(STATUSES.filter((s) => s.transitional && !waitsForStartDate(s.status)).map((s) => s.status));

const CLIENT_NAMES = [
  'Adatum Corporation', 'Tailspin Toys', 'Wide World Importers', 'Woodgrove Bank', 'Litware, Inc.', 'Proseware, Inc.',
  'Lucerne Publishing', "Margie's Travel", 'Blue Yonder Airlines', 'Humongous Insurance', 'Graphic Design Institute',
  'Southridge Video', 'Consolidated Messenger', 'Café Olé Barcelona', 'متجر الواحة', 'School of Fine Art',
];
const ACCOUNT_SUFFIXES = ['Search US', 'Brand', 'Shopping', 'Local', 'Display EU', 'Retargeting', 'Seasonal', 'Mobile App', 'Search CA', 'Video'];

function accountNumber(prefix: string, n: number): string {
  return prefix + n.toString(36).toUpperCase().padStart(7, '0');
}

function customerNumber(n: number): string {
  return ('C' + n.toString(36).toUpperCase().padStart(9, '0')).slice(0, 10);
}

function seedDemo(store: SimStore, now: number, random: Random): SeedInfo {
  const users = addParties(store, now);
  const acct = (id: string, number: string, name: string, owner: SimCustomer, options: { prepaid?: boolean; status?: AccountLifeCycleStatus } = {}): SimAccount =>
    store.addAccount({ id, number, name, ownerCustomerId: owner.id, lifeCycleStatus: options.status ?? 'Active', prepaid: options.prepaid ?? false, primaryUserId: null });

  // Fabrikam and Northwind: accounts with pending invitations, active links, and some to invite.
  acct('180012345', 'F120ABCD', 'Fabrikam Shoes - US', FABRIKAM);
  const fabrikamOutlet = acct('180012346', 'F120ABCE', 'Fabrikam Outlet - CA', FABRIKAM);
  const fabrikamBoots = acct('180012347', 'F120ABCF', 'Fabrikam Boots - UK', FABRIKAM);
  acct('180012348', 'F120ABD0', 'Fabrikam Sandals - AU', FABRIKAM);
  acct('180034001', 'N0340001', 'Northwind Gourmet - US', NORTHWIND);
  const northwindDeli = acct('180034002', 'N0340002', 'Northwind Deli - US', NORTHWIND);
  acct('180034003', 'N0340003', 'Northwind Coffee - DE', NORTHWIND);
  acct('180034004', 'N0340004', 'Northwind Tea - FR', NORTHWIND);
  insertPlan(store, now, { clientEntityId: '180012345', status: 'LinkPending', name: 'Fabrikam Shoes US', note: 'Contoso will run your Q4 search campaigns.', createdDaysAgo: 2 });
  insertPlan(store, now, { clientEntityId: '180012348', status: 'Active', name: 'Fabrikam Sandals AU', createdDaysAgo: 90, isBillToClient: false });
  insertPlan(store, now, { clientEntityId: '180034001', status: 'LinkPending', name: 'Northwind Gourmet', note: 'Shopping & search management — "holiday" push <2026>.', createdDaysAgo: 5 });
  insertPlan(store, now, { clientEntityId: '180034003', status: 'Active', name: 'Northwind Coffee DE', createdDaysAgo: 200 });
  insertPlan(store, now, { clientEntityId: '180034004', status: 'LinkDeclined', name: 'Northwind Tea FR', createdDaysAgo: 40, modifiedBy: '172000002' });

  // Independent clients that can be invited (no users of their own).
  const invitable: SimAccount[] = [fabrikamOutlet, fabrikamBoots, northwindDeli];
  const newcomers: [string, string][] = [
    ['Wingtip Toys', 'Search'], ['Relecloud', 'Brand'], ['Fourth Coffee', 'Local'], ['VanArsdel, Ltd.', 'Shopping'],
    ['Alpine Ski House', 'Winter'], ['Coho Winery', 'Retail'], ['Trey Research', 'Leads'],
  ];
  newcomers.forEach(([company, suffix], i) => {
    const owner = store.addCustomer({ id: String(250600001 + i), number: customerNumber(600001 + i), name: company });
    invitable.push(acct(String(180090001 + i), accountNumber('I', 90001 + i), `${company} - ${suffix}`, owner));
  });
  const bellows = store.addCustomer({ id: '250600099', number: customerNumber(600099), name: 'Bellows College' });
  const prepaid = acct('180090099', 'P0090099', 'Bellows College - Prepaid', bellows, { prepaid: true });

  // The bulk of the directory: client customers with a few accounts each.
  const clients = CLIENT_NAMES.map((name, i) => store.addCustomer({ id: String(250700001 + i), number: customerNumber(700001 + i), name }));
  const plan: [ClientLinkStatus, number][] = [
    ['LinkPending', 8], ['LinkAccepted', 2], ['LinkInProgress', 5], ['Active', 14], ['LinkCanceled', 4], ['LinkDeclined', 3],
    ['LinkExpired', 4], ['LinkFailed', 3], ['UnlinkRequested', 2], ['UnlinkPending', 2], ['UnlinkInProgress', 3], ['Inactive', 5], ['UnlinkFailed', 2],
  ];
  let n = 0;
  for (const [status, count] of plan) {
    for (let k = 0; k < count; k++, n++) {
      const owner = clients[n % clients.length]!;
      const suffix = ACCOUNT_SUFFIXES[(n * 7) % ACCOUNT_SUFFIXES.length]!;
      const account = acct(String(180100001 + n), accountNumber('D', 100001 + n), `${owner.name} - ${suffix}`, owner, { status: status === 'Inactive' && k === 0 ? 'Pause' : 'Active' });
      insertPlan(store, now, demoPlan(status, k, account, random, now));
    }
  }

  // Customer links (Super Admin only).
  const adventure = store.addCustomer({ id: '250800001', number: customerNumber(800001), name: 'Adventure Works Cycles' });
  store.addAccount({ id: '180800001', number: 'W0800001', name: 'Adventure Works - Bikes', ownerCustomerId: adventure.id, lifeCycleStatus: 'Active', prepaid: false, primaryUserId: null });
  const tailspin = clients[1]!;
  const lamna = store.addCustomer({ id: '250800002', number: customerNumber(800002), name: 'Lamna Healthcare Company' });
  insertPlan(store, now, { type: 'CustomerLink', clientEntityId: adventure.id, status: 'Active', name: 'Adventure Works (all accounts)', createdDaysAgo: 300, permission: 'Administrative' });
  insertPlan(store, now, { type: 'CustomerLink', clientEntityId: tailspin.id, status: 'LinkPending', name: 'Tailspin Toys group', createdDaysAgo: 3, permission: 'Standard' });
  insertPlan(store, now, { type: 'CustomerLink', clientEntityId: lamna.id, status: 'Inactive', name: 'Lamna Healthcare', createdDaysAgo: 500, history: ['LinkDeclined'] });

  return { agencyCustomerId: AGENCY.id, users: finishUsers(store, users), invitableAccounts: invitable.map(publicAccount), prepaidAccountId: prepaid.id };
}

function publicAccount(a: SimAccount): SeedInfo['invitableAccounts'][number] {
  return { id: a.id, number: a.number, name: a.name, ownerCustomerId: a.ownerCustomerId };
}

/** Realistic dates for a seeded link in `status` (k = index within its status group). */
function demoPlan(status: ClientLinkStatus, k: number, account: SimAccount, random: Random, now: number): LinkPlan {
  const name = account.name.length > 40 ? account.name.slice(0, 40) : account.name;
  const plan: LinkPlan = { clientEntityId: account.id, status, name, createdDaysAgo: randomInt(random, 30, 400), isBillToClient: random() < 0.7 };
  switch (statusDefinition(status).phase) {
    case 'invitation':
      // The first one expires tomorrow.
      plan.createdDaysAgo = k === 0 ? 29 : randomInt(random, 1, 25);
      plan.statusSinceMs = -plan.createdDaysAgo * DAY;
      plan.note = k % 3 === 0 ? 'Hi! We would love to manage your Microsoft Advertising campaigns.' : null;
      plan.history = k === 1 ? ['Inactive'] : k === 2 ? ['LinkDeclined', 'LinkExpired'] : undefined;
      break;
    case 'linking':
      if (waitsForStartDate(status)) {
        // Three start in the weeks ahead; the others turn Active once billing is done.
        plan.createdDaysAgo = randomInt(random, 2, 10);
        plan.statusSinceMs = k < 3 ? -HOUR : 0;
        plan.startDateMs = k < 3 ? now + (5 + k * 7) * DAY : now - DAY;
      } else {
        plan.createdDaysAgo = 3;
        plan.statusSinceMs = -HOUR;
      }
      break;
    case 'unlinking':
      plan.statusSinceMs = 0;
      break;
    case 'active':
      plan.history = k === 0 ? ['Inactive'] : undefined;
      break;
    case 'ended':
      break;
  }
  return plan;
}

function seedScale(store: SimStore, now: number, random: Random, links: number, moving: number | undefined): SeedInfo {
  const users = addParties(store, now);
  const statuses: ClientLinkStatus[] = ['Active', 'Active', 'Active', 'Active', 'LinkPending', 'LinkPending', 'Inactive', 'LinkInProgress', 'LinkAccepted', 'LinkCanceled', 'LinkDeclined', 'LinkExpired', 'LinkFailed', 'UnlinkRequested', 'UnlinkPending', 'UnlinkInProgress', 'UnlinkFailed'];
  // With `moving`: link i is in motion when it crosses the next M/N step, so exactly M are, spread evenly.
  const inMotion = statuses.filter((s) => systemTransitionsFrom(s).length > 0);
  const settled = statuses.filter((s) => systemTransitionsFrom(s).length === 0);
  const statusOf = (i: number): ClientLinkStatus => {
    if (moving === undefined) {
      return statuses[i % statuses.length]!;
    }
    const crossing = Math.floor(((i + 1) * moving) / links) > Math.floor((i * moving) / links);
    return crossing ? inMotion[Math.floor((i * moving) / links) % inMotion.length]! : settled[i % settled.length]!;
  };
  const customerCount = Math.max(1, Math.ceil(links / 5));
  const owners: SimCustomer[] = [];
  for (let i = 0; i < customerCount; i++) {
    owners.push(store.addCustomer({ id: String(260000001 + i), number: customerNumber(2_000_000 + i), name: `${pick(random, CLIENT_NAMES)} ${i + 1}` }));
  }
  for (let i = 0; i < links; i++) {
    const owner = owners[i % customerCount]!;
    const account = store.addAccount({ id: String(190000001 + i), number: accountNumber('S', i + 1), name: `${owner.name} - ${ACCOUNT_SUFFIXES[i % ACCOUNT_SUFFIXES.length]}`, ownerCustomerId: owner.id, lifeCycleStatus: 'Active', prepaid: false, primaryUserId: null });
    const status = statusOf(i);
    // With `moving`, the links in motion really move: what polls are measured against.
    insertPlan(store, now, { ...demoPlan(status, i % 4, account, random, now), moves: moving !== undefined });
  }
  const invitable: SimAccount[] = [];
  for (let i = 0; i < 10; i++) {
    const owner = owners[i % customerCount]!;
    invitable.push(store.addAccount({ id: String(199000001 + i), number: accountNumber('V', i + 1), name: `${owner.name} - New ${i + 1}`, ownerCustomerId: owner.id, lifeCycleStatus: 'Active', prepaid: false, primaryUserId: null }));
  }
  return { agencyCustomerId: AGENCY.id, users: finishUsers(store, users), invitableAccounts: invitable.map(publicAccount), prepaidAccountId: '' };
}

/** Loads a seed into an empty store. `now` anchors every date, so a fixed clock gives a fixed state. */
export function loadSeed(store: SimStore, spec: SeedSpec, now: number): SeedInfo {
  const random = createRandom(hashSeed(spec.kind === 'scale' ? `scale:${spec.links}` : spec.kind));
  switch (spec.kind) {
    case 'demo':
      return seedDemo(store, now, random);
    case 'scale':
      return seedScale(store, now, random, spec.links, spec.moving);
    case 'empty':
      return { agencyCustomerId: AGENCY.id, users: finishUsers(store, addParties(store, now)), invitableAccounts: [], prepaidAccountId: '' };
  }
}

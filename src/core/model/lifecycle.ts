/**
 * The client link lifecycle, as one table (spec §5). The UI (which menu items appear), the CLI
 * (which commands are refused before any request) and the simulator (which updates it accepts
 * and which transitions its clock makes) all read this module; nothing else encodes the rules.
 */
import * as l10n from '@vscode/l10n';
import { CLIENT_LINK_STATUSES, CLIENT_LINK_TYPES, type ClientLinkStatus, type ClientLinkType, ROLE_IDS } from './clientLink';

/** Which side of a link the signed-in user is on. */
export type LinkSide = 'agency' | 'client';
export const LINK_SIDES: readonly LinkSide[] = ['agency', 'client'];

/** A change a user may ask for through UpdateClientLinks. */
export type LinkAction = 'accept' | 'decline' | 'cancel' | 'unlink';
export const LINK_ACTIONS: readonly LinkAction[] = ['accept', 'decline', 'cancel', 'unlink'];

/**
 * The tables' words are computed when read (getters over the functions below), not when this module
 * loads: the extension configures @vscode/l10n with its bundle at activation, after the core is loaded.
 * The CLI and the simulator never configure it, so they read the English written here.
 */
export interface ActionDefinition {
  readonly action: LinkAction;
  /** The side allowed to take the action. */
  readonly side: LinkSide;
  /** The only status from which the action is allowed. */
  readonly from: ClientLinkStatus;
  /** The status written by UpdateClientLinks. */
  readonly writes: ClientLinkStatus;
  /** Verb for menus and messages. */
  readonly title: string;
  /** The confirmation dialog's button: never "Cancel …" next to the dialog's own Cancel. */
  readonly confirm: string;
  /** Past tense for summaries. */
  readonly done: string;
  /** Whether the UI asks for confirmation first. */
  readonly destructive: boolean;
  /** The link waits for this action (an invitation to answer): links that allow it await the side that may take it. */
  readonly awaited: boolean;
}

/** Verb for menus and messages ("Cancel invitation"). */
export function actionTitle(action: LinkAction): string {
  switch (action) {
    case 'accept':
      return l10n.t('Accept');
    case 'decline':
      return l10n.t('Decline');
    case 'cancel':
      return l10n.t('Cancel invitation');
    case 'unlink':
      return l10n.t('Request unlink');
  }
}

/** The confirmation dialog's button ("Withdraw Invitation"). */
export function actionConfirm(action: LinkAction): string {
  switch (action) {
    case 'accept':
      return l10n.t({ message: 'Accept', comment: ['confirmation button'] });
    case 'decline':
      return l10n.t({ message: 'Decline', comment: ['confirmation button'] });
    case 'cancel':
      return l10n.t('Withdraw Invitation');
    case 'unlink':
      return l10n.t('Request Unlink');
  }
}

/** Past tense for summaries ("3 accepted"). */
export function actionDone(action: LinkAction): string {
  switch (action) {
    case 'accept':
      return l10n.t({ message: 'accepted', comment: ['past tense of the action, in summaries: 3 accepted'] });
    case 'decline':
      return l10n.t({ message: 'declined', comment: ['past tense of the action, in summaries: 3 declined'] });
    case 'cancel':
      return l10n.t({ message: 'canceled', comment: ['past tense of the action, in summaries: 3 canceled'] });
    case 'unlink':
      return l10n.t({ message: 'unlink requested', comment: ['past tense of the action, in summaries: 3 unlink requested'] });
  }
}

const A = (action: LinkAction, side: LinkSide, from: ClientLinkStatus, writes: ClientLinkStatus, destructive: boolean, awaited: boolean): ActionDefinition => ({
  action,
  side,
  from,
  writes,
  get title() {
    return actionTitle(action);
  },
  get confirm() {
    return actionConfirm(action);
  },
  get done() {
    return actionDone(action);
  },
  destructive,
  awaited,
});

export const ACTIONS: Readonly<Record<LinkAction, ActionDefinition>> = {
  accept: A('accept', 'client', 'LinkPending', 'LinkAccepted', false, true),
  decline: A('decline', 'client', 'LinkPending', 'LinkDeclined', true, true),
  cancel: A('cancel', 'agency', 'LinkPending', 'LinkCanceled', true, false),
  unlink: A('unlink', 'agency', 'Active', 'UnlinkRequested', true, false),
};

/** Why a status changes without a user action. */
export type SystemTrigger =
  | 'immediately'
  | 'billingDoneAndStartDateReached'
  | 'billingFailed'
  | 'noActionFor30Days'
  | 'resourcesFree'
  | 'unlinkSucceeded'
  | 'unlinkFailed'
  | 'linkResumes';

export interface SystemTransition {
  readonly from: ClientLinkStatus;
  readonly to: ClientLinkStatus;
  readonly trigger: SystemTrigger;
}

/** Transitions only the service makes (spec §5 state diagram). */
export const SYSTEM_TRANSITIONS: readonly SystemTransition[] = [
  { from: 'LinkPending', to: 'LinkExpired', trigger: 'noActionFor30Days' },
  { from: 'LinkAccepted', to: 'LinkInProgress', trigger: 'immediately' },
  { from: 'LinkInProgress', to: 'Active', trigger: 'billingDoneAndStartDateReached' },
  { from: 'LinkInProgress', to: 'LinkFailed', trigger: 'billingFailed' },
  { from: 'UnlinkRequested', to: 'UnlinkPending', trigger: 'immediately' },
  { from: 'UnlinkPending', to: 'UnlinkInProgress', trigger: 'resourcesFree' },
  { from: 'UnlinkInProgress', to: 'Inactive', trigger: 'unlinkSucceeded' },
  { from: 'UnlinkInProgress', to: 'UnlinkFailed', trigger: 'unlinkFailed' },
  { from: 'UnlinkFailed', to: 'Active', trigger: 'linkResumes' },
];

/** The status AddClientLinks gives a new link: an invitation waiting for the client's answer. */
export const INVITED_STATUS: ClientLinkStatus = 'LinkPending';

/** Days a LinkPending invitation lives before the service expires it. */
export const INVITATION_LIFETIME_DAYS = 30;

export type StatusPhase = 'invitation' | 'linking' | 'active' | 'unlinking' | 'ended';

export interface StatusDefinition {
  readonly status: ClientLinkStatus;
  /** Human label for group headings. */
  readonly label: string;
  readonly phase: StatusPhase;
  /** No further update is possible; a new AddClientLinks starts over. */
  readonly terminal: boolean;
  /** While the pair's latest link has this status, a new invitation is refused (1410). */
  readonly blocksNewInvitation: boolean;
  /** The service is working on it: the UI polls and shows progress. */
  readonly transitional: boolean;
  /** Reserved status the service never produces. */
  readonly reserved: boolean;
  /** Short explanation for tooltips. */
  readonly meaning: string;
}

/** Human label for group headings ("Pending invitation"). */
export function statusLabel(status: ClientLinkStatus): string {
  switch (status) {
    case 'LinkPending':
      return l10n.t('Pending invitation');
    case 'LinkAccepted':
      return l10n.t({ message: 'Accepted', comment: ['link status'] });
    case 'LinkInProgress':
      return l10n.t('Linking in progress');
    case 'Active':
      return l10n.t({ message: 'Active', comment: ['link status'] });
    case 'UnlinkRequested':
      return l10n.t('Unlink requested');
    case 'UnlinkPending':
      return l10n.t('Unlink pending');
    case 'UnlinkInProgress':
      return l10n.t('Unlinking in progress');
    case 'UnlinkFailed':
      return l10n.t('Unlink failed');
    case 'Inactive':
      return l10n.t('Inactive (unlinked)');
    case 'LinkCanceled':
      return l10n.t({ message: 'Canceled', comment: ['link status'] });
    case 'LinkDeclined':
      return l10n.t({ message: 'Declined', comment: ['link status'] });
    case 'LinkExpired':
      return l10n.t({ message: 'Expired', comment: ['link status'] });
    case 'LinkFailed':
      return l10n.t('Link failed');
    case 'UnlinkCanceled':
      return l10n.t('Unlink canceled');
  }
}

/** Short explanation of a status for tooltips. */
export function statusMeaning(status: ClientLinkStatus): string {
  switch (status) {
    case 'LinkPending':
      return l10n.t('Invitation sent, waiting for the client to accept or decline. Expires after 30 days.');
    case 'LinkAccepted':
      return l10n.t('The client accepted; the service starts setting up the link.');
    case 'LinkInProgress':
      return l10n.t('Waiting for the billing hand-over and the start date.');
    case 'Active':
      return l10n.t('The agency manages the client entity.');
    case 'UnlinkRequested':
      return l10n.t('The agency asked to end the link.');
    case 'UnlinkPending':
      return l10n.t('The unlink is queued.');
    case 'UnlinkInProgress':
      return l10n.t('Billing is being handed back to the client.');
    case 'UnlinkFailed':
      return l10n.t('The unlink failed; the link goes back to Active.');
    case 'Inactive':
      return l10n.t('The link ended. Invite again to start over.');
    case 'LinkCanceled':
      return l10n.t('The agency withdrew the invitation.');
    case 'LinkDeclined':
      return l10n.t('The client declined the invitation.');
    case 'LinkExpired':
      return l10n.t('Nobody acted on the invitation for 30 days.');
    case 'LinkFailed':
      return l10n.t('The service could not set up the link.');
    case 'UnlinkCanceled':
      return l10n.t('Reserved by the service; never produced.');
  }
}

const S = (status: ClientLinkStatus, phase: StatusPhase, flags: { terminal?: boolean; blocks?: boolean; transitional?: boolean; reserved?: boolean }): StatusDefinition => ({
  status,
  get label() {
    return statusLabel(status);
  },
  phase,
  terminal: flags.terminal ?? false,
  blocksNewInvitation: flags.blocks ?? false,
  transitional: flags.transitional ?? false,
  reserved: flags.reserved ?? false,
  get meaning() {
    return statusMeaning(status);
  },
});

/** Every status, in lifecycle (display) order. */
export const STATUSES: readonly StatusDefinition[] = [
  S('LinkPending', 'invitation', { blocks: true }),
  S('LinkAccepted', 'linking', { blocks: true, transitional: true }),
  S('LinkInProgress', 'linking', { blocks: true, transitional: true }),
  S('Active', 'active', { blocks: true }),
  S('UnlinkRequested', 'unlinking', { transitional: true }),
  S('UnlinkPending', 'unlinking', { blocks: true, transitional: true }),
  S('UnlinkInProgress', 'unlinking', { blocks: true, transitional: true }),
  S('UnlinkFailed', 'unlinking', { transitional: true }),
  S('Inactive', 'ended', { terminal: true }),
  S('LinkCanceled', 'ended', { terminal: true }),
  S('LinkDeclined', 'ended', { terminal: true }),
  S('LinkExpired', 'ended', { terminal: true }),
  S('LinkFailed', 'ended', { terminal: true }),
  S('UnlinkCanceled', 'ended', { terminal: true, reserved: true }),
];

const STATUS_BY_NAME = new Map(STATUSES.map((s) => [s.status, s]));

export function statusDefinition(status: ClientLinkStatus): StatusDefinition {
  const def = STATUS_BY_NAME.get(status);
  if (!def) {
    throw new Error(`Unknown client link status ${status}`);
  }
  return def;
}

/** The definition of a status string from the wire, or undefined for a value this version does not know. */
export function findStatusDefinition(status: string | null | undefined): StatusDefinition | undefined {
  return status ? STATUS_BY_NAME.get(status as ClientLinkStatus) : undefined;
}

/** Display order of a status (lifecycle order); unknown statuses sort last. */
export function statusOrder(status: string): number {
  const index = STATUSES.findIndex((s) => s.status === status);
  return index === -1 ? STATUSES.length : index;
}

/** The user actions allowed for a link in `status` seen from `side`. */
export function allowedActions(status: ClientLinkStatus | null | undefined, side: LinkSide): LinkAction[] {
  if (!status) {
    return [];
  }
  return LINK_ACTIONS.filter((a) => ACTIONS[a].side === side && ACTIONS[a].from === status);
}

export function isActionAllowed(action: LinkAction, status: ClientLinkStatus | null | undefined, side: LinkSide): boolean {
  return allowedActions(status, side).includes(action);
}

/** Whether a user-written status change `from` → `to` by `side` is allowed; names the action. */
export function userTransition(from: ClientLinkStatus, to: ClientLinkStatus, side: LinkSide): LinkAction | undefined {
  return LINK_ACTIONS.find((a) => ACTIONS[a].side === side && ACTIONS[a].from === from && ACTIONS[a].writes === to);
}

export function systemTransitionsFrom(status: ClientLinkStatus): SystemTransition[] {
  return SYSTEM_TRANSITIONS.filter((t) => t.from === status);
}

/** Whether the agency may send a new invitation for a pair whose latest link has `status`. */
export function canInvite(latest: ClientLinkStatus | null | undefined): boolean {
  return !latest || !statusDefinition(latest).blocksNewInvitation;
}

/** When a link in `status`, last changed at `sinceMs`, expires if nobody acts (epoch ms), or undefined when it does not. */
export function expiresAt(status: ClientLinkStatus | null | undefined, sinceMs: number): number | undefined {
  return expires(status) ? sinceMs + INVITATION_LIFETIME_DAYS * 86_400_000 : undefined;
}

/** Whether a link in `status` expires if nobody acts: read from the table once per status (asked for every row the tree draws). */
export function expires(status: ClientLinkStatus | null | undefined): boolean {
  if (status === null || status === undefined) {
    return false;
  }
  let value = EXPIRES.get(status);
  if (value === undefined) {
    value = systemTransitionsFrom(status).some((t) => t.trigger === 'noActionFor30Days');
    EXPIRES.set(status, value);
  }
  return value;
}

const EXPIRES = new Map<string, boolean>();

/**
 * Whether a link in `status` is in motion: the service may still change it without anyone here
 * acting (a pending invitation expires or is answered; linking and unlinking move on by
 * themselves, and a failed unlink goes back to Active). Derived from SYSTEM_TRANSITIONS, so the
 * partial poll (workflow/linkPolling.ts) and the table never disagree. Active and the terminal
 * statuses are not: they change only when someone asks (which a full listing picks up).
 */
export function isInMotion(status: ClientLinkStatus | null | undefined): boolean {
  return status !== null && status !== undefined && systemTransitionsFrom(status).length > 0;
}

/** The statuses in motion (see isInMotion), in lifecycle order. */
export const IN_MOTION_STATUSES: readonly ClientLinkStatus[] = STATUSES.filter((s) => isInMotion(s.status)).map((s) => s.status);

/**
 * Statuses from which the agency may send the same invitation again ("Re-invite"): an invitation
 * that ended without a link (it expired, the client declined it, or the agency withdrew it). A new
 * AddClientLinks starts over (spec §5: terminal links cannot be updated).
 */
export const REINVITE_STATUSES: readonly ClientLinkStatus[] = ['LinkExpired', 'LinkDeclined', 'LinkCanceled'];

/** Whether `side` may re-invite a link in `status`: the agency, for an invitation that ended without a link. */
export function canReinvite(status: ClientLinkStatus | null | undefined, side: LinkSide): boolean {
  return side === 'agency' && status !== null && status !== undefined && REINVITE_STATUSES.includes(status);
}

/**
 * Statuses the service should leave on its own within hours (spec §5): a link that stays in one of
 * them much longer is stuck and worth a word to Microsoft support. UnlinkFailed is not among them:
 * it is an outcome the user sees (the link goes back to Active), not work in progress.
 */
export const STUCK_WATCH_STATUSES: readonly ClientLinkStatus[] = ['LinkAccepted', 'LinkInProgress', 'UnlinkRequested', 'UnlinkPending', 'UnlinkInProgress'];

/** The link types each role may manage (spec §3.1, §6); a role not listed manages none. */
const MANAGED_LINK_TYPES: ReadonlyMap<number, readonly ClientLinkType[]> = new Map<number, readonly ClientLinkType[]>([
  [ROLE_IDS.SuperAdmin, CLIENT_LINK_TYPES],
  [ROLE_IDS.Standard, ['AccountLink']],
]);

/**
 * Whether a user with `roleId` on the relevant customer may manage links of `type`; without a
 * type, whether the role may manage links at all (invite, and act on links of some type).
 */
export function canManage(roleId: number, type?: ClientLinkType): boolean {
  const types = MANAGED_LINK_TYPES.get(roleId) ?? [];
  return type === undefined ? types.length > 0 : types.includes(type);
}

/** Whether a link in this status needs something from this side (drives badges and the status bar): an awaited action is allowed. */
export function awaitsAction(status: ClientLinkStatus | null | undefined, side: LinkSide): boolean {
  // Asked for every link of a listing (the badge, the status bar): read from the table once per status and side.
  const key = status ?? '';
  let bySide = AWAITED.get(key);
  if (!bySide) {
    bySide = { agency: allowedActions(status, 'agency').some((a) => ACTIONS[a].awaited), client: allowedActions(status, 'client').some((a) => ACTIONS[a].awaited) };
    AWAITED.set(key, bySide);
  }
  return bySide[side];
}

const AWAITED = new Map<string, Record<LinkSide, boolean>>();

// Self-check at load: every status has a definition.
for (const status of CLIENT_LINK_STATUSES) {
  if (!STATUS_BY_NAME.has(status)) {
    throw new Error(`lifecycle table misses ${status}`);
  }
}

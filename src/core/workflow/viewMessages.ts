/**
 * What the links view says above its rows (its message) and which buttons it offers, per state:
 * one home for these sentences and actions, checked without VS Code. Every message that leaves the
 * user stuck has its action: VS Code hides the welcome content (and its buttons) whenever a view
 * has a message, so the actions are given here and shown as rows by the tree.
 */
import * as l10n from '@vscode/l10n';
import { TOKEN_EXPIRED_CODES } from '../errors';

/**
 * "Showing data from 10:42: the last refresh failed. The service answered HTTP 503 (Service Unavailable …)."
 * The error's message is not put in parentheses: it may end with its own (an error page's text).
 */
export function staleRefreshMessage(since: string, errorMessage: string): string {
  const text = errorMessage.trim();
  return l10n.t('Showing data from {0}: the last refresh failed. {1}', since, /[.!?)]$/.test(text) ? text : l10n.t('{0}.', text));
}

/** A button of the view: a command without arguments. */
export interface ViewAction {
  label: string;
  command: string;
  /** Codicon name. */
  icon: string;
}

/** A button whose label is read in the user's language when shown (not when this module loads). */
function action(label: () => string, command: string, icon: string): ViewAction {
  return {
    get label() {
      return label();
    },
    command,
    icon,
  };
}

export const VIEW_ACTIONS = {
  clearFilter: action(() => l10n.t('Clear Filter'), 'clientLinks.clearFilter', 'clear-all'),
  retry: action(() => l10n.t('Retry'), 'clientLinks.refresh', 'refresh'),
  showLog: action(() => l10n.t('Show Log'), 'clientLinks.showLog', 'output'),
  signIn: action(() => l10n.t('Sign In with Microsoft'), 'clientLinks.signIn', 'sign-in'),
  setDeveloperToken: action(() => l10n.t('Set Developer Token'), 'clientLinks.setDeveloperToken', 'key'),
  selectCustomer: action(() => l10n.t('Select Customer'), 'clientLinks.selectCustomer', 'organization'),
  selectEnvironment: action(() => l10n.t('Select Environment'), 'clientLinks.selectEnvironment', 'globe'),
} as const satisfies Record<string, ViewAction>;

/** The last failure, as far as the view needs it (no vscode, no error classes: kind and codes). */
export interface ViewError {
  message: string;
  advice?: string;
  /** ClientLinksError kind: 'auth', 'fault', 'http', … */
  kind: string;
  /** Service error codes the failure carries (105, 106, 109, …). */
  codes: readonly number[];
}

export interface ViewState {
  /** Links shown after the filter, and before it. */
  shown: number;
  total: number;
  filter: string;
  loaded: boolean;
  /** The last refresh failed and the rows are the last good data, as of `since` (a local time). */
  stale: boolean;
  since?: string;
  error?: ViewError;
  /** The signed-in user's role for the active customer, once GetUser answered. */
  role?: { name: string; canManageLinks: boolean };
}

export interface ViewNotice {
  message?: string;
  actions: ViewAction[];
  /** Show the actions above the rows too (a sign-in problem), not only when no row is shown. */
  pinned: boolean;
}

/** What the role allows, said plainly, for a role that cannot change links. */
export function readOnlyRoleMessage(roleName: string): string {
  return l10n.t('{0}: you can see links but not change them. Inviting, accepting, cancelling and unlinking need a Super Admin (or a Standard user, for account links).', roleName);
}

/** The service refused to list links to this role (106): what the role allows and what to do. */
export function roleRefusedMessage(roleName: string): string {
  return l10n.t(
    '{0}: Microsoft Advertising shows client links only to a Super Admin of the customer (and account links to a Standard user), so your role cannot see or change them. Ask a Super Admin for one of those roles, or select another customer.',
    roleName,
  );
}

function credentialActions(error: ViewError | undefined): ViewAction[] | undefined {
  if (!error) {
    return undefined;
  }
  if (error.codes.includes(105)) {
    // 105 covers both tokens: the service does not say which one it refused.
    return [VIEW_ACTIONS.setDeveloperToken, VIEW_ACTIONS.signIn];
  }
  if (error.kind === 'auth' || error.codes.some((c) => TOKEN_EXPIRED_CODES.has(c))) {
    return [VIEW_ACTIONS.signIn];
  }
  return undefined;
}

function sentence(error: ViewError): string {
  const text = error.message.trim();
  const withStop = /[.!?)]$/.test(text) ? text : l10n.t('{0}.', text);
  return error.advice ? l10n.t('{0} {1}', withStop, error.advice.trim()) : withStop;
}

export function viewNotice(state: ViewState): ViewNotice {
  const messages: string[] = [];
  const actions: ViewAction[] = [];
  let pinned = false;
  const readOnly = state.role !== undefined && !state.role.canManageLinks;

  if (state.filter) {
    messages.push(
      state.shown === 0 && state.total > 0
        ? l10n.t('Filter: "{0}" ({1} of {2}): no link matches', state.filter, state.shown, state.total)
        : l10n.t('Filter: "{0}" ({1} of {2})', state.filter, state.shown, state.total),
    );
    if (state.shown === 0) {
      actions.push(VIEW_ACTIONS.clearFilter);
    }
  }

  const error = state.error;
  if (error && readOnly && error.codes.includes(106)) {
    messages.push(roleRefusedMessage(state.role?.name ?? l10n.t('Your role')));
    actions.push(VIEW_ACTIONS.selectCustomer, VIEW_ACTIONS.showLog);
  } else if (error && (!state.loaded || state.stale)) {
    const credentials = credentialActions(error);
    messages.push(state.stale ? staleRefreshMessage(state.since ?? l10n.t('earlier'), sentence(error)) : l10n.t('Could not load the links: {0}', sentence(error)));
    if (credentials) {
      actions.push(...credentials);
      pinned = true;
    } else if (error.codes.includes(106)) {
      // The customer refused the user (a saved customer that no longer works, say): automatic
      // refresh is paused and Retry fails the same way, so the way out is another customer.
      actions.push(VIEW_ACTIONS.selectCustomer, VIEW_ACTIONS.retry, VIEW_ACTIONS.showLog);
      pinned = state.stale;
    } else if (!state.stale) {
      actions.push(VIEW_ACTIONS.retry, VIEW_ACTIONS.showLog);
      if (error.kind === 'network' || error.kind === 'config') {
        // The service cannot be reached at all: the environment (or a custom endpoint) may be wrong.
        actions.push(VIEW_ACTIONS.selectEnvironment);
      }
    }
  } else if (readOnly && state.loaded) {
    const role = readOnlyRoleMessage(state.role?.name ?? l10n.t('Your role'));
    messages.push(state.total === 0 ? l10n.t('{0} No client links for this customer yet.', role) : role);
  }

  return { message: messages.length ? messages.join(' · ') : undefined, actions: [...new Set(actions)], pinned };
}

/** What the link store tells the front end: the events and the one emitter its parts share. */
import * as l10n from '@vscode/l10n';
import type { ClientLinksError } from '../errors';
import type { ClientLink, ClientLinkStatus } from '../model/clientLink';
import { findStatusDefinition, type LinkAction } from '../model/lifecycle';

export interface StatusChange {
  link: ClientLink;
  from: ClientLinkStatus | null | undefined;
  to: ClientLinkStatus | null | undefined;
  /** What this product did to cause the change, when one of its own actions did. */
  cause?: string;
  /** The service's immediate follow-on of a change this product caused (Accepted → Linking in progress after our Accept). */
  followsOwnAction?: boolean;
}

/**
 * The changes worth announcing: not those the user just caused here, nor the service's immediate
 * follow-on of such a change. The user sees their own action's outcome from the action itself.
 */
export function changesToAnnounce(changed: readonly StatusChange[]): StatusChange[] {
  return changed.filter((c) => c.cause === undefined && !c.followsOwnAction);
}

/** The one notification for a refresh's changes (grouped), or undefined when none is worth announcing. */
export function statusChangeNotice(changed: readonly StatusChange[]): string | undefined {
  const announce = changesToAnnounce(changed);
  const first = announce[0];
  if (!first) {
    return undefined;
  }
  return announce.length === 1
    ? l10n.t('{0} is now {1}.', first.link.ClientEntityName ?? first.link.ClientEntityId ?? l10n.t('A client link'), findStatusDefinition(first.to)?.label ?? first.to ?? l10n.t('unknown'))
    : l10n.t('{0} client links changed status.', announce.length);
}

export type StoreEvent =
  /** Signed in or out, the user's customers known, or another customer chosen. */
  | { type: 'session' }
  | { type: 'loading'; loading: boolean }
  /** A listing was applied: what changed against the one before. */
  | { type: 'links'; changed: StatusChange[]; added: ClientLink[]; removed: ClientLink[] }
  | { type: 'error'; error: ClientLinksError }
  /** Customer names were learnt (or could not be loaded: see the store's `customers.loadError`). */
  | { type: 'customers' }
  /** Links started or stopped having an action running; when they stop, `lastFailed` is already up to date. */
  | { type: 'busy'; keys: string[] }
  /** This product's own action was answered (before the refresh that shows it): each link as sent, and whether the service did it. */
  | { type: 'outcomes'; action: LinkAction | 'invite'; outcomes: { link: ClientLink; succeeded: boolean }[] };

export type StoreListener = (event: StoreEvent) => void;

export class StoreEmitter {
  private readonly listeners = new Set<StoreListener>();

  on(listener: StoreListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  emit(event: StoreEvent): void {
    for (const listener of [...this.listeners]) {
      listener(event);
    }
  }
}

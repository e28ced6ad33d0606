/** What the link store tells the front end: the events and the one emitter its parts share. */
import type { ClientLinksError } from '../errors';
import type { ClientLink, ClientLinkStatus } from '../model/clientLink';

export interface StatusChange {
  link: ClientLink;
  from: ClientLinkStatus | null | undefined;
  to: ClientLinkStatus | null | undefined;
}

export type StoreEvent =
  /** Signed in or out, the user's customers known, or another customer chosen. */
  | { type: 'session' }
  | { type: 'loading'; loading: boolean }
  /** A listing was applied: what changed against the one before. */
  | { type: 'links'; changed: StatusChange[]; added: ClientLink[]; removed: ClientLink[] }
  | { type: 'error'; error: ClientLinksError }
  /** Links started or stopped having an action running; when they stop, `lastFailed` is already up to date. */
  | { type: 'busy'; keys: string[] };

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

/**
 * The session behind the store: the service it talks to, one GetUser per session, the customer it
 * acts for, and the generation that tells the work of an ended session from current work (an
 * answer that lands after sign-out or an account switch is ignored).
 */
import * as l10n from '@vscode/l10n';
import { AuthError, CancelledError, ValidationError } from '../errors';
import type { ClientLinksService } from '../service/types';
import { type CustomerChoice, type CustomerContext, customerContextFrom, pickCustomer } from './customerContext';

/** Gives the session's service (built on first use, so it may be a promise). */
export type ServiceFactory = () => ClientLinksService | Promise<ClientLinksService>;

export class LinkSession {
  private factory: ServiceFactory | undefined;
  private preferredCustomerId: string | undefined;
  private userPromise: Promise<CustomerContext> | undefined;
  /** Aborted by end(): reads in flight stop, bulk actions start no new call. */
  private abort = new AbortController();
  private currentGeneration = 0;

  context: CustomerContext | undefined;
  active: CustomerChoice | undefined;

  /** `onUser` runs when GetUser has told who the user is and which customer is active. */
  constructor(private readonly onUser: () => void) {}

  get started(): boolean {
    return this.factory !== undefined;
  }

  /** Changes on every end(): work started in one generation checks `isCurrent` before it touches state. */
  get generation(): number {
    return this.currentGeneration;
  }

  isCurrent(generation: number): boolean {
    return generation === this.currentGeneration;
  }

  /** Start with a service; `preferredCustomerId` picks the customer when the user has several. */
  begin(factory: ServiceFactory, preferredCustomerId?: string): void {
    this.end();
    this.factory = factory;
    this.preferredCustomerId = preferredCustomerId;
  }

  /** Forget the service, the user and the customer; cancel what runs. */
  end(): void {
    this.currentGeneration++;
    this.abort.abort();
    this.abort = new AbortController();
    this.factory = undefined;
    this.userPromise = undefined;
    this.context = undefined;
    this.active = undefined;
  }

  /** The caller's signal combined with the session's, so sign-out cancels what the session started. */
  signal(signal?: AbortSignal): AbortSignal {
    return signal ? AbortSignal.any([signal, this.abort.signal]) : this.abort.signal;
  }

  async service(): Promise<ClientLinksService> {
    if (!this.factory) {
      throw new CancelledError({ operation: 'Client Links' });
    }
    return this.factory();
  }

  /** GetUser, once per session (concurrent callers share the call; a failure lets the next caller try again). */
  loadUser(): Promise<CustomerContext> {
    if (!this.userPromise) {
      const generation = this.currentGeneration;
      this.userPromise = (async () => {
        const service = await this.service();
        const result = await service.getUser(this.abort.signal);
        const context = customerContextFrom(result.value);
        if (this.isCurrent(generation)) {
          this.context = context;
          this.active = pickCustomer(context, this.preferredCustomerId) ?? pickCustomer(context);
          this.onUser();
        }
        return context;
      })();
      this.userPromise.catch(() => {
        if (this.isCurrent(generation)) {
          this.userPromise = undefined;
        }
      });
    }
    return this.userPromise;
  }

  /** One of the user's customers, by id; refused (nothing changes) when the user has no role on it. */
  async choiceFor(customerId: string): Promise<CustomerChoice> {
    const choice = pickCustomer(await this.loadUser(), customerId);
    if (!choice) {
      throw new ValidationError(l10n.t('You have no role on customer {0}.', customerId));
    }
    return choice;
  }

  /** Act for another of the user's customers (its links were listed already). */
  activate(choice: CustomerChoice): void {
    this.preferredCustomerId = choice.customerId;
    this.active = choice;
  }

  /** The active customer, for a write: refused before anything is sent when nobody is signed in. */
  requireActive(): CustomerChoice {
    const active = this.active;
    if (!active || !this.factory) {
      throw new AuthError(l10n.t('Not signed in, or the links are not loaded yet.'), 'loadLinksFirst', { operation: 'Client Links' });
    }
    return active;
  }
}

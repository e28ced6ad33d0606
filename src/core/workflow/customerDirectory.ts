/**
 * Who a customer is, in a user's words: its name where the service gives one, its number and id as
 * secondary text, and a plain fallback where it gives none. The one home of customer names for every
 * front end (the customer picker, group labels, the view title, the status bar).
 *
 * Names come from GetCustomersInfo (the customers the user reaches: its own and those reached through
 * customer links) and from the links themselves (`ManagingCustomerName`, and `ClientEntityName` of a
 * customer link). GetLinkedAccountsAndCustomersInfo is not called for names: the customers it names
 * (those under the active customer's customer links) are the client ends of links the listing already
 * carries with their names. Account links name the account, not the customer that owns it: such a
 * customer is known by its number only, unless another source names it.
 *
 * One directory per session, loaded lazily (once, shared by concurrent callers) and cached. Loading
 * never throws: a failure is kept in `loadError` for the front end to log, and names fall back to
 * what the links say, then to numbers and ids.
 */
import * as l10n from '@vscode/l10n';
import type { ClientLinksError } from '../errors';
import { isClientLinksError } from '../errors';
import type { ClientLink, CustomerInfo } from '../model/clientLink';
import type { ClientLinksService } from '../service/types';
import { runNow, type Sliced, sliceEnds } from '../util/sliced';
import type { CustomerChoice, CustomerContext } from './customerContext';

export interface CustomerIdentity {
  id?: string;
  number?: string;
  name?: string;
}

/** How a customer is shown: `label` first (its name, or a fallback), `secondary` after it (number, id). */
export interface CustomerLabel {
  label: string;
  /** Number and id, as known: `A1B2C3D4E5 · id 251000123`; empty when nothing more is known than the label says. */
  secondary: string;
  /** Whether `label` is the customer's name (false: a fallback built from its number or id). */
  named: boolean;
}

/** Whether GetCustomersInfo has been asked yet, is being asked, answered or failed. */
export type NamesLoadState = 'notLoaded' | 'loading' | 'loaded' | 'failed';

export class CustomerDirectory {
  private readonly byId = new Map<string, CustomerIdentity>();
  private readonly byNumber = new Map<string, CustomerIdentity>();
  private loading: Promise<boolean> | undefined;
  state: NamesLoadState = 'notLoaded';
  /** Why the last load failed (names then fall back to the links' own and to numbers). */
  loadError: ClientLinksError | Error | undefined;

  /** Adds what is known of one customer; returns whether anything new was learnt. */
  learn(entry: CustomerIdentity): boolean {
    const id = clean(entry.id);
    const number = clean(entry.number);
    const name = clean(entry.name);
    if (!id && !number) {
      return false;
    }
    let known = (id ? this.byId.get(id) : undefined) ?? (number ? this.byNumber.get(number) : undefined);
    let changed = false;
    if (!known) {
      known = {};
      changed = true;
    }
    if (id && !known.id) {
      known.id = id;
      changed = true;
    }
    if (number && !known.number) {
      known.number = number;
      changed = true;
    }
    if (name && known.name !== name) {
      known.name = name;
      changed = true;
    }
    if (known.id) {
      this.byId.set(known.id, known);
    }
    if (known.number) {
      this.byNumber.set(known.number, known);
    }
    return changed;
  }

  /** Names and numbers the links carry; returns whether anything new was learnt. */
  learnFromLinks(links: readonly ClientLink[]): boolean {
    return runNow(this.learningFromLinks(links));
  }

  /** `learnFromLinks` in slices (100,000 links blocked the extension host for 50-200 ms, issue 15). */
  *learningFromLinks(links: readonly ClientLink[]): Sliced<boolean> {
    let changed = false;
    // Learning is idempotent: the same agency as the link before (every link of an agency's own
    // listing) and an owner number already learnt in this pass are skipped (100,000 links, issue 15).
    let agency: ClientLink | undefined;
    const owners = new Set<string>();
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      if (sliceEnds(i)) {
        yield;
      }
      if (!agency || agency.ManagingCustomerId !== link.ManagingCustomerId || agency.ManagingCustomerNumber !== link.ManagingCustomerNumber || agency.ManagingCustomerName !== link.ManagingCustomerName) {
        changed = this.learn({ id: link.ManagingCustomerId ?? undefined, number: link.ManagingCustomerNumber ?? undefined, name: link.ManagingCustomerName ?? undefined }) || changed;
        agency = link;
      }
      if (link.Type === 'CustomerLink') {
        changed = this.learn({ id: link.ClientEntityId ?? undefined, number: link.ClientEntityNumber ?? undefined, name: link.ClientEntityName ?? undefined }) || changed;
      } else if (link.ClientEntityCustomerNumber && !owners.has(link.ClientEntityCustomerNumber) && !this.byNumber.has(link.ClientEntityCustomerNumber)) {
        // (A number known already, as is: learning it again changes nothing.)
        owners.add(link.ClientEntityCustomerNumber);
        changed = this.learn({ number: link.ClientEntityCustomerNumber }) || changed;
      }
    }
    return changed;
  }

  learnFromCustomersInfo(customers: readonly CustomerInfo[]): boolean {
    let changed = false;
    for (const c of customers) {
      changed = this.learn({ id: c.Id, name: c.Name ?? undefined }) || changed;
    }
    return changed;
  }

  /**
   * GetCustomersInfo, once per directory (concurrent callers share the call). Resolves to whether
   * names were loaded; never rejects. `retry` tries again after a failure (the user asked for names).
   */
  load(service: Pick<ClientLinksService, 'getCustomersInfo'>, options: { signal?: AbortSignal; retry?: boolean } = {}): Promise<boolean> {
    if (this.loading && !(options.retry && this.state === 'failed')) {
      return this.loading;
    }
    this.state = 'loading';
    this.loading = (async () => {
      if (!service.getCustomersInfo) {
        this.state = 'failed';
        this.loadError = new Error('This service does not offer GetCustomersInfo.');
        return false;
      }
      try {
        const result = await service.getCustomersInfo({}, options.signal);
        this.learnFromCustomersInfo(result.value);
        this.state = 'loaded';
        this.loadError = undefined;
        return true;
      } catch (e) {
        this.state = 'failed';
        this.loadError = isClientLinksError(e) || e instanceof Error ? e : new Error(String(e));
        return false;
      }
    })();
    return this.loading;
  }

  get(id: string | null | undefined): CustomerIdentity | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  getByNumber(number: string | null | undefined): CustomerIdentity | undefined {
    return number ? this.byNumber.get(number) : undefined;
  }

  nameOf(id: string | null | undefined): string | undefined {
    return this.get(id)?.name;
  }

  nameOfNumber(number: string | null | undefined): string | undefined {
    return this.getByNumber(number)?.name;
  }

  /** The customer with this id as shown: its name, else "Customer <number>", else "Customer <id>". */
  describe(id: string): CustomerLabel {
    return describeCustomer(this.get(id) ?? { id });
  }

  /** The customer with this number as shown (account links know their owner by number only). */
  describeNumber(number: string): CustomerLabel {
    return describeCustomer(this.getByNumber(number) ?? { number });
  }
}

/** One rule for how a customer reads: name first, then number and id; "Customer <number or id>" without a name. */
export function describeCustomer(customer: CustomerIdentity): CustomerLabel {
  const name = clean(customer.name);
  const parts = [customer.number, customer.id ? l10n.t('id {0}', customer.id) : undefined].filter((p): p is string => Boolean(p));
  if (name) {
    return { label: name, secondary: parts.join(' · '), named: true };
  }
  const code = customer.number ?? customer.id ?? l10n.t('unknown');
  return { label: l10n.t('Customer {0}', code), secondary: customer.number && customer.id ? l10n.t('id {0}', customer.id) : '', named: false };
}

/** What a sentence needs to name a customer: the session's directory, or nothing (then by id). */
export type CustomerNames = Pick<CustomerDirectory, 'describe'>;

/**
 * A customer inside a sentence: "Contoso Agency (customer 251000123)" where its name is known,
 * "customer 251000123" where it is not (the id stays: it is what support and the CLI ask for).
 */
export function customerInSentence(id: string, names?: CustomerNames): string {
  const customer = names?.describe(id);
  return customer?.named ? l10n.t('{0} (customer {1})', customer.label, id) : l10n.t('customer {0}', id);
}

function clean(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** Who acts for which customer, as the view title and the status bar say it. */
export interface ActiveCustomerHeading {
  /**
   * "Contoso Agency · Avery Howard": for whom, then who. The customer comes first: a narrow side bar
   * cuts the end of the view title, and the customer is what changes what the view shows.
   */
  title: string;
  customer: CustomerLabel;
  userName: string;
  roleName: string;
  /** "A1B2C3D4E5 · id 251000123 · Super Admin": the customer's number and id, then the role. */
  detail: string;
}

export function activeCustomerHeading(session: {
  readonly active: Pick<CustomerChoice, 'customerId' | 'roleName'> | undefined;
  readonly context: Pick<CustomerContext, 'userName'> | undefined;
  readonly customers: CustomerDirectory;
}): ActiveCustomerHeading | undefined {
  const active = session.active;
  if (!active) {
    return undefined;
  }
  const customer = session.customers.describe(active.customerId);
  const userName = session.context?.userName ?? '';
  return {
    title: userName ? `${customer.label} · ${userName}` : customer.label,
    customer,
    userName,
    roleName: active.roleName,
    detail: [customer.secondary, active.roleName].filter(Boolean).join(' · '),
  };
}

/** One customer as Select Customer offers it. */
export interface CustomerPickerEntry {
  customerId: string;
  /** The name, or "Customer <number or id>". */
  label: string;
  /** Number and id, then the role (and the customer link it is reached through). */
  description: string;
  /** Why it cannot be used, or what the role cannot do. */
  detail?: string;
  /** `own`: a role of the user's own; `viaLink`: reached through a customer link; `unusable`: its links could not be listed. */
  section: 'own' | 'viaLink' | 'unusable';
  active: boolean;
}


/**
 * The customers to offer, by section (own, reached through a customer link, then those whose links
 * could not be listed in this session, with why), each by name with its number, id and role.
 */
export function customerPickerEntries(
  context: Pick<CustomerContext, 'customers'>,
  directory: CustomerDirectory,
  refused: ReadonlyMap<string, { message: string }>,
  activeId: string | undefined,
): CustomerPickerEntry[] {
  const order: CustomerPickerEntry['section'][] = ['own', 'viaLink', 'unusable'];
  const entries = context.customers.map((choice): CustomerPickerEntry => {
    const customer = directory.describe(choice.customerId);
    const role = choice.viaCustomerLink ? l10n.t('{0} via a {1} customer link', choice.roleName, choice.viaCustomerLink) : choice.roleName;
    const refusal = refused.get(choice.customerId);
    return {
      customerId: choice.customerId,
      label: customer.label,
      description: [customer.secondary || (customer.named ? l10n.t('id {0}', choice.customerId) : ''), role].filter(Boolean).join(' · '),
      detail: refusal
        ? l10n.t('Its client links could not be listed: {0}', refusal.message.replace(/\s+$/, ''))
        : choice.canManageLinks
          ? undefined
          : l10n.t('{0} can view client links but not change them', choice.roleName),
      section: refusal ? 'unusable' : choice.viaCustomerLink ? 'viaLink' : 'own',
      active: choice.customerId === activeId,
    };
  });
  return entries.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
}

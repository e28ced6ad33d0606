/** Test fixtures: a seeded store and rule contexts for each demo user, on a fixed clock. */
import type { ClientLinkStatus, ClientLinkType } from '../../../src/core/model/clientLink';
import { LifecycleEngine, REALISTIC_TIMING, type LifecycleTiming } from '../../../src/simulator/lifecycleEngine';
import { createRandom } from '../../../src/simulator/prng';
import { DEFAULT_RULE_OPTIONS, type RuleContext, type RuleOptions } from '../../../src/simulator/rules/context';
import { loadSeed, parseSeed, type SeedInfo } from '../../../src/simulator/seeds';
import type { StoredLink } from '../../../src/simulator/state/model';
import { SimStore } from '../../../src/simulator/state/store';

export const NOW = Date.UTC(2026, 8, 1, 17, 5, 12, 530);
export const AGENCY = '251000123';
export const FABRIKAM = '250987654';
export const NORTHWIND = '250555111';
export const DAY = 86_400_000;

export type UserSlug = 'contoso-admin' | 'contoso-standard' | 'contoso-viewer' | 'fabrikam-admin' | 'northwind-admin';

export class World {
  readonly store = new SimStore('BBD37VB98');
  readonly seed: SeedInfo;
  now = NOW;
  readonly engine: LifecycleEngine;
  options: RuleOptions = { ...DEFAULT_RULE_OPTIONS };

  constructor(seed = 'demo', timing: Partial<LifecycleTiming> = {}, randomSeed = 1) {
    this.seed = loadSeed(this.store, parseSeed(seed), NOW);
    this.engine = new LifecycleEngine(this.store, { ...REALISTIC_TIMING, ...timing }, createRandom(randomSeed));
  }

  as(slug: UserSlug): RuleContext {
    const token = this.store.tokens.get(`sim-token-${slug}`);
    const user = token && this.store.users.get(token.userId);
    if (!user) {
      throw new Error(`no user ${slug}`);
    }
    return { store: this.store, user, nowMs: this.now, options: this.options };
  }

  advance(ms: number): number {
    this.now += ms;
    return this.engine.advanceTo(this.now);
  }

  /** A fresh client account owned by `owner` with a link in `status` from the agency. */
  linkInStatus(status: ClientLinkStatus, owner = FABRIKAM, type: ClientLinkType = 'AccountLink'): StoredLink {
    const n = this.store.accounts.size + 1;
    const id = type === 'AccountLink' ? String(185000000 + n) : owner;
    if (type === 'AccountLink') {
      this.store.addAccount({ id, number: `T${String(n).padStart(7, '0')}`, name: `Test account ${n}`, ownerCustomerId: owner, lifeCycleStatus: 'Active', prepaid: false, primaryUserId: null });
    }
    return this.store.insertLink({
      type,
      clientEntityId: id,
      managingCustomerId: AGENCY,
      note: null,
      name: `Link ${n}`,
      inviterEmail: null,
      inviterName: 'Contoso Agency',
      inviterPhone: null,
      isBillToClient: type === 'AccountLink' ? true : null,
      startDateMs: this.now,
      status,
      suppressNotification: false,
      lastModifiedMs: this.now,
      lastModifiedByUserId: '171234567',
      customerLinkPermission: type === 'CustomerLink' ? 'Administrative' : null,
      createdMs: this.now,
      statusSinceMs: this.now,
    });
  }
}

export function expectCodes(result: { operationErrors: { Code: number }[]; partialErrors: ({ Code: number }[] | null)[] }): (number | null)[] {
  return result.partialErrors.map((e) => (e === null ? null : (e[0]?.Code ?? -1)));
}

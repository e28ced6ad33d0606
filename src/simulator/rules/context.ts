/** What every rule receives: the state, the signed-in user and the simulated time. */
import type { SimUser } from '../state/model';
import type { SimStore } from '../state/store';

export interface RuleOptions {
  /** Require ClientEntityCustomerNumber on AccountLink adds (spec §4 "dual ID"; off today). */
  dualIdForAccountLinks: boolean;
  /** Require ClientEntityId + ClientEntityNumber on CustomerLink adds (on). */
  dualIdForCustomerLinks: boolean;
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  dualIdForAccountLinks: false,
  dualIdForCustomerLinks: true,
};

export interface RuleContext {
  readonly store: SimStore;
  readonly user: SimUser;
  readonly nowMs: number;
  readonly options: RuleOptions;
}

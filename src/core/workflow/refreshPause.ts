/**
 * When automatic refreshes stop, and which refresh failures are reported again. A refresh that fails
 * in a way repeating cannot fix (the service refused the credentials (105), the user has no
 * permission on the customer (106), the sign-in is gone, a setting is not valid) pauses automatic
 * refreshes until the user acts: signs in, sets the developer token, selects a customer or refreshes
 * by hand. The same failure is reported once, not again every cycle; a different one, or the same
 * one after a success or after the user acted, is reported.
 */
import * as l10n from '@vscode/l10n';
import { isClientLinksError, isErrorKind, type ClientLinksError } from '../errors';

/** Fault codes no repetition fixes: 105 InvalidCredentials, 106 UserIsNotAuthorized. */
const PERMANENT_FAULT_CODES = [105, 106] as const;

/** Whether a refresh that failed with `e` would fail the same way until the user changes something. */
export function isPermanentRefreshFailure(e: unknown): boolean {
  if (!isClientLinksError(e)) {
    return false;
  }
  if (isErrorKind(e, 'auth') || isErrorKind(e, 'config')) {
    return true;
  }
  return isErrorKind(e, 'fault') && e.errors.some((x) => (PERMANENT_FAULT_CODES as readonly number[]).includes(x.code));
}

/**
 * Whether `e` says the user may not use this customer (106 UserIsNotAuthorized): unlike a refused
 * token (105) or a lost sign-in, it belongs to the customer, and another customer may work.
 */
export function isCustomerRefused(e: unknown): boolean {
  return isErrorKind(e, 'fault') && e.errors.some((x) => x.code === 106);
}

/** What a failure looks like for "is it the same one again": its kind, codes and message. */
function signatureOf(e: unknown): string {
  if (isClientLinksError(e)) {
    const codes = isErrorKind(e, 'fault') ? e.errors.map((x) => x.code).join(',') : '';
    return `${e.kind}|${codes}|${e.message}`;
  }
  return `other|${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Why automatic refresh is paused, in a few words for the status bar ("the service refused the
 * developer token or the sign-in"), or undefined for a failure that does not pause it.
 */
export function pauseReason(e: unknown): string | undefined {
  if (!isPermanentRefreshFailure(e)) {
    return undefined;
  }
  if (isCustomerRefused(e)) {
    return l10n.t('you have no permission for this customer');
  }
  if (isErrorKind(e, 'fault')) {
    return l10n.t('the service refused the developer token or the sign-in');
  }
  return isErrorKind(e, 'config') ? l10n.t('a setting is not valid') : l10n.t('the sign-in is missing or has expired');
}

export interface RefreshFailureVerdict {
  /** Log and show it: it is not the failure reported last. */
  report: boolean;
  /** Automatic refreshes are now paused until the user acts. */
  paused: boolean;
}

export class RefreshPause {
  /** The failure that paused automatic refreshes, while they are paused. */
  pausedBy: ClientLinksError | undefined;
  private lastReported: string | undefined;

  /** Why automatic refreshes are paused, in a few words; undefined while they run. */
  get reason(): string | undefined {
    return this.pausedBy ? pauseReason(this.pausedBy) : undefined;
  }

  /** Whether an automatic (timer) refresh may run now. Refreshes the user asks for always run. */
  get allowsAutomatic(): boolean {
    return this.pausedBy === undefined;
  }

  /** A refresh failed: whether to report it, and whether automatic refreshes are now paused. */
  failed(e: unknown): RefreshFailureVerdict {
    const signature = signatureOf(e);
    const report = signature !== this.lastReported;
    this.lastReported = signature;
    if (isPermanentRefreshFailure(e) && isClientLinksError(e)) {
      this.pausedBy = e;
    }
    return { report, paused: this.pausedBy !== undefined };
  }

  /** A refresh succeeded: automatic refreshes run, and a later failure is reported afresh. */
  succeeded(): void {
    this.pausedBy = undefined;
    this.lastReported = undefined;
  }

  /** The user acted (signed in, set the developer token, selected a customer): try again, and report what happens. */
  resume(): void {
    this.succeeded();
  }
}

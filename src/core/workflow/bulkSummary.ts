/**
 * What a front end says after a bulk action: how many were done, failed, not sent, refused, why it
 * stopped, and what to do about the failures: Retry Failed only for those that may succeed when sent
 * again, Save Failure Report for those that must be fixed first.
 */
import { classifyItemFailure, type ItemFailure } from '../errors';
import type { LinkOutcome } from '../service/types';
import type { BulkResult } from './linkBulk';

/** Why a link of a bulk action was not done (see classifyItemFailure); undefined when it was done. */
export function outcomeFailure(outcome: LinkOutcome): ItemFailure | undefined {
  if (outcome.state === 'succeeded') {
    return undefined;
  }
  return classifyItemFailure(outcome.errors, outcome.error, outcome.state === 'notAttempted');
}

/** How many of the links not done may succeed when sent again, and how many must be fixed first. */
export function failureCounts(result: Pick<BulkResult, 'outcomes'>): { retryable: number; permanent: number } {
  let retryable = 0;
  let permanent = 0;
  for (const o of result.outcomes) {
    const failure = outcomeFailure(o);
    if (failure?.retryable) {
      retryable++;
    } else if (failure) {
      permanent++;
    }
  }
  return { retryable, permanent };
}

export function summarizeBulk(result: BulkResult): string {
  const count = (state: LinkOutcome['state']): number => result.outcomes.filter((o) => o.state === state).length;
  const done = count('succeeded');
  const failed = count('failed');
  const notAttempted = count('notAttempted');
  const total = result.outcomes.length + result.refused.length;
  const parts = [`${done} of ${total} done`];
  if (failed) {
    parts.push(`${failed} failed`);
  }
  if (result.refused.length) {
    parts.push(`${result.refused.length} not allowed`);
  }
  if (notAttempted) {
    parts.push(`${notAttempted} not sent`);
  }
  let text = parts.join(', ');
  if (result.sessionEnded) {
    return `${text}. Stopped because you signed out or switched account; sign in again to see the current state.`;
  }
  if (result.cancelled) {
    text += '. Stopped on cancel: no new call was started after it';
  }
  const { retryable, permanent } = failureCounts(result);
  const them = (n: number): string => (n === 1 ? 'it' : 'them');
  if (retryable && !permanent) {
    text += `. Use Retry Failed to send ${them(retryable)} again.`;
  } else if (retryable && permanent) {
    text += `. Retry Failed sends the ${retryable} that may succeed now; ${permanent} would fail the same way until fixed: Save Failure Report lists ${them(permanent)} with the reason.`;
  } else if (permanent) {
    text += `. Sending again would fail the same way: fix ${permanent === 1 ? 'it' : 'them'} first (Save Failure Report lists ${them(permanent)} with the reason).`;
  } else {
    text += '.';
  }
  return text;
}

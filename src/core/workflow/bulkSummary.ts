/**
 * What a bulk action came to, for every front end to say in its own words: how many were done,
 * failed, not sent, refused, why it stopped, and how many of the failures may succeed when sent
 * again (the extension offers Retry Failed for those) or must be fixed first (Save Failure Report).
 */
import { classifyItemFailure, type ItemFailure } from '../errors';
import type { LinkOutcome } from '../service/types';

/** Why a link of a bulk action was not done (see classifyItemFailure); undefined when it was done. */
export function outcomeFailure(outcome: LinkOutcome): ItemFailure | undefined {
  if (outcome.state === 'succeeded') {
    return undefined;
  }
  return classifyItemFailure(outcome.errors, outcome.error, outcome.state === 'notAttempted');
}

/** How many of the links not done may succeed when sent again, and how many must be fixed first. */
export function failureCounts(result: { outcomes: readonly LinkOutcome[] }): { retryable: number; permanent: number } {
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

/**
 * How a bulk action went, as numbers and causes that each front end renders in its own words (the
 * extension's notification and log, the CLI's last line). `total` counts the links sent and those
 * refused before sending.
 */
export interface BulkSummary {
  total: number;
  /** Links sent (or meant to be sent): the outcomes. */
  sent: number;
  done: number;
  failed: number;
  /** Refused before sending (the action does not apply, or one is already running on the link). */
  refused: number;
  /** Not sent: the action stopped (cancel, Ctrl+C, the session ended) before their call started. */
  notSent: number;
  /** Why the action stopped early, if it did: the user cancelled, or signed out / switched account. */
  stopped: 'cancelled' | 'sessionEnded' | undefined;
  /** Of the links not done, how many may succeed when sent again, and how many must be fixed first. */
  retryable: number;
  permanent: number;
  /** Every link was done: nothing failed, refused or left unsent. */
  allDone: boolean;
}

/** The one summary of a bulk result (see BulkSummary); the refused list is optional for results that have none (the CLI's). */
export function summarizeBulk(result: { outcomes: readonly LinkOutcome[]; refused?: readonly unknown[]; cancelled: boolean; sessionEnded?: boolean }): BulkSummary {
  const count = (state: LinkOutcome['state']): number => result.outcomes.filter((o) => o.state === state).length;
  const refused = result.refused?.length ?? 0;
  const done = count('succeeded');
  const { retryable, permanent } = failureCounts(result);
  return {
    total: result.outcomes.length + refused,
    sent: result.outcomes.length,
    done,
    failed: count('failed'),
    refused,
    notSent: count('notAttempted'),
    stopped: result.sessionEnded ? 'sessionEnded' : result.cancelled ? 'cancelled' : undefined,
    retryable,
    permanent,
    allDone: done === result.outcomes.length && refused === 0 && !result.sessionEnded,
  };
}

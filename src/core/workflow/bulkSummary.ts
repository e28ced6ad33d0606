/** The one line a front end shows after a bulk action: how many were done, failed, not sent, refused, and why it stopped. */
import type { LinkOutcome } from '../service/types';
import type { BulkResult } from './linkBulk';

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
    text += '. Stopped because you signed out or switched account; sign in again to see the current state';
  } else if (result.cancelled) {
    text += '. Stopped on cancel: no new call was started after it';
  }
  if (failed || notAttempted) {
    text += result.sessionEnded ? '.' : '. Use Retry Failed to send the rest.';
  } else {
    text += '.';
  }
  return text;
}

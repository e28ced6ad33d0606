/**
 * Runs Add/UpdateClientLinks over any number of links: calls of at most MAX_LINKS_PER_CALL, at most
 * `concurrency` in flight, exactly one LinkOutcome per input in input order. When the signal
 * aborts, no new call starts; links of calls never started are 'notAttempted'. Calls already sent
 * are left to finish so their outcome is known.
 */
import type { ClientLink } from '../model/clientLink';
import type { BulkOptions, LinkOutcome } from './types';

/** The outcome of one link within its call (index and link are filled in by the runner). */
export type BatchOutcome = Omit<LinkOutcome, 'index' | 'link'>;

/** Sends one call's links; must resolve with one outcome per link, never reject. */
export type BatchSender = (links: ClientLink[]) => Promise<BatchOutcome[]>;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

export async function runInBatches(links: readonly ClientLink[], batchSize: number, concurrency: number, send: BatchSender, options: BulkOptions = {}): Promise<LinkOutcome[]> {
  const batches = chunk(links, batchSize);
  const outcomes: (LinkOutcome | undefined)[] = new Array<LinkOutcome | undefined>(links.length);
  const progress = { done: 0, total: links.length, succeeded: 0, failed: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length && !options.signal?.aborted) {
      const batchIndex = next++;
      const batch = batches[batchIndex] as ClientLink[];
      const offset = batchIndex * batchSize;
      const results = await send(batch);
      batch.forEach((link, i) => {
        const outcome = results[i] ?? { state: 'failed', errors: [] };
        outcomes[offset + i] = { index: offset + i, link, ...outcome };
        progress.done++;
        if (outcome.state === 'succeeded') {
          progress.succeeded++;
        } else if (outcome.state === 'failed') {
          progress.failed++;
        }
      });
      options.onProgress?.({ ...progress });
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency), batches.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return links.map((link, index) => outcomes[index] ?? { index, link, state: 'notAttempted', errors: [] });
}

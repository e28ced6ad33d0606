import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { fetchAllPages, type Page } from '../../../src/core/service/paging';

function links(from: number, count: number): ClientLink[] {
  return Array.from({ length: count }, (_, i) => ({ ManagingCustomerId: '251000123', ClientEntityId: String(100000 + from + i), Type: 'AccountLink' }));
}

/** A fake service with `total` links, pages of `size`. */
function fakePages(total: number, size: number): { fetch: (index: number) => Promise<Page>; requested: number[] } {
  const requested: number[] = [];
  return {
    requested,
    fetch: async (index: number) => {
      requested.push(index);
      await new Promise((r) => setTimeout(r, 1));
      const start = index * size;
      return { links: links(start, Math.max(0, Math.min(size, total - start))), trackingId: `t${index}` };
    },
  };
}

/** Lets everything already set off settle (answers are driven by hand in the tests below, never by timers). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * Lets each asked page answer in page order (`answers`: page index → its answer), each once what the
 * one before it set off has settled; then answers the pages asked for past the end (nothing else
 * would let the listing end) and returns the listing.
 */
async function answerInPageOrder<T>(listing: Promise<T>, answers: ReadonlyMap<number, () => void>): Promise<T> {
  let done = false;
  void listing.finally(() => (done = true));
  for (let index = 0; !done && index < 40; index++) {
    await settle();
    const answer = answers.get(index);
    if (!answer) {
      break; // not asked for: the listing ended before it
    }
    answer();
  }
  await settle();
  for (const answer of answers.values()) {
    answer();
  }
  return listing;
}

describe('search paging', () => {
  it('stops after a short first page without further requests', async () => {
    const fake = fakePages(7, 10);
    const result = await fetchAllPages(fake.fetch, 10, 4);
    assert.equal(result.links.length, 7);
    assert.deepEqual(fake.requested, [0]);
    assert.equal(result.pages, 1);
  });

  it('fetches the first page alone, then windows of `concurrency`, stopping at the first short page', async () => {
    const fake = fakePages(25, 10);
    const result = await fetchAllPages(fake.fetch, 10, 4);
    assert.deepEqual(fake.requested, [0, 1, 2, 3, 4]);
    assert.equal(result.links.length, 25);
    assert.deepEqual(result.trackingIds, ['t0', 't1', 't2']);
    assert.deepEqual(
      result.links.map((l) => Number(l.ClientEntityId) - 100000),
      Array.from({ length: 25 }, (_, i) => i),
    );
  });

  it('asks for one more (empty) page when the total is a multiple of the page size', async () => {
    const fake = fakePages(20, 10);
    const result = await fetchAllPages(fake.fetch, 10, 1);
    assert.deepEqual(fake.requested, [0, 1, 2]);
    assert.equal(result.links.length, 20);
  });

  it('drops duplicates (a link that moved pages) and keeps first positions', async () => {
    const pages: ClientLink[][] = [links(0, 3), [...links(2, 1), ...links(3, 2)], links(5, 1)];
    const result = await fetchAllPages((i) => Promise.resolve({ links: pages[i] ?? [], trackingId: undefined }), 3, 2);
    assert.deepEqual(
      result.links.map((l) => l.ClientEntityId),
      ['100000', '100001', '100002', '100003', '100004', '100005'],
    );
  });

  it('stops when the service ignores Index (a full page with nothing new)', async () => {
    let calls = 0;
    const result = await fetchAllPages(
      () => {
        calls++;
        return Promise.resolve({ links: links(0, 10), trackingId: undefined });
      },
      10,
      3,
    );
    assert.equal(result.links.length, 10);
    assert.ok(calls <= 4, `made ${calls} calls`);
  });

  it('fails the whole search when a page fails, cancelling its siblings', async () => {
    const signals: AbortSignal[] = [];
    await assert.rejects(
      fetchAllPages(
        async (index, signal) => {
          signals.push(signal);
          if (index === 0) {
            return { links: links(0, 10), trackingId: undefined };
          }
          if (index === 2) {
            throw new Error('page 2 failed');
          }
          await new Promise((r) => setTimeout(r, 20));
          return { links: links(index * 10, 10), trackingId: undefined };
        },
        10,
        3,
      ),
      /page 2 failed/,
    );
    assert.ok(signals.every((s) => s.aborted));
  });

  it('past the first window, keeps `concurrency` pages in flight: the next page is asked for as soon as one is taken', async () => {
    let inFlight = 0;
    let peak = 0;
    const events: string[] = [];
    // Page 5 is slow: with fixed windows nothing past page 6 would be asked for until it answers.
    const delay = (index: number): number => (index === 5 ? 40 : 2);
    const result = await fetchAllPages(
      async (index) => {
        events.push(`ask ${index}`);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, delay(index)));
        inFlight--;
        events.push(`got ${index}`);
        return { links: links(index * 10, index < 12 ? 10 : 4), trackingId: `t${index}` };
      },
      10,
      3,
    );
    const at = (event: string): number => events.indexOf(event);
    assert.equal(peak, 3);
    assert.equal(inFlight, 0, 'no page outlives the search');
    assert.equal(result.links.length, 124);
    assert.deepEqual(
      result.trackingIds,
      Array.from({ length: 13 }, (_, i) => `t${i}`),
    );
    assert.deepEqual(events.slice(0, 4), ['ask 0', 'got 0', 'ask 1', 'ask 2'], 'first page alone, then the first window');
    assert.ok(at('ask 4') > at('got 3'), 'the first window is taken whole before more pages are asked for');
    assert.ok(at('ask 7') < at('got 5'), 'a page past the slow one was asked for while it was awaited');
    assert.ok(at('got 6') < at('got 5'));
    const asked = events.filter((e) => e.startsWith('ask')).length;
    assert.ok(asked <= 13 + 2, `at most concurrency - 1 pages past the end (${asked})`);
  });

  it('calls onFirstPage once page 0 has come back, before any other page is asked for; never when page 0 fails', async () => {
    const fake = fakePages(250, 100);
    const seen: string[] = [];
    const fetch = async (index: number): Promise<Page> => {
      seen.push(`ask ${index}`);
      return fake.fetch(index);
    };
    await fetchAllPages(fetch, 100, 4, undefined, () => seen.push('first page'));
    assert.deepEqual(seen.slice(0, 3), ['ask 0', 'first page', 'ask 1']);
    assert.equal(seen.filter((e) => e === 'first page').length, 1);
    let called = false;
    await assert.rejects(
      fetchAllPages(
        () => Promise.reject(new Error('down')),
        100,
        4,
        undefined,
        () => (called = true),
      ),
      /down/,
    );
    assert.equal(called, false);
  });

  it('past the first window, the page taken next asks for its successor when its answer arrives, before it is read', async () => {
    const events: string[] = [];
    // Each page's answer arrives on its own, in page order, once everything the page before it set
    // off has settled: the one awaited next is always the one answering. Driven by hand, not by
    // timers, so a busy machine cannot bunch answers together.
    const answers = new Map<number, () => void>();
    const listing = fetchAllPages(
      async (index, _signal, onAnswer) => {
        events.push(`ask ${index}`);
        await new Promise<void>((r) => answers.set(index, r));
        onAnswer?.();
        events.push(`read ${index}`);
        await Promise.resolve(); // reading
        return { links: links(index * 10, index < 9 ? 10 : 3), trackingId: `t${index}` };
      },
      10,
      2,
    );
    const result = await answerInPageOrder(listing, answers);
    const at = (event: string): number => events.indexOf(event);
    assert.equal(result.links.length, 93);
    assert.ok(at('ask 1') > at('read 0') && at('ask 3') > at('read 2'), 'page 0 and the first window as before: nothing asked early');
    // Without the early ask, no successor would be asked for before its page is read.
    const early = [3, 4, 5, 6, 7, 8].filter((i) => at(`ask ${i + 2}`) < at(`read ${i}`));
    assert.ok(early.length >= 5, `successors asked for before their page was read: ${early.join(', ')} (${events.join(', ')})`);
    const asked = events.filter((e) => e.startsWith('ask')).length;
    assert.ok(asked <= 10 + 2, `at most concurrency pages past the end (${asked})`);
  });

  it('the answer that ends a listing (much smaller than a full page) does not ask for one more page', async () => {
    // Answers arrive one at a time, in page order, each once what the page before set off has
    // settled: driven by hand, not by timers, so a busy machine cannot bunch answers together.
    const run = async (reportSizes: boolean): Promise<number[]> => {
      const asked: number[] = [];
      const answers = new Map<number, () => void>();
      const listing = fetchAllPages(
        async (index, _signal, onAnswer) => {
          asked.push(index);
          await new Promise<void>((r) => answers.set(index, r));
          const count = index < 9 ? 10 : 3;
          onAnswer?.(reportSizes ? 100 * count + 50 : undefined);
          await Promise.resolve(); // reading
          return { links: links(index * 10, count), trackingId: undefined };
        },
        10,
        2,
      );
      await answerInPageOrder(listing, answers);
      return asked.sort((a, b) => a - b);
    };
    const withSizes = await run(true);
    assert.ok(!withSizes.includes(11), `page 11 not asked for: ${withSizes.join(', ')}`);
    assert.deepEqual(withSizes.slice(0, 10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const without = await run(false);
    assert.ok(without.includes(11), 'without sizes, the short page asks early like any other (what the size check saves)');
  });

  it('listings that end within the first window make the same calls whether or not the fetcher reports answers; longer ones at most one more', async () => {
    for (const concurrency of [2, 4]) {
      for (const total of [0, 7, 10, 25, 30, 40, 50]) {
        const requested: number[] = [];
        await fetchAllPages(
          async (index, _signal, onAnswer) => {
            requested.push(index);
            await new Promise((r) => setTimeout(r, 2 + 3 * (index % 4))); // answers one at a time, in order
            onAnswer?.();
            await new Promise((r) => setTimeout(r, 1));
            return { links: links(index * 10, Math.max(0, Math.min(10, total - index * 10))), trackingId: undefined };
          },
          10,
          concurrency,
        );
        const plain = fakePages(total, 10);
        await fetchAllPages(plain.fetch, 10, concurrency);
        const sorted = [...requested].sort((a, b) => a - b);
        if (total < (1 + concurrency) * 10) {
          assert.deepEqual(sorted, [...plain.requested].sort((a, b) => a - b), `${total} links, concurrency ${concurrency}`);
        } else {
          assert.ok(sorted.length <= plain.requested.length + 1, `${total} links, concurrency ${concurrency}: ${sorted.join(',')}`);
        }
      }
    }
  });

  it('reports the failing page’s own error, not the cancellation of a sibling it caused', async () => {
    await assert.rejects(
      fetchAllPages(
        async (index, signal) => {
          if (index === 0) {
            return { links: links(0, 10), trackingId: undefined };
          }
          if (index === 3) {
            throw new Error('page 3 failed');
          }
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(resolve, 50);
            signal.addEventListener('abort', () => {
              clearTimeout(timer);
              reject(new Error('cancelled'));
            });
          });
          return { links: links(index * 10, 10), trackingId: undefined };
        },
        10,
        4,
      ),
      /page 3 failed/,
    );
  });
});

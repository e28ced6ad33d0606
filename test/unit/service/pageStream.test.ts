/**
 * streamPages (issue 15): the pages of a search one at a time, with the same calls as
 * fetchAllPages; a caller that stops early cancels what is in flight; a failed page ends the
 * stream with its own error after the pages before it were handed over. And the service's
 * searchClientLinkPages / the searchPages fallback for services without it.
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { ServiceFaultError } from '../../../src/core/errors';
import { streamPages, type Page } from '../../../src/core/service/pageStream';
import { fetchAllPages } from '../../../src/core/service/paging';
import { searchPages } from '../../../src/core/service/searchPages';
import { WireClientLinksService } from '../../../src/core/service/clientLinksService';
import type { WireClient } from '../../../src/core/service/wireClient';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const link = (n: number): ClientLink => ({ ManagingCustomerId: AGENCY, ClientEntityId: String(100000 + n), Type: 'AccountLink' });

/** `total` links in pages of `size`; `failAt` fails that page; records which pages were asked for and which were cancelled. */
function fakePages(total: number, size: number, failAt?: number) {
  const requested: number[] = [];
  const cancelled: number[] = [];
  const fetch = (index: number, signal: AbortSignal): Promise<Page> => {
    requested.push(index);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        cancelled.push(index);
        reject(new Error('cancelled'));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        if (index === failAt) {
          reject(new Error(`page ${index} failed`));
          return;
        }
        const start = index * size;
        resolve({ links: Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => link(start + i)), trackingId: `t${index}` });
      }, 2);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  };
  return { fetch, requested, cancelled };
}

describe('streamPages', () => {
  it('yields every page in order, each with its own links, and asks for the same pages as fetchAllPages', async () => {
    const streamed = fakePages(1234, 100);
    const pages: { index: number; ids: string[] }[] = [];
    for await (const page of streamPages(streamed.fetch, 100, 4)) {
      pages.push({ index: page.index, ids: page.links.map((l) => l.ClientEntityId!) });
    }
    assert.deepEqual(
      pages.map((p) => p.index),
      Array.from({ length: 13 }, (_, i) => i),
    );
    assert.deepEqual(
      pages.flatMap((p) => p.ids),
      Array.from({ length: 1234 }, (_, i) => String(100000 + i)),
    );
    const collected = fakePages(1234, 100);
    const all = await fetchAllPages(collected.fetch, 100, 4);
    assert.deepEqual([...streamed.requested].sort((a, b) => a - b), [...collected.requested].sort((a, b) => a - b));
    assert.equal(all.links.length, 1234);
    assert.equal(all.pages, 13);
  });

  it('hands over a link that moved between pages once, on the first page that had it', async () => {
    const fetch = (index: number): Promise<Page> =>
      Promise.resolve({ links: index === 0 ? [link(1), link(2)] : index === 1 ? [link(2), link(3)] : [], trackingId: undefined });
    const ids: string[][] = [];
    for await (const page of streamPages(fetch, 2, 1)) {
      ids.push(page.links.map((l) => l.ClientEntityId!));
    }
    assert.deepEqual(ids, [['100001', '100002'], ['100003'], []]);
  });

  it('cancels the pages in flight and waits for them when the caller stops reading', async () => {
    const fake = fakePages(100_000, 100);
    let read = 0;
    for await (const page of streamPages(fake.fetch, 100, 4)) {
      read += page.links.length;
      if (read >= 500) {
        break;
      }
    }
    assert.ok(fake.cancelled.length > 0, 'pages in flight were cancelled');
    const asked = fake.requested.length;
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(fake.requested.length, asked, 'nothing is asked for after the caller stopped');
  });

  it('hands over the pages before a failed one, then throws that page’s error (not a sibling’s cancellation)', async () => {
    const fake = fakePages(5_000, 100, 7);
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const page of streamPages(fake.fetch, 100, 4)) {
          seen.push(page.index);
        }
      })(),
      /page 7 failed/,
    );
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('searchClientLinkPages and searchPages', () => {
  /** A wire client whose SearchClientLinks serves `total` links and fails page `failAt` with a (permanent) fault. */
  function wire(total: number, failAt?: number): WireClient {
    const notUsed = (): never => {
      throw new Error('not used');
    };
    return {
      protocol: 'soap',
      url: 'http://127.0.0.1:1/svc',
      getUser: notUsed,
      getLinkedAccountsAndCustomersInfo: notUsed,
      getAccountsInfo: notUsed,
      addClientLinks: notUsed,
      updateClientLinks: notUsed,
      close: () => undefined,
      searchClientLinks: (_predicates: unknown, _ordering: unknown, page: { index: number; size: number }) => {
        if (page.index === failAt) {
          return Promise.reject(new ServiceFaultError('s:Client', 'Invalid', 'ApiFault', [{ code: 1001, errorCode: null, message: 'No access', details: null }], { operation: 'SearchClientLinks', trackingId: 'track-7' }));
        }
        const start = page.index * page.size;
        return Promise.resolve({ value: Array.from({ length: Math.max(0, Math.min(page.size, total - start)) }, (_, i) => link(start + i)), trackingId: `t${page.index}` });
      },
    } as unknown as WireClient;
  }
  const service = (w: WireClient): WireClientLinksService =>
    new WireClientLinksService({ endpoint: 'http://127.0.0.1:1/svc', developerToken: () => Promise.resolve('dev'), tokenSource: { getAccessToken: () => Promise.resolve('token') } }, w);
  const query = { predicates: [{ Field: 'DirectManagingCustomerId' as const, Operator: 'Equals' as const, Value: AGENCY }] };

  it('yields the same links and TrackingIds as searchClientLinks, page by page', async () => {
    const s = service(wire(950));
    const pages = [];
    for await (const page of s.searchClientLinkPages(query)) {
      pages.push(page);
    }
    const all = await s.searchClientLinks(query);
    assert.equal(pages.length, 10);
    assert.deepEqual(
      pages.flatMap((p) => p.links),
      all.links,
    );
    assert.deepEqual(
      pages.map((p) => p.trackingId),
      all.trackingIds,
    );
  });

  it('throws the failed page’s typed error after the pages before it', async () => {
    const s = service(wire(2_000, 3));
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const page of s.searchClientLinkPages(query)) {
          seen.push(page.links.length);
        }
      })(),
      (e: unknown) => e instanceof ServiceFaultError && e.trackingId === 'track-7',
    );
    assert.deepEqual(seen, [100, 100, 100]);
  });

  it('searchPages falls back to searchClientLinks as one page for a service without pages', async () => {
    const fake = new FakeService(userWith([[AGENCY, 41]]));
    fake.links = [link(1), link(2)];
    const pages = [];
    for await (const page of searchPages(fake, query)) {
      pages.push(page);
    }
    assert.equal(pages.length, 1);
    assert.deepEqual(
      pages[0]!.links.map((l) => l.ClientEntityId),
      ['100001', '100002'],
    );
  });
});

/**
 * `msads-links list` keeps one compact record per link and writes its output in pieces (issue 15):
 * the output must be byte for byte what the CLI printed when it built the whole text at once
 * (`printJson(sortLinks(links))`, `linksTable(links)`), for JSON and the table, with and without a
 * status filter, whichever way the service hands over the pages; and a listing that fails midway
 * prints nothing on stdout (never half-written JSON), the error on stderr, exit 1.
 */
import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';
import { compareLinks, linksTable, sortLinks } from '../../../src/cli/format';
import { LinkRecords } from '../../../src/cli/linkRecords';
import { ServiceFaultError } from '../../../src/core/errors';
import { Redactor } from '../../../src/core/redact';
import { clientLinkKey, type AccountInfo, type ClientLink, type ClientLinkStatus } from '../../../src/core/model/clientLink';
import type { SearchClientLinksPage, SearchClientLinksQuery } from '../../../src/core/service/types';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const ENV = { MSADS_ACCESS_TOKEN: 'secret-access-token-123', MSADS_DEVELOPER_TOKEN: 'DEVTOKEN42', MSADS_ENDPOINT: 'http://127.0.0.1:1/svc' };
const STATUSES: ClientLinkStatus[] = ['Active', 'LinkPending', 'Inactive', 'UnlinkRequested', 'LinkAccepted', 'LinkDeclined', 'Active'];

/** A service that hands over the search in pages of 100, like the real one; `failAfter` pages, it fails. */
class PagedService extends FakeService {
  failAfter: number | undefined;
  pagesServed = 0;

  async *searchClientLinkPages(query: SearchClientLinksQuery): AsyncGenerator<SearchClientLinksPage> {
    const all = await this.searchClientLinks(query);
    for (let i = 0; i < all.links.length || i === 0; i += 100) {
      if (this.failAfter !== undefined && this.pagesServed >= this.failAfter) {
        throw new ServiceFaultError('s:Server', 'Internal error', 'ApiFault', [{ code: 0, errorCode: null, message: 'An internal error has occurred.', details: null }], {
          operation: 'SearchClientLinks',
          trackingId: 'track-mid-stream',
          serverSide: false,
        });
      }
      this.pagesServed++;
      yield { links: all.links.slice(i, i + 100), trackingId: `t${i / 100}` };
    }
  }
}

/** 1,234 agency links (names with ties, accents, quotes, a line break; every status), client-side links and owned accounts. */
function seed(service: FakeService): { agency: ClientLink[]; clientSide: ClientLink[] } {
  const agency: ClientLink[] = [];
  for (let i = 0; i < 1234; i++) {
    const name = i % 97 === 0 ? 'Tie & Co' : i % 13 === 0 ? `Café "Olé" ${i % 50}` : i === 7 ? 'Two\nlines' : `Client ${(i * 7919) % 1000}`;
    agency.push({
      Type: i % 11 === 0 ? 'CustomerLink' : 'AccountLink',
      ClientEntityId: String(180000000 + (i % 617 === 0 ? 5 : i)),
      ClientEntityNumber: `F${100000 + i}`,
      ClientEntityName: name,
      ManagingCustomerId: AGENCY,
      ManagingCustomerName: 'Contoso',
      Status: STATUSES[i % STATUSES.length],
      IsBillToClient: i % 3 === 0 ? true : i % 3 === 1 ? false : null,
      StartDate: i % 5 === 0 ? undefined : `2026-0${(i % 9) + 1}-1${i % 10}T00:00:00`,
      Note: i % 4 === 0 ? null : `note ${i}`,
    });
  }
  const accounts: AccountInfo[] = Array.from({ length: 23 }, (_, i) => ({ Id: String(190000000 + i), Name: `Own ${i}`, Number: null, AccountLifeCycleStatus: 'Active', PauseReason: null }));
  const clientSide: ClientLink[] = [
    { Type: 'CustomerLink', ClientEntityId: AGENCY, ClientEntityName: 'Contoso (all)', ManagingCustomerId: '250000777', ManagingCustomerName: 'Big Agency', Status: 'LinkPending' },
    ...accounts.filter((_, i) => i % 2 === 0).map((a, i): ClientLink => ({ Type: 'AccountLink', ClientEntityId: a.Id, ClientEntityName: i % 3 ? a.Name : 'Tie & Co', ManagingCustomerId: `25000${i}`, Status: i % 2 ? 'Active' : 'LinkPending' })),
  ];
  service.links = [...agency, ...clientSide];
  service.accounts = accounts;
  return { agency, clientSide };
}

/** Runs the CLI; `bytes`: the bin's way, where long JSON is written as bytes (`outBytes`), else every piece as text through `out`. */
async function run(args: string[], service: FakeService, bytes = false): Promise<{ code: number; out: string; err: string }> {
  const out: Buffer[] = [];
  let err = '';
  const outBytes = bytes ? (b: Uint8Array) => out.push(Buffer.from(b)) : undefined;
  const code = await runCli(args, ENV, { out: (t) => out.push(Buffer.from(`${t}\n`)), outBytes, err: (t) => (err += `${t}\n`) }, () => service);
  return { code, out: Buffer.concat(out).toString('utf8'), err };
}

/** The text through the CLI's redactor (the tokens of ENV and token shapes masked). */
function redactedLikeTheCli(text: string): string {
  const redactor = new Redactor();
  redactor.add(ENV.MSADS_ACCESS_TOKEN);
  redactor.add(ENV.MSADS_DEVELOPER_TOKEN);
  return redactor.redact(text);
}

/** What the CLI printed before issue 15: the whole text at once, after `listLinks` kept each link once (the later copy, at the first position). */
function before(found: ClientLink[], json: boolean): string {
  const byKey = new Map<string, ClientLink>();
  for (const l of found) {
    byKey.set(clientLinkKey(l), l);
  }
  const links = [...byKey.values()];
  if (json) {
    return `${JSON.stringify(sortLinks(links), null, 2)}\n`;
  }
  return `${links.length ? linksTable(links, AGENCY) : 'No client links.'}\n`;
}

describe('msads-links list: streamed output equals the output built at once', () => {
  for (const [kind, make] of [
    ['a service that hands over pages', () => new PagedService(userWith([[AGENCY, 41]]))],
    ['a service without pages (one answer)', () => new FakeService(userWith([[AGENCY, 41]]))],
  ] as const) {
    describe(kind, () => {
      for (const json of [true, false]) {
        const format = json ? '--json' : 'the table';
        it(`${format}, both sides`, async () => {
          for (const bytes of [false, true]) {
            const service = make();
            const { agency, clientSide } = seed(service);
            const r = await run(['list', ...(json ? ['--json'] : [])], service, bytes);
            assert.equal(r.code, 0, r.err);
            assert.equal(r.out, before([...agency, ...clientSide], json), bytes ? 'written as bytes' : 'written as text');
          }
        });

        it(`${format}, --side agency with --status`, async () => {
          const service = make();
          const { agency } = seed(service);
          const statuses = new Set<string>(['Active', 'Inactive']);
          const r = await run(['list', ...(json ? ['--json'] : []), '--side', 'agency', '--status', 'Active,Inactive'], service);
          assert.equal(r.code, 0, r.err);
          // The filter applies to the link kept (the later copy).
          const kept = new Map(agency.map((l) => [clientLinkKey(l), l]));
          assert.equal(r.out, before(agency.filter((l) => statuses.has(kept.get(clientLinkKey(l))?.Status ?? '')), json));
        });

        it(`${format}, nothing to list`, async () => {
          const service = make();
          seed(service);
          const r = await run(['list', ...(json ? ['--json'] : []), '--status', 'UnlinkFailed'], service);
          assert.equal(r.code, 0, r.err);
          assert.equal(r.out, json ? '[]\n' : 'No client links.\n');
        });
      }
    });
  }

  it('--json over several 1 MB pieces, as bytes and as text: the same text, token shapes in values masked as before', async () => {
    for (const bytes of [false, true]) {
      const service = new PagedService(userWith([[AGENCY, 41]]));
      const { agency } = seed(service);
      for (const [i, l] of agency.entries()) {
        l.Note = `${'Notes about this client, long enough to fill pieces. '.repeat(40)}${i}`;
        if (i === 3) {
          l.InviterEmail = 'Authorization: Bearer abcdefghijklmnop and eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.sig here';
        }
        if (i === 4) {
          l.ClientEntityName = `Named ${ENV.MSADS_ACCESS_TOKEN} in the name`;
        }
      }
      const r = await run(['list', '--json', '--side', 'agency'], service, bytes);
      assert.equal(r.code, 0, r.err);
      assert.ok(r.out.length > 3_000_000, `${r.out.length} characters`);
      const expected = before(agency, true);
      // Before: the whole text through the redactor; the masks fall inside single values.
      assert.equal(r.out, redactedLikeTheCli(expected), bytes ? 'written as bytes' : 'written as text');
      assert.ok(!r.out.includes(ENV.MSADS_ACCESS_TOKEN) && !r.out.includes('abcdefghijklmnop') && !r.out.includes('eyJzdWIiOiIxMjM0'));
    }
  });

  it('a link that comes twice (as the agency and as the client) is kept once: the later copy, at the first position', () => {
    const records = new LinkRecords(
      (l) => l.Status !== 'Inactive',
      (l) => `${l.ClientEntityId ?? ''}:${l.Status ?? ''}`,
    );
    const a: ClientLink = { Type: 'AccountLink', ClientEntityId: '1', ClientEntityName: 'Same', ManagingCustomerId: AGENCY, Status: 'Active' };
    const b: ClientLink = { ...a, ClientEntityId: '2' };
    const c: ClientLink = { ...a, ClientEntityId: '3', Status: 'Inactive' };
    records.add([a, b, c]);
    records.add([{ ...a, Status: 'LinkPending' }, { ...c, Status: 'Active' }]);
    assert.equal(records.size, 3);
    const inOrder = records.inOrder();
    assert.equal(inOrder.count, 3);
    // compareLinks order: LinkPending before Active in the lifecycle, then by client id.
    assert.deepEqual([...inOrder], ['1:LinkPending', '2:Active', '3:Active']);
    assert.deepEqual([...inOrder], ['1:LinkPending', '2:Active', '3:Active'], 'can be read twice');
  });

  it('records come out in compareLinks order, ties in the order they came (names with U+0000, prefixes, surrogates, unknown statuses)', () => {
    const names = ['', 'a', 'a\u0000', 'a\u0000b', 'a\u0000\u0001', 'ab', 'a b', 'A', 'Zoë', 'Zoe\u0301', '😀 x', '\uffff', 'متجر', undefined];
    const ids = ['1', '12', '123', '2', '1\u00002', undefined];
    const statuses = ['Active', 'LinkPending', 'Inactive', 'UnlinkFailed', 'NotAStatus', null, undefined] as (ClientLinkStatus | null | undefined)[];
    let seed = 7;
    const pick = <T>(items: readonly T[]): T => items[(seed = (seed * 48271) % 2147483647) % items.length] as T;
    // Each link its own key (the managing customer), so ids, names and statuses repeat: ties on every part come in arrival order.
    const links: ClientLink[] = Array.from({ length: 3000 }, (_, i) => ({ Type: 'AccountLink', ManagingCustomerId: `M${i}`, ClientEntityId: pick(ids), ClientEntityName: pick(names), Status: pick(statuses) }));
    const records = new LinkRecords(
      () => true,
      (l) => l.ManagingCustomerId!.slice(1),
    );
    for (let i = 0; i < links.length; i += 100) {
      records.add(links.slice(i, i + 100));
    }
    const expected = links
      .map((l, i) => ({ l, i }))
      .sort((a, b) => compareLinks(a.l, b.l) || a.i - b.i)
      .map(({ i }) => String(i));
    assert.deepEqual([...records.inOrder()], expected);
  });
});

describe('msads-links list: a listing that fails midway', () => {
  for (const json of [true, false]) {
    it(`${json ? '--json' : 'the table'}: nothing on stdout, the error with its TrackingId on stderr, exit 1`, async () => {
      const service = new PagedService(userWith([[AGENCY, 41]]));
      seed(service);
      service.failAfter = 5;
      const r = await run(['list', ...(json ? ['--json'] : [])], service);
      assert.equal(r.code, 1);
      assert.equal(service.pagesServed, 5, 'the failure came after pages were handed over');
      assert.equal(r.out, '', 'no half-written output');
      assert.match(r.err, /internal error/i);
      assert.match(r.err, /track-mid-stream/);
      assert.match(r.err, /What to do: /);
    });
  }
});

/**
 * The link journal (issue 14 item 2): transitions observed between listings and caused by our own
 * actions are appended per customer and environment, survive a new instance (a restart), stay
 * bounded, survive a torn last line and a second writer, and never hold a token.
 */
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { clientLinkKey } from '../../../src/core/model/clientLink';
import { feedJournal } from '../../../src/core/workflow/journalFeed';
import { JOURNAL_CSV_COLUMNS, journalCsv, journalJson } from '../../../src/core/workflow/journalExport';
import { journalEnvironment, journalFiles, LinkJournal } from '../../../src/core/workflow/linkJournal';
import { LinkStore } from '../../../src/core/workflow/linkStore';
import type { StoreEvent } from '../../../src/core/workflow/storeEvents';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const ACCESS_TOKEN = 'EwB4A8l6BAAUkWhN1234567890abcdefghijklmnopqrstuvwxyz';
const DEVELOPER_TOKEN = 'DEVTOKEN4242XYZ';

const link = (id: string, status: ClientLink['Status'], extra: Partial<ClientLink> = {}): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: id,
  ClientEntityName: `Client ${id}`,
  ManagingCustomerId: AGENCY,
  Status: status,
  LastModifiedDateTime: '2026-12-01T10:00:00',
  LastModifiedByUserId: '171000001',
  ...extra,
});

function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'journal-'));
}

function clock(start = Date.UTC(2026, 11, 1, 12)): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('LinkJournal', () => {
  it('takes the first listing as the baseline, then records each status change with the service dates', async () => {
    const root = tempRoot();
    const c = clock();
    const journal = new LinkJournal(journalFiles(root, { environment: 'production', customerId: AGENCY }), { source: 'cli', now: c.now });
    assert.deepEqual(await journal.observe([link('1', 'LinkPending'), link('2', 'Active')], { complete: true }), []);
    c.advance(60_000);
    const appended = await journal.observe([link('1', 'LinkExpired', { LastModifiedDateTime: '2026-12-01T11:00:00', LastModifiedByUserId: '0' }), link('2', 'Active'), link('3', 'LinkPending')], { complete: true });
    assert.deepEqual(
      appended.map((e) => [e.ClientEntityId, e.from, e.to]),
      [
        ['1', 'LinkPending', 'LinkExpired'],
        ['3', null, 'LinkPending'],
      ],
    );
    assert.equal(appended[0]!.LastModifiedDateTime, '2026-12-01T11:00:00');
    assert.equal(appended[0]!.LastModifiedByUserId, '0');
    assert.equal(appended[0]!.seenAt, new Date(c.now()).toISOString());
    assert.equal(appended[0]!.source, 'cli');
  });

  it('a partial listing never reports links as new, nor the ones it does not show as gone', async () => {
    const journal = new LinkJournal(journalFiles(tempRoot(), { environment: 'production', customerId: AGENCY }), { source: 'cli' });
    await journal.observe([link('1', 'Active')], { complete: false });
    assert.deepEqual(await journal.observe([link('2', 'LinkPending')], { complete: false }), [], 'still no complete baseline: 2 is not "new"');
    await journal.observe([link('1', 'Active'), link('2', 'LinkPending')], { complete: true });
    const appended = await journal.observe([link('4', 'LinkPending')], { complete: false });
    assert.deepEqual(appended.map((e) => [e.ClientEntityId, e.from]), [['4', null]]);
    assert.deepEqual(await journal.read().then((all) => all.length), 1);
  });

  it('survives a new instance (a restart): the history and the baseline are on disk', async () => {
    const root = tempRoot();
    const files = journalFiles(root, { environment: 'sandbox', customerId: AGENCY });
    const first = new LinkJournal(files, { source: 'extension' });
    await first.observe([link('1', 'LinkPending')], { complete: true });
    await first.observe([link('1', 'LinkAccepted')], { complete: true });
    const second = new LinkJournal(files, { source: 'extension' });
    // A change that happened while nothing ran is seen by the next listing, not lost.
    await second.observe([link('1', 'Active')], { complete: true });
    const history = await second.history(clientLinkKey(link('1', 'Active')));
    assert.deepEqual(history.map((e) => [e.from, e.to]), [
      ['LinkPending', 'LinkAccepted'],
      ['LinkAccepted', 'Active'],
    ]);
  });

  it('records our own actions as their outcome, and what the service did next as following them', async () => {
    const journal = new LinkJournal(journalFiles(tempRoot(), { environment: 'production', customerId: AGENCY }), { source: 'extension' });
    await journal.observe([link('1', 'LinkPending'), link('2', 'LinkPending')], { complete: true });
    const recorded = await journal.recordOutcomes('accept', [
      { link: link('1', 'LinkPending'), succeeded: true },
      { link: link('2', 'LinkPending'), succeeded: false },
    ]);
    assert.deepEqual(recorded.map((e) => [e.ClientEntityId, e.from, e.to, e.ownAction]), [['1', 'LinkPending', 'LinkAccepted', 'accept']]);
    const next = await journal.observe([link('1', 'Active'), link('2', 'LinkDeclined')], { complete: true });
    assert.deepEqual(next.map((e) => [e.ClientEntityId, e.from, e.to, e.ownAction, e.followsOwnAction]), [
      ['1', 'LinkAccepted', 'Active', undefined, true],
      ['2', 'LinkPending', 'LinkDeclined', undefined, undefined],
    ]);
    const invited = await journal.recordOutcomes('invite', [{ link: link('9', null, { ClientEntityName: 'New' }), succeeded: true }]);
    assert.deepEqual(invited.map((e) => [e.from, e.to, e.ownAction]), [[null, 'LinkPending', 'invite']]);
    // Nobody answered for 30 days: the expiry is the service's, not a step of our invitation.
    const expired = await journal.observe([link('9', 'LinkExpired')], { complete: true });
    assert.deepEqual(expired.map((e) => [e.from, e.to, e.followsOwnAction]), [['LinkPending', 'LinkExpired', undefined]]);
  });

  it('keeps customers and environments apart', async () => {
    const root = tempRoot();
    const a = new LinkJournal(journalFiles(root, { environment: 'production', customerId: '1' }), { source: 'cli' });
    const b = new LinkJournal(journalFiles(root, { environment: 'production', customerId: '2' }), { source: 'cli' });
    const c = new LinkJournal(journalFiles(root, { environment: 'sandbox', customerId: '1' }), { source: 'cli' });
    for (const j of [a, b, c]) {
      await j.observe([link('1', 'LinkPending')], { complete: true });
    }
    await a.observe([link('1', 'Active')], { complete: true });
    assert.equal((await a.read()).length, 1);
    assert.equal((await b.read()).length, 0);
    assert.equal((await c.read()).length, 0);
    assert.equal(journalEnvironment('production', 'https://clientcenter.api.bingads.microsoft.com/Api/CustomerManagement/v13/CustomerManagementService.svc'), 'production');
    assert.equal(journalEnvironment('production', 'http://127.0.0.1:8123/Api/x.svc'), 'endpoint-127.0.0.1-8123');
    assert.equal(journalFiles('/r', { environment: '../..', customerId: '../x' }).entries, join('/r', '.._..', '.._x.jsonl'), 'no path escapes the root');
  });

  it('skips a torn last line and starts the next entry on a line of its own', async () => {
    const root = tempRoot();
    const files = journalFiles(root, { environment: 'production', customerId: AGENCY });
    const journal = new LinkJournal(files, { source: 'cli' });
    await journal.observe([link('1', 'LinkPending')], { complete: true });
    await journal.observe([link('1', 'LinkCanceled')], { complete: true });
    appendFileSync(files.entries, '{"v":1,"seenAt":"2026-12-01T12:00:00.000Z","Managi'); // a crash mid-write
    await journal.observe([link('1', 'LinkPending')], { complete: true });
    const all = await journal.read();
    assert.deepEqual(all.map((e) => e.to), ['LinkCanceled', 'LinkPending']);
    assert.equal(readFileSync(files.entries, 'utf8').split('\n').filter(Boolean).length, 3, 'the torn fragment stays alone on its line');
  });

  it('two writers (two windows) never corrupt each other, and a change both saw is listed once', async () => {
    const files = journalFiles(tempRoot(), { environment: 'production', customerId: AGENCY });
    const a = new LinkJournal(files, { source: 'extension' });
    const b = new LinkJournal(files, { source: 'cli' });
    await a.observe([link('1', 'LinkPending'), link('2', 'Active')], { complete: true });
    const next = [link('1', 'LinkExpired', { LastModifiedDateTime: '2026-12-02T00:00:00' }), link('2', 'UnlinkRequested', { LastModifiedDateTime: '2026-12-02T00:00:00' })];
    await Promise.all([a.observe(next, { complete: true }), b.observe(next, { complete: true }), a.observe(next, { complete: true })]);
    const lines = readFileSync(files.entries, 'utf8').split('\n').filter(Boolean);
    for (const line of lines) {
      assert.doesNotThrow(() => JSON.parse(line), line);
    }
    assert.deepEqual((await a.read()).map((e) => `${e.ClientEntityId}:${e.to}`).sort(), ['1:LinkExpired', '2:UnlinkRequested']);
  });

  it('is bounded: past maxBytes the oldest entries go and the newest stay', async () => {
    const files = journalFiles(tempRoot(), { environment: 'production', customerId: AGENCY });
    const c = clock();
    const journal = new LinkJournal(files, { source: 'cli', maxBytes: 8192, now: c.now });
    const statuses = ['LinkPending', 'LinkCanceled'] as const;
    await journal.observe([link('1', 'Active')], { complete: true });
    for (let i = 0; i < 200; i++) {
      c.advance(1000);
      await journal.observe([link('1', statuses[i % 2], { LastModifiedDateTime: `2026-12-01T10:00:${String(i % 60).padStart(2, '0')}` })], { complete: true });
    }
    assert.ok(statSync(files.entries).size <= 8192, `${statSync(files.entries).size} bytes`);
    const all = await journal.read();
    assert.ok(all.length > 5 && all.length < 200, `${all.length} entries kept`);
    assert.equal(all.at(-1)!.seenAt, new Date(c.now()).toISOString(), 'the newest entry is kept');
    assert.equal((await journal.recent(3)).length, 3);
    assert.equal((await journal.recent(3))[0]!.seenAt, all.at(-1)!.seenAt, 'recent activity is newest first');
  });

  it('never holds a token, whatever the link carries', async () => {
    const files = journalFiles(tempRoot(), { environment: 'production', customerId: AGENCY });
    const journal = new LinkJournal(files, { source: 'extension' });
    const tricky = (status: ClientLink['Status']): ClientLink =>
      link('1', status, {
        ClientEntityName: `Name ${ACCESS_TOKEN}`,
        Note: `Authorization: Bearer ${ACCESS_TOKEN}`,
        InviterEmail: DEVELOPER_TOKEN,
        ForwardCompatibilityMap: [{ key: 'DeveloperToken', value: DEVELOPER_TOKEN }],
      });
    await journal.observe([tricky('LinkPending')], { complete: true });
    await journal.observe([tricky('Active')], { complete: true });
    await journal.recordOutcomes('unlink', [{ link: tricky('Active'), succeeded: true }]);
    for (const file of [files.entries, files.state]) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes(ACCESS_TOKEN), `${file} holds the access token`);
      assert.ok(!text.includes(DEVELOPER_TOKEN), `${file} holds the developer token`);
    }
    const [entry] = await journal.read();
    assert.deepEqual(Object.keys(entry!).sort(), ['ClientEntityId', 'ClientEntityName', 'LastModifiedByUserId', 'LastModifiedDateTime', 'ManagingCustomerId', 'Type', 'from', 'seenAt', 'source', 'to']);
  });

  it('ignores lines that are not entries and a state file that does not parse', async () => {
    const files = journalFiles(tempRoot(), { environment: 'production', customerId: AGENCY });
    const journal = new LinkJournal(files, { source: 'cli' });
    await journal.observe([link('1', 'LinkPending')], { complete: true });
    appendFileSync(files.entries, '{"v":1,"seenAt":"x","to":"NotAStatus"}\n[1,2]\n');
    writeFileSync(files.state, '{ not json');
    assert.deepEqual(await journal.observe([link('1', 'Active')], { complete: true }), [], 'a lost baseline starts again rather than guessing');
    assert.deepEqual(await journal.read(), []);
  });

  it('exports rows for CSV (byte order mark, header, formulas neutralised) and JSON', async () => {
    const journal = new LinkJournal(journalFiles(tempRoot(), { environment: 'production', customerId: AGENCY }), { source: 'cli' });
    await journal.observe([link('1', 'LinkPending', { ClientEntityName: '=HYPERLINK("x")' })], { complete: true });
    await journal.recordOutcomes('cancel', [{ link: link('1', 'LinkPending', { ClientEntityName: '=HYPERLINK("x")' }), succeeded: true }]);
    const entries = await journal.read();
    const csv = journalCsv(entries);
    assert.ok(csv.startsWith('\uFEFF'));
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines[0], JOURNAL_CSV_COLUMNS.join(','));
    assert.match(lines[1]!, /^[^,]+,1,"'=HYPERLINK\(""x""\)",AccountLink,251000123,LinkPending,LinkCanceled,,,cancel,false,cli$/);
    assert.deepEqual(JSON.parse(journalJson(entries)), entries);
  });
});

describe('feedJournal: the store feeds the journal without knowing it', () => {
  it('records changes between listings and our own actions, and a new store continues the same history', async () => {
    const root = tempRoot();
    const files = journalFiles(root, { environment: 'production', customerId: AGENCY });
    const service = new FakeService(userWith([[AGENCY, 41]]));
    service.links = [link('1', 'LinkPending'), link('2', 'Active')];
    const run = async (work: (store: LinkStore) => Promise<unknown>): Promise<void> => {
      const store = new LinkStore();
      const journal = new LinkJournal(files, { source: 'extension' });
      const errors: unknown[] = [];
      const feed = feedJournal(store, () => journal, (e) => e && errors.push(e));
      store.startSession(() => Promise.resolve(service));
      await work(store);
      await feed.settled();
      await journal.settled();
      feed.dispose();
      assert.deepEqual(errors, []);
    };
    await run(async (store) => {
      await store.refresh();
      await store.runAction('cancel', [store.links[0]!]);
    });
    // Someone else unlinks 2 while this product is not running.
    service.links[1]!.Status = 'Inactive';
    await run((store) => store.refresh());
    const all = await new LinkJournal(files, { source: 'extension' }).read();
    assert.deepEqual(all.map((e) => [e.ClientEntityId, e.from, e.to, e.ownAction ?? '']), [
      ['1', 'LinkPending', 'LinkCanceled', 'cancel'],
      ['2', 'Active', 'Inactive', ''],
    ]);
  });

  it('compares a large listing a slice at a time, and listings in quick succession one after the other: each change recorded once (issue 15)', async () => {
    const files = journalFiles(tempRoot(), { environment: 'production', customerId: AGENCY });
    const journal = new LinkJournal(files, { source: 'extension' });
    const listeners: ((e: StoreEvent) => void)[] = [];
    let links: ClientLink[] = [];
    const store = { onDidChange: (l: (e: StoreEvent) => void) => (listeners.push(l), { dispose: () => undefined }), get links() { return links; } };
    const errors: unknown[] = [];
    const feed = feedJournal(store, () => journal, (e) => e && errors.push(e));
    const listed = (next: ClientLink[]): void => {
      links = next;
      for (const l of listeners) {
        l({ type: 'links', changed: [], added: [], removed: [] });
      }
    };
    const baseline = Array.from({ length: 5000 }, (_, i) => link(String(i + 1), 'Active'));
    listed(baseline);
    // The next listing arrives while the first is still being compared.
    listed(baseline.map((l) => (l.ClientEntityId === '4999' ? { ...l, Status: 'Inactive' } : l)));
    await feed.settled();
    await journal.settled();
    assert.deepEqual(errors, []);
    assert.deepEqual((await journal.read()).map((e) => [e.ClientEntityId, e.from, e.to]), [['4999', 'Active', 'Inactive']]);
  });
});

/**
 * The journal's baseline kept compact (issue 15: a first listing of 100,000 links wrote a JSON
 * object of 100,000 properties and went over the CLI's 300 MB bound): version 2 on disk is one
 * string of lines, read into a Map; version 1 files (the journal's first release) are still read
 * and replaced on the next write; what a listing records is what it recorded before.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ClientLink, clientLinkKey } from '../../../src/core/model/clientLink';
import { Baseline, baselineFrom, readBaseline, readingBaseline, writeBaseline } from '../../../src/core/workflow/journalBaseline';
import { SLICE_ITEMS } from '../../../src/core/util/sliced';
import { journalFiles, LinkJournal } from '../../../src/core/workflow/linkJournal';

const AGENCY = '251000123';

const link = (id: string, status: ClientLink['Status'], extra: Partial<ClientLink> = {}): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: id,
  ClientEntityName: `Client ${id}`,
  ManagingCustomerId: AGENCY,
  Status: status,
  LastModifiedDateTime: '2026-12-01T10:00:00',
  ...extra,
});

const key = (id: string): string => clientLinkKey(link(id, 'Active'));

function tempFiles(): ReturnType<typeof journalFiles> {
  return journalFiles(mkdtempSync(join(tmpdir(), 'baseline-')), { environment: 'production', customerId: AGENCY });
}

describe('journal baseline (compact)', () => {
  it('round trip: every status (and none), our own action, keys with tabs, newlines, quotes and accents', async () => {
    const file = tempFiles().state;
    const baseline = new Baseline(true);
    baseline.set(key('1'), { s: 'Active' });
    baseline.set(key('2'), { s: null });
    baseline.set(key('3'), { s: 'LinkAccepted', own: 'accept' });
    baseline.set(key('4'), { s: 'LinkPending', own: 'invite' });
    baseline.set(key('5'), { s: 'UnlinkFailed', own: 'unlink' });
    baseline.set('1:CustomerLink:a\tb', { s: 'LinkDeclined', own: 'decline' });
    baseline.set('1:AccountLink:line\nbreak\r', { s: 'LinkCanceled', own: 'cancel' });
    baseline.set('"quoted":x', { s: 'Inactive' });
    baseline.set('1:AccountLink:Zoë العربية', { s: 'LinkExpired' });
    await writeBaseline(file, baseline);
    const text = readFileSync(file, 'utf8');
    const parsed = JSON.parse(text) as { v: number; complete: boolean; links: unknown };
    assert.equal(parsed.v, 2);
    assert.equal(parsed.complete, true);
    assert.equal(typeof parsed.links, 'string', 'one string of lines, not an object of one property per link');
    const read = await readBaseline(file);
    assert.equal(read.complete, true);
    assert.deepEqual([...read.entries()], [...baseline.entries()]);
    assert.deepEqual(readdirSync(dirname(file)), ['251000123.state.json'], 'no temporary file left');
  });

  it('reads 20,000 lines in slices (the event loop gets turns), giving what was written', async () => {
    const file = tempFiles().state;
    const baseline = new Baseline(true);
    const statuses = ['Active', 'LinkPending', 'LinkAccepted', 'UnlinkRequested'] as const;
    for (let i = 0; i < 20_000; i++) {
      baseline.set(key(String(i)), i % 7 === 0 ? { s: statuses[i % 4]!, own: 'accept' } : { s: statuses[i % 4]! });
    }
    await writeBaseline(file, baseline);
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const work = readingBaseline(parsed);
    let slices = 0;
    let step = work.next();
    for (; !step.done; step = work.next()) {
      slices++;
    }
    assert.ok(slices >= Math.floor(20_000 / SLICE_ITEMS) - 1, `${slices} slices`);
    assert.deepEqual([...step.value!.entries()], [...baseline.entries()]);
    assert.deepEqual([...baselineFrom(parsed)!.entries()], [...baseline.entries()]);
    assert.deepEqual([...(await readBaseline(file)).entries()], [...baseline.entries()]);
  });

  it('a file cut short (or not a baseline) starts a new, empty baseline', async () => {
    const file = tempFiles().state;
    const baseline = new Baseline(true);
    for (let i = 0; i < 10_000; i++) {
      baseline.set(key(String(i)), { s: 'Active' });
    }
    await writeBaseline(file, baseline);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    assert.equal((await readBaseline(file)).size, 0);
    writeFileSync(file, '{"v":3,"links":""}');
    assert.equal((await readBaseline(file)).size, 0);
    assert.equal((await readBaseline(`${file}.missing`)).size, 0);
  });

  it('reads a version 1 file (an object per link) as before, then replaces it with version 2', async () => {
    const files = tempFiles();
    // What the journal's first release wrote: JSON.stringify of { v, complete, links: { key: { s, own } } }.
    const v1 = {
      v: 1,
      complete: true,
      links: {
        [key('1')]: { s: 'LinkPending' },
        [key('2')]: { s: 'LinkAccepted', own: 'accept' },
        [key('3')]: { s: 'Active' },
        [key('4')]: { s: null },
        [key('5')]: { s: 'NotAStatus' },
      },
    };
    mkdirSync(dirname(files.state), { recursive: true });
    writeFileSync(files.state, JSON.stringify(v1));
    const journal = new LinkJournal(files, { source: 'cli' });
    const entries = await journal.observe([link('1', 'LinkExpired'), link('2', 'Active'), link('3', 'Active'), link('4', 'LinkPending'), link('6', 'LinkPending')], { complete: true });
    assert.deepEqual(
      entries.map((e) => [e.ClientEntityId, e.from, e.to, e.followsOwnAction]),
      [
        ['1', 'LinkPending', 'LinkExpired', undefined],
        ['2', 'LinkAccepted', 'Active', true],
        ['4', null, 'LinkPending', undefined],
        ['6', null, 'LinkPending', undefined],
      ],
      'the changes, the follow-on of our own accept, and a new link (the baseline was complete)',
    );
    const now = JSON.parse(readFileSync(files.state, 'utf8')) as { v: number };
    assert.equal(now.v, 2, 'rewritten as version 2');
    const read = await readBaseline(files.state);
    assert.deepEqual(read.get(key('2')), { s: 'Active', own: 'accept' }, 'still attributed to our accept');
    assert.deepEqual(read.get(key('3')), { s: 'Active' });
    assert.equal(read.get(key('5'))?.s, undefined, 'an unknown status was not kept');
    assert.equal(read.size, 5);
  });

  it('a first listing of 20,000 links arriving page by page records nothing and keeps every status; the next records exactly the changes', async () => {
    const files = tempFiles();
    const statuses = ['Active', 'LinkPending', 'Inactive', 'LinkFailed', null] as const;
    const links = Array.from({ length: 20_000 }, (_, i) => link(String(190000000 + i), statuses[i % statuses.length]));
    const first = await new LinkJournal(files, { source: 'cli' }).observation();
    for (let i = 0; i < links.length; i += 100) {
      first.add(links.slice(i, i + 100));
    }
    assert.deepEqual(await first.finish({ complete: false }), [], 'the first listing is the baseline');
    const baseline = await readBaseline(files.state);
    assert.equal(baseline.size, links.length);
    assert.equal(baseline.complete, false);
    for (const l of links) {
      assert.equal(baseline.get(clientLinkKey(l))?.s, l.Status ?? null);
    }
    // Next listing: every 200th link moved; a new one is not reported (the listing was never complete).
    const next = links.map((l, i) => (i % 200 === 0 ? { ...l, Status: 'UnlinkRequested' as const } : l));
    next.push(link('999', 'LinkPending'));
    const second = await new LinkJournal(files, { source: 'cli' }).observation();
    second.add(next);
    const entries = await second.finish({ complete: false });
    assert.deepEqual(
      entries.map((e) => e.ClientEntityId),
      links.filter((_, i) => i % 200 === 0).map((l) => l.ClientEntityId),
    );
    assert.ok(entries.every((e, n) => e.to === 'UnlinkRequested' && e.from === (links[n * 200]!.Status ?? null)));
  });
});

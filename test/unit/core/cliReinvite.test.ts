/** `msads-links reinvite` and the days left in `list`, over an in-memory service. */
import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { formatDateTime } from '../../../src/simulator/xml/dateTime';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const ENV = { MSADS_ACCESS_TOKEN: 'secret-access-token-123', MSADS_DEVELOPER_TOKEN: 'DEVTOKEN42', MSADS_ENDPOINT: 'http://127.0.0.1:1/svc' };
const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 86_400_000;

async function run(args: string[], service: FakeService): Promise<{ code: number; out: string; err: string; created: boolean }> {
  let out = '';
  let err = '';
  let created = false;
  const io = { out: (t: string) => (out += `${t}\n`), err: (t: string) => (err += `${t}\n`), now: () => NOW };
  const code = await runCli(args, ENV, io, () => {
    created = true;
    return service;
  });
  return { code, out, err, created };
}

const link = (id: string, status: ClientLink['Status'], extra: Partial<ClientLink> = {}): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: id,
  ClientEntityName: `Client ${id}`,
  ManagingCustomerId: AGENCY,
  Status: status,
  LastModifiedDateTime: formatDateTime(NOW - 40 * DAY),
  ...extra,
});

describe('msads-links reinvite', () => {
  let service: FakeService;
  beforeEach(() => {
    service = new FakeService(userWith([[AGENCY, 41]]));
    service.links = [
      link('1001', 'LinkExpired', { Name: 'One', Note: 'Q4 search', IsBillToClient: false, SuppressNotification: true }),
      link('1002', 'LinkDeclined'),
      link('1003', 'Active'),
      link('1004', 'LinkExpired'),
      link('1005', 'LinkCanceled'),
    ];
  });

  it('sends the named clients\' invitations again, one line per id in the order given; exit 0 when all are sent', async () => {
    const r = await run(['reinvite', '1005', '1001'], service);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^ok +1005 +Client 1005 +invitation sent again\nok +1001 +Client 1001 +invitation sent again\n2 of 2 invitations sent again\.\n$/);
    const sent = service.links.filter((l) => l.Status === 'LinkPending');
    assert.deepEqual(sent.map((l) => l.ClientEntityId), ['1005', '1001']);
    const one = sent[1]!;
    assert.deepEqual([one.Name, one.Note, one.IsBillToClient, one.SuppressNotification, one.Type], ['One', 'Q4 search', false, true, 'AccountLink']);
    assert.equal(service.calls.AddClientLinks, 1, 'in one batch');
  });

  it('--all-expired sends every expired invitation, and only those', async () => {
    const r = await run(['reinvite', '--all-expired', '--json'], service);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), [
      { ClientEntityId: '1001', ClientEntityName: 'Client 1001', ok: true, message: 'invitation sent again' },
      { ClientEntityId: '1004', ClientEntityName: 'Client 1004', ok: true, message: 'invitation sent again' },
    ]);
  });

  it('refuses what cannot be re-invited with the reason, reports service failures, and exits 1', async () => {
    service.itemErrors.set('1002', 1410);
    const r = await run(['reinvite', '1003', '1002', '9999', '--json'], service);
    assert.equal(r.code, 1);
    const items = JSON.parse(r.out) as { ClientEntityId: string; ok: boolean; message: string }[];
    assert.deepEqual(items.map((i) => [i.ClientEntityId, i.ok]), [['1003', false], ['1002', false], ['9999', false]]);
    assert.match(items[0]!.message, /Re-invite is for invitations that ended without a link \(Expired, Declined or Canceled\); Client 1003 is Active\./);
    assert.match(items[1]!.message, /error 1410/);
    assert.match(items[2]!.message, /no link of yours for client 9999/);
  });

  it('bad input sends nothing: exit 2 before any connection', async () => {
    for (const args of [['reinvite'], ['reinvite', 'abc'], ['reinvite', '--all']]) {
      const r = await run(args, service);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.created, false);
    }
    assert.match((await run(['reinvite'], service)).err, /Name the client ids to invite again, or pass --all-expired/);
  });

  it('with nothing expired, says so and exits 0', async () => {
    service.links = [link('1003', 'Active')];
    const r = await run(['reinvite', '--all-expired'], service);
    assert.equal(r.code, 0);
    assert.equal(r.out, 'No expired invitations to send again.\n');
  });
});

describe('msads-links list: days left of pending invitations', () => {
  it('the table shows how long each pending invitation has left; --json is unchanged', async () => {
    const service = new FakeService(userWith([[AGENCY, 41]]));
    service.links = [
      link('2001', 'LinkPending', { LastModifiedDateTime: formatDateTime(NOW - 18 * DAY) }),
      link('2002', 'LinkPending', { LastModifiedDateTime: formatDateTime(NOW - 29 * DAY - 1000) }),
      link('2003', 'LinkPending', { LastModifiedDateTime: formatDateTime(NOW - 29 * DAY + 1000) }),
      link('2004', 'Active'),
    ];
    const r = await run(['list'], service);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.match(lines[0]!, /START +EXPIRES IN$/);
    const row = (id: string): string => lines.find((l) => l.includes(id)) ?? '';
    assert.match(row('2001'), /12 days$/);
    assert.match(row('2002'), /< 1 day$/);
    assert.match(row('2003'), /1 day$/);
    assert.doesNotMatch(row('2004'), /day/);
    const json = JSON.parse((await run(['list', '--json'], service)).out) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(json[0]!).sort(), Object.keys(service.links[0]!).sort(), 'the same v13 members as before');
  });
});

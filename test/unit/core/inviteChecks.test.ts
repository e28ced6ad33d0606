import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import type { CustomerChoice } from '../../../src/core/workflow/customerContext';
import { leaveUnlistedAlone, parseDesiredCsv, planIsEmpty, planSync } from '../../../src/core/workflow/desiredState';
import { checkCsvRows, checkInvites } from '../../../src/core/workflow/inviteChecks';
import { parseInviteCsv } from '../../../src/core/workflow/inviteCsv';

const NOW = new Date('2026-11-22T10:00:00Z');
const AGENCY = '251000123';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const link = (id: string, status: ClientLink['Status'], extra: Partial<ClientLink> = {}): ClientLink => ({
  Type: 'AccountLink',
  ClientEntityId: id,
  ClientEntityNumber: `F${id.slice(-7).padStart(7, '0')}`,
  ClientEntityName: `Client ${id}`,
  ManagingCustomerId: AGENCY,
  Status: status,
  ...extra,
});
const ACTIVE: CustomerChoice = { customerId: AGENCY, roleId: 41, roleName: 'Super Admin', accountIds: [], viaCustomerLink: null, canManageLinks: true };

function rowsOf(csv: string) {
  const parsed = parseInviteCsv(enc(csv), NOW, { deferToChecks: true });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.rows;
}

describe('pre-flight checks of invitations', () => {
  const listing = [link('1001', 'LinkPending'), link('1002', 'Active'), link('1003', 'LinkInProgress'), link('1004', 'Inactive'), link('1005', 'UnlinkPending'), link('1006', 'LinkPending', { ManagingCustomerId: '999' })];

  it('a client with a pending invitation from this agency: pendingInvitation, predicted 1410, with the link it collides with', () => {
    const [findings] = checkInvites(rowsOf('account_id,bill_to_client\n1001,yes\n'), listing, AGENCY, NOW);
    assert.deepEqual(findings, [{ kind: 'pendingInvitation', link: listing[0], predictedCode: 1410, prediction: true, row: 2 }]);
  });

  it('a client already linked: alreadyLinked (1410)', () => {
    const [findings] = checkInvites(rowsOf('account_id,bill_to_client\n1002,yes\n'), listing, AGENCY, NOW);
    assert.equal(findings?.[0]?.kind, 'alreadyLinked');
    assert.equal(findings?.[0]?.link, listing[1]);
    assert.equal(findings?.[0]?.predictedCode, 1410);
  });

  it('a link being set up or ended blocks a new invitation too (linkInMotion); an ended link or another agency\'s does not', () => {
    const findings = checkInvites(rowsOf('account_id,bill_to_client\n1003,yes\n1005,yes\n1004,yes\n1006,yes\n'), listing, AGENCY, NOW);
    assert.deepEqual(findings.map((f) => f.map((x) => x.kind)), [['linkInMotion'], ['linkInMotion'], [], []]);
  });

  it('an invitation by account number matches the listing by number, in any case', () => {
    const [findings] = checkInvites(rowsOf('account_number,bill_to_client\nf0001001,yes\n'), listing, AGENCY, NOW);
    assert.equal(findings?.[0]?.kind, 'pendingInvitation');
  });

  it('the same client twice in one file: the later row has duplicateInFile naming the first row', () => {
    const rows = rowsOf('account_id,bill_to_client\n2001,yes\n2002,no\n2001,no\n');
    const findings = checkInvites(rows, [], AGENCY, NOW);
    assert.deepEqual(findings, [[], [], [{ kind: 'duplicateInFile', firstRow: 2, prediction: true, row: 4 }]]);
  });

  it('a start date before today: pastStartDate (today itself is fine)', () => {
    const findings = checkInvites(rowsOf('account_id,bill_to_client,start_date\n2001,yes,2026-11-21\n2002,yes,2026-11-22\n'), [], AGENCY, NOW);
    assert.deepEqual(findings.map((f) => f.map((x) => x.kind)), [['pastStartDate'], []]);
  });

  it('checkCsvRows splits the rows to send from the rows held back, each with its findings', () => {
    const { clear, held } = checkCsvRows(rowsOf('account_id,bill_to_client\n1001,yes\n2001,yes\n2001,no\n'), listing, AGENCY, NOW);
    assert.deepEqual(clear.map((r) => r.row), [2 + 1]);
    assert.deepEqual(held.map((h) => [h.row.row, h.findings.map((f) => f.kind)]), [[2, ['pendingInvitation']], [4, ['duplicateInFile']]]);
  });

  it('without deferToChecks the reader still refuses duplicates and past dates (the behaviour of files read without checks)', () => {
    assert.equal(parseInviteCsv(enc('account_id,bill_to_client\n1,yes\n1,no\n'), NOW).ok, false);
    assert.equal(parseInviteCsv(enc('account_id,bill_to_client,start_date\n1,yes,2020-01-01\n'), NOW).ok, false);
  });
});

describe('desired-state sync plan', () => {
  const plan = (csv: string, links: ClientLink[], prune = false) => {
    const parsed = parseDesiredCsv(enc(csv), NOW);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    return planSync(parsed.rows, links, ACTIVE, { now: NOW, pruneUnlisted: prune });
  };

  it('no-op: every client already as the file wants it plans nothing', () => {
    const p = plan('account_id,bill_to_client,desired\n1001,yes,\n1002,yes,linked\n1004,yes,unlinked\n3000,yes,unlinked\n', [link('1001', 'LinkPending'), link('1002', 'Active'), link('1004', 'Inactive')]);
    assert.ok(planIsEmpty(p));
    assert.deepEqual(p.unchanged.map((u) => u.row), [2, 3, 4, 5]);
    assert.deepEqual(p.skipped, []);
  });

  it('clients to be linked with no link (or an ended one) are invited', () => {
    const p = plan('account_id,name,bill_to_client\n2001,New,yes\n1004,Again,no\n', [link('1004', 'LinkDeclined')]);
    assert.deepEqual(p.invites.map((i) => [i.row, i.link.ClientEntityId, i.link.ManagingCustomerId, i.link.IsBillToClient]), [[2, '2001', AGENCY, true], [3, '1004', AGENCY, false]]);
  });

  it('desired=unlinked: a pending invitation is canceled, an active link unlinked; a link being set up is skipped with why', () => {
    const links = [link('1001', 'LinkPending'), link('1002', 'Active'), link('1003', 'LinkAccepted')];
    const p = plan('account_id,desired\n1001,unlinked\n1002,unlinked\n1003,unlinked\n', links);
    assert.deepEqual(p.cancels.map((c) => [c.row, c.link.ClientEntityId, c.cause, c.action]), [[2, '1001', 'markedUnlinked', 'cancel']]);
    assert.deepEqual(p.unlinks.map((c) => [c.row, c.link.ClientEntityId, c.action]), [[3, '1002', 'unlink']]);
    assert.deepEqual(p.skipped.map((s) => [s.row, s.finding?.kind]), [[4, 'linkInMotion']]);
    assert.deepEqual(p.invites, []);
  });

  it('the desired column is read in any case and with spaces around; anything else is refused with its row and column', () => {
    const p = plan('account_id,bill_to_client, Desired \n1002,yes,  UNLINKED \n2001,yes, Linked\n', [link('1002', 'Active')]);
    assert.equal(p.unlinks.length, 1);
    assert.equal(p.invites.length, 1);
    const bad = parseDesiredCsv(enc('account_id,bill_to_client,desired\n1002,yes,remove\n'), NOW);
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && /Row 2, desired: must be linked or unlinked .*got "remove" \(column 3, "desired"\)/.test(bad.problems[0]?.message ?? ''), JSON.stringify(bad));
    assert.equal(!bad.ok && bad.problems[0]?.column, 3);
  });

  it('duplicates: the later row of the same client is skipped with the first row named; the first row is planned', () => {
    const p = plan('account_id,bill_to_client,desired\n2001,yes,linked\n2001,yes,unlinked\n', []);
    assert.deepEqual(p.invites.map((i) => i.row), [2]);
    assert.deepEqual(p.skipped.map((s) => [s.row, s.finding?.kind, s.finding?.firstRow]), [[3, 'duplicateInFile', 2]]);
  });

  it('a past start date is skipped, not invited; an unlinked row needs no bill_to_client and ignores its start date', () => {
    const p = plan('account_id,bill_to_client,start_date,desired\n2001,yes,2026-01-01,\n1002,,2020-01-01,unlinked\n', [link('1002', 'Active')]);
    assert.deepEqual(p.skipped.map((s) => [s.row, s.finding?.kind]), [[2, 'pastStartDate']]);
    assert.equal(p.unlinks.length, 1);
  });

  it('clients absent from the file are left alone unless pruneUnlisted; then their invitations are canceled and links unlinked', () => {
    const links = [link('1001', 'LinkPending'), link('1002', 'Active'), link('1003', 'Inactive'), link('1009', 'Active', { ManagingCustomerId: '777' })];
    const csv = 'account_id,bill_to_client\n2001,yes\n';
    const kept = plan(csv, links);
    assert.equal(kept.cancels.length + kept.unlinks.length, 0);
    const pruned = plan(csv, links, true);
    assert.deepEqual(pruned.cancels.map((c) => [c.link.ClientEntityId, c.cause, c.row]), [['1001', 'unlisted', undefined]]);
    assert.deepEqual(pruned.unlinks.map((c) => [c.link.ClientEntityId, c.cause]), [['1002', 'unlisted']], 'another agency\'s link is never touched');
  });

  it('leaving clients absent from the file alone, from a pruned plan, gives the plan made without pruneUnlisted', () => {
    const links = [link('1001', 'LinkPending'), link('1002', 'Active'), link('1004', 'Active'), link('1006', 'LinkPending'), link('1009', 'Active', { ManagingCustomerId: '777' })];
    const csv = 'account_id,bill_to_client,desired\n2001,yes,\n1004,,unlinked\n1006,,unlinked\n1002,yes,\n';
    const pruned = plan(csv, links, true);
    assert.ok(pruned.cancels.some((c) => c.cause === 'unlisted') && pruned.unlinks.some((c) => c.cause === 'markedUnlinked'));
    assert.deepEqual(leaveUnlistedAlone(pruned), plan(csv, links));
  });

  it('a link being unlinked is not invited again (1410 until it ends)', () => {
    const p = plan('account_id,bill_to_client\n1005,yes\n', [link('1005', 'UnlinkInProgress')]);
    assert.deepEqual(p.skipped.map((s) => [s.finding?.kind, s.finding?.predictedCode]), [['linkInMotion', 1410]]);
  });

  it('what the role may not do is skipped with the reason, not planned', () => {
    const standard: CustomerChoice = { ...ACTIVE, roleId: 203, roleName: 'Standard' };
    const parsed = parseDesiredCsv(enc('account_id,account_number,type,desired\n3001,B000003001,CustomerLink,\n3002,B000003002,CustomerLink,unlinked\n'), NOW);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const p = planSync(parsed.rows, [link('3002', 'Active', { Type: 'CustomerLink' })], standard, { now: NOW });
    assert.ok(planIsEmpty(p));
    assert.equal(p.skipped.length, 2);
    assert.ok(p.skipped.every((s) => s.refusal && /Standard/.test(s.refusal)), JSON.stringify(p.skipped));
  });
});

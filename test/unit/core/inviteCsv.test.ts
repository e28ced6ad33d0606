import * as assert from 'node:assert/strict';
import { MAX_CSV_BYTES, csvRowLocator, parseInviteCsv, problemLocation } from '../../../src/core/workflow/inviteCsv';
import { toAddClientLink } from '../../../src/core/workflow/inviteInput';

const NOW = new Date('2026-11-22T10:00:00Z');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('invitations CSV', () => {
  it('reads quoted fields, CRLF, BOM and header aliases', () => {
    const text = '\ufeffAccount Id,Name,Note,Bill_To_Client,start-date\r\n180012345,"Fabrikam, ""Shoes""","line1\nline2",yes,2026-12-01\r\n180099999,Northwind,,no,\r\n';
    const r = parseInviteCsv(enc(text), NOW);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.rows.length, 2);
    assert.equal(r.rows[0]?.invite.name, 'Fabrikam, "Shoes"');
    assert.equal(r.rows[0]?.invite.note, 'line1\nline2');
    assert.equal(r.rows[0]?.row, 2);
    assert.equal(r.rows[1]?.row, 4, 'row numbers count physical lines, including the quoted newline');
    assert.equal(r.rows[1]?.invite.isBillToClient, false);
  });

  it('keeps XML-special, non-ASCII, emoji and right-to-left text intact', () => {
    const name = 'Ünïcødé <&> "q" 🚀 שלום';
    const r = parseInviteCsv(enc(`account_id,name,bill_to_client\n1234,"${name.replace(/"/g, '""')}",yes\n`), NOW);
    assert.ok(r.ok);
    assert.equal(r.rows[0]?.invite.name, name);
  });

  it('reads UTF-16 with a BOM', () => {
    const text = 'account_id,bill_to_client\n1234,yes\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i);
    }
    const r = parseInviteCsv(bytes, NOW);
    assert.ok(r.ok, JSON.stringify(r));
  });

  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(), /empty/],
    ['a header only', enc('account_id,bill_to_client\n'), /no invitations/],
    ['an unknown column', enc('account_id,colour\n1,red\n'), /Column 2 "colour" is not a known column/],
    ['no account column', enc('name,bill_to_client\nx,yes\n'), /account_id or account_number column/],
    ['a bad id with row and column', enc('account_id,bill_to_client\n1234,yes\nabc,yes\n'), /Row 3, account id: .*positive whole number/],
    ['a duplicate row', enc('account_id,bill_to_client\n1234,yes\n1234,no\n'), /Row 3 invites the same client as row 2/],
    ['too many values', enc('account_id,bill_to_client\n1234,yes,extra\n'), /Row 2 has 3 values/],
    ['an unclosed quote', enc('account_id,name,bill_to_client\n1234,"open,yes\n'), /never closed/],
    ['invalid UTF-8', new Uint8Array([0x61, 0xc3, 0x28, 0x0a]), /not valid UTF-8/],
    ['a file over the size limit', new Uint8Array(MAX_CSV_BYTES + 1).fill(0x31), /limited to 1 MB/],
  ];
  for (const [name, bytes, pattern] of cases) {
    it(`refuses ${name} with a clear message`, () => {
      const r = parseInviteCsv(bytes, NOW);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.ok(r.problems.some((p) => pattern.test(p.message)), JSON.stringify(r.problems));
      }
    });
  }

  it('reports every bad row, not just the first', () => {
    const r = parseInviteCsv(enc('account_id,name,bill_to_client\nx,a,yes\n1234,' + 'n'.repeat(41) + ',yes\n5678,ok,perhaps\n'), NOW);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(r.problems.map((p) => p.row), [2, 3, 4]);
    }
  });

  it('names the CSV row of a sent link, also for a copy handed back by the service (issue 12, item 14)', () => {
    const parsed = parseInviteCsv(new TextEncoder().encode('account_id,name,bill_to_client\n180090001,Z,yes\n180090002,A,yes\n180090003,B,no\n'));
    assert.ok(parsed.ok);
    const rows = parsed.rows.slice(1);
    const links = rows.map((r) => toAddClientLink(r.invite, '251000123'));
    const locate = csvRowLocator(rows, links);
    assert.equal(locate(links[0]!), 'row 3');
    assert.equal(locate(links[1]!), 'row 4');
    assert.equal(locate({ ...links[0]!, ClientEntityName: 'from the service' }), 'row 3');
    assert.equal(locate({ Type: 'AccountLink', ClientEntityId: '999' }), undefined);
  });
});

describe('where a CSV problem is in the file (for the Problems panel)', () => {
  const text = 'account_id,name,bill_to_client\r\n12ab,"Fabrikam, ""Shoes""",yes\r\n180012345,x,maybe\r\n';
  it('points at the cell of a problem that names a column, quoted commas included', () => {
    assert.deepEqual(problemLocation(text, { row: 2, column: 1 }), { line: 1, start: 0, end: 4 });
    assert.deepEqual(problemLocation(text, { row: 2, column: 3 }), { line: 1, start: 27, end: 30 });
    assert.deepEqual(problemLocation(text, { row: 3, column: 3 }), { line: 2, start: 12, end: 17 });
  });
  it('points at the whole row otherwise, and at the first line for a problem of the file', () => {
    assert.deepEqual(problemLocation(text, { row: 3 }), { line: 2, start: 0, end: 17 });
    assert.deepEqual(problemLocation(text, {}), { line: 0, start: 0, end: 30 });
  });
  it('reads a failure report back: the reason column is ignored', () => {
    const r = parseInviteCsv(enc('account_id,bill_to_client,reason\n1234,yes,"No account has this id; check the account id (error 2108)."\n'), NOW);
    assert.ok(r.ok, JSON.stringify(r));
  });
});

/**
 * Ids that a spreadsheet reformatted (scientific notation, a trailing ".0", digit separators, a
 * leading zero) are refused before anything is sent, like any bad id, and the message says what
 * probably happened and what the id would be.
 */
import * as assert from 'node:assert/strict';
import { parseInviteCsv } from '../../src/core/workflow/inviteCsv';
import { validateEntityId } from '../../src/core/workflow/inviteInput';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('reliability: ids reformatted by a spreadsheet are refused with a hint', () => {
  const cases: [string, string, RegExp][] = [
    ['scientific notation', '1.80012E+11', /scientific notation and lost digits; format the column as Text/],
    ['scientific notation, comma decimal', '1,80012E+11', /scientific notation/],
    ['a trailing .0', '180012345.0', /remove the decimal part \(180012345\)/],
    ['comma thousands separators', '180,012,345', /remove the digit separators \(180012345\)/],
    ['thin-space separators', '180\u202f012\u202f345', /remove the digit separators \(180012345\)/],
    ['a leading zero', '0180012345', /ids do not start with 0/],
    ['above the 64-bit range', '9223372036854775808', /too large for an id/],
  ];
  for (const [what, raw, hint] of cases) {
    it(`${what} ("${raw}"): refused at row 2, column 1, with the hint`, () => {
      const problem = validateEntityId(raw);
      assert.match(problem ?? '', /^Account id must be a positive whole number \(digits only\), got ".*": /);
      assert.match(problem ?? '', hint);
      const r = parseInviteCsv(new TextEncoder().encode(`account_id,bill_to_client\n"${raw}",yes\n`), NOW);
      assert.equal(r.ok, false);
      if (!r.ok) {
        const p = r.problems.find((x) => x.row === 2 && x.column === 1);
        assert.match(p?.message ?? '', hint);
        assert.match(p?.message ?? '', /\(column 1, "account_id"\)$/);
      }
    });
  }

  it('plain wrong values get no misleading hint', () => {
    for (const raw of ['abc', '-5', '1.5', '0', '12a4']) {
      assert.match(validateEntityId(raw) ?? '', new RegExp(`got "${raw.replace(/[.]/g, '\\.')}"\\.$`), raw);
    }
    assert.equal(validateEntityId('180012345'), undefined);
  });
});

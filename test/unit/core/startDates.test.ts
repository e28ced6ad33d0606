/** Issue 12, "also expected": CSV import reads the date formats spreadsheets write, and never guesses an ambiguous one. */
import * as assert from 'node:assert/strict';
import { parseInviteCsv } from '../../../src/core/workflow/inviteCsv';
import { parseStartDate } from '../../../src/core/workflow/inviteInput';

const NOW = new Date('2026-11-22T10:00:00Z');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const value = (text: string, order?: 'dayFirst' | 'monthFirst'): string => {
  const r = parseStartDate(text, NOW, { order });
  assert.ok('value' in r, `${text}: ${'error' in r ? r.error : ''}`);
  return r.value;
};

describe('start dates as spreadsheets write them', () => {
  it('reads the unambiguous forms', () => {
    assert.equal(value('2026-12-15'), '2026-12-15T00:00:00');
    assert.equal(value('2026/12/15'), '2026-12-15T00:00:00');
    assert.equal(value('12/15/2026'), '2026-12-15T00:00:00', 'month first: 15 cannot be a month');
    assert.equal(value('15/12/2026'), '2026-12-15T00:00:00', 'day first: 15 cannot be a month');
    assert.equal(value('15.12.2026'), '2026-12-15T00:00:00', 'dots: day first');
    assert.equal(value('5.1.2027'), '2027-01-05T00:00:00');
    assert.equal(value('12-15-2026'), '2026-12-15T00:00:00');
    assert.equal(value('05/05/2027'), '2027-05-05T00:00:00', 'the same date either way');
    assert.equal(value('12/15/2026 9:30 PM'), '2026-12-15T21:30:00');
    assert.equal(value('15/12/2026 00:00'), '2026-12-15T00:00:00');
  });

  it('reads an ambiguous date in the order stated, and says how to fix it when none is', () => {
    assert.equal(value('03/04/2027', 'dayFirst'), '2027-04-03T00:00:00');
    assert.equal(value('03/04/2027', 'monthFirst'), '2027-03-04T00:00:00');
    const r = parseStartDate('03/04/2027', NOW);
    assert.ok('error' in r);
    assert.equal(r.error, 'Start date "03/04/2027" could be 3 April 2027 or March 4, 2027: write it as 2027-04-03 or 2027-03-04 (year-month-day).');
  });

  it('refuses what it cannot read with a hint, and a date that contradicts the stated order', () => {
    const error = (text: string, order?: 'dayFirst' | 'monthFirst'): string => {
      const r = parseStartDate(text, NOW, { order });
      assert.ok('error' in r, text);
      return r.error;
    };
    assert.match(error('12/15/26'), /two-digit year: write the year in full \(2026\)/);
    assert.match(error('46371'), /serial number: format the column as a date or as text/);
    assert.match(error('12/15/2026', 'dayFirst'), /not a real date \(read as DD\/MM\/YYYY, the order stated for these dates\)/);
    assert.match(error('31/02/2027'), /not a real date/);
    assert.match(error('15.12.2025'), /in the past/);
  });

  it('a CSV file: the header states the order, or its other dates prove it; otherwise each ambiguous row says what to change', () => {
    const stated = parseInviteCsv(enc('account_id,bill_to_client,start_date (DD/MM/YYYY)\n1234,yes,03/04/2027\n'), NOW);
    assert.ok(stated.ok, JSON.stringify(stated));
    assert.equal(stated.rows[0]?.invite.startDate, '2027-04-03T00:00:00');
    const us = parseInviteCsv(enc('account_id,bill_to_client,Start Date (mm/dd/yyyy)\n1234,yes,03/04/2027\n'), NOW);
    assert.ok(us.ok);
    assert.equal(us.rows[0]?.invite.startDate, '2027-03-04T00:00:00');
    const proven = parseInviteCsv(enc('account_id,bill_to_client,start_date\n1234,yes,03/04/2027\n1235,yes,12/15/2026\n'), NOW);
    assert.ok(proven.ok, JSON.stringify(proven));
    assert.equal(proven.rows[0]?.invite.startDate, '2027-03-04T00:00:00', '12/15/2026 shows the file is month first');
    const setting = parseInviteCsv(enc('account_id,bill_to_client,start_date\n1234,yes,03/04/2027\n'), NOW, { dateOrder: 'dayFirst' });
    assert.ok(setting.ok);
    assert.equal(setting.rows[0]?.invite.startDate, '2027-04-03T00:00:00');
    const unknown = parseInviteCsv(enc('account_id,bill_to_client,start_date\n1234,yes,03/04/2027\n'), NOW);
    assert.equal(unknown.ok, false);
    if (!unknown.ok) {
      const [p] = unknown.problems;
      assert.equal(p?.row, 2);
      assert.equal(p?.column, 3);
      assert.match(p?.message ?? '', /could be 3 April 2027 or March 4, 2027: write it as 2027-04-03 or 2027-03-04 \(year-month-day\), or name the column start_date \(DD\/MM\/YYYY\) or start_date \(MM\/DD\/YYYY\)/);
    }
  });
});

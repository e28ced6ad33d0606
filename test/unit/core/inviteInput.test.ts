import * as assert from 'node:assert/strict';
import { parseStartDate, toAddClientLink, toServiceDateTime, validateAccountNumber, validateClientIdOrNumber, validateCustomerNumber, validateEntityId, validateInvite, invitableLinkTypes, inviteRoleProblem } from '../../../src/core/workflow/inviteInput';

const NOW = new Date('2026-11-22T10:00:00Z');

describe('invite input validation', () => {
  it('accepts a complete account link and builds the Add item in wire order', () => {
    const r = validateInvite({ accountId: '180012345', clientCustomerNumber: 'b9x7z5q3w1', name: 'Fabrikam Shoes US', note: 'Q4', billToClient: 'yes', startDate: '2026-12-01' }, NOW);
    assert.ok('invite' in r);
    const link = toAddClientLink(r.invite, '251000123');
    assert.deepEqual(Object.keys(link), ['Type', 'ClientEntityId', 'ManagingCustomerId', 'Note', 'Name', 'IsBillToClient', 'StartDate', 'SuppressNotification', 'ClientEntityCustomerNumber']);
    assert.equal(link.StartDate, '2026-12-01T00:00:00');
    assert.equal(link.ClientEntityCustomerNumber, 'B9X7Z5Q3W1');
    assert.equal(link.IsBillToClient, true);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['missing account', { billToClient: 'yes' }, /account id or the account number/],
    ['non-numeric id', { accountId: '12ab', billToClient: 'yes' }, /positive whole number/],
    ['negative id', { accountId: '-5', billToClient: 'yes' }, /positive whole number/],
    ['zero id', { accountId: '0', billToClient: 'yes' }, /positive whole number/],
    ['id above long', { accountId: '9223372036854775808', billToClient: 'yes' }, /positive whole number/],
    ['short account number', { accountNumber: 'F12', billToClient: 'yes' }, /8 letters or digits/],
    ['name over 40', { accountId: '1', name: 'x'.repeat(41), billToClient: 'yes' }, /at most 40/],
    ['no bill-to for account link', { accountId: '1' }, /Say who pays/],
    ['bad bill-to', { accountId: '1', billToClient: 'maybe' }, /yes \(the client pays\)/],
    ['bad date', { accountId: '1', billToClient: 'no', startDate: 'next Tuesday' }, /must be a date like 2026-12-15 \(year-month-day\)/],
    ['ambiguous date', { accountId: '1', billToClient: 'no', startDate: '12/01/2026' }, /could be 12 January 2026 or December 1, 2026: write it as 2026-01-12 or 2026-12-01/],
    ['past date', { accountId: '1', billToClient: 'no', startDate: '2020-01-01' }, /in the past/],
    ['unknown type', { accountId: '1', billToClient: 'no', type: 'Campaign' }, /AccountLink or CustomerLink/],
    ['customer link without number', { accountId: '250987654', type: 'CustomerLink' }, /both the client customer id/],
    ['bill-to on customer link', { accountId: '250987654', accountNumber: 'B9X7Z5Q3W1', type: 'CustomerLink', billToClient: 'yes' }, /account links only/],
  ];
  for (const [name, fields, pattern] of bad) {
    it(`refuses ${name}`, () => {
      const r = validateInvite(fields, NOW);
      assert.ok('problems' in r, 'expected problems');
      assert.ok(r.problems.some((p) => pattern.test(p.message)), JSON.stringify(r.problems));
    });
  }

  it('accepts a customer link with id and number', () => {
    const r = validateInvite({ accountId: '250987654', accountNumber: 'B9X7Z5Q3W1', type: 'CustomerLink' }, NOW);
    assert.ok('invite' in r);
    const link = toAddClientLink(r.invite, '1');
    assert.equal(link.Type, 'CustomerLink');
    assert.equal(link.IsBillToClient, undefined);
  });

  it('writes dateTimes without an offset suffix and converts offsets to UTC', () => {
    assert.deepEqual(parseStartDate('2026-12-01T09:30+02:00', NOW), { value: '2026-12-01T07:30:00' });
    assert.deepEqual(parseStartDate('2026-12-01T09:30:15Z', NOW), { value: '2026-12-01T09:30:15' });
    assert.ok('error' in parseStartDate('2026-02-30', NOW));
    assert.equal(toServiceDateTime(new Date('2026-09-01T17:05:12.530Z')), '2026-09-01T17:05:12');
    assert.doesNotMatch(toServiceDateTime(new Date()), /[Z+]|-\d\d:\d\d$/);
  });

  it('an empty id asks for one instead of quoting "" (issue 12, item 15)', () => {
    assert.equal(validateClientIdOrNumber('', false), 'Enter an account id or account number.');
    assert.equal(validateClientIdOrNumber('   ', true), 'Enter a customer id.');
    assert.equal(validateEntityId(''), 'Enter an account id.');
    assert.equal(validateEntityId(' ', 'customerId'), 'Enter a customer id.');
    assert.equal(validateAccountNumber(''), 'Enter an account number.');
    assert.equal(validateCustomerNumber(''), 'Enter a customer number.');
    for (const message of [validateClientIdOrNumber('', false), validateEntityId(''), validateAccountNumber(''), validateCustomerNumber('')]) {
      assert.doesNotMatch(message ?? '', /got/);
    }
    assert.match(validateClientIdOrNumber('12ab', false) ?? '', /8 letters or digits/);
    assert.match(validateClientIdOrNumber('0123', false) ?? '', /do not start with 0/);
    assert.equal(validateClientIdOrNumber('180012345', false), undefined);
    assert.equal(validateClientIdOrNumber('f120abcd', false), undefined);
  });

  it('offers only the link types the role may invite, and says so before anything is sent (issue 12, item 6)', () => {
    assert.deepEqual(invitableLinkTypes(41), ['AccountLink', 'CustomerLink'], 'Super Admin');
    assert.deepEqual(invitableLinkTypes(203), ['AccountLink'], 'Standard');
    assert.deepEqual(invitableLinkTypes(100), [], 'Viewer');
    const standard = { roleId: 203, roleName: 'Standard', customerId: '251000123' };
    assert.equal(inviteRoleProblem(standard, 'AccountLink'), undefined);
    assert.equal(inviteRoleProblem(standard, undefined), undefined, 'the default type is an account link');
    assert.match(inviteRoleProblem(standard, 'CustomerLink') ?? '', /^Your role \(Standard\) on customer 251000123 cannot invite a customer link; it can invite account links\. A Super Admin can\./);
    assert.equal(inviteRoleProblem({ ...standard, roleId: 41, roleName: 'Super Admin' }, 'CustomerLink'), undefined);
    assert.equal(inviteRoleProblem(standard, 'Bogus'), undefined, 'an unknown type is left to validateInvite');
  });
});

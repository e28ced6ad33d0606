/**
 * Issue 12, item 13: an export in the invitation format is read back by Invite Clients from CSV
 * into the same invitations (round trip), keeps the BOM, and leaves out what cannot be sent again.
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { defaultExportFileName, exportFileBytes, exportInvitations } from '../../../src/core/workflow/exportLinks';
import { INVITE_CSV_HEADER } from '../../../src/core/workflow/inviteCsv';
import { parseInviteCsv } from '../../../src/core/workflow/inviteCsv';

const AGENCY = '251000123';
const NOW = new Date('2026-12-02T10:00:00Z');

const links: ClientLink[] = [
  { Type: 'AccountLink', ClientEntityId: '180012345', ClientEntityNumber: 'F120ABCD', ClientEntityCustomerNumber: 'B9X7Z5Q3W1', ClientEntityName: 'Café Olé', ManagingCustomerId: AGENCY, Name: 'Café Olé, "main"', Note: 'Hello\nsecond line', IsBillToClient: true, StartDate: '2026-12-15T00:00:00', SuppressNotification: false, Status: 'Active' },
  { Type: 'AccountLink', ClientEntityId: '180012348', ManagingCustomerId: AGENCY, Name: 'עברית', IsBillToClient: false, StartDate: '2025-01-01T09:30:00.517', SuppressNotification: true, Status: 'LinkExpired' },
  { Type: 'CustomerLink', ClientEntityId: '250987654', ClientEntityNumber: 'C1234567AB', ManagingCustomerId: AGENCY, Name: 'Fabrikam', Status: 'LinkDeclined', SuppressNotification: false },
  // The active customer is the client here: not an invitation it can send.
  { Type: 'AccountLink', ClientEntityId: '170000001', ManagingCustomerId: '259999999', IsBillToClient: true, Status: 'LinkPending' },
];

describe('export in the invitation format', () => {
  it('writes the invitation CSV columns, one row per link this customer sent', () => {
    const { text, rows, skipped } = exportInvitations(links, AGENCY, NOW);
    assert.equal(rows, 3);
    assert.equal(skipped, 1);
    const [header, first, second, third] = text.split('\r\n');
    assert.equal(header, INVITE_CSV_HEADER.join(','));
    assert.equal(first, '180012345,,B9X7Z5Q3W1,AccountLink,"Café Olé, ""main""","Hello\nsecond line",yes,2026-12-15,no');
    assert.equal(second, '180012348,,,AccountLink,עברית,,no,,yes', 'a start date in the past is left empty (the service refuses it)');
    assert.equal(third, '250987654,C1234567AB,,CustomerLink,Fabrikam,,,,no', 'a customer link: id and number, no payer');
  });

  it('round trip: Invite Clients from CSV reads the export back into the same invitations', () => {
    const bytes = exportFileBytes(links, 'invitations', AGENCY, NOW);
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM, so Excel reads the accents and scripts');
    const parsed = parseInviteCsv(bytes, NOW);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
    assert.deepEqual(
      parsed.rows.map((r) => r.invite),
      [
        { type: 'AccountLink', clientEntityId: '180012345', clientEntityNumber: undefined, clientCustomerNumber: 'B9X7Z5Q3W1', name: 'Café Olé, "main"', note: 'Hello\nsecond line', isBillToClient: true, startDate: '2026-12-15T00:00:00', suppressNotification: false },
        { type: 'AccountLink', clientEntityId: '180012348', clientEntityNumber: undefined, clientCustomerNumber: undefined, name: 'עברית', note: undefined, isBillToClient: false, startDate: undefined, suppressNotification: true },
        { type: 'CustomerLink', clientEntityId: '250987654', clientEntityNumber: 'C1234567AB', clientCustomerNumber: undefined, name: 'Fabrikam', note: undefined, isBillToClient: undefined, startDate: undefined, suppressNotification: false },
      ],
    );
  });

  it('names the file client-invitations-<customer>-<date>.csv', () => {
    assert.equal(defaultExportFileName(AGENCY, new Date(2026, 11, 2), 'invitations'), 'client-invitations-251000123-2026-12-02.csv');
    assert.equal(defaultExportFileName(AGENCY, new Date(2026, 11, 2), 'csv'), 'client-links-251000123-2026-12-02.csv');
  });
});

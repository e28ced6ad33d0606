/**
 * Pseudo-localisation of the core's words (issue 13, part 3): with a bundle whose every message is
 * wrapped in ⟦…⟧ (placeholders kept), configured through @vscode/l10n as the extension does at
 * activation, every sentence the core computes and the extension shows comes out wrapped: no English
 * is left behind in a constant evaluated at load. Without a bundle (the CLI) the same calls say
 * the English they always said.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { CancelledError, classifyItemFailure, HttpStatusError, OperationErrorsError, TimeoutError } from '../../../src/core/errors';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { ACTIONS, LINK_ACTIONS, STATUSES, statusLabel } from '../../../src/core/model/lifecycle';
import type { CustomerChoice } from '../../../src/core/workflow/customerContext';
import { filterLinks, groupLinks, statusCounts } from '../../../src/core/workflow/grouping';
import { parseInviteCsv } from '../../../src/core/workflow/inviteCsv';
import { validateClientIdOrNumber, validateInvite } from '../../../src/core/workflow/inviteInput';
import { actionNotApplicableReason, noActionReason, refusalReason, unlinkConsequence } from '../../../src/core/workflow/linkActions';
import { notSentAgainReason } from '../../../src/core/workflow/linkBulk';
import { linkFacts } from '../../../src/core/workflow/linkFacts';
import { reinviteRefusal } from '../../../src/core/workflow/reinvite';
import { statusChangeNotice } from '../../../src/core/workflow/storeEvents';
import { TimeFormatter } from '../../../src/core/workflow/timeFormat';
import { viewNotice } from '../../../src/core/workflow/viewMessages';
import { repoRoot } from '../../helpers/paths';
import type { ServiceModule } from '../../../src/core/service/loadService';

type BundleEntry = string | { message: string; comment: string[] };

/** The committed bundle with every message wrapped: what a translation that changed every word would give. */
function pseudoBundle(): Record<string, BundleEntry> {
  const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, BundleEntry>;
  return Object.fromEntries(Object.entries(bundle).map(([key, entry]) => [key, typeof entry === 'string' ? `⟦${entry}⟧` : { ...entry, message: `⟦${entry.message}⟧` }]));
}

const PSEUDO = /^⟦[^]*⟧$/;

function assertPseudo(text: string | undefined, what: string): void {
  assert.ok(text !== undefined, `${what}: no text`);
  assert.match(text, PSEUDO, `${what} is not localised: ${text}`);
}

const AGENCY = '251000123';
const agency: CustomerChoice = { customerId: AGENCY, roleId: 41, roleName: 'Super Admin', accountIds: [], viaCustomerLink: null, canManageLinks: true };
const viewer: CustomerChoice = { ...agency, roleId: 16, roleName: 'Viewer', canManageLinks: false };

let made = 0;

function link(status: string, overrides: Partial<ClientLink> = {}): ClientLink {
  made++;
  return {
    Type: 'AccountLink',
    ClientEntityId: `1800000${made}`,
    ClientEntityName: `Fabrikam ${made}`,
    ManagingCustomerId: AGENCY,
    Status: status as ClientLink['Status'],
    LastModifiedDateTime: '2026-11-30T10:00:00',
    IsBillToClient: true,
    ...overrides,
  };
}

describe('localisation: the core speaks the configured bundle (pseudo-localised)', () => {
  const pending = link('LinkPending');
  const active = link('Active');
  const expired = link('LinkExpired');
  const inbound = link('LinkPending', { ManagingCustomerId: '250999999', ClientEntityId: '180000777', ClientEntityName: 'Inbound' });
  const links = [pending, active, expired, inbound, link('Inactive'), link('Bogus')];

  before(() => {
    // English first: a module that cached its words at this point would keep them after config.
    assert.equal(filterLinks(links, 'active').length, 1);
    l10n.config({ contents: pseudoBundle() });
  });

  after(() => {
    l10n.config({ contents: {} });
  });

  it('status labels and meanings, action titles, confirmations and past tenses', () => {
    for (const def of STATUSES) {
      assertPseudo(def.label, `label of ${def.status}`);
      assertPseudo(def.meaning, `meaning of ${def.status}`);
    }
    for (const action of LINK_ACTIONS) {
      assertPseudo(ACTIONS[action].title, `title of ${action}`);
      assertPseudo(ACTIONS[action].confirm, `confirm of ${action}`);
      assertPseudo(ACTIONS[action].done, `done of ${action}`);
    }
  });

  it('group labels (by status, split by side, unknown, by client, all) and status counts', () => {
    const byStatus = groupLinks(links, 'status', { active: agency, showEmpty: true });
    assert.ok(byStatus.some((g) => g.id === 'status:LinkPending:awaiting') && byStatus.some((g) => g.id === 'status:Unknown'));
    for (const g of byStatus) {
      assertPseudo(g.label, g.id);
    }
    for (const g of groupLinks([link('Active', { ClientEntityCustomerNumber: 'C1234567890' }), link('Active', { ClientEntityId: '5', ClientEntityCustomerNumber: null })], 'client')) {
      assertPseudo(g.label, g.id);
      if (g.detail) {
        assertPseudo(g.detail, `${g.id} detail`);
      }
    }
    assertPseudo(groupLinks(links, 'none')[0]?.label, 'all links');
    for (const c of statusCounts(links)) {
      assertPseudo(c.label, `count of ${c.status}`);
    }
  });

  it('the filter matches the label the user sees (and the v13 name), not only the English one', () => {
    assert.deepEqual(filterLinks(links, '⟦Active⟧'), [active], 'a one-word localised label is a status term');
    assert.deepEqual(filterLinks(links, '⟦pending invitation⟧'), [pending, inbound], 'a several-word localised label is a status term');
    assert.deepEqual(filterLinks(links, 'LinkExpired'), [expired], 'the v13 name still matches');
  });

  it('the view notice and its buttons', () => {
    const notice = viewNotice({ shown: 0, total: 6, filter: 'zzz', loaded: true, stale: false });
    assertPseudo(notice.message, 'filter notice');
    assertPseudo(notice.actions[0]?.label, 'clear filter button');
    const failed = viewNotice({ shown: 0, total: 0, filter: '', loaded: false, stale: false, error: { message: 'HTTP 503', kind: 'http', codes: [] } });
    assertPseudo(failed.message, 'load failure');
    for (const a of failed.actions) {
      assertPseudo(a.label, a.command);
    }
    assertPseudo(viewNotice({ shown: 0, total: 0, filter: '', loaded: true, stale: false, role: { name: 'Viewer', canManageLinks: false } }).message, 'read-only role');
  });

  it("a link's facts: field labels, values in words, status, meaning and the history's new", () => {
    const times = new TimeFormatter({ locale: 'en-GB', timeZone: 'UTC', now: () => Date.parse('2026-12-01T00:00:00Z') });
    const facts = linkFacts({ link: { ...pending, SuppressNotification: false, LastModifiedByUserId: '171234567' }, times, active: agency, history: [{ status: 'LinkPending', from: null, seenAt: Date.parse('2026-11-30T10:00:00Z') }] });
    assertPseudo(facts.statusLabel, 'status');
    assertPseudo(facts.meaning, 'meaning');
    for (const row of facts.rows) {
      assertPseudo(row.label, `label of ${row.field}`);
    }
    for (const field of ['Type', 'IsBillToClient', 'SuppressNotification', 'Status', 'LastModifiedByUserId', 'side'] as const) {
      assertPseudo(facts.rows.find((r) => r.field === field)?.value, `value of ${field}`);
    }
    assertPseudo(facts.history[0]?.from, "the history's new");
    assertPseudo(facts.history[0]?.status, "the history's status");
    assertPseudo(times.relative(Date.parse('2026-11-30T23:59:50Z')), 'just now');
  });

  it('refusals of actions and of re-invite, the unlink consequence, the status change notice', () => {
    assertPseudo(refusalReason('accept', pending, agency), 'accept on the agency side');
    assertPseudo(refusalReason('unlink', pending, agency), 'unlink of a pending link');
    assertPseudo(refusalReason('cancel', pending, viewer), 'a role that cannot change links');
    assertPseudo(actionNotApplicableReason('unlink', [pending, expired], agency), 'unlink of a selection');
    assertPseudo(noActionReason([expired], agency), 'no action for a selection');
    assertPseudo(unlinkConsequence([active]), 'unlink consequence');
    assertPseudo(reinviteRefusal(active, agency), 're-invite of an active link');
    assertPseudo(statusChangeNotice([{ link: active, from: 'LinkInProgress', to: 'Active' }]), 'status change notice');
    assert.ok(refusalReason('unlink', pending, agency)?.includes('⟦Pending invitation⟧'), 'the status inside a sentence is localised too');
  });

  it('validation of a bad invitation and of a bad CSV file', () => {
    const invalid = validateInvite({ accountId: '1.8E+11', type: 'AccountLink', billToClient: 'maybe', startDate: '03/04/2026' }, new Date('2026-01-01T00:00:00Z'));
    assert.ok('problems' in invalid);
    assert.ok(invalid.problems.length >= 3);
    for (const p of invalid.problems) {
      assertPseudo(p.message, `problem with ${p.field}`);
    }
    assertPseudo(validateClientIdOrNumber('', false), 'empty client');
    const csv = parseInviteCsv(new TextEncoder().encode('account_id,colour\r\n12ab,red\r\n'));
    assert.ok(!csv.ok);
    for (const p of csv.problems) {
      assertPseudo(p.message, `CSV problem at row ${p.row}`);
    }
  });

  it('per-link failure reasons', () => {
    const failure = classifyItemFailure([{ code: 1410, errorCode: null, message: 'exists', details: null }]);
    assertPseudo(failure.reason, 'failure 1410');
    assertPseudo(classifyItemFailure([], undefined, true).reason, 'not sent');
    assertPseudo(notSentAgainReason('accept', inbound, { ...inbound, Status: 'Active' }, failure), 'not sent again');
  });

  it('errors the service layer makes: HTTP answers, time-outs, cancellation, whole-call errors', () => {
    assertPseudo(new HttpStatusError(503, 'Service Unavailable', {}).message, 'HTTP error with an excerpt');
    assertPseudo(new HttpStatusError(502, '', {}).message, 'HTTP error');
    assertPseudo(new TimeoutError(100_000, {}).message, 'time-out');
    assertPseudo(new CancelledError().message, 'cancelled');
    assertPseudo(new OperationErrorsError([{ code: 1410, errorCode: null, message: 'exists', details: null }], {}).message, 'operation error');
  });

  it('the bundled service layer (dist/service.js, its own copy of @vscode/l10n) speaks the bundle the extension gives it', async () => {
    const file = path.join(repoRoot, 'dist', 'service.js');
    assert.ok(fs.existsSync(file), 'npm run build makes dist/service.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(file) as ServiceModule;
    const service = bundled.createClientLinksService({
      endpoint: 'https://127.0.0.1:9/Api/CustomerManagement/v13/CustomerManagementService.svc',
      tokenSource: { getAccessToken: () => Promise.resolve('x') },
      developerToken: () => Promise.resolve(''),
      customerId: () => undefined,
    });
    const refusal = async (): Promise<string> => {
      try {
        await service.getUser();
      } catch (e) {
        return (e as Error).message;
      }
      return assert.fail('no developer token, yet the call went through');
    };
    assert.equal(await refusal(), 'No developer token is set.', 'the bundle of dist/service.js is not configured by the tests\' own l10n.config');
    bundled.configureL10n(pseudoBundle());
    try {
      assertPseudo(await refusal(), 'a refusal made in dist/service.js');
    } finally {
      bundled.configureL10n({});
    }
  });

  it('without a bundle (the CLI) the same calls say the English they always said', () => {
    l10n.config({ contents: {} });
    try {
      assert.equal(statusLabel('LinkPending'), 'Pending invitation');
      assert.equal(ACTIONS.cancel.confirm, 'Withdraw Invitation');
      assert.equal(groupLinks(links, 'none')[0]?.label, 'All links');
      assert.deepEqual(filterLinks(links, 'active'), [active]);
      assert.equal(refusalReason('unlink', pending, agency), 'Request unlink needs status Active; Fabrikam 1 is Pending invitation.');
    } finally {
      l10n.config({ contents: pseudoBundle() });
    }
  });
});

/**
 * Issue 12, item 4 and 16: which failures Retry Failed sends again (only those that may succeed),
 * the failure report a user fixes and imports again, the tree's marks, and what Retry Failed says
 * of a link whose status changed.
 */
import * as assert from 'node:assert/strict';
import { classifyItemFailure, HttpStatusError, NetworkError, OperationErrorsError, ServiceFaultError, TimeoutError, type ServiceErrorEntry } from '../../../src/core/errors';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { summarizeBulk } from '../../../src/core/workflow/bulkSummary';
import { defaultFailureReportName, failureReportBytes, failureReportCsv } from '../../../src/core/workflow/failureReport';
import { parseInviteCsv } from '../../../src/core/workflow/inviteCsv';
import { toAddClientLink } from '../../../src/core/workflow/inviteInput';
import { notSentAgainReason, type BulkResult } from '../../../src/core/workflow/linkBulk';
import { LinkStore } from '../../../src/core/workflow/linkStore';
import { FakeService, userWith } from '../../helpers/fakeService';

const AGENCY = '251000123';
const NOW = new Date('2026-11-22T10:00:00Z');
const entry = (code: number, message = `error ${code}`): ServiceErrorEntry => ({ code, errorCode: null, message, details: null });
const link = (id: string, status: ClientLink['Status']): ClientLink => ({ Type: 'AccountLink', ClientEntityId: id, ClientEntityName: `Client ${id}`, ManagingCustomerId: AGENCY, Status: status });

async function agency(links: ClientLink[]): Promise<{ store: LinkStore; service: FakeService }> {
  const service = new FakeService(userWith([[AGENCY, 41]]));
  service.links = links;
  const store = new LinkStore(() => 1_000);
  store.startSession(() => Promise.resolve(service));
  await store.refresh();
  return { store, service };
}

describe('bulk failures: what can be retried', () => {
  for (const [code, what] of [[1410, /already exists/], [2108, /No account has this id/], [1471, /prepaid/], [1424, /Another agency/], [106, /permission/]] as const) {
    it(`${code} is permanent: sending again would fail the same way`, () => {
      const f = classifyItemFailure([entry(code)]);
      assert.equal(f.retryable, false);
      assert.equal(f.mayHaveApplied, false);
      assert.match(f.reason, what);
      assert.match(f.reason, new RegExp(`\\(error ${code}\\)`));
    });
  }

  for (const code of [0, 117, 2208, 1472]) {
    it(`${code} is transient: Retry Failed may succeed`, () => {
      assert.equal(classifyItemFailure([entry(code)]).retryable, true);
    });
  }

  it('an unknown per-link code is taken as the service refusing that link, with its own words', () => {
    const f = classifyItemFailure([entry(90001, 'ClientLinkFieldInvalid: a client link field is missing or not valid.')]);
    assert.equal(f.retryable, false);
    assert.match(f.reason, /^ClientLinkFieldInvalid: a client link field is missing or not valid \(error 90001\)\.$/);
  });

  it('whole-call failures: lost answers and passing trouble are retryable; only lost answers may have been applied', () => {
    const timeout = classifyItemFailure([], new TimeoutError(60_000, { operation: 'UpdateClientLinks' }));
    assert.deepEqual([timeout.retryable, timeout.mayHaveApplied], [true, true]);
    assert.equal(timeout.reason, 'No answer from the service within 60 s, so it is not known whether it was applied.');
    const refused = classifyItemFailure([], new NetworkError('Connection refused', 'ECONNREFUSED', {}));
    assert.deepEqual([refused.retryable, refused.mayHaveApplied], [true, false]);
    assert.match(refused.reason, /Nothing was sent/);
    const reset = classifyItemFailure([], new NetworkError('Connection reset', 'ECONNRESET', {}));
    assert.deepEqual([reset.retryable, reset.mayHaveApplied], [true, true]);
    const cert = classifyItemFailure([], new NetworkError('bad cert', 'DEPTH_ZERO_SELF_SIGNED_CERT', {}));
    assert.equal(cert.retryable, false);
    const http503 = classifyItemFailure([], new HttpStatusError(503, 'Service Unavailable', {}));
    assert.deepEqual([http503.retryable, http503.mayHaveApplied], [true, true]);
    const http400 = classifyItemFailure([], new HttpStatusError(400, 'Bad Request', {}));
    assert.equal(http400.retryable, false);
    const throttled = new ServiceFaultError('s:Server', 'x', 'AdApiFaultDetail', [entry(117)], {});
    assert.deepEqual(classifyItemFailure(throttled.errors, throttled).retryable, true);
    const credentials = new ServiceFaultError('s:Client', 'x', 'AdApiFaultDetail', [entry(105)], {});
    const c = classifyItemFailure(credentials.errors, credentials);
    assert.equal(c.retryable, true, 'the link is fine: once the credentials are fixed, Retry Failed sends it');
    assert.match(c.reason, /set the developer token for this environment or sign in again, then use Retry Failed \(error 105\)/);
    const operation = new OperationErrorsError([entry(3024)], { operation: 'AddClientLinks' });
    assert.equal(classifyItemFailure(operation.errors, operation).retryable, false);
    assert.deepEqual(classifyItemFailure([], undefined, true), { retryable: true, mayHaveApplied: false, reason: 'Not sent: the action was stopped before this link was sent.' });
  });

  const result = (codes: number[]): BulkResult => ({
    action: 'invite',
    outcomes: codes.map((code, index) => ({ index, link: link(String(index + 1), null), state: code ? 'failed' : 'succeeded', errors: code ? [entry(code)] : [] })),
    refused: [],
    cancelled: false,
  });

  it('the summary counts the failures that may succeed when sent again apart from those to fix first (each front end words it)', () => {
    const permanent = summarizeBulk(result(Array.from({ length: 60 }, () => 2108)));
    assert.deepEqual(permanent, { total: 60, sent: 60, done: 0, failed: 60, refused: 0, notSent: 0, stopped: undefined, retryable: 0, permanent: 60, allDone: false });
    assert.deepEqual(summarizeBulk(result([2208, 117, 0])), { total: 3, sent: 3, done: 1, failed: 2, refused: 0, notSent: 0, stopped: undefined, retryable: 2, permanent: 0, allDone: false });
    assert.equal(summarizeBulk(result([1410, 117, 0])).retryable, 1);
    assert.equal(summarizeBulk(result([1410, 117, 0])).permanent, 1);
    assert.equal(summarizeBulk(result([0, 0])).allDone, true);
    assert.equal(summarizeBulk({ ...result([0, 0]), sessionEnded: true }).stopped, 'sessionEnded', 'a session that ended is never "all done"');
    assert.equal(summarizeBulk({ ...result([0, 0]), sessionEnded: true }).allDone, false);
    assert.equal(summarizeBulk({ ...result([0]), cancelled: true }).stopped, 'cancelled');
  });
});

describe('bulk failures in the store', () => {
  it('Retry Failed covers only the retryable failures; the report and the marks cover all', async () => {
    const { store, service } = await agency([link('1', 'Active'), link('2', 'Active'), link('3', 'Active')]);
    service.itemErrors.set('1', 106);
    service.itemErrors.set('2', 2208);
    const first = await store.runAction('unlink', store.links);
    assert.deepEqual(first.outcomes.map((o) => o.state), ['failed', 'failed', 'succeeded']);
    assert.deepEqual(store.lastFailed?.links.map((l) => l.ClientEntityId), ['2']);
    assert.deepEqual(store.lastFailures?.failures.map((f) => f.link.ClientEntityId), ['1', '2']);
    const one = store.links.find((l) => l.ClientEntityId === '1')!;
    assert.match(store.failureFor(one) ?? '', /permission/);
    assert.equal(store.failureFor(store.links.find((l) => l.ClientEntityId === '3')!), undefined, 'a link done is not marked');

    service.itemErrors.clear();
    const retry = await store.retryFailed();
    assert.deepEqual(retry?.outcomes.map((o) => o.link.ClientEntityId), ['2'], 'the permanent failure is not sent again');
    assert.equal(store.lastFailed, undefined, 'nothing left that a retry could do');
    assert.deepEqual(store.lastFailures?.failures.map((f) => f.link.ClientEntityId), ['1'], 'the permanent failure stays in the report');
  });

  it('a refresh that shows the link changed clears its mark; the next action replaces the marks', async () => {
    const { store, service } = await agency([link('1', 'Active'), link('2', 'LinkPending')]);
    service.itemErrors.set('1', 106);
    await store.runAction('unlink', [store.links[0]!]);
    assert.ok(store.failureFor(store.links[0]!));
    service.links[0]!.Status = 'UnlinkPending';
    await store.refresh();
    assert.equal(store.failureFor(store.links.find((l) => l.ClientEntityId === '1')!), undefined);
    service.itemErrors.set('2', 3083);
    await store.runAction('cancel', [store.links.find((l) => l.ClientEntityId === '2')!]);
    assert.ok(store.lastFailed, '3083 (changed since loaded) is retried with the current version');
  });

  it('an invitation refused with 1410 marks the existing link for that client', async () => {
    const { store, service } = await agency([link('7', 'Active')]);
    service.itemErrors.set('7', 1410);
    const result = await store.invite([{ Type: 'AccountLink', ClientEntityId: '7', IsBillToClient: true }]);
    assert.equal(result.outcomes[0]?.state, 'failed');
    assert.equal(store.lastFailed, undefined);
    assert.match(store.failureFor(store.links[0]!) ?? '', /already exists/);
  });
});

describe('failure report', () => {
  it('writes the failed invitations in the invitations CSV format with a reason, UTF-8 with a BOM', () => {
    const report = {
      action: 'invite' as const,
      failures: [
        { link: { Type: 'AccountLink' as const, ClientEntityId: '180012345', ManagingCustomerId: AGENCY, Name: 'Café Olé, "Shoes"', Note: 'line1\nline2', IsBillToClient: true, StartDate: '2026-12-15T00:00:00', SuppressNotification: false }, failure: classifyItemFailure([entry(2108)]) },
        { link: { Type: 'CustomerLink' as const, ClientEntityId: '250987654', ClientEntityNumber: 'B9X7Z5Q3W1', ManagingCustomerId: AGENCY, SuppressNotification: true }, failure: classifyItemFailure([entry(1410)]) },
      ],
    };
    const bytes = failureReportBytes(report);
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = failureReportCsv(report);
    const [header, first] = text.split('\r\n');
    assert.equal(header, 'account_id,account_number,client_customer_number,type,name,note,bill_to_client,start_date,suppress_notification,reason');
    assert.match(first ?? '', /^180012345,,,AccountLink,"Café Olé, ""Shoes""","line1/);
    assert.match(text, /No account has this id; check the account id \(error 2108\)\./);
    assert.equal(defaultFailureReportName(report, new Date(2026, 10, 22)), 'failed-invitations-2026-11-22.csv');
  });

  it('imports again with Invite Clients from CSV as it is, giving the same invitations', () => {
    const sent: ClientLink[] = [
      { Type: 'AccountLink', ClientEntityId: '180012345', ClientEntityCustomerNumber: 'B9X7Z5Q3W1', ManagingCustomerId: AGENCY, Name: 'Café Olé 🚀', Note: '=cmd, "quoted"', IsBillToClient: false, StartDate: '2026-12-15T00:00:00', SuppressNotification: true },
      { Type: 'AccountLink', ClientEntityNumber: 'F120ABCD', ManagingCustomerId: AGENCY, IsBillToClient: true, SuppressNotification: false },
      { Type: 'CustomerLink', ClientEntityId: '250987654', ClientEntityNumber: 'B9X7Z5Q3W1', ManagingCustomerId: AGENCY, SuppressNotification: false },
    ];
    const report = { action: 'invite' as const, failures: sent.map((l) => ({ link: l, failure: classifyItemFailure([entry(2108)]) })) };
    const parsed = parseInviteCsv(failureReportBytes(report), NOW);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const again = parsed.rows.map((r) => toAddClientLink(r.invite, AGENCY));
    // A note starting with = is written as '=… (formula neutralised) and read back with the apostrophe.
    assert.deepEqual(again, sent.map((l) => (l.Note ? { ...l, Note: `'${l.Note}` } : l)));
    assert.deepEqual(parsed.rows.map((r) => r.row), [2, 3, 4]);
  });

  it('lists failed lifecycle actions with the client, status and reason', () => {
    const text = failureReportCsv({ action: 'cancel', failures: [{ link: link('5', 'LinkPending'), failure: classifyItemFailure([entry(106)]) }] });
    assert.equal(text.split('\r\n')[0], 'action,type,client_id,client_number,client_name,status,reason');
    assert.match(text, /Cancel invitation,AccountLink,5,,Client 5,Pending invitation,You do not have permission/);
  });
});

describe('Retry Failed: why a link is not sent again', () => {
  const throttled = classifyItemFailure([entry(117)]);
  const lost = classifyItemFailure([], new TimeoutError(60_000, {}));

  it('does not say the service may have applied it when the client accepted meanwhile', () => {
    const text = notSentAgainReason('cancel', link('1', 'LinkPending'), link('1', 'LinkInProgress'), lost);
    assert.equal(text, 'Not sent again: it is Linking in progress now (was Pending invitation when Cancel invitation failed): it changed meanwhile, so Cancel invitation no longer applies to it.');
  });

  it('says it was done after all when the answer was lost and the link shows the result', () => {
    assert.match(notSentAgainReason('cancel', link('1', 'LinkPending'), link('1', 'LinkCanceled'), lost), /it is Canceled now \(was Pending invitation .*the service applied it although its answer was lost/);
    assert.match(notSentAgainReason('unlink', link('1', 'Active'), link('1', 'UnlinkPending'), lost), /applied it/);
  });

  it('never says "applied" when nothing was (throttled): someone else did it', () => {
    const text = notSentAgainReason('cancel', link('1', 'LinkPending'), link('1', 'LinkCanceled'), throttled);
    assert.match(text, /someone else did it meanwhile/);
    assert.doesNotMatch(text, /applied/);
  });
});

/**
 * What came back over REST → a JSON body or the right typed error (REST spec §6): faults
 * dispatched on `Type` whatever the status, TrackingId from the header else the body, Retry-After,
 * non-JSON error pages, non-JSON 2xx bodies, and what a 404/501 suggests before and after the
 * SOAP sunset.
 */
import * as assert from 'node:assert/strict';
import { HttpStatusError, MalformedResponseError, ServiceFaultError } from '../../../src/core/errors';
import type { RawResponse } from '../../../src/core/http/transport';
import { readRestAnswer, retryAfterMs, type RestAnswerContext } from '../../../src/core/rest/restAnswer';
import { CustomerManagementRestClient } from '../../../src/core/rest/restClient';
import { FakeTransport, REST_BASE } from './fakeTransport';

const NOW = Date.UTC(2026, 8, 1, 12, 0, 0);
const CONTEXT: RestAnswerContext = { operation: 'SearchClientLinks', notServedHint: undefined, nowMs: NOW };

const AD_API_FAULT = {
  TrackingId: '9b2f4e1a-77c0-4b8e-a1d2-3c4b5d6e7f80',
  Type: 'AdApiFaultDetail',
  Errors: [{ Code: 109, Detail: null, ErrorCode: 'AuthenticationTokenExpired', Message: 'Authentication token expired. Please renew it or obtain a new token.' }],
};
const API_FAULT = {
  TrackingId: '41c0d2b9-1f0e-4e57-9a3c-2b1d0e9f8a77',
  Type: 'ApiFault',
  OperationErrors: [{ Code: 3087, Details: null, Message: 'The ClientLinks list is null or empty.' }],
};

function answer(status: number, body: unknown, headers: Record<string, string | undefined> = {}): RawResponse {
  return { status, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}

function thrown<T extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => T): T {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof type, `expected ${type.name}, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    return e;
  }
  assert.fail(`expected ${type.name}, nothing thrown`);
}

const fault = (response: RawResponse, context: RestAnswerContext = CONTEXT): ServiceFaultError => thrown(() => readRestAnswer(response, context), ServiceFaultError);

describe('REST answers (restAnswer)', () => {
  describe('ApplicationFault', () => {
    it('AdApiFaultDetail → errors with their symbolic ErrorCode; 109 is a token expiry', () => {
      const e = fault(answer(401, AD_API_FAULT));
      assert.equal(e.detailType, 'AdApiFaultDetail');
      assert.deepEqual(e.errors, [{ code: 109, errorCode: 'AuthenticationTokenExpired', message: 'Authentication token expired. Please renew it or obtain a new token.', details: null }]);
      assert.equal(e.tokenExpired, true);
      assert.equal(e.httpStatus, 401);
      assert.equal(e.protocol, 'rest');
      assert.equal(e.operation, 'SearchClientLinks');
    });

    it('ApiFault → its OperationErrors (no symbolic code)', () => {
      const e = fault(answer(400, API_FAULT));
      assert.equal(e.detailType, 'ApiFault');
      assert.deepEqual(e.errors, [{ code: 3087, errorCode: null, message: 'The ClientLinks list is null or empty.', details: null }]);
      assert.equal(e.serverSide, false);
    });

    it('dispatches on Type, not on the status: an AdApiFaultDetail under 400, an ApiFault under 500', () => {
      assert.equal(fault(answer(400, AD_API_FAULT)).detailType, 'AdApiFaultDetail');
      const e = fault(answer(500, API_FAULT));
      assert.equal(e.detailType, 'ApiFault');
      assert.equal(e.serverSide, true);
    });

    it('an unknown Type → detailType unknown, no errors; transient when the status is 5xx', () => {
      const e = fault(answer(500, { TrackingId: 't', Type: 'SomethingNewFault', Whatever: [{ Code: 1 }] }));
      assert.equal(e.detailType, 'unknown');
      assert.deepEqual(e.errors, []);
      assert.equal(e.transient, true);
      assert.equal(fault(answer(400, { Type: 'SomethingNewFault' })).transient, false);
    });

    it('without Type: dispatched on which of Errors / OperationErrors it has', () => {
      const { Type: _t1, ...adApi } = AD_API_FAULT;
      assert.equal(fault(answer(401, adApi)).detailType, 'AdApiFaultDetail');
      const { Type: _t2, ...apiFault } = API_FAULT;
      assert.equal(fault(answer(400, { ApplicationFault: apiFault })).detailType, 'ApiFault');
    });

    // A bare body with OperationErrors and no Type is not a fault in a 2xx answer (Add/Update success
    // bodies have OperationErrors), but under an error status nothing else can be meant (REST spec §6:
    // "dispatch on Type, else on which of Errors/OperationErrors/BatchErrors is present"). Read as an
    // HttpStatusError, the codes would be lost and a 500 would look like a lost answer.
    it('an ApiFault without Type under an error status (400, 500) is still an ApiFault', () => {
      const { Type: _t, ...untyped } = API_FAULT;
      for (const status of [400, 500]) {
        const e = fault(answer(status, untyped));
        assert.equal(e.detailType, 'ApiFault');
        assert.equal(e.errors[0]?.code, 3087);
        assert.equal(e.trackingId, API_FAULT.TrackingId);
      }
    });

    it('unwraps a {"ApplicationFault": {…}} wrapper', () => {
      const e = fault(answer(401, { ApplicationFault: AD_API_FAULT }), { ...CONTEXT, operation: 'GetUser' });
      assert.equal(e.detailType, 'AdApiFaultDetail');
      assert.equal(e.errors[0]?.code, 109);
      assert.equal(e.trackingId, AD_API_FAULT.TrackingId);
      const api = fault(answer(400, { ApplicationFault: API_FAULT }));
      assert.equal(api.detailType, 'ApiFault');
      assert.equal(api.errors[0]?.code, 3087);
    });

    it('a fault body with status 200 is still a fault', () => {
      const e = fault(answer(200, AD_API_FAULT));
      assert.equal(e.detailType, 'AdApiFaultDetail');
      assert.equal(e.httpStatus, 200);
      assert.equal(fault(answer(200, API_FAULT)).detailType, 'ApiFault');
    });

    it('a 200 Add/Update answer with OperationErrors (no Type) is a body, not a fault', () => {
      const body = { OperationErrors: [{ Code: 3087, Details: null, Message: 'empty' }], PartialErrors: [] };
      assert.deepEqual(readRestAnswer(answer(200, body), { ...CONTEXT, operation: 'AddClientLinks' }).body, body);
    });

    it('TrackingId: the response header first, else the fault body', () => {
      assert.equal(fault(answer(401, AD_API_FAULT, { trackingid: 'header-tid' })).trackingId, 'header-tid');
      assert.equal(fault(answer(401, AD_API_FAULT)).trackingId, AD_API_FAULT.TrackingId);
      assert.equal(fault(answer(401, AD_API_FAULT, { trackingid: '  ' })).trackingId, AD_API_FAULT.TrackingId);
    });

    it('a 429 fault with code 117 is throttled and carries Retry-After', () => {
      const e = fault(answer(429, { Type: 'AdApiFaultDetail', Errors: [{ Code: 117, ErrorCode: 'CallRateExceeded', Message: 'slow down' }] }, { 'retry-after': '7' }));
      assert.equal(e.throttled, true);
      assert.equal(e.retryAfterMs, 7000);
    });
  });

  describe('Retry-After', () => {
    it('delta-seconds → ms', () => {
      assert.equal(retryAfterMs('7', NOW), 7000);
      assert.equal(retryAfterMs(' 120 ', NOW), 120_000);
      assert.equal(retryAfterMs('0', NOW), 0);
    });

    it('an HTTP date → ms from now (0 when already past)', () => {
      assert.equal(retryAfterMs('Tue, 01 Sep 2026 12:00:30 GMT', NOW), 30_000);
      assert.equal(retryAfterMs('Tue, 01 Sep 2026 11:59:00 GMT', NOW), 0);
    });

    it('absent, empty or unreadable → undefined', () => {
      assert.equal(retryAfterMs(undefined, NOW), undefined);
      assert.equal(retryAfterMs('', NOW), undefined);
      assert.equal(retryAfterMs('soon', NOW), undefined);
      assert.equal(retryAfterMs('7s', NOW), undefined);
    });

    // A value that is neither delta-seconds nor an HTTP date must not reach Date.parse, whose legacy
    // V8 parser reads '1.5' as 2001-01-05 and '-5' as 2001-05-01: the wait would become 0 ms.
    it('a malformed value that Date.parse happens to read (1.5, -5) → undefined, not 0', () => {
      assert.equal(retryAfterMs('1.5', NOW), undefined);
      assert.equal(retryAfterMs('-5', NOW), undefined);
    });

    it('is kept on an HttpStatusError 429 without a fault body (HTTP date form)', () => {
      const e = thrown(() => readRestAnswer(answer(429, '', { 'retry-after': 'Tue, 01 Sep 2026 12:01:00 GMT' }), CONTEXT), HttpStatusError);
      assert.equal(e.status, 429);
      assert.equal(e.retryAfterMs, 60_000);
      assert.equal(e.transient, true);
    });
  });

  describe('no fault', () => {
    it('a proxy HTML 502 → HttpStatusError, transient, with a clean message (no tags)', () => {
      const html = '<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
      const e = thrown(() => readRestAnswer(answer(502, html, { 'content-type': 'text/html', trackingid: undefined }), CONTEXT), HttpStatusError);
      assert.equal(e.status, 502);
      assert.equal(e.transient, true);
      assert.equal(e.operation, 'SearchClientLinks');
      assert.doesNotMatch(e.message, /[<>{}]/, e.message);
      assert.match(e.message, /^The service answered HTTP 502 \(.*Bad Gateway.*\)$/);
    });

    it('an empty 502 → HttpStatusError with just the status', () => {
      const e = thrown(() => readRestAnswer(answer(502, '', { 'content-type': undefined }), CONTEXT), HttpStatusError);
      assert.equal(e.message, 'The service answered HTTP 502');
      assert.equal(e.transient, true);
    });

    it('an error status with a JSON body that is not a fault → HttpStatusError', () => {
      const e = thrown(() => readRestAnswer(answer(503, { message: 'maintenance' }), CONTEXT), HttpStatusError);
      assert.equal(e.status, 503);
    });

    it('a 2xx body that is not JSON → MalformedResponseError saying so', () => {
      const e = thrown(() => readRestAnswer(answer(200, '<html><body>Sign in to the Wi-Fi</body></html>', { 'content-type': 'text/html' }), CONTEXT), MalformedResponseError);
      assert.match(e.message, /not JSON/);
      assert.match(e.message, /text\/html/);
      assert.equal(e.transient, true);
    });

    it('a 2xx truncated JSON, an empty body, or JSON that is not an object → MalformedResponseError', () => {
      assert.match(thrown(() => readRestAnswer(answer(200, '{"ClientLinks": [{"Type"'), CONTEXT), MalformedResponseError).message, /not JSON/);
      assert.match(thrown(() => readRestAnswer(answer(200, ''), CONTEXT), MalformedResponseError).message, /empty/);
      assert.match(thrown(() => readRestAnswer(answer(200, '[1,2]'), CONTEXT), MalformedResponseError).message, /not an object/);
    });

    it('a 2xx JSON object → the body and the header TrackingId', () => {
      const result = readRestAnswer(answer(200, { ClientLinks: [] }, { trackingid: 'tid-ok' }), CONTEXT);
      assert.deepEqual(result, { body: { ClientLinks: [] }, trackingId: 'tid-ok' });
    });
  });

  describe('404/501: REST not served here', () => {
    const BEFORE_SUNSET = Date.UTC(2027, 0, 30, 23, 59, 59);
    const AT_SUNSET = Date.UTC(2027, 0, 31);

    async function notServed(status: number, nowMs: number): Promise<HttpStatusError> {
      const transport = new FakeTransport(() => ({ status, body: status === 404 ? '<html><body>Not Found</body></html>' : '', headers: { 'content-type': 'text/html' } }));
      const client = new CustomerManagementRestClient({ baseUrl: REST_BASE, timeoutMs: 1000, transport, now: () => nowMs });
      const error = await client.getUser({ credentials: { accessToken: 'a', developerToken: 'd' } }).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof HttpStatusError, String(error));
      return error;
    }

    for (const status of [404, 501]) {
      it(`${status} before 2027-01-31 suggests SOAP`, async () => {
        const e = await notServed(status, BEFORE_SUNSET);
        assert.equal(e.protocolHint, 'trySoap');
        assert.match(e.advice ?? '', /soap/i);
      });

      it(`${status} from 2027-01-31 on suggests no fallback`, async () => {
        const e = await notServed(status, AT_SUNSET);
        assert.equal(e.protocolHint, undefined);
        assert.doesNotMatch(e.advice ?? '', /soap/i);
      });
    }

    it('other statuses carry no hint even before the sunset', async () => {
      const e = await notServed(502, BEFORE_SUNSET);
      assert.equal(e.protocolHint, undefined);
    });

    it('readRestAnswer passes the hint it is given on 404 only to HttpStatusError, not to a fault', () => {
      const e = thrown(() => readRestAnswer(answer(404, ''), { ...CONTEXT, notServedHint: 'trySoap' }), HttpStatusError);
      assert.equal(e.protocolHint, 'trySoap');
      assert.equal(fault(answer(404, API_FAULT), { ...CONTEXT, notServedHint: 'trySoap' }).detailType, 'ApiFault');
    });
  });
});

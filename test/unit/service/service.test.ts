import * as assert from 'node:assert/strict';
import { AuthError, CancelledError, NetworkError, OperationErrorsError, ServiceFaultError, TimeoutError } from '../../../src/core/errors';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { createClientLinksService, CustomerManagementSoapClient, WireClientLinksService } from '../../../src/core/service';
import { NodeHttpTransport, type Transport } from '../../../src/core/http/transport';
import type { CallEvent, ClientLinksService, RetryEvent, ServiceOptions } from '../../../src/core/service/types';
import { adApiFault, apiFault, getUserResponse, sampleLink, searchResponse, writeResponse } from '../soap/envelopes';
import { startCannedServer, type CannedServer } from './cannedServer';

const ACCESS_TOKEN = 'access-token-SECRET';
const DEVELOPER_TOKEN = 'dev-token-SECRET';

function invite(i: number): ClientLink {
  return { Type: 'AccountLink', ClientEntityId: String(180000000 + i), ManagingCustomerId: '251000123', IsBillToClient: true };
}

/** Client links in a request body (by ClientEntityId). */
function sentIds(body: string): string[] {
  return [...body.matchAll(/<e:ClientEntityId>(\d+)<\/e:ClientEntityId>/g)].map((m) => m[1] as string);
}

describe('SOAP ClientLinksService against a canned HTTP server', () => {
  let server: CannedServer;
  let services: ClientLinksService[];
  let calls: CallEvent[];
  let retries: RetryEvent[];
  let sleeps: number[];
  let refreshes: number;

  function service(overrides: Partial<ServiceOptions> = {}): ClientLinksService {
    const s = createClientLinksService({
      endpoint: server.url,
      developerToken: () => Promise.resolve(DEVELOPER_TOKEN),
      tokenSource: {
        getAccessToken: ({ forceRefresh }) => {
          if (forceRefresh) {
            refreshes++;
            return Promise.resolve(`${ACCESS_TOKEN}-renewed`);
          }
          return Promise.resolve(ACCESS_TOKEN);
        },
      },
      timeoutMs: 2000,
      observer: { onCall: (e) => calls.push(e), onRetry: (e) => retries.push(e) },
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      ...overrides,
    });
    services.push(s);
    return s;
  }

  beforeEach(async () => {
    calls = [];
    retries = [];
    sleeps = [];
    refreshes = 0;
    services = [];
    server = await startCannedServer(() => ({ status: 500, body: '' }));
  });

  afterEach(async () => {
    for (const s of services) {
      (s as { dispose?: () => void }).dispose?.();
    }
    await server.close();
  });

  it('GetUser: sends the quoted bare SOAPAction and both tokens, returns the TrackingId', async () => {
    server.handler = () => ({ body: getUserResponse('tid-user') });
    const result = await service().getUser();
    assert.equal(result.trackingId, 'tid-user');
    assert.equal(result.value.User.Id, '171234567');
    const [request] = server.requests;
    assert.equal(request?.soapAction, '"GetUser"');
    assert.match(request?.headers['content-type'] ?? '', /^text\/xml; charset=utf-8/);
    assert.ok(request?.body.includes(ACCESS_TOKEN) && request.body.includes(DEVELOPER_TOKEN));
    assert.deepEqual(
      calls.map((c) => [c.operation, c.outcome, c.attempt, c.trackingId]),
      [['GetUser', 'ok', 1, 'tid-user']],
    );
  });

  it('never reports tokens to the observer', async () => {
    server.handler = (_r, n) => (n === 1 ? { status: 500, body: adApiFault(109, 'AuthenticationTokenExpired', 'expired') } : { body: getUserResponse() });
    await service().getUser();
    const dump = JSON.stringify([calls, retries], (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message } : v));
    assert.ok(!dump.includes('SECRET'), dump);
  });

  it('searchClientLinks returns all pages in order, stopping at the first short page', async () => {
    const all = Array.from({ length: 250 }, (_, i) => sampleLink({ ClientEntityId: String(200000 + i) }));
    server.handler = (r) => {
      const index = Number(/<e:Index[^>]*>(\d+)<\/e:Index>/.exec(r.body)?.[1]);
      const size = Number(/<e:Size[^>]*>(\d+)<\/e:Size>/.exec(r.body)?.[1]);
      return { body: searchResponse(all.slice(index * size, index * size + size), `page-${index}`) };
    };
    const result = await service({ searchConcurrency: 2 }).searchClientLinks({ predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: '251000123' }] });
    assert.equal(result.links.length, 250);
    assert.deepEqual(
      result.links.map((l) => l.ClientEntityId),
      all.map((l) => l.ClientEntityId),
    );
    assert.deepEqual(result.trackingIds, ['page-0', 'page-1', 'page-2']);
    assert.equal(server.requests.length, 3);
    assert.ok(server.requests.every((r) => /<e:Size[^>]*>100<\/e:Size>/.test(r.body)));
  });

  it('retries a read after HTTP 503 and a connection reset, with backoff from the injected random', async () => {
    server.handler = (_r, n) => (n === 1 ? { status: 503, body: '<html>busy</html>' } : n === 2 ? { destroy: true } : { body: getUserResponse() });
    await service().getUser();
    assert.equal(server.requests.length, 3);
    assert.deepEqual(sleeps, [250, 500]);
    assert.deepEqual(
      calls.map((c) => c.outcome),
      ['http', 'network', 'ok'],
    );
  });

  it('waits throttleDelayMs after CallRateExceeded (117)', async () => {
    server.handler = (_r, n) => (n === 1 ? { status: 500, body: adApiFault(117, 'CallRateExceeded', 'slow down') } : { body: getUserResponse() });
    await service({ retry: { throttleDelayMs: 60_000 } }).getUser();
    assert.deepEqual(sleeps, [60_000]);
  });

  it('gives up after maxAttempts and throws the last typed error with its TrackingId', async () => {
    server.handler = () => ({ status: 500, body: adApiFault(0, 'InternalError', 'oops', 'tid-internal') });
    const error = await service({ retry: { maxAttempts: 3 } })
      .getUser()
      .catch((e: unknown) => e);
    assert.ok(error instanceof ServiceFaultError);
    assert.equal(error.trackingId, 'tid-internal');
    assert.equal(server.requests.length, 3);
  });

  it('refreshes the token once on 109 and retries with the new one; a second 109 fails', async () => {
    server.handler = (r) => (r.body.includes('-renewed') ? { body: getUserResponse() } : { status: 500, body: adApiFault(109, 'AuthenticationTokenExpired', 'expired') });
    await service().getUser();
    assert.equal(refreshes, 1);
    assert.equal(server.requests.length, 2);

    server.handler = () => ({ status: 500, body: adApiFault(105, 'InvalidCredentials', 'bad') });
    refreshes = 0;
    const error = await service()
      .getUser()
      .catch((e: unknown) => e);
    assert.ok(error instanceof ServiceFaultError && error.tokenInvalid);
    assert.equal(refreshes, 1);
  });

  it('refreshes once for concurrent calls refused with the same token', async () => {
    server.handler = (r) => (r.body.includes('-renewed') ? { body: searchResponse([]) } : { status: 500, body: adApiFault(109, 'AuthenticationTokenExpired', 'expired') });
    const s = service();
    await Promise.all([1, 2, 3, 4].map((i) => s.searchClientLinks({ predicates: [{ Field: 'ClientAccountId', Operator: 'Equals', Value: String(100000 + i) }] })));
    assert.equal(refreshes, 1);
  });

  it('turns a failing token source into an AuthError without calling the service', async () => {
    const s = service({ tokenSource: { getAccessToken: () => Promise.reject(new Error('no session')) } });
    await assert.rejects(s.getUser(), AuthError);
    const noDev = service({ developerToken: () => Promise.resolve('') });
    await assert.rejects(noDev.getUser(), AuthError);
    assert.equal(server.requests.length, 0);
  });

  it('writes 25 links in 3 calls of 10, 10 and 5, one outcome per input in input order', async () => {
    server.handler = (r) => {
      const ids = sentIds(r.body);
      // Fail the link whose id ends in 7; nil for the others.
      return { body: writeResponse('UpdateClientLinks', ids.map((id) => (id.endsWith('7') ? [{ code: 3083, message: 'changed' }] : null)), [], `tid-${ids[0]}`) };
    };
    const links = Array.from({ length: 25 }, (_, i) => invite(i));
    const progress: number[] = [];
    const outcomes = await service({ writeConcurrency: 2 }).updateClientLinks(links, { onProgress: (p) => progress.push(p.done) });
    assert.deepEqual(
      server.requests.map((r) => sentIds(r.body).length).sort((a, b) => b - a),
      [10, 10, 5],
    );
    assert.equal(outcomes.length, 25);
    outcomes.forEach((o, i) => {
      assert.equal(o.index, i);
      assert.equal(o.link, links[i]);
      assert.equal(o.state, i % 10 === 7 ? 'failed' : 'succeeded');
    });
    assert.deepEqual(outcomes[7]?.errors, [{ code: 3083, errorCode: null, message: 'changed', details: null }]);
    assert.equal(outcomes[12]?.trackingId, 'tid-180000010');
    assert.deepEqual(progress.sort((a, b) => a - b).at(-1), 25);
  });

  it('absent PartialErrors means every link succeeded; OperationErrors fail the whole call', async () => {
    server.handler = (_r, n) => (n === 1 ? { body: writeResponse('UpdateClientLinks', undefined) } : { body: writeResponse('UpdateClientLinks', undefined, [{ code: 3024, message: 'Too many' }], 'tid-op') });
    const s = service({ writeConcurrency: 1 });
    const ok = await s.updateClientLinks([invite(1), invite(2)]);
    assert.deepEqual(
      ok.map((o) => o.state),
      ['succeeded', 'succeeded'],
    );
    const failed = await s.updateClientLinks([invite(3), invite(4)]);
    assert.deepEqual(
      failed.map((o) => o.state),
      ['failed', 'failed'],
    );
    assert.ok(failed[0]?.error instanceof OperationErrorsError);
    assert.equal(failed[1]?.errors[0]?.code, 3024);
    assert.equal(failed[1]?.trackingId, 'tid-op');
  });

  it('a fault on one call fails only its links, with the error', async () => {
    server.handler = (r) => (sentIds(r.body).includes('180000012') ? { status: 500, body: apiFault([{ code: 3087, message: 'empty' }], 'tid-f') } : { body: writeResponse('UpdateClientLinks', [null]) });
    const outcomes = await service().updateClientLinks(Array.from({ length: 15 }, (_, i) => invite(i)));
    assert.deepEqual(
      outcomes.map((o) => o.state),
      [...Array<string>(10).fill('succeeded'), ...Array<string>(5).fill('failed')],
    );
    assert.ok(outcomes[14]?.error instanceof ServiceFaultError);
    assert.equal(outcomes[14]?.trackingId, 'tid-f');
  });

  it('does not re-send an update whose answer was lost (timeout)', async () => {
    server.handler = () => ({ hang: true });
    const outcomes = await service({ timeoutMs: 150 }).updateClientLinks([invite(1)]);
    assert.equal(server.requests.length, 1);
    assert.equal(outcomes[0]?.state, 'failed');
    assert.ok(outcomes[0]?.error instanceof TimeoutError);
  });

  it('re-sends an update when the connection was refused (nothing can have been applied)', async () => {
    server.handler = () => ({ body: writeResponse('UpdateClientLinks', [null]) });
    const http = new NodeHttpTransport();
    let posts = 0;
    const refusingOnce: Transport = {
      send: (request) => (++posts === 1 ? Promise.reject(new NetworkError('Connection refused', 'ECONNREFUSED', { operation: request.operation })) : http.send(request)),
      close: () => http.close(),
    };
    const client = new CustomerManagementSoapClient({ endpoint: server.url, timeoutMs: 2000, transport: refusingOnce });
    const s = new WireClientLinksService(
      { endpoint: server.url, developerToken: () => Promise.resolve(DEVELOPER_TOKEN), tokenSource: { getAccessToken: () => Promise.resolve(ACCESS_TOKEN) }, sleep: () => Promise.resolve(), observer: { onCall: (e) => calls.push(e) } },
      client,
    );
    services.push(s);
    const outcomes = await s.updateClientLinks([invite(1)]);
    assert.equal(outcomes[0]?.state, 'succeeded');
    assert.equal(server.requests.length, 1);
    assert.deepEqual(
      calls.map((c) => [c.outcome, c.attempt]),
      [
        ['network', 1],
        ['ok', 2],
      ],
    );
  });

  it('reports a refused connection on every attempt as NetworkError', async () => {
    const outcomes = await service({ endpoint: 'http://127.0.0.1:9/refused', retry: { maxAttempts: 2 } }).updateClientLinks([invite(1)]);
    assert.equal(calls.length, 2);
    assert.ok(outcomes[0]?.error instanceof NetworkError);
    assert.equal(outcomes[0]?.error.code, 'ECONNREFUSED');
  });

  it('AddClientLinks after a timeout: searches first, marks the found ones succeeded, re-sends only the others', async () => {
    const created = new Set<string>();
    server.handler = (r, n) => {
      if (r.operation === 'AddClientLinks') {
        const ids = sentIds(r.body);
        // The first add applies the first two links, then its answer is lost.
        if (n === 1) {
          ids.slice(0, 2).forEach((id) => created.add(id));
          return { hang: true };
        }
        ids.forEach((id) => created.add(id));
        return { body: writeResponse('AddClientLinks', ids.map(() => null)) };
      }
      const found = [...created].map((id) => sampleLink({ ClientEntityId: id, ManagingCustomerId: '251000123', Status: 'LinkPending', LastModifiedDateTime: new Date().toISOString().slice(0, 19) }));
      return { body: searchResponse(found, 'tid-recovery') };
    };
    const links = [invite(1), invite(2), invite(3)];
    const outcomes = await service({ timeoutMs: 300 }).addClientLinks(links);
    assert.deepEqual(
      server.requests.map((r) => r.operation),
      ['AddClientLinks', 'SearchClientLinks', 'AddClientLinks'],
    );
    const search = server.requests[1]?.body ?? '';
    assert.match(search, /<e:Field>ClientAccountId<\/e:Field><e:Operator>In<\/e:Operator><e:Value>180000001,180000002,180000003<\/e:Value>/);
    assert.match(search, /<e:Field>DirectManagingCustomerId<\/e:Field><e:Operator>Equals<\/e:Operator><e:Value>251000123<\/e:Value>/);
    assert.deepEqual(sentIds(server.requests[2]?.body ?? ''), ['180000003']);
    assert.deepEqual(
      outcomes.map((o) => o.state),
      ['succeeded', 'succeeded', 'succeeded'],
    );
    assert.equal(outcomes[0]?.trackingId, 'tid-recovery');
  });

  it('AddClientLinks: when the recovery search fails, nothing is re-sent and the links fail with the lost-answer error', async () => {
    server.handler = (r) => (r.operation === 'AddClientLinks' ? { status: 502, body: '<html>bad gateway</html>' } : { status: 400, body: '' });
    const outcomes = await service().addClientLinks([invite(1)]);
    assert.deepEqual(
      server.requests.map((r) => r.operation),
      ['AddClientLinks', 'SearchClientLinks'],
    );
    assert.equal(outcomes[0]?.state, 'failed');
    assert.equal((outcomes[0]?.error as { status?: number }).status, 502);
  });

  it('AddClientLinks is not retried after a business fault', async () => {
    server.handler = () => ({ status: 500, body: apiFault([{ code: 1424, message: 'managed by another agency' }]) });
    const outcomes = await service().addClientLinks([invite(1)]);
    assert.equal(server.requests.length, 1);
    assert.equal(outcomes[0]?.errors[0]?.code, 1424);
  });

  it('cancellation stops new calls: links never sent are notAttempted', async () => {
    const controller = new AbortController();
    server.handler = (r) => {
      controller.abort();
      return { body: writeResponse('AddClientLinks', sentIds(r.body).map(() => null)), delayMs: 20 };
    };
    const outcomes = await service({ writeConcurrency: 1 }).addClientLinks(
      Array.from({ length: 25 }, (_, i) => invite(i)),
      { signal: controller.signal },
    );
    assert.equal(server.requests.length, 1);
    assert.deepEqual(
      [...new Set(outcomes.slice(0, 10).map((o) => o.state))],
      ['succeeded'],
      'the call in flight completes',
    );
    assert.deepEqual([...new Set(outcomes.slice(10).map((o) => o.state))], ['notAttempted']);
  });

  it('a cancelled read rejects with CancelledError', async () => {
    server.handler = () => ({ hang: true });
    const controller = new AbortController();
    const pending = service().getUser(controller.signal);
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(pending, CancelledError);
  });
});

import * as assert from 'node:assert/strict';
import { connectionFrom } from '../../../src/cli/cliConfig';
import { HttpStatusError, isErrorKind } from '../../../src/core/errors';
import { ENDPOINTS } from '../../../src/core/config';
import type { Transport } from '../../../src/core/http/transport';
import { CustomerManagementRestClient } from '../../../src/core/rest/restClient';
import { CustomerManagementSoapClient } from '../../../src/core/soap/soapClient';
import { isAfterSoapSunset, protocolEndpoint, resolveProtocol, SOAP_SERVICE_PATH, SOAP_SUNSET_MS } from '../../../src/core/protocol';
import { cliAdvice } from '../../../src/cli/advice';

describe('protocol choice (clientLinks.api, --api, MSADS_API)', () => {
  const lastSoapMoment = Date.UTC(2027, 0, 30, 23, 59, 59, 999);

  it('auto is SOAP until 2027-01-31 00:00 UTC and REST from that instant on', () => {
    assert.equal(SOAP_SUNSET_MS, Date.parse('2027-01-31T00:00:00Z'));
    assert.equal(resolveProtocol('auto', lastSoapMoment), 'soap');
    assert.equal(resolveProtocol('auto', SOAP_SUNSET_MS), 'rest');
    assert.equal(resolveProtocol('auto', Date.parse('2026-12-01T12:00:00Z')), 'soap');
    assert.equal(isAfterSoapSunset(lastSoapMoment), false);
    assert.equal(isAfterSoapSunset(SOAP_SUNSET_MS), true);
  });

  it('soap and rest pin the protocol whatever the date', () => {
    for (const now of [lastSoapMoment, SOAP_SUNSET_MS, Date.parse('2030-01-01T00:00:00Z')]) {
      assert.equal(resolveProtocol('soap', now), 'soap');
      assert.equal(resolveProtocol('rest', now), 'rest');
    }
  });

  it('one endpoint serves both: REST calls its origin, SOAP the .svc URL or the service path on a bare origin', () => {
    assert.equal(protocolEndpoint('rest', ENDPOINTS.production), 'https://clientcenter.api.bingads.microsoft.com');
    assert.equal(protocolEndpoint('rest', ENDPOINTS.sandbox), 'https://clientcenter.api.sandbox.bingads.microsoft.com');
    assert.equal(protocolEndpoint('soap', ENDPOINTS.production), ENDPOINTS.production);
    assert.equal(protocolEndpoint('rest', 'http://127.0.0.1:8123/Api/CustomerManagement/v13/CustomerManagementService.svc'), 'http://127.0.0.1:8123');
    assert.equal(protocolEndpoint('soap', 'http://127.0.0.1:8123'), `http://127.0.0.1:8123${SOAP_SERVICE_PATH}`);
    assert.equal(protocolEndpoint('soap', 'http://127.0.0.1:8123/'), `http://127.0.0.1:8123${SOAP_SERVICE_PATH}`);
    assert.equal(protocolEndpoint('rest', 'http://127.0.0.1:8123/'), 'http://127.0.0.1:8123');
  });

  it('the CLI reads --api before MSADS_API, defaults to auto, and refuses anything else (a ConfigError: exit 2, nothing sent)', () => {
    const env = { MSADS_ACCESS_TOKEN: 'a', MSADS_DEVELOPER_TOKEN: 'd' };
    const before = Date.parse('2026-12-01T00:00:00Z');
    assert.deepEqual(pick(connectionFrom({}, env, before)), { api: 'auto', protocol: 'soap' });
    assert.deepEqual(pick(connectionFrom({}, env, SOAP_SUNSET_MS)), { api: 'auto', protocol: 'rest' });
    assert.deepEqual(pick(connectionFrom({}, { ...env, MSADS_API: 'rest' }, before)), { api: 'rest', protocol: 'rest' });
    assert.deepEqual(pick(connectionFrom({ api: 'SOAP' }, { ...env, MSADS_API: 'rest' }, SOAP_SUNSET_MS)), { api: 'soap', protocol: 'soap' });
    assert.throws(
      () => connectionFrom({ api: 'json' }, env, before),
      (e: unknown) => isErrorKind(e, 'config') && /--api or MSADS_API/.test(e.message),
    );
  });

  it('a 404 or 501 suggests the other protocol: REST before the sunset suggests soap, SOAP after it suggests rest', () => {
    const trySoap = new HttpStatusError(404, '', { operation: 'GetUser', protocolHint: 'trySoap' });
    assert.equal(trySoap.adviceCode, 'useSoap');
    assert.match(cliAdvice(trySoap) ?? '', /use SOAP for now \(--api soap or MSADS_API=soap\)/);
    assert.match(trySoap.advice ?? '', /use SOAP for now/);
    const tryRest = new HttpStatusError(501, '', { operation: 'GetUser', protocolHint: 'tryRest' });
    assert.equal(tryRest.adviceCode, 'useRest');
    assert.match(cliAdvice(tryRest) ?? '', /2027-01-31.*--api rest/);
    assert.equal(new HttpStatusError(404, '', { operation: 'GetUser' }).adviceCode, 'endpointNotFound');
    assert.doesNotMatch(cliAdvice(new HttpStatusError(404, '', { operation: 'GetUser' })) ?? '', /--api/);
  });

  it('the adapters set that hint from their clock: SOAP only after the sunset, REST only before it', async () => {
    const notFound: Transport = { send: () => Promise.resolve({ status: 404, body: '<html><body>Not Found</body></html>', headers: {} }), close: () => undefined };
    const context = { credentials: { accessToken: 'a', developerToken: 'd' } };
    const hintOf = async (call: Promise<unknown>): Promise<unknown> => call.then(() => 'resolved', (e: unknown) => (isErrorKind(e, 'http') ? e.protocolHint : e));
    const soapAt = (now: number) => new CustomerManagementSoapClient({ endpoint: 'http://127.0.0.1:9/x.svc', timeoutMs: 1000, transport: notFound, now: () => now });
    const restAt = (now: number) => new CustomerManagementRestClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000, transport: notFound, now: () => now });
    assert.equal(await hintOf(soapAt(lastSoapMoment).getUser(context)), undefined);
    assert.equal(await hintOf(soapAt(SOAP_SUNSET_MS).getUser(context)), 'tryRest');
    assert.equal(await hintOf(restAt(lastSoapMoment).getUser(context)), 'trySoap');
    assert.equal(await hintOf(restAt(SOAP_SUNSET_MS).getUser(context)), undefined);
  });
});

function pick(c: { api: string; protocol: string }): { api: string; protocol: string } {
  return { api: c.api, protocol: c.protocol };
}

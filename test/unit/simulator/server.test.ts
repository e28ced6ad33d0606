import * as assert from 'node:assert/strict';
import { ManualClock, startSimulator, type RunningSimulator } from '../../../src/simulator';
import { parseCliArgs, UsageError } from '../../../src/simulator/cliArgs';
import { operationName } from '../../../src/simulator/simulator';
import { envelope, post, SEARCH_AGENCY, soap } from './http';
import { NOW } from './world';

const faultCode = (xml: string) => /<Code>(\d+)<\/Code>/.exec(xml)?.[1];

describe('simulator HTTP server', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ seed: 'demo', clock: new ManualClock(NOW) });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('answers SearchClientLinks with SOAPAction quoted, unquoted, or absent', async () => {
    for (const action of ['"SearchClientLinks"', 'SearchClientLinks', undefined]) {
      const res = await post(sim.endpoint, action, envelope('SearchClientLinks', SEARCH_AGENCY));
      assert.equal(res.status, 200, String(action));
      assert.match(res.text, /<h:TrackingId xmlns:h="https:\/\/bingads.microsoft.com\/Customer\/v13">[0-9a-f-]{36}<\/h:TrackingId>/);
      assert.match(res.text, /<SearchClientLinksResponse xmlns="https:\/\/bingads.microsoft.com\/Customer\/v13"><ClientLinks xmlns:a="https:\/\/bingads.microsoft.com\/Customer\/v13\/Entities"/);
    }
    assert.equal(operationName('"https://bingads.microsoft.com/Customer/v13/ICustomerManagementService/GetUser"'), 'GetUser');
  });

  it('writes every ClientLink member in WSDL order, dateTimes without offset, and omits a null ClientEntityCustomerNumber', async () => {
    const res = await soap(sim.endpoint, 'SearchClientLinks', SEARCH_AGENCY);
    const first = /<a:ClientLink>(.*?)<\/a:ClientLink>/.exec(res.text)?.[1] ?? '';
    const names = [...first.matchAll(/<a:(\w+)[ />]/g)].map((m) => m[1]);
    assert.deepEqual(names.slice(0, 21), ['Type', 'ClientEntityId', 'ClientEntityNumber', 'ClientEntityName', 'ManagingCustomerId', 'ManagingCustomerNumber', 'ManagingCustomerName', 'Note', 'Name', 'InviterEmail', 'InviterName', 'InviterPhone', 'IsBillToClient', 'StartDate', 'Status', 'SuppressNotification', 'LastModifiedDateTime', 'LastModifiedByUserId', 'Timestamp', 'ForwardCompatibilityMap', 'CustomerLinkPermission']);
    assert.match(first, /<a:StartDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?<\/a:StartDate>/);
    const customerLink = /<a:ClientLink><a:Type>CustomerLink<\/a:Type>(.*?)<\/a:ClientLink>/.exec(res.text)?.[1] ?? '';
    assert.ok(customerLink.length > 0);
    assert.doesNotMatch(customerLink, /ClientEntityCustomerNumber/);
  });

  it('faults 116 / 105 / 109 for missing, bad and expired credentials, with HTTP 500', async () => {
    const cases: [Parameters<typeof soap>[3], string][] = [
      [{ token: null }, '116'],
      [{ developerToken: null }, '116'],
      [{ developerToken: 'WRONG' }, '105'],
      [{ token: 'nope' }, '105'],
      [{ token: 'sim-expired-contoso-admin' }, '109'],
    ];
    for (const [options, code] of cases) {
      const res = await soap(sim.endpoint, 'GetUser', '', options);
      assert.equal(res.status, 500);
      assert.match(res.text, /<detail><AdApiFaultDetail xmlns="https:\/\/adapi.microsoft.com"/);
      assert.equal(faultCode(res.text), code, JSON.stringify(options));
    }
  });

  it('ignores unknown headers and the Action header, faults on other mustUnderstand headers', async () => {
    const ok = await soap(sim.endpoint, 'GetUser', '', { extraHeaders: '<Action mustUnderstand="1" xmlns="http://schemas.microsoft.com/ws/2005/05/addressing/none">GetUser</Action><CustomerId xmlns="https://bingads.microsoft.com/Customer/v13">1</CustomerId>' });
    assert.equal(ok.status, 200);
    const refused = await soap(sim.endpoint, 'GetUser', '', { extraHeaders: '<Security xmlns="urn:x" s:mustUnderstand="1"/>' });
    assert.match(refused.text, /s:MustUnderstand/);
  });

  it('faults on unknown operations, wrong wrappers and malformed XML', async () => {
    const unknown = await post(sim.endpoint, '"DeleteEverything"', envelope('DeleteEverything', ''));
    assert.equal(unknown.status, 500);
    assert.match(unknown.text, /a:ActionNotSupported/);
    const wrong = await post(sim.endpoint, '"GetUser"', envelope('SearchClientLinks', SEARCH_AGENCY));
    assert.match(wrong.text, /a:DeserializationFailed/);
    const broken = await post(sim.endpoint, '"GetUser"', '<s:Envelope');
    assert.match(broken.text, /a:DeserializationFailed/);
  });

  it('sends ApiFault with the three namespaces for whole-request errors', async () => {
    const res = await soap(sim.endpoint, 'AddClientLinks', '<ClientLinks/>');
    assert.match(res.text, /<ApiFault xmlns="https:\/\/bingads.microsoft.com\/Customer\/v13" xmlns:a="https:\/\/bingads.microsoft.com\/Customer\/v13\/Exception" xmlns:i="http:\/\/www.w3.org\/2001\/XMLSchema-instance"><TrackingId xmlns="https:\/\/adapi.microsoft.com">/);
    assert.match(res.text, /<a:OperationErrors><a:OperationError><a:Code>3087<\/a:Code><a:Details i:nil="true"\/>/);
  });

  it('rejects dateTimes with a signed offset with 113', async () => {
    const link = `<ClientLinks><e:ClientLink><e:ClientEntityId>${sim.seed.invitableAccounts[0]!.id}</e:ClientEntityId><e:ManagingCustomerId>251000123</e:ManagingCustomerId><e:IsBillToClient>true</e:IsBillToClient><e:StartDate>2026-10-01T00:00:00+00:00</e:StartDate></e:ClientLink></ClientLinks>`;
    const res = await soap(sim.endpoint, 'AddClientLinks', link);
    assert.equal(faultCode(res.text), '113');
  });

  it('round-trips <&"\' emoji and RTL text in Note and Name through Add and Search', async () => {
    const note = `Q4 <search> & "shopping" isn't 😀 — متجر الواحة`;
    const escaped = note.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const id = sim.seed.invitableAccounts[0]!.id;
    const add = await soap(sim.endpoint, 'AddClientLinks', `<ClientLinks><e:ClientLink><e:ClientEntityId>${id}</e:ClientEntityId><e:ManagingCustomerId>251000123</e:ManagingCustomerId><e:Note>${escaped}</e:Note><e:Name>שלום &amp; 😀</e:Name><e:IsBillToClient>true</e:IsBillToClient></e:ClientLink></ClientLinks>`);
    assert.match(add.text, /<PartialErrors[^>]*><a:ArrayOfOperationError i:nil="true"\/><\/PartialErrors>/);
    const state = sim.control.state();
    const link = state.links?.find((l) => l.ClientEntityId === id);
    assert.equal(link?.Note, note);
    assert.equal(link?.Name, 'שלום & 😀');
    const search = await soap(sim.endpoint, 'SearchClientLinks', `<Predicates><e:Predicate><e:Field>ClientAccountId</e:Field><e:Operator>Equals</e:Operator><e:Value>${id}</e:Value></e:Predicate></Predicates><PageInfo><e:Index>0</e:Index><e:Size>10</e:Size></PageInfo>`);
    assert.ok(search.text.includes('<a:Note>Q4 &lt;search&gt; &amp; &quot;shopping&quot; isn&apos;t 😀 — متجر الواحة</a:Note>'));
  });

  it('ignores a member sent out of order (spec §11.2) and records it in the call log', async () => {
    const inner = `<PageInfo><e:Index>0</e:Index><e:Size>5</e:Size></PageInfo><Predicates><e:Predicate><e:Field>DirectManagingCustomerId</e:Field><e:Operator>Equals</e:Operator><e:Value>251000123</e:Value></e:Predicate></Predicates>`;
    const res = await soap(sim.endpoint, 'SearchClientLinks', inner);
    assert.equal(faultCode(res.text) ?? /<a:Code>(\d+)/.exec(res.text)?.[1], '474', 'Predicates after PageInfo is not read');
    assert.deepEqual(sim.control.callLog().at(-1)?.ignoredMembers, ['SearchClientLinksRequest.Predicates']);
  });

  it('does the whole lifecycle: invite, accept as client, Active after the billing delay, unlink to Inactive', async () => {
    const account = sim.seed.invitableAccounts.find((a) => a.ownerCustomerId === '250987654')!;
    const invite = `<ClientLinks><e:ClientLink><e:ClientEntityId>${account.id}</e:ClientEntityId><e:ManagingCustomerId>251000123</e:ManagingCustomerId><e:IsBillToClient>true</e:IsBillToClient><e:ClientEntityCustomerNumber>B9X7Z5Q3W1</e:ClientEntityCustomerNumber></e:ClientLink></ClientLinks>`;
    assert.equal((await soap(sim.endpoint, 'AddClientLinks', invite)).status, 200);
    const find = async (token: string) => {
      const res = await soap(sim.endpoint, 'SearchClientLinks', `<Predicates><e:Predicate><e:Field>ClientAccountId</e:Field><e:Operator>Equals</e:Operator><e:Value>${account.id}</e:Value></e:Predicate></Predicates><PageInfo><e:Index>0</e:Index><e:Size>10</e:Size></PageInfo>`, { token });
      return /<a:ClientLink>(.*?)<\/a:ClientLink>/.exec(res.text)?.[1] ?? '';
    };
    const update = async (token: string, status: string) => {
      const body = (await find(token)).replace(/<a:ForwardCompatibilityMap[^>]*\/>/, '').replace(/a:/g, 'e:').replace(/<e:Status>\w+<\/e:Status>/, `<e:Status>${status}</e:Status>`);
      const res = await soap(sim.endpoint, 'UpdateClientLinks', `<ClientLinks><e:ClientLink>${body}</e:ClientLink></ClientLinks>`, { token });
      assert.match(res.text, /<PartialErrors[^>]*><a:ArrayOfOperationError i:nil="true"\/><\/PartialErrors>/, res.text);
    };
    const status = async () => /<a:Status>(\w+)<\/a:Status>/.exec(await find('sim-token-contoso-admin'))?.[1];
    assert.equal(await status(), 'LinkPending');
    await update('sim-token-fabrikam-admin', 'LinkAccepted');
    assert.equal(await status(), 'LinkInProgress');
    sim.control.advanceClock(15 * 60_000);
    assert.equal(await status(), 'Active');
    await update('sim-token-contoso-admin', 'UnlinkRequested');
    assert.equal(await status(), 'UnlinkPending');
    sim.control.advanceClock(60 * 60_000);
    assert.equal(await status(), 'Inactive');
  });

  describe('fault and latency injection', () => {
    it('injects SOAP faults by count, then recovers', async () => {
      sim.control.injectFault({ operation: 'GetUser', fault: 'throttle', count: 2 });
      assert.equal(faultCode((await soap(sim.endpoint, 'GetUser', '')).text), '117');
      assert.equal(faultCode((await soap(sim.endpoint, 'GetUser', '')).text), '117');
      assert.equal((await soap(sim.endpoint, 'GetUser', '')).status, 200);
      for (const [fault, code] of [['expiredToken', '109'], ['invalidToken', '105'], ['internalError', '0']] as const) {
        sim.control.injectFault({ fault });
        assert.equal(faultCode((await soap(sim.endpoint, 'SearchClientLinks', SEARCH_AGENCY)).text), code);
      }
      assert.deepEqual(sim.control.callLog().map((c) => c.outcome).slice(0, 3), ['injected:throttle', 'injected:throttle', 'ok']);
    });

    it('injects HTTP-level failures: 500 HTML, 503, malformed, truncated, unknown fault detail', async () => {
      sim.control.injectFault({ fault: 'http500' });
      const e500 = await soap(sim.endpoint, 'GetUser', '');
      assert.equal(e500.status, 500);
      assert.match(e500.text, /<html>/);
      sim.control.injectFault({ fault: 'http503' });
      assert.equal((await soap(sim.endpoint, 'GetUser', '')).status, 503);
      sim.control.injectFault({ fault: 'malformed' });
      const malformed = await soap(sim.endpoint, 'GetUser', '');
      assert.equal(malformed.status, 200);
      assert.doesNotMatch(malformed.text, /^</);
      sim.control.injectFault({ fault: 'truncated' });
      const truncated = await soap(sim.endpoint, 'GetUser', '');
      assert.match(truncated.text, /^<s:Envelope/);
      assert.doesNotMatch(truncated.text, /<\/s:Envelope>$/);
      sim.control.injectFault({ fault: 'unknownFault' });
      const unknown = await soap(sim.endpoint, 'GetUser', '');
      assert.match(unknown.text, /<s:Fault>.*<detail><GatewayFault xmlns="urn:example:edge-gateway">/);
    });

    it('hangs until the client gives up, and close() still completes', async () => {
      sim.control.injectFault({ operation: 'GetUser', fault: 'hang', count: 2 });
      const controller = new AbortController();
      const pending = soap(sim.endpoint, 'GetUser', '').catch((e: unknown) => e);
      const aborted = post(sim.endpoint, '"GetUser"', envelope('GetUser', ''), controller.signal).catch((e: unknown) => e);
      setTimeout(() => controller.abort(), 100);
      assert.ok((await aborted) instanceof Error);
      await sim.close(); // resolves although a request still hangs (mocha's timeout would fail the test otherwise)
      assert.ok((await pending) instanceof Error, 'the other hung request fails when the server closes');
    });

    it('sends faults with HTTP 200 when asked', async () => {
      const other = await startSimulator({ seed: 'empty', faultsAs200: true });
      try {
        const res = await soap(other.endpoint, 'GetUser', '', { token: 'bad' });
        assert.equal(res.status, 200);
        assert.match(res.text, /<s:Fault>/);
      } finally {
        await other.close();
      }
    });

    it('delays responses by the configured latency, per operation', async () => {
      // An order, not a duration: a delayed GetUser sent first answers after an undelayed search sent next.
      sim.control.setLatency(1500, 'GetUser');
      assert.equal(sim.control.state({ includeLinks: false }).latency.GetUser, 1500);
      const answered: string[] = [];
      const slow = soap(sim.endpoint, 'GetUser', '').then(() => answered.push('GetUser'));
      const fast = soap(sim.endpoint, 'SearchClientLinks', SEARCH_AGENCY).then(() => answered.push('SearchClientLinks'));
      await Promise.all([slow, fast]);
      assert.deepEqual(answered, ['SearchClientLinks', 'GetUser']);
      sim.control.setLatency(0, 'GetUser');
    });
  });

  describe('control endpoint', () => {
    const control = async (method: string, route: string, body?: unknown) => {
      const res = await fetch(`${sim.controlUrl}${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };

    it('injects faults, sets latency, advances the clock, reports state and resets', async () => {
      assert.equal((await control('POST', '/faults', { operation: 'GetUser', fault: 'throttle', count: 1 })).status, 201);
      assert.equal(faultCode((await soap(sim.endpoint, 'GetUser', '')).text), '117');
      assert.equal((await control('POST', '/faults', { fault: 'nonsense' })).status, 400);
      assert.equal((await control('POST', '/latency', { ms: 5 })).status, 200);
      const advanced = await control('POST', '/clock/advance', { ms: 31 * 86_400_000 });
      assert.equal(advanced.json.nowMs, NOW + 31 * 86_400_000);
      assert.ok(Number(advanced.json.transitions) > 0, 'pending invitations expired');
      const state = await control('GET', '/state');
      assert.deepEqual(state.json.callCounts, { GetUser: 1 });
      assert.ok(Array.isArray(state.json.links) && (state.json.links as unknown[]).length >= 60);
      const reset = await control('POST', '/reset', { seed: 'scale:20' });
      assert.equal(reset.status, 200);
      assert.equal((await control('GET', '/state?links=false')).json.pairs, 20);
      assert.equal((await control('GET', '/nowhere')).status, 404);
    });
  });

  it('serves the WSDL when the project has one, else 404', async () => {
    const res = await fetch(`${sim.endpoint}?wsdl`);
    assert.ok(res.status === 200 || res.status === 404);
    if (res.status === 200) {
      assert.ok((await res.text()).includes(sim.endpoint), 'soap:address points at the simulator');
    }
  });

  it('refuses non-loopback hosts', async () => {
    await assert.rejects(startSimulator({ host: '0.0.0.0' }), /loopback/);
  });
});

describe('simulator command line', () => {
  it('parses every flag', () => {
    const parsed = parseCliArgs(['--port', '8080', '--seed', 'scale:100', '--latency-ms=20', '--fault-rate', '0.1', '--fault', 'GetUser:throttle:2', '--fault', '*:hang', '--auto-advance', '--faults-as-200', '--json']);
    assert.equal(parsed.json, true);
    assert.deepEqual(parsed.start, { port: 8080, host: '127.0.0.1', seed: 'scale:100', latencyMs: 20, faultRate: 0.1, autoAdvance: true, faultsAs200: true, faults: [{ operation: 'GetUser', fault: 'throttle', count: 2 }, { operation: '*', fault: 'hang', count: 1 }] });
  });

  it('refuses bad input', () => {
    for (const argv of [['--host', '0.0.0.0'], ['--port', 'x'], ['--fault', 'GetUser'], ['--fault', 'GetUser:bogus'], ['--seed', 'huge'], ['--fault-rate', '2'], ['--what']]) {
      assert.throws(() => parseCliArgs(argv), UsageError, argv.join(' '));
    }
  });
});

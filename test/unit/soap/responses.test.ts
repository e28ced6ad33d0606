import * as assert from 'node:assert/strict';
import { HttpStatusError, MalformedResponseError, ServiceFaultError } from '../../../src/core/errors';
import { readResponse } from '../../../src/core/soap/envelope';
import { readGetUser, readLinkWriteResult, readSearchClientLinks } from '../../../src/core/soap/responseReader';
import { parseXml, XmlSyntaxError } from '../../../src/core/soap/xml';
import { adApiFault, apiFault, envelope, getUserResponse, sampleLink, searchResponse, writeResponse } from './envelopes';

const V13 = 'https://bingads.microsoft.com/Customer/v13';

function expectThrow<T extends Error>(fn: () => unknown, type: new (...args: never[]) => T): T {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof type, `expected ${type.name}, got ${String(e)}`);
    return e;
  }
  assert.fail(`expected ${type.name}`);
}

describe('XML reader', () => {
  it('resolves namespaces by URI, not prefix, and notes xsi:nil', () => {
    const root = parseXml(`<?xml version="1.0"?><!-- c --><a:R xmlns:a="urn:a" xmlns:q="http://www.w3.org/2001/XMLSchema-instance"><x xmlns="urn:x" q:nil="true"/><a:y>1 &lt; 2 &amp; &#x41;&#66;<![CDATA[<raw>]]></a:y></a:R>`);
    assert.equal(root.ns, 'urn:a');
    assert.equal(root.name, 'R');
    assert.deepEqual(
      root.children.map((c) => [c.ns, c.name, c.nil, c.text]),
      [
        ['urn:x', 'x', true, ''],
        ['urn:a', 'y', false, '1 < 2 & AB<raw>'],
      ],
    );
  });

  it('accepts > inside attribute values and single quotes', () => {
    const root = parseXml(`<r a='x>y' b="1"><c/></r>`);
    assert.equal(root.children[0]?.name, 'c');
  });

  for (const [what, xml] of [
    ['truncated', '<a><b>text</b>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['unbound prefix', '<p:a/>'],
    ['DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]><a/>'],
    ['text outside the root', '<a/>junk'],
    ['two roots', '<a/><b/>'],
    ['unknown entity', '<a>&nbsp;</a>'],
    ['bare ampersand', '<a>fish & chips</a>'],
    ['unterminated start tag', '<a><b attr="1"'],
  ] as const) {
    it(`rejects ${what}`, () => {
      expectThrow(() => parseXml(xml), XmlSyntaxError);
    });
  }
});

describe('response reading', () => {
  it('reads the spec §10 SearchClientLinks response into the model, keeping ids and dateTimes as text', () => {
    const link = sampleLink({ ClientEntityId: '9007199254740993' });
    const { wrapper, trackingId } = readResponse('SearchClientLinks', { status: 200, body: searchResponse([link], '0c7e3d55-2a8f-4c1e-9d7b-5f3a9e2b1c44') });
    assert.equal(trackingId, '0c7e3d55-2a8f-4c1e-9d7b-5f3a9e2b1c44');
    assert.deepEqual(readSearchClientLinks(wrapper), [link]);
  });

  it('reads absent members as null, absent non-nillables as absent, and ClientEntityCustomerNumber omitted as null', () => {
    const body = envelope(
      `<SearchClientLinksResponse xmlns="${V13}"><ClientLinks xmlns:a="https://bingads.microsoft.com/Customer/v13/Entities"><a:ClientLink><a:ClientEntityId>1234</a:ClientEntityId><a:Status>Active</a:Status></a:ClientLink></ClientLinks></SearchClientLinksResponse>`,
    );
    const [link] = readSearchClientLinks(readResponse('SearchClientLinks', { status: 200, body }).wrapper);
    assert.ok(link);
    assert.equal(link.ClientEntityId, '1234');
    assert.equal(link.Status, 'Active');
    assert.equal(link.Type, null);
    assert.equal(link.ClientEntityCustomerNumber, null);
    assert.ok(!('SuppressNotification' in link) && !('LastModifiedDateTime' in link) && !('LastModifiedByUserId' in link));
    assert.deepEqual(Object.keys(link).slice(0, 3), ['Type', 'ClientEntityId', 'ClientEntityNumber']);
  });

  for (const [what, inner] of [
    ['absent', ''],
    ['nil', '<ClientLinks i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/>'],
    ['empty', '<ClientLinks/>'],
  ] as const) {
    it(`reads ${what} ClientLinks as []`, () => {
      const body = envelope(`<SearchClientLinksResponse xmlns="${V13}">${inner}</SearchClientLinksResponse>`);
      assert.deepEqual(readSearchClientLinks(readResponse('SearchClientLinks', { status: 200, body }).wrapper), []);
    });
  }

  it('maps PartialErrors by index with nil items, and empty OperationErrors', () => {
    const body = writeResponse('AddClientLinks', [null, [{ code: 1410, message: 'A link invitation for this client account already exists.' }]], [], '6f1b7c2e');
    const { wrapper, trackingId } = readResponse('AddClientLinks', { status: 200, body });
    assert.equal(trackingId, '6f1b7c2e');
    assert.deepEqual(readLinkWriteResult(wrapper), {
      operationErrors: [],
      partialErrors: [null, [{ code: 1410, errorCode: null, message: 'A link invitation for this client account already exists.', details: null }]],
    });
  });

  it('reads absent PartialErrors as none', () => {
    const { wrapper } = readResponse('UpdateClientLinks', { status: 200, body: writeResponse('UpdateClientLinks', undefined) });
    assert.deepEqual(readLinkWriteResult(wrapper), { operationErrors: [], partialErrors: [] });
  });

  it('reads whole-call OperationErrors', () => {
    const { wrapper } = readResponse('UpdateClientLinks', { status: 200, body: writeResponse('UpdateClientLinks', undefined, [{ code: 3024, message: 'Too many', details: 'max 10' }]) });
    assert.deepEqual(readLinkWriteResult(wrapper).operationErrors, [{ code: 3024, errorCode: null, message: 'Too many', details: 'max 10' }]);
  });

  it('reads GetUser: User then CustomerRoles, long arrays as strings', () => {
    const result = readGetUser(readResponse('GetUser', { status: 200, body: getUserResponse() }).wrapper);
    assert.deepEqual(result, {
      User: { Id: '171234567', CustomerId: '251000123', UserName: 'ada@contoso.example', Name: { FirstName: 'Ada', LastName: 'Lovelace', MiddleInitial: null }, Email: 'ops@contoso.example', UserLifeCycleStatus: 'Active' },
      CustomerRoles: [{ RoleId: 41, CustomerId: '251000123', AccountIds: [], LinkedAccountIds: ['180012345', '9007199254740993'], CustomerLinkPermission: null }],
    });
  });

  describe('faults', () => {
    for (const status of [500, 200]) {
      it(`maps AdApiFaultDetail (HTTP ${status}) with code, errorCode, message, TrackingId`, () => {
        const e = expectThrow(() => readResponse('GetUser', { status, body: adApiFault(109, 'AuthenticationTokenExpired', 'Access token has expired.', '9b2f-1') }), ServiceFaultError);
        assert.equal(e.detailType, 'AdApiFaultDetail');
        assert.equal(e.faultCode, 's:Server');
        assert.deepEqual(e.errors, [{ code: 109, errorCode: 'AuthenticationTokenExpired', message: 'Access token has expired.', details: null }]);
        assert.equal(e.trackingId, '9b2f-1');
        assert.equal(e.httpStatus, status);
        assert.equal(e.operation, 'GetUser');
        assert.ok(e.tokenExpired);
      });
    }

    it('maps ApiFault with its TrackingId in the adapi namespace', () => {
      const e = expectThrow(() => readResponse('AddClientLinks', { status: 500, body: apiFault([{ code: 3087, message: 'The ClientLinks list is null or empty.' }], '41c0-2') }), ServiceFaultError);
      assert.equal(e.detailType, 'ApiFault');
      assert.deepEqual(e.errors, [{ code: 3087, errorCode: null, message: 'The ClientLinks list is null or empty.', details: null }]);
      assert.equal(e.trackingId, '41c0-2');
    });

    it('takes the TrackingId from the header, else from the faultstring', () => {
      const withHeader = adApiFault(117, 'CallRateExceeded', 'Too many calls', null).replace('<s:Body>', '<s:Header><h:TrackingId xmlns:h="https://bingads.microsoft.com/Customer/v13">from-header</h:TrackingId></s:Header><s:Body>');
      assert.equal(expectThrow(() => readResponse('GetUser', { status: 500, body: withHeader }), ServiceFaultError).trackingId, 'from-header');
      assert.equal(expectThrow(() => readResponse('GetUser', { status: 500, body: adApiFault(117, 'CallRateExceeded', 'x', null) }), ServiceFaultError).trackingId, 'in-faultstring');
    });

    it('maps an unknown fault shape to detailType unknown', () => {
      const body = envelope(`<s:Fault><faultcode xmlns:a="urn:x">a:DeserializationFailed</faultcode><faultstring>The formatter threw an exception</faultstring><detail><ExceptionDetail xmlns="urn:wcf"/></detail></s:Fault>`);
      const e = expectThrow(() => readResponse('UpdateClientLinks', { status: 500, body }), ServiceFaultError);
      assert.equal(e.detailType, 'unknown');
      assert.deepEqual(e.errors, []);
      assert.equal(e.message, 'The formatter threw an exception');
    });
  });

  describe('non-SOAP answers', () => {
    it('HTML with 200 → MalformedResponseError with a short excerpt', () => {
      const html = `<!DOCTYPE html><html><body>${'Captive portal '.repeat(40)}</body></html>`;
      const e = expectThrow(() => readResponse('GetUser', { status: 200, body: html }), MalformedResponseError);
      assert.ok(e.bodyExcerpt.length <= 161 && e.bodyExcerpt.startsWith('<!DOCTYPE html>'));
    });

    it('truncated XML with 200 → MalformedResponseError', () => {
      const body = searchResponse([sampleLink()]);
      expectThrow(() => readResponse('SearchClientLinks', { status: 200, body: body.slice(0, body.length / 2) }), MalformedResponseError);
    });

    it('an envelope without the expected wrapper → MalformedResponseError with the TrackingId', () => {
      const e = expectThrow(() => readResponse('GetUser', { status: 200, body: writeResponse('AddClientLinks', [], [], 'tid') }), MalformedResponseError);
      assert.equal(e.trackingId, 'tid');
    });

    it('HTTP 503 with HTML or an empty body → HttpStatusError', () => {
      const e = expectThrow(() => readResponse('GetUser', { status: 503, body: '<html><body>Service Unavailable</body></html>' }), HttpStatusError);
      assert.equal(e.status, 503);
      assert.ok(e.transient);
      assert.equal(expectThrow(() => readResponse('GetUser', { status: 502, body: '' }), HttpStatusError).status, 502);
    });

    it('an empty 200 → MalformedResponseError', () => {
      expectThrow(() => readResponse('GetUser', { status: 200, body: '' }), MalformedResponseError);
    });
  });
});

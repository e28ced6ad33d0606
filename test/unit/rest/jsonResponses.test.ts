/**
 * REST response bodies → model (REST spec §3, §4, §5): tolerant readers. Ids as strings (numbers
 * taken), null/absent/[] alike for lists, PartialErrors on two levels by index (a flat entry taken
 * too), unknown members ignored; and a ClientLink read over REST equals the same link read over SOAP.
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import {
  readJsonAccountsInfo,
  readJsonClientLink,
  readJsonGetUser,
  readJsonLinkedAccountsAndCustomers,
  readJsonLinkWriteResult,
  readJsonSearchClientLinks,
} from '../../../src/core/rest/jsonResponses';
import { readResponse } from '../../../src/core/soap/envelope';
import { readClientLink, readLinkWriteResult } from '../../../src/core/soap/responseReader';
import { child, parseXml } from '../../../src/core/soap/xml';
import { sampleLink, writeResponse } from '../soap/envelopes';

/** REST spec §5.2: the SearchClientLinksResponse example's link, as the service sends it. */
const SPEC_LINK_JSON = `{
  "Type": "AccountLink", "ClientEntityId": "180012345", "ClientEntityNumber": "F120ABCD",
  "ClientEntityName": "Fabrikam Shoes - US", "ManagingCustomerId": "251000123", "ManagingCustomerNumber": "A1B2C3D4E5",
  "ManagingCustomerName": "Contoso Agency", "Note": "Contoso will run your Q4 search campaigns.",
  "Name": "Fabrikam Shoes US", "InviterEmail": "ops@contoso-agency.example", "InviterName": "Contoso Agency",
  "InviterPhone": "+14255550100", "IsBillToClient": true, "StartDate": "2026-09-01T17:05:12.53",
  "Status": "LinkPending", "SuppressNotification": false, "LastModifiedDateTime": "2026-09-01T17:05:12.53",
  "LastModifiedByUserId": "171234567", "Timestamp": "AAAAAAGq3n0=", "ForwardCompatibilityMap": null,
  "CustomerLinkPermission": null, "ClientEntityCustomerNumber": "B9X7Z5Q3W1"}`;

/** SOAP spec §10: the same link in the SearchClientLinksResponse envelope. */
const SPEC_LINK_SOAP = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header><h:TrackingId xmlns:h="https://bingads.microsoft.com/Customer/v13">0c7e3d55-2a8f-4c1e-9d7b-5f3a9e2b1c44</h:TrackingId></s:Header>
  <s:Body>
    <SearchClientLinksResponse xmlns="https://bingads.microsoft.com/Customer/v13">
      <ClientLinks xmlns:a="https://bingads.microsoft.com/Customer/v13/Entities" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
        <a:ClientLink>
          <a:Type>AccountLink</a:Type><a:ClientEntityId>180012345</a:ClientEntityId>
          <a:ClientEntityNumber>F120ABCD</a:ClientEntityNumber><a:ClientEntityName>Fabrikam Shoes - US</a:ClientEntityName>
          <a:ManagingCustomerId>251000123</a:ManagingCustomerId><a:ManagingCustomerNumber>A1B2C3D4E5</a:ManagingCustomerNumber>
          <a:ManagingCustomerName>Contoso Agency</a:ManagingCustomerName>
          <a:Note>Contoso will run your Q4 search campaigns.</a:Note><a:Name>Fabrikam Shoes US</a:Name>
          <a:InviterEmail>ops@contoso-agency.example</a:InviterEmail><a:InviterName>Contoso Agency</a:InviterName>
          <a:InviterPhone>+14255550100</a:InviterPhone><a:IsBillToClient>true</a:IsBillToClient>
          <a:StartDate>2026-09-01T17:05:12.53</a:StartDate><a:Status>LinkPending</a:Status>
          <a:SuppressNotification>false</a:SuppressNotification>
          <a:LastModifiedDateTime>2026-09-01T17:05:12.53</a:LastModifiedDateTime>
          <a:LastModifiedByUserId>171234567</a:LastModifiedByUserId><a:Timestamp>AAAAAAGq3n0=</a:Timestamp>
          <a:ForwardCompatibilityMap i:nil="true" xmlns:b="http://schemas.datacontract.org/2004/07/System.Collections.Generic"/>
          <a:CustomerLinkPermission i:nil="true"/><a:ClientEntityCustomerNumber>B9X7Z5Q3W1</a:ClientEntityCustomerNumber>
        </a:ClientLink>
      </ClientLinks>
    </SearchClientLinksResponse>
  </s:Body>
</s:Envelope>`;

function record(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

/** The first ClientLink of a SOAP SearchClientLinksResponse envelope, read by the SOAP reader. */
function soapLink(envelopeXml: string): ClientLink {
  const root = parseXml(envelopeXml);
  const element = child(child(child(child(root, 'Body'), 'SearchClientLinksResponse'), 'ClientLinks'), 'ClientLink');
  assert.ok(element, 'the envelope has a ClientLink');
  return readClientLink(element);
}

/** Deep-equal and the same member order (both readers build links in WSDL order). */
function assertSameLink(actual: ClientLink, expected: ClientLink): void {
  assert.deepEqual(actual, expected);
  assert.deepEqual(Object.keys(actual), Object.keys(expected));
}

describe('REST response bodies (jsonResponses)', () => {
  describe('ClientLink', () => {
    it('reads the spec §5.2 link into the spec §10 model object, ids and dateTimes as the text sent', () => {
      const [link] = readJsonSearchClientLinks({ ClientLinks: [record(SPEC_LINK_JSON)] });
      assert.ok(link);
      assertSameLink(link, sampleLink());
      assert.equal(typeof link.ClientEntityId, 'string');
      assert.equal(link.StartDate, '2026-09-01T17:05:12.53');
    });

    it('reads into exactly what the SOAP reader reads from the equivalent SOAP XML', () => {
      const rest = readJsonClientLink(record(SPEC_LINK_JSON));
      const soap = soapLink(SPEC_LINK_SOAP);
      assertSameLink(rest, soap);
    });

    it('matches the SOAP reader for absent non-nullables, a ForwardCompatibilityMap and an omitted ClientEntityCustomerNumber', () => {
      const json = {
        ClientEntityId: '180099999',
        Status: 'Active',
        SuppressNotification: null, // non-nullable, sent as null anyway: read as absent
        LastModifiedByUserId: null,
        ForwardCompatibilityMap: [{ Key: 'k', Value: 'v' }],
      };
      const xml = SPEC_LINK_SOAP.replace(
        /<a:ClientLink>[\s\S]*<\/a:ClientLink>/,
        '<a:ClientLink><a:ClientEntityId>180099999</a:ClientEntityId><a:Status>Active</a:Status>' +
          '<a:ForwardCompatibilityMap xmlns:b="http://schemas.datacontract.org/2004/07/System.Collections.Generic"><b:KeyValuePairOfstringstring><b:key>k</b:key><b:value>v</b:value></b:KeyValuePairOfstringstring></a:ForwardCompatibilityMap>' +
          '</a:ClientLink>',
      );
      const rest = readJsonClientLink(json);
      assertSameLink(rest, soapLink(xml));
      assert.ok(!('SuppressNotification' in rest) && !('LastModifiedDateTime' in rest) && !('LastModifiedByUserId' in rest));
      assert.equal(rest.Type, null);
      assert.equal(rest.ClientEntityCustomerNumber, null);
      assert.deepEqual(rest.ForwardCompatibilityMap, [{ key: 'k', value: 'v' }]);
    });

    it('takes ids sent as JSON numbers as strings, and refuses (null) a number that lost precision', () => {
      const link = readJsonClientLink({ ClientEntityId: 180012345, ManagingCustomerId: 251000123, LastModifiedByUserId: 171234567 });
      assert.equal(link.ClientEntityId, '180012345');
      assert.equal(link.ManagingCustomerId, '251000123');
      assert.equal(link.LastModifiedByUserId, '171234567');
      // 9007199254740993 parses to 9007199254740992: a wrong id is worse than none.
      const big = readJsonClientLink(record('{"ClientEntityId": 9007199254740993}'));
      assert.equal(big.ClientEntityId, null);
      assert.equal(readJsonClientLink(record('{"ClientEntityId": "9007199254740993"}')).ClientEntityId, '9007199254740993');
    });

    it('ignores unknown members, at every level', () => {
      const withExtras = { ...record(SPEC_LINK_JSON), FutureMember: { nested: [1, 2] }, clientEntityId: '999' };
      const body = { ClientLinks: [withExtras], NextPageToken: 'x', Extra: null };
      assertSameLink(readJsonSearchClientLinks(body)[0] as ClientLink, sampleLink());
    });
  });

  describe('lists: null, absent and [] alike', () => {
    for (const [what, value] of [
      ['absent', undefined],
      ['null', null],
      ['[]', []],
    ] as const) {
      const body = (member: string): Record<string, unknown> => (value === undefined ? {} : { [member]: value });
      it(`ClientLinks, OperationErrors, PartialErrors, CustomerRoles, AccountsInfo, CustomersInfo ${what} → []`, () => {
        assert.deepEqual(readJsonSearchClientLinks(body('ClientLinks')), []);
        assert.deepEqual(readJsonLinkWriteResult({ ...body('OperationErrors'), ...body('PartialErrors') }), { operationErrors: [], partialErrors: [] });
        assert.deepEqual(readJsonGetUser({ User: { Id: '171234567' }, ...body('CustomerRoles') })?.CustomerRoles, []);
        assert.deepEqual(readJsonAccountsInfo(body('AccountsInfo')), []);
        assert.deepEqual(readJsonLinkedAccountsAndCustomers({ ...body('AccountsInfo'), ...body('CustomersInfo') }), { AccountsInfo: [], CustomersInfo: [] });
      });
    }

    it('skips null items inside a list', () => {
      assert.equal(readJsonSearchClientLinks({ ClientLinks: [null, record(SPEC_LINK_JSON), null] }).length, 1);
      assert.equal(readJsonAccountsInfo({ AccountsInfo: [null, { Id: '180800001' }] }).length, 1);
    });

    it('CustomerRole AccountIds/LinkedAccountIds: null or absent → null, [] → [], as the SOAP reader (nil → null, empty → [])', () => {
      const result = readJsonGetUser({
        User: { Id: '171234567' },
        CustomerRoles: [{ RoleId: 41, CustomerId: '251000123', AccountIds: [], LinkedAccountIds: null }, { RoleId: 41, CustomerId: '250987654' }],
      });
      assert.deepEqual(
        result?.CustomerRoles.map((r) => [r.AccountIds, r.LinkedAccountIds]),
        [
          [[], null],
          [null, null],
        ],
      );
    });
  });

  describe('Add/UpdateClientLinksResponse (two-level PartialErrors)', () => {
    const error1410 = { Code: 1410, Details: null, Message: 'A link invitation for this client account already exists.' };
    const entry1410 = { code: 1410, errorCode: null, message: 'A link invitation for this client account already exists.', details: null };

    it('reads the spec §5.3 example [null, [{…}]] by index', () => {
      const result = readJsonLinkWriteResult({ OperationErrors: [], PartialErrors: [null, [error1410]] });
      assert.deepEqual(result, { operationErrors: [], partialErrors: [null, [entry1410]] });
    });

    it('all success: [] and [null, null] (and an empty inner array) mean no error for any link', () => {
      assert.deepEqual(readJsonLinkWriteResult({ OperationErrors: [], PartialErrors: [] }).partialErrors, []);
      assert.deepEqual(readJsonLinkWriteResult({ OperationErrors: null, PartialErrors: [null, null] }).partialErrors, [null, null]);
      assert.deepEqual(readJsonLinkWriteResult({ PartialErrors: [[], null] }).partialErrors, [null, null]);
    });

    it('several errors for one link, in order; Code given as a numeric string taken', () => {
      const result = readJsonLinkWriteResult({ PartialErrors: [[error1410, { Code: '1408', Details: 'd', Message: 'm' }], null, [error1410]] });
      assert.deepEqual(result.partialErrors, [[entry1410, { code: 1408, errorCode: null, message: 'm', details: 'd' }], null, [entry1410]]);
    });

    it('tolerates a flat entry (as Microsoft’s doc templates draw it) as that link’s single error', () => {
      assert.deepEqual(readJsonLinkWriteResult({ PartialErrors: [null, error1410] }).partialErrors, [null, [entry1410]]);
    });

    it('reads OperationErrors (nothing applied)', () => {
      const result = readJsonLinkWriteResult({ OperationErrors: [{ Code: 3087, Details: null, Message: 'The ClientLinks list is null or empty.' }], PartialErrors: null });
      assert.deepEqual(result, { operationErrors: [{ code: 3087, errorCode: null, message: 'The ClientLinks list is null or empty.', details: null }], partialErrors: [] });
    });

    it('equals what the SOAP reader reads from the same answer', () => {
      const soap = readLinkWriteResult(readResponse('AddClientLinks', { status: 200, body: writeResponse('AddClientLinks', [null, [{ code: 1410, message: error1410.Message }]]) }).wrapper);
      assert.deepEqual(readJsonLinkWriteResult({ OperationErrors: [], PartialErrors: [null, [error1410]] }), soap);
    });
  });

  describe('GetUserResponse', () => {
    it('reads the spec §5.1 example: ids as strings, Email from ContactInfo, roles', () => {
      const result = readJsonGetUser({
        User: {
          ContactInfo: { Email: 'ops@contoso-agency.example', Id: '150000002' },
          CustomerId: '251000123',
          Id: '171234567',
          Name: { FirstName: 'Dana', LastName: 'Smith', MiddleInitial: null },
          UserLifeCycleStatus: 'Active',
          UserName: 'dana@contoso-agency.example',
          Lcid: 'EnglishUS',
        },
        CustomerRoles: [
          { RoleId: 41, CustomerId: '251000123', AccountIds: null, LinkedAccountIds: ['180012345'], CustomerLinkPermission: null },
          { RoleId: 41, CustomerId: '250987654', AccountIds: null, LinkedAccountIds: null, CustomerLinkPermission: 'Administrative' },
        ],
      });
      assert.deepEqual(result, {
        User: {
          Id: '171234567',
          CustomerId: '251000123',
          UserName: 'dana@contoso-agency.example',
          Name: { FirstName: 'Dana', LastName: 'Smith', MiddleInitial: null },
          Email: 'ops@contoso-agency.example',
          UserLifeCycleStatus: 'Active',
        },
        CustomerRoles: [
          { RoleId: 41, CustomerId: '251000123', AccountIds: null, LinkedAccountIds: ['180012345'], CustomerLinkPermission: null },
          { RoleId: 41, CustomerId: '250987654', AccountIds: null, LinkedAccountIds: null, CustomerLinkPermission: 'Administrative' },
        ],
      });
    });

    it('takes numeric ids (User.Id, CustomerRole ids) as strings', () => {
      const result = readJsonGetUser({ User: { Id: 171234567, CustomerId: 251000123 }, CustomerRoles: [{ RoleId: 41, CustomerId: 251000123, LinkedAccountIds: [180012345, '180099999'] }] });
      assert.equal(result?.User.Id, '171234567');
      assert.equal(result?.User.CustomerId, '251000123');
      assert.deepEqual(result?.CustomerRoles[0]?.LinkedAccountIds, ['180012345', '180099999']);
      assert.equal(result?.CustomerRoles[0]?.CustomerId, '251000123');
    });

    it('no User (absent, null, not an object) → null', () => {
      assert.equal(readJsonGetUser({}), null);
      assert.equal(readJsonGetUser({ User: null, CustomerRoles: [] }), null);
      assert.equal(readJsonGetUser({ User: '171234567' }), null);
    });
  });

  describe('Get…InfoResponse', () => {
    it('reads AccountInfo (ids strings, PauseReason a number) and CustomerInfo', () => {
      const result = readJsonLinkedAccountsAndCustomers({
        AccountsInfo: [
          { Id: '180800001', Name: 'Contoso Agency Main', Number: 'F180AAAA', AccountLifeCycleStatus: 'Pause', PauseReason: 2 },
          { Id: 180012345, Name: 'Fabrikam Shoes - US', Number: 'F120ABCD', AccountLifeCycleStatus: 'Active', PauseReason: null, Unknown: true },
        ],
        CustomersInfo: [{ Id: '250987654', Name: 'Fabrikam' }],
      });
      assert.deepEqual(result, {
        AccountsInfo: [
          { Id: '180800001', Name: 'Contoso Agency Main', Number: 'F180AAAA', AccountLifeCycleStatus: 'Pause', PauseReason: 2 },
          { Id: '180012345', Name: 'Fabrikam Shoes - US', Number: 'F120ABCD', AccountLifeCycleStatus: 'Active', PauseReason: null },
        ],
        CustomersInfo: [{ Id: '250987654', Name: 'Fabrikam' }],
      });
    });
  });
});

/**
 * REST request bodies (REST spec §3, §5): ids as strings, int32/booleans as JSON numbers/booleans,
 * ForwardCompatibilityMap as [{Key, Value}], non-nullable ClientLink members omitted rather than
 * null, the dateTime we create without offset (UTC), searched values echoed untouched.
 */
import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { clientLinksBody, customerAccountsBody, getUserBody, searchClientLinksBody, toJsonClientLink } from '../../../src/core/rest/jsonRequests';
import { sampleLink } from '../soap/envelopes';

/** The body as it goes on the wire, read back: what the service sees. */
function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

describe('REST request bodies (jsonRequests)', () => {
  describe('ClientLink', () => {
    it('keeps ids as JSON strings, even beyond 2^53', () => {
      const json = toJsonClientLink(sampleLink({ ClientEntityId: '9007199254740993', ManagingCustomerId: '251000123', LastModifiedByUserId: '171234567' }), 'update');
      assert.equal(json.ClientEntityId, '9007199254740993');
      assert.equal(json.ManagingCustomerId, '251000123');
      assert.equal(json.LastModifiedByUserId, '171234567');
      const text = JSON.stringify(json);
      assert.match(text, /"ClientEntityId":"9007199254740993"/);
      assert.match(text, /"ManagingCustomerId":"251000123"/);
      assert.match(text, /"LastModifiedByUserId":"171234567"/);
    });

    it('sends booleans as JSON booleans, not strings', () => {
      const text = JSON.stringify(toJsonClientLink(sampleLink({ IsBillToClient: true, SuppressNotification: false }), 'update'));
      assert.match(text, /"IsBillToClient":true[,}]/);
      assert.match(text, /"SuppressNotification":false[,}]/);
    });

    it('sends ForwardCompatibilityMap as [{Key, Value}] (SDK casing), null kept as null', () => {
      const json = toJsonClientLink(
        sampleLink({
          ForwardCompatibilityMap: [
            { key: 'k1', value: 'v1' },
            { key: 'k2', value: null },
          ],
        }),
        'update',
      );
      assert.deepEqual(json.ForwardCompatibilityMap, [
        { Key: 'k1', Value: 'v1' },
        { Key: 'k2', Value: null },
      ]);
      assert.equal(toJsonClientLink(sampleLink({ ForwardCompatibilityMap: null }), 'update').ForwardCompatibilityMap, null);
    });

    it('omits the non-nullable members (Status, SuppressNotification, LastModifiedDateTime, LastModifiedByUserId) when null', () => {
      // The model types forbid null for three of them; a link read from a lax source may still carry it.
      const link = {
        ...sampleLink(),
        Status: null,
        SuppressNotification: null,
        LastModifiedDateTime: null,
        LastModifiedByUserId: null,
      } as unknown as ClientLink;
      for (const purpose of ['add', 'update'] as const) {
        const json = toJsonClientLink(link, purpose);
        for (const member of ['Status', 'SuppressNotification', 'LastModifiedDateTime', 'LastModifiedByUserId']) {
          assert.ok(!(member in json), `${purpose}: ${member} must be omitted, got ${JSON.stringify(json[member])}`);
        }
      }
    });

    it('sends the nullable members as null and omits the ones never set', () => {
      const json = toJsonClientLink(
        { ClientEntityId: '180012345', ManagingCustomerId: '251000123', Note: null, Timestamp: null, CustomerLinkPermission: null, ClientEntityCustomerNumber: null, IsBillToClient: null },
        'update',
      );
      assert.deepEqual(json, {
        ClientEntityId: '180012345',
        ManagingCustomerId: '251000123',
        Note: null,
        IsBillToClient: null,
        Timestamp: null,
        CustomerLinkPermission: null,
        ClientEntityCustomerNumber: null,
      });
    });

    it('add: converts a StartDate with Z or an offset to yyyy-MM-ddTHH:mm:ss in UTC', () => {
      for (const [given, sent] of [
        ['2026-09-01T17:05:12Z', '2026-09-01T17:05:12'],
        ['2026-09-01T10:05:12-07:00', '2026-09-01T17:05:12'],
        ['2026-09-02T01:35:12+08:30', '2026-09-01T17:05:12'],
        ['2026-09-01T17:05:12', '2026-09-01T17:05:12'],
      ] as const) {
        assert.equal(toJsonClientLink({ ClientEntityId: '1', StartDate: given }, 'add').StartDate, sent, given);
      }
    });

    it('update: echoes StartDate, LastModifiedDateTime and Timestamp untouched', () => {
      const searched = sampleLink({ StartDate: '2026-09-01T17:05:12.5300000+00:00', LastModifiedDateTime: '2026-09-01T17:05:12.53Z', Timestamp: 'AAAAAAGq3n0=' });
      const json = toJsonClientLink(searched, 'update');
      assert.equal(json.StartDate, '2026-09-01T17:05:12.5300000+00:00');
      assert.equal(json.LastModifiedDateTime, '2026-09-01T17:05:12.53Z');
      assert.equal(json.Timestamp, 'AAAAAAGq3n0=');
    });
  });

  it('AddClientLinksRequest is the spec §5.3 example', () => {
    const links: ClientLink[] = [
      {
        Type: 'AccountLink',
        ClientEntityId: '180012345',
        ManagingCustomerId: '251000123',
        Note: 'Contoso will run your Q4 search campaigns.',
        Name: 'Fabrikam Shoes US',
        IsBillToClient: true,
        SuppressNotification: false,
        ClientEntityCustomerNumber: 'B9X7Z5Q3W1',
      },
      { ClientEntityId: '180099999', ManagingCustomerId: '251000123', IsBillToClient: false },
    ];
    assert.deepEqual(wire(clientLinksBody(links, 'add')), {
      ClientLinks: [
        {
          Type: 'AccountLink',
          ClientEntityId: '180012345',
          ManagingCustomerId: '251000123',
          Note: 'Contoso will run your Q4 search campaigns.',
          Name: 'Fabrikam Shoes US',
          IsBillToClient: true,
          SuppressNotification: false,
          ClientEntityCustomerNumber: 'B9X7Z5Q3W1',
        },
        { ClientEntityId: '180099999', ManagingCustomerId: '251000123', IsBillToClient: false },
      ],
    });
  });

  it('UpdateClientLinksRequest is the spec §5.4 example: the searched link with only Status changed', () => {
    assert.deepEqual(wire(clientLinksBody([sampleLink({ Status: 'LinkCanceled' })], 'update')), {
      ClientLinks: [
        {
          Type: 'AccountLink',
          ClientEntityId: '180012345',
          ClientEntityNumber: 'F120ABCD',
          ClientEntityName: 'Fabrikam Shoes - US',
          ManagingCustomerId: '251000123',
          ManagingCustomerNumber: 'A1B2C3D4E5',
          ManagingCustomerName: 'Contoso Agency',
          Note: 'Contoso will run your Q4 search campaigns.',
          Name: 'Fabrikam Shoes US',
          InviterEmail: 'ops@contoso-agency.example',
          InviterName: 'Contoso Agency',
          InviterPhone: '+14255550100',
          IsBillToClient: true,
          StartDate: '2026-09-01T17:05:12.53',
          Status: 'LinkCanceled',
          SuppressNotification: false,
          LastModifiedDateTime: '2026-09-01T17:05:12.53',
          LastModifiedByUserId: '171234567',
          Timestamp: 'AAAAAAGq3n0=',
          ForwardCompatibilityMap: null,
          CustomerLinkPermission: null,
          ClientEntityCustomerNumber: 'B9X7Z5Q3W1',
        },
      ],
    });
  });

  describe('SearchClientLinksRequest', () => {
    const predicates = [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: '251000123' }] as const;

    it('is the spec §5.2 example, PageInfo Index/Size as JSON numbers', () => {
      const body = searchClientLinksBody([...predicates], [{ Field: 'Name', Order: 'Ascending' }], { index: 0, size: 100 });
      assert.deepEqual(wire(body), {
        Predicates: [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: '251000123' }],
        Ordering: [{ Field: 'Name', Order: 'Ascending' }],
        PageInfo: { Index: 0, Size: 100 },
      });
      assert.match(JSON.stringify(body), /"PageInfo":\{"Index":0,"Size":100\}/);
    });

    it('keeps a comma-separated In value as one string', () => {
      const body = searchClientLinksBody([{ Field: 'ClientAccountId', Operator: 'In', Value: '180012345,180099999' }], undefined, { index: 3, size: 25 });
      assert.deepEqual(wire(body), { Predicates: [{ Field: 'ClientAccountId', Operator: 'In', Value: '180012345,180099999' }], PageInfo: { Index: 3, Size: 25 } });
    });

    it('omits Ordering when there is none or it is empty (never null, never [])', () => {
      for (const ordering of [undefined, []]) {
        const body = searchClientLinksBody([...predicates], ordering, { index: 1, size: 100 });
        assert.ok(!('Ordering' in body), JSON.stringify(body));
        assert.deepEqual(body.PageInfo, { Index: 1, Size: 100 });
      }
    });
  });

  it('GetUserRequest is {"UserId": null} (the caller)', () => {
    assert.equal(JSON.stringify(getUserBody()), '{"UserId":null}');
  });

  it('Get…InfoRequest: CustomerId a string, OnlyParentAccounts the JSON boolean false', () => {
    assert.equal(JSON.stringify(customerAccountsBody('251000123')), '{"CustomerId":"251000123","OnlyParentAccounts":false}');
  });
});

import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { CustomerManagementSoapClient } from '../../../src/core/soap/soapClient';
import { clientLinksRequest, getUserRequest, searchClientLinksRequest, toServiceDateTime, toWireClientLink } from '../../../src/core/soap/requests';
import { wsdlCandidates, resolveWsdlPath } from '../../../src/core/soap/wsdlLocation';
import { canonicalize, E, find, leaf, S, V, type Canonical } from './canonical';
import { sampleLink } from './envelopes';

const credentials = { accessToken: 'EwB4A8l6BAAU<&>', developerToken: 'BBD37VB98' };

describe('request serialization (node-soap envelopes from our WSDL)', () => {
  const client = new CustomerManagementSoapClient({ endpoint: 'http://127.0.0.1:9/unused', timeoutMs: 1000 });
  after(() => client.close());

  function body(operation: Parameters<CustomerManagementSoapClient['envelopeFor']>[0], wire: Parameters<CustomerManagementSoapClient['envelopeFor']>[1]): Canonical {
    const xml = client.envelopeFor(operation, wire, credentials);
    const envelope = canonicalize(xml);
    const soapBody = envelope.children?.find((c) => c.el === S('Body'));
    assert.ok(soapBody?.children?.[0], 'no body content');
    return soapBody.children[0];
  }

  it('finds the WSDL from compiled tests and from the bundle layout', () => {
    assert.ok(resolveWsdlPath().endsWith('CustomerManagementService.v13.client-links.wsdl'));
    const bundled = wsdlCandidates('/opt/ext/dist');
    assert.equal(bundled[0], '/opt/ext/dist/wsdl/CustomerManagementService.v13.client-links.wsdl');
    const compiled = wsdlCandidates('/repo/out/src/core/soap');
    assert.ok(compiled.includes('/repo/src/core/soap/wsdl/CustomerManagementService.v13.client-links.wsdl'));
  });

  it('sends only AuthenticationToken and DeveloperToken headers, in the v13 namespace, escaped', () => {
    const xml = client.envelopeFor('GetUser', getUserRequest(), credentials);
    const envelope = canonicalize(xml);
    const header = envelope.children?.find((c) => c.el === S('Header'));
    assert.deepEqual(header?.children, [leaf(V('AuthenticationToken'), credentials.accessToken), leaf(V('DeveloperToken'), 'BBD37VB98')]);
    assert.ok(!/CustomerId|CustomerAccountId|ApplicationToken|UserName|Password/.test(xml.slice(0, xml.indexOf('Body'))));
  });

  it('GetUser sends UserId nil', () => {
    assert.deepEqual(body('GetUser', getUserRequest()), { el: V('GetUserRequest'), children: [{ el: V('UserId'), nil: true }] });
  });

  it('AddClientLinks matches spec §10: wrapper children in v13, ClientLink members in Entities, WSDL order', () => {
    const first: ClientLink = {
      // Deliberately not in WSDL order: the envelope must still be.
      ClientEntityCustomerNumber: 'B9X7Z5Q3W1',
      SuppressNotification: false,
      IsBillToClient: true,
      Name: 'Fabrikam Shoes US',
      Note: 'Contoso will run your Q4 search campaigns.',
      ManagingCustomerId: '251000123',
      ClientEntityId: '180012345',
      Type: 'AccountLink',
    };
    const second: ClientLink = { ClientEntityId: '180099999', ManagingCustomerId: '251000123', IsBillToClient: false };
    const actual = body('AddClientLinks', clientLinksRequest([first, second], 'add'));
    assert.deepEqual(actual, {
      el: V('AddClientLinksRequest'),
      children: [
        {
          el: V('ClientLinks'),
          children: [
            {
              el: E('ClientLink'),
              children: [
                leaf(E('Type'), 'AccountLink'),
                leaf(E('ClientEntityId'), '180012345'),
                leaf(E('ManagingCustomerId'), '251000123'),
                leaf(E('Note'), 'Contoso will run your Q4 search campaigns.'),
                leaf(E('Name'), 'Fabrikam Shoes US'),
                leaf(E('IsBillToClient'), 'true'),
                leaf(E('SuppressNotification'), 'false'),
                leaf(E('ClientEntityCustomerNumber'), 'B9X7Z5Q3W1'),
              ],
            },
            { el: E('ClientLink'), children: [leaf(E('ClientEntityId'), '180099999'), leaf(E('ManagingCustomerId'), '251000123'), leaf(E('IsBillToClient'), 'false')] },
          ],
        },
      ],
    });
  });

  it('UpdateClientLinks echoes the searched link (StartDate untouched, nil for null nillables, non-nillables never nil)', () => {
    const searched = sampleLink({ Status: 'LinkAccepted' });
    const actual = body('UpdateClientLinks', clientLinksRequest([{ ...searched, LastModifiedByUserId: null as unknown as string }], 'update'));
    const link = find(actual, E('ClientLink'));
    assert.ok(link?.children);
    assert.deepEqual(
      link.children.map((c) => c.el.replace(/^\{[^}]*\}/, '')),
      [
        'Type',
        'ClientEntityId',
        'ClientEntityNumber',
        'ClientEntityName',
        'ManagingCustomerId',
        'ManagingCustomerNumber',
        'ManagingCustomerName',
        'Note',
        'Name',
        'InviterEmail',
        'InviterName',
        'InviterPhone',
        'IsBillToClient',
        'StartDate',
        'Status',
        'SuppressNotification',
        'LastModifiedDateTime',
        'Timestamp',
        'ForwardCompatibilityMap',
        'CustomerLinkPermission',
        'ClientEntityCustomerNumber',
      ],
    );
    assert.ok(link.children.every((c) => c.el.startsWith('{https://bingads.microsoft.com/Customer/v13/Entities}')));
    assert.deepEqual(find(link, 'StartDate'), leaf(E('StartDate'), '2026-09-01T17:05:12.53'));
    assert.deepEqual(find(link, 'Status'), leaf(E('Status'), 'LinkAccepted'));
    assert.deepEqual(find(link, 'CustomerLinkPermission'), { el: E('CustomerLinkPermission'), nil: true });
    assert.deepEqual(find(link, 'Timestamp'), leaf(E('Timestamp'), 'AAAAAAGq3n0='));
  });

  it('keeps ids above 2^53 exactly', () => {
    const actual = body('UpdateClientLinks', clientLinksRequest([{ ClientEntityId: '9007199254740993', ManagingCustomerId: '18446744073709551' }], 'update'));
    assert.deepEqual(find(actual, 'ClientEntityId'), leaf(E('ClientEntityId'), '9007199254740993'));
  });

  it('SearchClientLinks sends Predicates, Ordering, PageInfo in order (spec §10)', () => {
    const actual = body(
      'SearchClientLinks',
      searchClientLinksRequest([{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: '251000123' }], [{ Field: 'Name', Order: 'Ascending' }], { index: 0, size: 100 }),
    );
    assert.deepEqual(actual, {
      el: V('SearchClientLinksRequest'),
      children: [
        { el: V('Predicates'), children: [{ el: E('Predicate'), children: [leaf(E('Field'), 'DirectManagingCustomerId'), leaf(E('Operator'), 'Equals'), leaf(E('Value'), '251000123')] }] },
        { el: V('Ordering'), children: [{ el: E('OrderBy'), children: [leaf(E('Field'), 'Name'), leaf(E('Order'), 'Ascending')] }] },
        { el: V('PageInfo'), children: [leaf(E('Index'), '0'), leaf(E('Size'), '100')] },
      ],
    });
  });

  it('omits Ordering when none is given', () => {
    const actual = body('SearchClientLinks', searchClientLinksRequest([{ Field: 'ClientAccountId', Operator: 'In', Value: '1111,2222' }], undefined, { index: 3, size: 50 }));
    assert.deepEqual(
      actual.children?.map((c) => c.el),
      [V('Predicates'), V('PageInfo')],
    );
  });

  it('never sends a signed offset in a dateTime we create; echoes searched dateTimes untouched', () => {
    assert.equal(toServiceDateTime('2026-10-01T00:00:00+02:00'), '2026-09-30T22:00:00');
    assert.equal(toServiceDateTime('2026-10-01T08:30:00Z'), '2026-10-01T08:30:00');
    assert.equal(toServiceDateTime('2026-10-01T08:30:00.250-01:00'), '2026-10-01T09:30:00.250');
    assert.equal(toServiceDateTime('2026-10-01T08:30:00'), '2026-10-01T08:30:00');
    assert.equal(toWireClientLink({ StartDate: '2026-10-01T00:00:00+00:00' }, 'add')['StartDate'], '2026-10-01T00:00:00');
    assert.equal(toWireClientLink({ StartDate: '2026-09-01T17:05:12.5300000' }, 'update')['StartDate'], '2026-09-01T17:05:12.5300000');
  });

  it('serializes ForwardCompatibilityMap pairs in the generic namespace', () => {
    const actual = body('UpdateClientLinks', clientLinksRequest([{ ClientEntityId: '1', ForwardCompatibilityMap: [{ key: 'k', value: 'v' }] }], 'update'));
    assert.deepEqual(find(actual, 'ForwardCompatibilityMap'), {
      el: E('ForwardCompatibilityMap'),
      children: [
        {
          el: '{http://schemas.datacontract.org/2004/07/System.Collections.Generic}KeyValuePairOfstringstring',
          children: [leaf('{http://schemas.datacontract.org/2004/07/System.Collections.Generic}key', 'k'), leaf('{http://schemas.datacontract.org/2004/07/System.Collections.Generic}value', 'v')],
        },
      ],
    });
  });
});

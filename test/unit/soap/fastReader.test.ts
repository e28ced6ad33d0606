/**
 * The hand-written XML scanner and the ClientLink reader (performance issue, figure 6): the fast
 * paths keep the semantics of the straightforward versions they replaced.
 */
import * as assert from 'node:assert/strict';
import { CLIENT_LINK_FIELDS } from '../../../src/core/model/clientLink';
import { readResponse } from '../../../src/core/soap/envelope';
import { readClientLink, readSearchClientLinks } from '../../../src/core/soap/responseReader';
import { parseXml, XmlSyntaxError } from '../../../src/core/soap/xml';
import { sampleLink, searchResponse } from './envelopes';

const ENTITIES = 'https://bingads.microsoft.com/Customer/v13/Entities';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function linkElement(members: string) {
  return parseXml(`<a:ClientLink xmlns:a="${ENTITIES}" xmlns:i="${XSI}">${members}</a:ClientLink>`);
}

describe('fast XML scanner', () => {
  it('accepts white space before > in end tags and between attributes, tabs and newlines included', () => {
    const root = parseXml(`<a:r\n\txmlns:a="urn:a"\r\n  x = "1" ><a:b >t</a:b\t><a:c /></a:r \n>`);
    assert.equal(root.name, 'r');
    assert.deepEqual(
      root.children.map((c) => [c.ns, c.name, c.text]),
      [
        ['urn:a', 'b', 't'],
        ['urn:a', 'c', ''],
      ],
    );
  });

  it('scopes namespace declarations to their element, restoring the outer binding after it', () => {
    const root = parseXml(`<p:r xmlns:p="urn:outer"><p:a xmlns:p="urn:inner"><p:b/></p:a><p:c/><d xmlns="urn:default"/><e/></p:r>`);
    const [a, c, d, e] = root.children;
    assert.equal(a?.ns, 'urn:inner');
    assert.equal(a?.children[0]?.ns, 'urn:inner');
    assert.equal(c?.ns, 'urn:outer');
    assert.equal(d?.ns, 'urn:default');
    assert.equal(e?.ns, '');
  });

  it('scopes the declarations of a self-closing element to it', () => {
    const root = parseXml(`<r><x:a xmlns:x="urn:x"/></r>`);
    assert.equal(root.children[0]?.ns, 'urn:x');
    assert.throws(() => parseXml(`<r><x:a xmlns:x="urn:x"/><x:b/></r>`), XmlSyntaxError);
  });

  it('resolves the prefix of xsi:nil with the element’s own declarations', () => {
    const root = parseXml(`<r><v xmlns:q="${XSI}" q:nil="true"/><w q:nil="true" xmlns:q="urn:not-xsi"/></r>`);
    assert.equal(root.children[0]?.nil, true);
    assert.equal(root.children[1]?.nil, false);
  });

  it('gives leaf elements an empty, unshared-on-write children list', () => {
    const root = parseXml('<r><a/><b><c/></b></r>');
    assert.deepEqual(root.children[0]?.children, []);
    assert.equal(root.children[1]?.children.length, 1);
    assert.equal(root.children[0]?.children.length, 0, 'a child of one element never shows up in another');
  });

  for (const [what, xml] of [
    ['an end tag with another name of the same length', '<ab></ba>'],
    ['an end tag that is a prefix of the open name', '<abc></ab>'],
    ['an end tag longer than the open name', '<ab></abc>'],
    ['an end tag without >', '<a></a'],
    ['a start tag without a name', '<>x</>'],
    ['a start tag cut after its name', '<a'],
    ['a slash not followed by >', '<a/ ></a>'],
  ] as const) {
    it(`rejects ${what}`, () => {
      assert.throws(() => parseXml(xml), XmlSyntaxError);
    });
  }
});

describe('fast ClientLink reader', () => {
  it('builds every member in WSDL order when all are present', () => {
    const link = sampleLink({ ForwardCompatibilityMap: [{ key: 'k', value: 'v' }], CustomerLinkPermission: 'Standard' });
    const [read] = readSearchClientLinks(readResponse('SearchClientLinks', { status: 200, body: searchResponse([link]) }).wrapper);
    assert.deepEqual(Object.keys(read ?? {}), [...CLIENT_LINK_FIELDS]);
    assert.deepEqual(read, link);
  });

  it('keeps the key order when non-nillable members are missing', () => {
    const link = readClientLink(linkElement('<a:Status>Active</a:Status><a:Timestamp>AA==</a:Timestamp>'));
    assert.deepEqual(
      Object.keys(link),
      CLIENT_LINK_FIELDS.filter((f) => !['SuppressNotification', 'LastModifiedDateTime', 'LastModifiedByUserId'].includes(f)),
    );
    assert.equal(link.Timestamp, 'AA==');
  });

  it('leaves nil non-nillable members out and keeps present ones', () => {
    const link = readClientLink(linkElement('<a:SuppressNotification i:nil="true"/><a:LastModifiedDateTime>2026-01-01T00:00:00</a:LastModifiedDateTime>'));
    assert.ok(!('SuppressNotification' in link));
    assert.equal(link.LastModifiedDateTime, '2026-01-01T00:00:00');
    assert.ok(!('LastModifiedByUserId' in link));
  });

  it('reads members out of order, ignores unknown ones, and keeps the first of a repeated member (even nil)', () => {
    const link = readClientLink(
      linkElement(
        '<a:Status>Active</a:Status><a:Unknown>x</a:Unknown><a:ClientEntityId> 42 </a:ClientEntityId><a:Type>CustomerLink</a:Type>' +
          '<a:Note i:nil="true"/><a:Note>second</a:Note><a:Status>Inactive</a:Status><a:IsBillToClient>1</a:IsBillToClient>',
      ),
    );
    assert.equal(link.Status, 'Active');
    assert.equal(link.ClientEntityId, '42');
    assert.equal(link.Type, 'CustomerLink');
    assert.equal(link.Note, null);
    assert.equal(link.IsBillToClient, true);
    assert.ok(!('Unknown' in link));
  });
});

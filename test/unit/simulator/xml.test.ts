import * as assert from 'node:assert/strict';
import { formatDateTime, parseDateTime } from '../../../src/simulator/xml/dateTime';
import { NS } from '../../../src/simulator/xml/namespaces';
import { parseXml, isNil, XmlSyntaxError } from '../../../src/simulator/xml/reader';
import { Sequence } from '../../../src/simulator/xml/sequence';
import { element, escapeXml, nillable, optional, textElement } from '../../../src/simulator/xml/writer';
import { DeserializationError } from '../../../src/simulator/soap/requestErrors';
import { clientLinkXml } from '../../../src/simulator/soap/entities';
import { responseEnvelope, searchClientLinksResponse } from '../../../src/simulator/soap/responses';

const TRICKY = `Tom & Jerry's <"best"> deal 😀🚀 — متجر الواحة — שלום ‏עולם`;

describe('simulator XML writing and reading', () => {
  it('escapes the five XML specials', () => {
    assert.equal(escapeXml(`<&"'>`), '&lt;&amp;&quot;&apos;&gt;');
  });

  it('round-trips < & " \' emoji and RTL text through text and attributes', () => {
    const xml = element('root', textElement('v', TRICKY, { note: TRICKY }));
    const root = parseXml(xml);
    const v = root.children[0]!;
    assert.equal(v.text, TRICKY);
    assert.equal(v.attributes.get('note'), TRICKY);
  });

  it('replaces characters XML cannot carry', () => {
    const root = parseXml(textElement('v', 'a\u0001b'));
    assert.equal(root.text, 'a\uFFFDb');
  });

  it('writes nil and omitted members', () => {
    assert.equal(nillable('a:Note', null), '<a:Note i:nil="true"/>');
    assert.equal(nillable('a:Note', 'x'), '<a:Note>x</a:Note>');
    assert.equal(optional('a:ClientEntityCustomerNumber', null), '');
  });

  it('matches by namespace URI, whatever the prefixes', () => {
    const root = parseXml(`<x:E xmlns:x="${NS.soap}" xmlns:zz="${NS.xsi}"><V xmlns="${NS.v13}" zz:nil="true"/></x:E>`);
    assert.equal(root.uri, NS.soap);
    assert.equal(root.local, 'E');
    assert.equal(root.children[0]!.uri, NS.v13);
    assert.ok(isNil(root.children[0]!));
  });

  it('rejects malformed XML and DTDs', () => {
    assert.throws(() => parseXml('<a><b></a>'), XmlSyntaxError);
    assert.throws(() => parseXml('not xml'), XmlSyntaxError);
    assert.throws(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'), XmlSyntaxError);
  });

  it('ignores a member that comes after a later sibling (spec §11.2), or faults when strict', () => {
    const el = parseXml(`<P xmlns="${NS.entities}"><Index>2</Index><Size>10</Size><Field>late</Field></P>`);
    const seq = new Sequence(el, NS.entities, ['Field', 'Index', 'Size']);
    assert.equal(seq.has('Field'), false);
    assert.deepEqual(seq.ignored, ['Field']);
    assert.equal(seq.int('Size'), 10);
    assert.throws(() => new Sequence(el, NS.entities, ['Field', 'Index', 'Size'], { faultOnOutOfOrder: true }), DeserializationError);
  });

  it('refuses nil and junk in typed members', () => {
    const el = parseXml(`<P xmlns="${NS.entities}" xmlns:i="${NS.xsi}"><A i:nil="true"/><B>12x</B><C>maybe</C></P>`);
    const seq = new Sequence(el, NS.entities, ['A', 'B', 'C']);
    assert.throws(() => seq.int('A', false), DeserializationError);
    assert.equal(seq.long('A'), null);
    assert.throws(() => seq.long('B'), DeserializationError);
    assert.throws(() => seq.boolean('C'), DeserializationError);
  });
});

describe('simulator dateTime', () => {
  it('writes UTC without suffix, trimming the fraction like .NET', () => {
    assert.equal(formatDateTime(Date.UTC(2026, 8, 1, 17, 5, 12, 530)), '2026-09-01T17:05:12.53');
    assert.equal(formatDateTime(Date.UTC(2026, 8, 1, 17, 5, 12, 0)), '2026-09-01T17:05:12');
  });

  it('reads suffix-less values as UTC, Z as UTC, and flags signed offsets', () => {
    const utc = Date.UTC(2026, 8, 1, 17, 5, 12, 530);
    assert.deepEqual(parseDateTime('2026-09-01T17:05:12.53'), { ok: true, ms: utc, hasSignedOffset: false });
    assert.deepEqual(parseDateTime('2026-09-01T17:05:12.5300000Z'), { ok: true, ms: utc, hasSignedOffset: false });
    assert.deepEqual(parseDateTime('2026-09-01T19:05:12.53+02:00'), { ok: true, ms: utc, hasSignedOffset: true });
    assert.deepEqual(parseDateTime('2026-09-01T17:05:12.53+00:00'), { ok: true, ms: utc, hasSignedOffset: true });
    for (const bad of ['', '2026-02-30T00:00:00', '2026-09-01 17:05:12', '2026-09-01T25:00:00']) {
      assert.equal(parseDateTime(bad).ok, false, bad);
    }
  });
});

describe('simulator search answers in bytes', () => {
  const link = (id: number, name: string) =>
    Object.freeze({ Type: 'AccountLink', ClientEntityId: String(180000000 + id), ManagingCustomerId: '251000123', Name: name, Note: null, Status: 'Active', SuppressNotification: false, IsBillToClient: true });

  it('a page of links is the same bytes as the text form would give, non-ASCII names included, and cached per link', () => {
    const links = [link(1, TRICKY), link(2, 'Plain name'), link(3, 'Ünïcödé & Co')];
    const text = element('SearchClientLinksResponse', element('ClientLinks', links.map(clientLinkXml).join(''), { 'xmlns:a': NS.entities, 'xmlns:i': NS.xsi }), { xmlns: NS.v13 });
    const body = searchClientLinksResponse(links);
    assert.ok(typeof body !== 'string');
    assert.ok(Buffer.concat(body).equals(Buffer.from(text, 'utf8')));
    assert.equal(searchClientLinksResponse(links)[1], body[1], 'the same cached buffer for the same frozen view');
    const envelope = responseEnvelope(body, '00000000-0000-0000-0000-000000000001');
    assert.ok(Array.isArray(envelope));
    assert.equal(Buffer.concat(envelope).toString('utf8'), responseEnvelope(text, '00000000-0000-0000-0000-000000000001'));
  });

  it('an empty page is the self-closing text form', () => {
    assert.equal(searchClientLinksResponse([]), element('SearchClientLinksResponse', element('ClientLinks', '', { 'xmlns:a': NS.entities, 'xmlns:i': NS.xsi }), { xmlns: NS.v13 }));
  });
});

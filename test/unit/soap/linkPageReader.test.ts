/**
 * SearchClientLinks pages read straight from the characters (linkPageReader.ts, issue 15) against
 * the general tree-based path (parseXml + readSearchClientLinks, kept as the fallback): the same
 * links, TrackingId and errors over the simulator's real answers (demo and scale seeds, every kind
 * of user) and over generated variations the WSDL allows (prefixes, nil, entities, CDATA, comments,
 * white space, members in any order, unknown elements) and malformed ones.
 */
import * as assert from 'node:assert/strict';
import type { HttpRequest, RawResponse, Transport } from '../../../src/core/http/transport';
import type { Predicate } from '../../../src/core/model/clientLink';
import { readLinkPageFromTree, readSearchClientLinksAnswer, scanLinkPage, type LinkPage } from '../../../src/core/soap/linkPageReader';
import { CustomerManagementSoapClient } from '../../../src/core/soap/soapClient';
import * as xml from '../../../src/core/soap/xml';
import { ManualClock, Simulator } from '../../../src/simulator';
import { createRandom } from '../../../src/simulator/prng';
import { adApiFault, apiFault, envelope, sampleLink, searchResponse } from './envelopes';

const NOW = Date.UTC(2026, 8, 1, 17, 5, 12, 530);
const AGENCY = '251000123';
const V13 = 'https://bingads.microsoft.com/Customer/v13';
const ENTITIES = 'https://bingads.microsoft.com/Customer/v13/Entities';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const GENERIC = 'http://schemas.datacontract.org/2004/07/System.Collections.Generic';
const S_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Answers the client's requests from an in-process simulator and keeps every answer's text. */
class SimulatorTransport implements Transport {
  readonly answers: RawResponse[] = [];
  constructor(private readonly sim: Simulator) {}
  send(request: HttpRequest): Promise<RawResponse> {
    const reply = this.sim.handle(request.headers.SOAPAction, request.body);
    const body = typeof reply.body === 'string' ? reply.body : Buffer.concat(reply.body).toString('utf8');
    const response: RawResponse = { status: reply.status, body, headers: { trackingid: reply.headers?.TrackingId } };
    this.answers.push(response);
    return Promise.resolve(response);
  }
  close(): void {}
}

/** A SearchClientLinks answer around `clientLinks`. */
const wrap = (clientLinks: string, header = '<s:Header><h:TrackingId xmlns:h="' + V13 + '">t-1</h:TrackingId></s:Header>') =>
  `<s:Envelope xmlns:s="${S_NS}">${header}<s:Body><SearchClientLinksResponse xmlns="${V13}">${clientLinks}</SearchClientLinksResponse></s:Body></s:Envelope>`;
const links = (items: string, attrs = `xmlns:a="${ENTITIES}" xmlns:i="${XSI}"`) => wrap(`<ClientLinks ${attrs}>${items}</ClientLinks>`);

type Outcome = { page: LinkPage } | { error: string; message: string; fields: string };

/** What a reader gives: its page, or its error (class, message and every own field but the stack). */
function outcome(read: () => LinkPage): Outcome {
  try {
    return { page: read() };
  } catch (e) {
    if (!(e instanceof Error)) {
      throw e;
    }
    const fields = Object.entries(e).map(([k, v]) => [k, v instanceof Error ? `${v.name}: ${v.message}` : v] as const);
    return { error: e.constructor.name, message: e.message, fields: JSON.stringify(fields) };
  }
}

/** Both paths give the same outcome; returns it. */
function same(body: string, status = 200): Outcome {
  const response: RawResponse = { status, body };
  const fast = outcome(() => readSearchClientLinksAnswer(response));
  const tree = outcome(() => readLinkPageFromTree(response));
  assert.deepStrictEqual(fast, tree);
  return fast;
}

/** Both paths give the same page, and the page was read without the tree. */
function samePage(body: string): LinkPage {
  const result = same(body);
  assert.ok('page' in result, `a page, not ${'error' in result ? result.message : ''}`);
  assert.ok(scanLinkPage(body), 'read straight from the characters');
  return result.page;
}

async function listing(sim: Simulator, token: string, predicates: Predicate[], size: number): Promise<{ answers: RawResponse[]; count: number }> {
  const transport = new SimulatorTransport(sim);
  const client = new CustomerManagementSoapClient({ endpoint: 'http://127.0.0.1:9/CustomerManagementService.svc', timeoutMs: 1000, transport, now: () => NOW });
  const context = { credentials: { accessToken: token, developerToken: sim.developerToken } };
  let count = 0;
  for (let index = 0; ; index++) {
    let links: readonly unknown[];
    try {
      links = (await client.searchClientLinks(predicates, [{ Field: 'Id', Order: 'Ascending' }], { index, size }, context)).value;
    } catch {
      break; // a fault (a user who may not list this side): its answer is compared like the pages
    }
    count += links.length;
    if (links.length < size) {
      break;
    }
  }
  return { answers: transport.answers, count };
}

describe('SearchClientLinks pages read straight from the characters', () => {
  describe("the simulator's answers", () => {
    it('the demo seed, every user and side: the same links and TrackingId as the tree', async () => {
      const sim = new Simulator({ seed: 'demo', clock: new ManualClock(NOW) });
      try {
        let links = 0;
        for (const user of sim.seedInfo.users) {
          for (const predicates of [
            [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: user.customerId }],
            [{ Field: 'ClientCustomerId', Operator: 'Equals', Value: user.customerId }],
          ] satisfies Predicate[][]) {
            const { answers, count } = await listing(sim, user.accessToken, predicates, 7);
            links += count;
            for (const answer of answers) {
              if (answer.status === 200) {
                const page = samePage(answer.body);
                assert.ok(page.trackingId, 'the TrackingId header is read');
              } else {
                same(answer.body, answer.status);
              }
            }
          }
        }
        assert.ok(links > 60, `${links} links compared`);
      } finally {
        sim.dispose();
      }
    });

    it('the scale:2500 seed in pages of 100 (the largest the service allows): the same links as the tree, ForwardCompatibilityMap and nil members included', async () => {
      const sim = new Simulator({ seed: 'scale:2500', clock: new ManualClock(NOW) });
      try {
        const admin = sim.seedInfo.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin');
        assert.ok(admin);
        const { answers, count } = await listing(sim, admin.accessToken, [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: AGENCY }], 100);
        assert.ok(answers.length >= 20, `${answers.length} pages`);
        assert.ok(count >= 2000, `${count} links`);
        let read = 0;
        for (const answer of answers) {
          read += samePage(answer.body).links.length;
        }
        assert.equal(read, count);
      } finally {
        sim.dispose();
      }
    });

    it('faults, whatever their HTTP status: the fault path with its codes and TrackingId', async () => {
      for (const faultsAs200 of [false, true]) {
        const sim = new Simulator({ seed: 'demo', clock: new ManualClock(NOW), faultsAs200 });
        try {
          const transport = new SimulatorTransport(sim);
          const client = new CustomerManagementSoapClient({ endpoint: 'http://127.0.0.1:9/x.svc', timeoutMs: 1000, transport, now: () => NOW });
          const context = { credentials: { accessToken: 'not-a-token', developerToken: sim.developerToken } };
          await assert.rejects(client.searchClientLinks([], undefined, { index: 0, size: 10 }, context), (e: Error & { code?: number; trackingId?: string }) => {
            assert.equal(e.constructor.name, 'ServiceFaultError');
            assert.ok(e.trackingId, 'the TrackingId is kept');
            return true;
          });
          const [answer] = transport.answers;
          assert.ok(answer);
          assert.equal(answer.status, faultsAs200 ? 200 : 500);
          const result = same(answer.body, answer.status);
          assert.ok('error' in result && result.error === 'ServiceFaultError');
        } finally {
          sim.dispose();
        }
      }
    });
  });

  it('the client reads a page without building the element tree, and a fault with it', async () => {
    const counted = xml as { parseXml: (text: string) => xml.XmlElement };
    const original = counted.parseXml;
    let trees = 0;
    counted.parseXml = (text) => {
      trees++;
      return original(text);
    };
    try {
      let body = searchResponse([sampleLink(), sampleLink({ ClientEntityId: '180012346' })]);
      const transport: Transport = { send: () => Promise.resolve({ status: 200, body }), close: () => undefined };
      const client = new CustomerManagementSoapClient({ endpoint: 'http://127.0.0.1:9/x.svc', timeoutMs: 1000, transport, now: () => NOW });
      const context = { credentials: { accessToken: 'a', developerToken: 'd' } };
      const page = await client.searchClientLinks([], undefined, { index: 0, size: 10 }, context);
      assert.equal(page.value.length, 2);
      assert.equal(page.trackingId, 'search-tracking');
      assert.equal(trees, 0, 'no element tree for a page');
      body = adApiFault(105, 'InvalidCredentials', 'Authentication failed.');
      await assert.rejects(client.searchClientLinks([], undefined, { index: 0, size: 10 }, context), /Authentication failed/);
      assert.equal(trees, 1, 'the fault is read by the general path');
    } finally {
      counted.parseXml = original;
    }
  });

  describe('variations the WSDL allows', () => {

    const cases: [string, string][] = [
      ['the answer of envelopes.ts', searchResponse([sampleLink({ ForwardCompatibilityMap: [{ key: 'k', value: 'v' }], CustomerLinkPermission: 'Standard' }), sampleLink({ Note: null, ClientEntityCustomerNumber: null })])],
      ['other prefixes, default namespaces, SOAP 1.2', `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><r:SearchClientLinksResponse xmlns:r="${V13}"><r:ClientLinks xmlns="${ENTITIES}" xmlns:xsi="${XSI}"><ClientLink><Type>AccountLink</Type><ClientEntityId>1</ClientEntityId><Note xsi:nil="true"/></ClientLink></r:ClientLinks></r:SearchClientLinksResponse></env:Body></env:Envelope>`],
      ['nil spelled 1, false, and with a prefix that is not xsi', links(`<a:ClientLink><a:Note i:nil="1"/><a:Name i:nil="false">n</a:Name><a:InviterName q:nil="true" xmlns:q="urn:q">x</a:InviterName><a:Status i:nil="true">Active</a:Status></a:ClientLink>`)],
      ['xsi bound on the element itself, after the nil attribute', links(`<a:ClientLink><a:Note z:nil="true" xmlns:z="${XSI}">kept?</a:Note></a:ClientLink>`)],
      ['empty elements, both spellings', links(`<a:ClientLink><a:Note></a:Note><a:Name/><a:ClientEntityId/><a:IsBillToClient></a:IsBillToClient><a:ForwardCompatibilityMap/></a:ClientLink>`)],
      ['entity and character references', links(`<a:ClientLink><a:Name>A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos; &#233;&#xE9;&#x1F600; long enough to be copied</a:Name><a:Note>&#10;line&#13;</a:Note></a:ClientLink>`)],
      ['CDATA, alone and mixed with text and references', links(`<a:ClientLink><a:Name><![CDATA[<not a tag> & not a reference]]></a:Name><a:Note>a<![CDATA[b]]>&amp;c<![CDATA[]]></a:Note></a:ClientLink>`)],
      ['comments and processing instructions everywhere', `<?xml version="1.0" encoding="utf-8"?><!-- before -->${links(`<!--c--><a:ClientLink><!--c--><a:Name>x<!-- inside -->y</a:Name><?pi data?><a:Note><!--only--></a:Note></a:ClientLink><!--c-->`)}<!-- after -->`],
      ['white space between every tag, and inside ids and booleans', links(`\n  <a:ClientLink>\n    <a:ClientEntityId>\n 42 \t</a:ClientEntityId>\n    <a:IsBillToClient> 1 </a:IsBillToClient>\n    <a:SuppressNotification>\n false</a:SuppressNotification>\n    <a:Name>  spaced name kept as is  </a:Name>\n  </a:ClientLink>\n`)],
      ['members in reverse order, duplicates (the first wins), unknown members with children', links(`<a:ClientLink><a:Unknown><a:Name>not this</a:Name></a:Unknown><a:Status>Active</a:Status><a:Name>first</a:Name><a:Type>AccountLink</a:Type><a:Name>second</a:Name><a:Status i:nil="true"/><b:Extra xmlns:b="urn:future">1</b:Extra><a:ClientEntityId>7</a:ClientEntityId></a:ClientLink>`)],
      ['a nil member first, then the same member with a value (nil wins)', links(`<a:ClientLink><a:Note i:nil="true"/><a:Note>later</a:Note><a:ForwardCompatibilityMap i:nil="true"/><a:ForwardCompatibilityMap><b:x xmlns:b="${GENERIC}"><b:key>k</b:key></b:x></a:ForwardCompatibilityMap></a:ClientLink>`)],
      ['mixed content in a member: only its own text', links(`<a:ClientLink><a:Note>ab<x:y xmlns:x="urn:x">zz<x:z>deep</x:z></x:y>cd</a:Note><a:Name>n<a:Name>inner</a:Name></a:Name></a:ClientLink>`)],
      ['ForwardCompatibilityMap: nil pairs, missing key, duplicates, any element name', links(`<a:ClientLink><a:ForwardCompatibilityMap xmlns:b="${GENERIC}"><b:KeyValuePairOfstringstring><b:value>v1</b:value><b:key>k1</b:key><b:key>k2</b:key></b:KeyValuePairOfstringstring><b:KeyValuePairOfstringstring i:nil="true"/><b:Other><b:value i:nil="true"/></b:Other><b:Empty/>text<b:KeyValuePairOfstringstring><b:key><![CDATA[c&d]]></b:key><b:value>a long value that is copied</b:value></b:KeyValuePairOfstringstring></a:ForwardCompatibilityMap></a:ClientLink>`)],
      ['nil and non-ClientLink items in the array, a self-closing link', links(`<a:ClientLink i:nil="true"/><a:Other><a:Name>x</a:Name></a:Other><a:ClientLink/><a:ClientLink><a:Name>z</a:Name></a:ClientLink>`)],
      ['ClientLinks nil, then another ClientLinks (the first counts)', wrap(`<ClientLinks i:nil="true" xmlns:i="${XSI}"/><ClientLinks xmlns:a="${ENTITIES}"><a:ClientLink><a:Name>no</a:Name></a:ClientLink></ClientLinks>`)],
      ['no ClientLinks at all', wrap('')],
      ['an empty array', links('')],
      ['the header after the body, a second header and a second TrackingId', `<s:Envelope xmlns:s="${S_NS}"><s:Body><SearchClientLinksResponse xmlns="${V13}"/></s:Body><s:Header><TrackingId> spaced-id </TrackingId><TrackingId>second</TrackingId></s:Header><s:Header><TrackingId>third</TrackingId></s:Header></s:Envelope>`],
      ['a nil TrackingId', wrap('<ClientLinks/>', `<s:Header><TrackingId xmlns:i="${XSI}" i:nil="true">x</TrackingId></s:Header>`)],
      ['an empty TrackingId', wrap('<ClientLinks/>', '<s:Header><TrackingId> </TrackingId></s:Header>')],
      ['no header', wrap('<ClientLinks/>', '')],
      ['a first header without TrackingId, a second with one (not read)', wrap('<ClientLinks/>', '<s:Header><Other>x</Other></s:Header><s:Header><TrackingId>second header</TrackingId></s:Header>')],
      ['a second body with links (not read)', `<s:Envelope xmlns:s="${S_NS}"><s:Body><SearchClientLinksResponse xmlns="${V13}"/></s:Body><s:Body><SearchClientLinksResponse xmlns="${V13}"><ClientLinks xmlns:a="${ENTITIES}"><a:ClientLink><a:Name>no</a:Name></a:ClientLink></ClientLinks></SearchClientLinksResponse></s:Body></s:Envelope>`],
      ['a Fault that is not in the envelope namespace, before the wrapper', `<s:Envelope xmlns:s="${S_NS}"><s:Body><Fault>not a SOAP fault</Fault><SearchClientLinksResponse xmlns="${V13}"><ClientLinks/></SearchClientLinksResponse></s:Body></s:Envelope>`],
      ['a wrapper in another namespace first (skipped), then the right one', `<s:Envelope xmlns:s="${S_NS}"><s:Body><SearchClientLinksResponse xmlns="urn:other"><ClientLinks xmlns:a="${ENTITIES}"><a:ClientLink><a:Name>other</a:Name></a:ClientLink></ClientLinks></SearchClientLinksResponse><SearchClientLinksResponse xmlns="${V13}"><ClientLinks xmlns:a="${ENTITIES}"><a:ClientLink><a:Name>right</a:Name></a:ClientLink></ClientLinks></SearchClientLinksResponse></s:Body></s:Envelope>`],
      ['a byte order mark, white space around the root, white space inside end tags', `\uFEFF  ${links(`<a:ClientLink ><a:Name >x</a:Name \n></a:ClientLink\t>`)}\n `],
      ['attributes in single quotes, references in namespace URIs', `<s:Envelope xmlns:s='${S_NS}'><s:Body><SearchClientLinksResponse xmlns='https://bingads.microsoft.com/Customer/v13'><ClientLinks xmlns:a='https://bingads.microsoft.com/Customer/v13/&#69;ntities' xmlns:i="${XSI}"><a:ClientLink other='1'><a:Name i:nil='true'/></a:ClientLink></ClientLinks></SearchClientLinksResponse></s:Body></s:Envelope>`],
      ['a redefined prefix inside a link', links(`<a:ClientLink><a:Name xmlns:a="urn:elsewhere">still a Name</a:Name><x:Note xmlns:x="${ENTITIES}">n</x:Note></a:ClientLink>`)],
      [
        'later links spelled otherwise than the first: the nil prefix rebound, a nil literal declaring its own prefixes, entities and CDATA in a member read fast before',
        links(
          [
            `<a:ClientLink><a:Note i:nil="true"/><a:Name>n1</a:Name><a:InviterEmail i:nil="true"/><a:Timestamp>t</a:Timestamp><a:ForwardCompatibilityMap i:nil="true" xmlns:b="${GENERIC}"/><a:CustomerLinkPermission i:nil="true"/></a:ClientLink>`,
            `<a:ClientLink xmlns:i="urn:not-xsi"><a:Note i:nil="true"/><a:Name>n2</a:Name><a:InviterEmail i:nil="true"/><a:Timestamp>t</a:Timestamp><a:ForwardCompatibilityMap i:nil="true" xmlns:b="${GENERIC}"/><a:CustomerLinkPermission i:nil="true"/></a:ClientLink>`,
            `<a:ClientLink><a:Note i:nil="true"/><a:Name>n&amp;3</a:Name><a:InviterEmail i:nil="true" xmlns:i="urn:own"/><a:Timestamp><![CDATA[t]]></a:Timestamp><a:ForwardCompatibilityMap i:nil="true" xmlns:i="urn:own"/><a:CustomerLinkPermission>Standard</a:CustomerLinkPermission></a:ClientLink>`,
            `<a:ClientLink><a:Note>n</a:Note><a:Name i:nil="true"/><a:InviterEmail>e</a:InviterEmail><a:Timestamp>t</a:Timestamp><a:ForwardCompatibilityMap i:nil="true" xmlns:b="${GENERIC}"/><a:CustomerLinkPermission i:nil="true"/></a:ClientLink>`,
            `<a:ClientLink><a:Note i:nil="true"/><a:Name xmlns:a="urn:elsewhere">n5</a:Name><a:InviterEmail i:nil="true"/><a:Timestamp>t</a:Timestamp><a:ForwardCompatibilityMap i:nil="true" xmlns:a="urn:elsewhere" xmlns:b="${GENERIC}"/><a:CustomerLinkPermission i:nil="true"/></a:ClientLink>`,
            `<a:ClientLink><a:Note i:nil="true"/><a:Name>n6</a:Name><a:InviterEmail i:nil="true"/><a:Timestamp>t</a:Timestamp><a:ForwardCompatibilityMap i:nil="true" xmlns:b="${GENERIC}"/><a:CustomerLinkPermission i:nil="true"/></a:ClientLink>`,
          ].join(''),
        ),
      ],
      [
        'a prefix declared on each link, then a link that uses another prefix',
        wrap(
          `<ClientLinks xmlns:i="${XSI}"><a:ClientLink xmlns:a="${ENTITIES}"><a:Name>x</a:Name><a:Note i:nil="true"/></a:ClientLink><e:ClientLink xmlns:e="${ENTITIES}"><e:Name>y</e:Name><e:Note i:nil="true"/></e:ClientLink><a:ClientLink xmlns:a="${ENTITIES}"><a:Name>z</a:Name></a:ClientLink></ClientLinks>`,
        ),
      ],
      ['non-ASCII text, long and short', links(`<a:ClientLink><a:Name>Café Crème — 東京 ✓</a:Name><a:Note>é</a:Note><a:ClientEntityName>${'Ü'.repeat(40)}</a:ClientEntityName></a:ClientLink>`)],
    ];
    for (const [what, body] of cases) {
      it(what, () => {
        samePage(body);
      });
    }
  });

  describe('answers that are not a page: the general path decides, with the same error', () => {
    const good = searchResponse([sampleLink(), sampleLink({ ClientEntityId: '2', Note: 'x & y' })]);
    const cases: [string, string, number][] = [
      ['an AdApiFaultDetail fault', adApiFault(105, 'InvalidCredentials', 'Authentication failed.'), 500],
      ['an ApiFault answered with 200', apiFault([{ code: 1, message: 'bad', details: 'd' }]), 200],
      ['a SOAP 1.2 fault', `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><faultcode>e:Receiver</faultcode><faultstring>down TrackingId: abc-1</faultstring></e:Fault></e:Body></e:Envelope>`, 200],
      ['a fault after the wrapper', envelope(`<SearchClientLinksResponse xmlns="${V13}"/><s:Fault><faultcode>s:Server</faultcode><faultstring>late</faultstring></s:Fault>`, 'tid-9'), 200],
      ['the right answer with an error status', good, 500],
      ['HTML', '<html><body>Bad gateway</body></html>', 200],
      ['HTML with 502', '<html><body>Bad gateway</body></html>', 502],
      ['an empty body', '', 200],
      ['plain text', 'Service Unavailable', 503],
      ['another operation', envelope(`<GetUserResponse xmlns="${V13}"/>`), 200],
      ['the wrapper in another namespace only', envelope(`<SearchClientLinksResponse xmlns="urn:x"/>`), 200],
      ['no body', `<s:Envelope xmlns:s="${S_NS}"><s:Header/></s:Envelope>`, 200],
      ['a DOCTYPE', `<!DOCTYPE x>${good}`, 200],
      ['an unknown entity', good.replace('x &amp; y', 'x &nbsp; y'), 200],
      ['a bare ampersand in text that is not read', good.replace('<s:Body>', '<s:Body> & '), 200],
      ['a reference out of range', good.replace('x &amp; y', '&#x110000;'), 200],
      ['a member prefix unbound in a later link', wrap(`<ClientLinks xmlns:i="${XSI}"><a:ClientLink xmlns:a="${ENTITIES}"><a:Note i:nil="true"/><a:Name>x</a:Name><a:InviterEmail i:nil="true"/></a:ClientLink><c:ClientLink xmlns:c="${ENTITIES}"><c:Note i:nil="true"/><a:Name>y</a:Name></c:ClientLink></ClientLinks>`), 200],
      ['a nil member prefix unbound in a later link', wrap(`<ClientLinks xmlns:i="${XSI}"><a:ClientLink xmlns:a="${ENTITIES}"><a:Timestamp>t</a:Timestamp><a:ForwardCompatibilityMap i:nil="true" xmlns:b="${GENERIC}"/></a:ClientLink><c:ClientLink xmlns:c="${ENTITIES}"><c:Timestamp>t</c:Timestamp><a:ForwardCompatibilityMap i:nil="true" xmlns:b="${GENERIC}"/></c:ClientLink></ClientLinks>`), 200],
      ['an unbound prefix on an unknown element', good.replace('<a:Name>', '<q:Unknown/><a:Name>'), 200],
      ['an unbound prefix on xsi:nil only (accepted: not nil)', good.replace('<a:Name>', '<a:Junk z:nil="true"/><a:Name>'), 200],
      ['mismatched end tags', good.replace('</a:Name>', '</a:Nam>'), 200],
      ['a second root', `${good}<x/>`, 200],
      ['text after the root', `${good}x`, 200],
      ['CDATA outside the root', `${good}<![CDATA[x]]>`, 200],
      ['an unterminated comment', good.replace('<a:Name>', '<!-- <a:Name>'), 200],
      ['an attribute without quotes', good.replace('<a:ClientLink>', '<a:ClientLink x=1>'), 200],
      ['an attribute value with <', good.replace('<a:ClientLink>', '<a:ClientLink x="<">'), 200],
    ];
    for (const [what, body, status] of cases) {
      it(what, () => {
        same(body, status);
      });
    }

    it('every truncation of a page: an error (never part of the page) or the same page', () => {
      for (let cut = 0; cut < good.length; cut++) {
        const result = same(good.slice(0, cut));
        if ('page' in result) {
          assert.fail(`a page from the first ${cut} characters`);
        }
      }
    });
  });

  it('random mutations of real answers: both paths agree on every one', () => {
    const random = createRandom(15);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const base = [
      searchResponse([sampleLink({ ForwardCompatibilityMap: [{ key: 'k & q', value: 'v' }] }), sampleLink({ Note: null, IsBillToClient: null, ClientEntityId: ' 99 ' })]),
      `<s:Envelope xmlns:s="${S_NS}"><s:Header><TrackingId>t</TrackingId></s:Header><s:Body><SearchClientLinksResponse xmlns="${V13}"><ClientLinks xmlns:a="${ENTITIES}" xmlns:i="${XSI}"><a:ClientLink><a:Name><![CDATA[c]]></a:Name><!--x--><a:Note i:nil="true"/></a:ClientLink></ClientLinks></SearchClientLinksResponse></s:Body></s:Envelope>`,
    ];
    const pieces = ['<', '>', '/', '&', '&amp;', '&#65;', ';', '"', "'", ' ', ':', 'i:nil="true"', '<!--', '-->', '<![CDATA[', ']]>', '<a:Name>', '</a:Name>', '<x/>', 'xmlns:a="urn:a"', '\n', 'é', '?'];
    let pages = 0;
    for (let i = 0; i < 3000; i++) {
      let text = pick(base);
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * text.length);
        const kind = random();
        if (kind < 0.4) {
          text = text.slice(0, at) + pick(pieces) + text.slice(at);
        } else if (kind < 0.7) {
          text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
        } else {
          // Move a random tag somewhere else.
          const lt = text.indexOf('<', at);
          const gt = lt < 0 ? -1 : text.indexOf('>', lt);
          if (gt > 0) {
            const tag = text.slice(lt, gt + 1);
            const rest = text.slice(0, lt) + text.slice(gt + 1);
            const to = Math.floor(random() * rest.length);
            text = rest.slice(0, to) + tag + rest.slice(to);
          }
        }
      }
      const result = same(text, random() < 0.9 ? 200 : 500);
      if ('page' in result) {
        pages++;
      }
    }
    assert.ok(pages > 100, `${pages} mutated answers were still pages`);
  });
});

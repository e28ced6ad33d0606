/**
 * SearchClientLinks answers read straight from the characters (issue 15): the links of a page are
 * built while the XML is scanned, with no element tree per page (no element object, children list,
 * name or text string per element: names are compared in place, only member values are cut out).
 * At 100,000 links the tree (xml.ts) and its garbage were the largest cost of a listing
 * (BENCHMARKS.md, figure 7).
 *
 * Same results as the general path (readResponse + readSearchClientLinks) by construction:
 * - the scanner makes the same well-formedness checks as parseXml, in the same order of reading
 *   (names, namespace prefixes, attributes, entity and character references, CDATA, comments,
 *   processing instructions, one root, nothing left open);
 * - it picks the same elements: the first Header, Body, TrackingId, wrapper and ClientLinks; members
 *   by local name, first occurrence wins, values through the same rules (linkMemberValue, clientLinkOf);
 * - a member or a ClientLink start tag spelled as one already read in this answer is matched in one
 *   native step (memberPattern, the nil literals, the link's start tag), only where the general scan
 *   would accept it and read the same value (its prefixes looked up as the general scan would);
 * - anything else goes to the general path, which then answers or throws exactly as before: an HTTP
 *   error status, XML that is not well formed, a body that is not a SOAP envelope or has no
 *   SearchClientLinksResponse, and a SOAP fault (codes, TrackingId). It is never half a page: the
 *   links are returned only once the whole document has been read and found well formed.
 * test/unit/soap/linkPageReader.test.ts compares both paths over the simulator's answers and
 * generated tricky and malformed inputs.
 */
import type { ProtocolHint } from '../errors';
import { isSuccessStatus } from '../http/answer';
import type { RawResponse } from '../http/transport';
import { CLIENT_LINK_FIELDS, type ClientLink, type KeyValuePair } from '../model/clientLink';
import { withTrackingId } from '../service/wireClient';
import { isEnvelopeNs, readResponse } from './envelope';
import { NS } from './namespaces';
import { clientLinkOf, FORWARD_COMPATIBILITY_MAP, linkMemberValue, readSearchClientLinks, type ClientLinkValue } from './responseReader';
import { detached } from './values';
import { ATTRIBUTE, decode, isSpace, isWhitespace, XML_NS, XmlSyntaxError, XSI_NS } from './xml';

/** One page of SearchClientLinks and the answer's TrackingId. */
export interface LinkPage {
  links: ClientLink[];
  trackingId: string | undefined;
}

/** A SearchClientLinks answer → its links, or the typed error the general path gives (envelope.ts). */
export function readSearchClientLinksAnswer(response: RawResponse, notServedHint?: ProtocolHint): LinkPage {
  if (isSuccessStatus(response.status)) {
    const page = scanLinkPage(response.body);
    if (page) {
      return page;
    }
  }
  return readLinkPageFromTree(response, notServedHint);
}

/** The general path: the element tree (parseXml), then its reader. Errors, faults, and the tests' oracle. */
export function readLinkPageFromTree(response: RawResponse, notServedHint?: ProtocolHint): LinkPage {
  const { wrapper, trackingId } = readResponse('SearchClientLinks', response, notServedHint);
  return { links: withTrackingId(trackingId, () => readSearchClientLinks(wrapper)), trackingId };
}

/**
 * The page read from the characters, or undefined when the general path must decide (not well
 * formed, not a SOAP envelope, no SearchClientLinksResponse, a SOAP fault).
 */
export function scanLinkPage(xml: string): LinkPage | undefined {
  try {
    return scan(xml);
  } catch (e) {
    // decode() throws on a malformed reference: the general path reports it.
    if (e instanceof XmlSyntaxError) {
      return undefined;
    }
    throw e;
  }
}

// What an open element is to the reader. Elements it does not read are OTHER, and so is all they hold.
const OTHER = 0;
const ENVELOPE = 1;
const HEADER = 2;
const BODY = 3;
const WRAPPER = 4;
const LINKS = 5;
const LINK = 6;
const MAP = 7;
const PAIR = 8;
// Elements whose text is read (never nested in one another).
const TRACKING = 9;
const MEMBER = 10;
const KEY = 11;
const VALUE = 12;
const ROOT = -1;

const FIELD_COUNT = CLIENT_LINK_FIELDS.length;

/** Local name [start, end) equals `name`, compared in place. */
function nameIs(xml: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && xml.startsWith(name, start);
}

/** Index in CLIENT_LINK_FIELDS of the local name [start, end), trying the one expected next first; -1 when not a member. */
function fieldAt(xml: string, start: number, end: number, expected: number): number {
  const length = end - start;
  for (let i = expected; i < FIELD_COUNT; i++) {
    const field = CLIENT_LINK_FIELDS[i] as string;
    if (field.length === length && xml.startsWith(field, start)) {
      return i;
    }
  }
  for (let i = 0; i < expected; i++) {
    const field = CLIENT_LINK_FIELDS[i] as string;
    if (field.length === length && xml.startsWith(field, start)) {
      return i;
    }
  }
  return -1;
}

/** The characters [a, a + length) and [b, b + length) are the same. */
function sameText(xml: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) {
    if (xml.charCodeAt(a + i) !== xml.charCodeAt(b + i)) {
      return false;
    }
  }
  return true;
}

/** The namespace bound to the prefix [start, end) (innermost binding first), or undefined. */
function namespaceAt(prefixes: readonly string[], uris: readonly string[], xml: string, start: number, end: number): string | undefined {
  const length = end - start;
  for (let i = prefixes.length - 1; i >= 0; i--) {
    const prefix = prefixes[i] as string;
    if (prefix.length === length && (length === 0 || xml.startsWith(prefix, start))) {
      return uris[i];
    }
  }
  return undefined;
}

function namespaceOf(prefixes: readonly string[], uris: readonly string[], prefix: string): string | undefined {
  for (let i = prefixes.length - 1; i >= 0; i--) {
    if (prefixes[i] === prefix) {
      return uris[i];
    }
  }
  return undefined;
}

/**
 * A member as the service writes it, matched in one native step: `<Q>text</Q>` (text without markup
 * or references) or, once the answer's nil attribute is known, `<Q N="true"/>`, Q the member's
 * qualified name and N e.g. `i:nil` as this answer spells them (learned from the first members,
 * read the general way). What such a match accepts, the general scan accepts too and reads the same
 * way (no attributes, one text segment, the same end tag); anything else is read the general way.
 */
const memberPatterns = new Map<string, RegExp>();
const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\]/g;

function memberPattern(qname: string, nilName: string | undefined): RegExp {
  const key = nilName === undefined ? qname : `${qname} ${nilName}`;
  let pattern = memberPatterns.get(key);
  if (pattern === undefined) {
    const q = qname.replace(REGEXP_SPECIAL, '\\$&');
    pattern = new RegExp(nilName === undefined ? `<${q}>[^<&]*</${q}>` : `<${q}(?:>[^<&]*</${q}>| ${nilName.replace(REGEXP_SPECIAL, '\\$&')}="true"/>)`, 'y');
    if (memberPatterns.size >= 256) {
      memberPatterns.clear(); // bounded: answers with ever new prefixes do not pile up patterns
    }
    memberPatterns.set(key, pattern);
  }
  return pattern;
}

/** The scanner of parseXml (xml.ts), same checks in the same order, with the reader's choices instead of a tree. */
function scan(xml: string): LinkPage | undefined {
  const length = xml.length;
  let pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const prefixes: string[] = ['xml', ''];
  const uris: string[] = [XML_NS, ''];
  // Per open element, innermost last: its role, its qualified name's place, the bindings in scope before it.
  const roles: number[] = [];
  const nameStarts: number[] = [];
  const nameLengths: number[] = [];
  const openBindings: number[] = [];
  let depth = 0;
  let rootSeen = false;
  let headerSeen = false;
  let bodySeen = false;
  let faultSeen = false;
  let wrapperSeen = false;
  let linksSeen = false;
  let trackingSeen = false;
  let trackingText: string | null = null;

  const links: ClientLink[] = [];
  // The link being read: its members' values and which members were met (the first one wins).
  const values: ClientLinkValue[] = new Array<ClientLinkValue>(FIELD_COUNT).fill(undefined);
  const met = new Uint8Array(FIELD_COUNT);
  let expected = 0;
  // Per member: the pattern of its usual spelling in this answer, its prefix and qualified name's length.
  const patterns: (RegExp | undefined)[] = new Array<RegExp | undefined>(FIELD_COUNT).fill(undefined);
  const patternPrefixes: string[] = new Array<string>(FIELD_COUNT).fill('');
  const patternLengths: number[] = new Array<number>(FIELD_COUNT).fill(0);
  // Per member: its last text in this answer and the value read from it (agency, inviter, status
  // and dates repeat from link to link: the same value, not another copy).
  const lastTexts: (string | undefined)[] = new Array<string | undefined>(FIELD_COUNT).fill(undefined);
  const lastValues: ClientLinkValue[] = new Array<ClientLinkValue>(FIELD_COUNT).fill(undefined);
  let nilName: string | undefined;
  let nilPrefixName = '';
  // Per member: a nil, self-closing spelling with attributes seen in this answer (e.g. a nil
  // ForwardCompatibilityMap with its own xmlns), its prefix and its nil attribute's prefix.
  const nilLiterals: (string | undefined)[] = new Array<string | undefined>(FIELD_COUNT).fill(undefined);
  const nilLiteralPrefixes: string[] = new Array<string>(FIELD_COUNT).fill('');
  const nilLiteralNilPrefixes: string[] = new Array<string>(FIELD_COUNT).fill('');
  // The start tag of a ClientLink without attributes as this answer spells it, and its prefix.
  let linkStartTag: string | undefined;
  let linkPrefix = '';
  let pairs: KeyValuePair[] = [];
  let key: string | null = null;
  let value: string | null = null;
  let keySeen = false;
  let valueSeen = false;
  // The element whose text is read (its index among the open elements), its text so far, its nil.
  let captureDepth = -1;
  let captureText = '';
  let captureNil = false;
  let captureField = 0;
  // The next '&' at or after pos (text without one needs no decoding, or checking).
  let nextAmp = -1;

  while (pos < length) {
    const lt = xml.charCodeAt(pos) === 0x3c /* < */ ? pos : xml.indexOf('<', pos);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > pos) {
      if (depth > 0) {
        if (nextAmp < pos) {
          nextAmp = xml.indexOf('&', pos);
          if (nextAmp < 0) {
            nextAmp = length;
          }
        }
        if (captureDepth === depth - 1) {
          const raw = xml.slice(pos, textEnd);
          captureText += nextAmp < textEnd ? decode(raw, pos) : raw;
        } else if (nextAmp < textEnd) {
          decode(xml.slice(pos, textEnd), pos); // the tree would decode it: the same references are refused
        }
      } else if (!isWhitespace(xml.slice(pos, textEnd))) {
        return undefined;
      }
    }
    if (lt < 0) {
      break;
    }
    const next = xml.charCodeAt(lt + 1);
    let closedRole: number;
    if (next === 0x2f /* / */) {
      if (depth === 0) {
        return undefined;
      }
      const top = depth - 1;
      const close = xml.indexOf('>', lt + 2);
      if (close < 0) {
        return undefined;
      }
      const nameStart = nameStarts[top] as number;
      const nameLength = nameLengths[top] as number;
      if (!(close - lt - 2 === nameLength && sameText(xml, lt + 2, nameStart, nameLength)) && xml.slice(lt + 2, close).trim() !== xml.slice(nameStart, nameStart + nameLength)) {
        return undefined;
      }
      depth = top;
      const bindings = openBindings[top] as number;
      if (prefixes.length !== bindings) {
        prefixes.length = uris.length = bindings;
      }
      pos = close + 1;
      closedRole = roles[top] as number;
    } else if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) {
        return undefined;
      }
      pos = end + 2;
      continue;
    } else if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) {
          return undefined;
        }
        pos = end + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0 || depth === 0) {
          return undefined;
        }
        if (captureDepth === depth - 1) {
          captureText += xml.slice(lt + 9, end);
        }
        pos = end + 3;
        continue;
      }
      return undefined; // DOCTYPE and other declarations
    } else {
      // A member or a link in a spelling already read in this answer: one native match, no name scan,
      // attributes or end-tag compare. The namespace prefixes are looked up as the general scan would.
      const parentRole = depth > 0 ? (roles[depth - 1] as number) : ROOT;
      if (parentRole === LINKS && linkStartTag !== undefined && xml.startsWith(linkStartTag, lt) && namespaceOf(prefixes, uris, linkPrefix) !== undefined) {
        roles[depth] = LINK;
        nameStarts[depth] = lt + 1;
        nameLengths[depth] = linkStartTag.length - 2;
        openBindings[depth] = prefixes.length;
        depth++;
        values.fill(undefined);
        met.fill(0);
        expected = 0;
        pos = lt + linkStartTag.length;
        continue;
      }
      if (parentRole === LINK && expected < FIELD_COUNT && met[expected] === 0) {
        const literal = nilLiterals[expected];
        if (
          literal !== undefined &&
          xml.startsWith(literal, lt) &&
          namespaceOf(prefixes, uris, nilLiteralPrefixes[expected] as string) !== undefined &&
          namespaceOf(prefixes, uris, nilLiteralNilPrefixes[expected] as string) === XSI_NS
        ) {
          met[expected] = 1;
          values[expected] = null;
          expected++;
          pos = lt + literal.length;
          continue;
        }
        const pattern = patterns[expected];
        if (pattern !== undefined) {
          pattern.lastIndex = lt;
          if (pattern.test(xml) && namespaceOf(prefixes, uris, patternPrefixes[expected] as string) !== undefined) {
            const index = expected;
            const qnameLength = patternLengths[index] as number;
            const end = pattern.lastIndex;
            if (xml.charCodeAt(lt + 1 + qnameLength) === 0x3e /* > */) {
              met[index] = 1;
              expected = index + 1;
              const text = xml.slice(lt + 2 + qnameLength, end - qnameLength - 3);
              if (text !== lastTexts[index]) {
                lastTexts[index] = text;
                lastValues[index] = linkMemberValue(index, text);
              }
              values[index] = lastValues[index];
              pos = end;
              continue;
            }
            if (namespaceOf(prefixes, uris, nilPrefixName) === XSI_NS) {
              met[index] = 1;
              expected = index + 1;
              values[index] = null;
              pos = end;
              continue;
            }
          }
        }
      }
      // Start tag.
      let cursor = lt + 1;
      let colon = -1;
      for (let c = xml.charCodeAt(cursor); cursor < length && c !== 0x3e /* > */ && c !== 0x2f /* / */ && !isSpace(c); c = xml.charCodeAt(++cursor)) {
        if (c === 0x3a /* : */ && colon < 0) {
          colon = cursor;
        }
      }
      if (cursor === lt + 1 || cursor >= length) {
        return undefined;
      }
      const nameEnd = cursor;
      const bindingsBefore = prefixes.length;
      let nilValue: string | undefined;
      let nilPrefix: string | undefined;
      let nilAttribute: string | undefined;
      let selfClosing = false;
      for (;;) {
        let c = xml.charCodeAt(cursor);
        while (isSpace(c)) {
          c = xml.charCodeAt(++cursor);
        }
        if (c === 0x3e /* > */) {
          cursor++;
          break;
        }
        if (c === 0x2f /* / */ && xml.charCodeAt(cursor + 1) === 0x3e) {
          selfClosing = true;
          cursor += 2;
          break;
        }
        ATTRIBUTE.lastIndex = cursor;
        const attribute = ATTRIBUTE.exec(xml);
        if (!attribute) {
          return undefined;
        }
        cursor = ATTRIBUTE.lastIndex;
        const attrName = attribute[1] as string;
        const attrValue = attribute[2] ?? attribute[3] ?? '';
        if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
          prefixes.push(attrName === 'xmlns' ? '' : attrName.slice(6));
          uris.push(decode(attrValue, cursor));
        } else if (attrName.endsWith(':nil')) {
          nilValue = attrValue;
          nilPrefix = attrName.slice(0, -4);
          nilAttribute = attrName;
        }
      }
      const ns = namespaceAt(prefixes, uris, xml, lt + 1, colon < 0 ? lt + 1 : colon);
      if (ns === undefined) {
        return undefined;
      }
      const nil = nilValue !== undefined && namespaceOf(prefixes, uris, nilPrefix ?? '') === XSI_NS && (nilValue === 'true' || nilValue === '1');
      const nameStart = colon < 0 ? lt + 1 : colon + 1;

      // What this element is to the reader, from its parent's role (the general path's child() picks the first by local name).
      let role = OTHER;
      switch (parentRole) {
        case ROOT:
          if (rootSeen) {
            return undefined; // more than one root element
          }
          rootSeen = true;
          if (!nameIs(xml, nameStart, nameEnd, 'Envelope') || !isEnvelopeNs(ns)) {
            return undefined; // not a SOAP envelope
          }
          role = ENVELOPE;
          break;
        case ENVELOPE:
          if (nameIs(xml, nameStart, nameEnd, 'Header')) {
            if (!headerSeen) {
              headerSeen = true;
              role = HEADER;
            }
          } else if (!bodySeen && nameIs(xml, nameStart, nameEnd, 'Body')) {
            bodySeen = true;
            role = BODY;
          }
          break;
        case HEADER:
          if (!trackingSeen && nameIs(xml, nameStart, nameEnd, 'TrackingId')) {
            trackingSeen = true;
            role = TRACKING;
          }
          break;
        case BODY:
          if (nameIs(xml, nameStart, nameEnd, 'Fault')) {
            if (!faultSeen) {
              faultSeen = true;
              if (isEnvelopeNs(ns)) {
                return undefined; // a SOAP fault: the general path reads it
              }
            }
          } else if (!wrapperSeen && ns === NS.v13 && nameIs(xml, nameStart, nameEnd, 'SearchClientLinksResponse')) {
            wrapperSeen = true;
            role = WRAPPER;
          }
          break;
        case WRAPPER:
          if (!linksSeen && nameIs(xml, nameStart, nameEnd, 'ClientLinks')) {
            linksSeen = true;
            if (!nil) {
              role = LINKS;
            }
          }
          break;
        case LINKS:
          if (!nil && nameIs(xml, nameStart, nameEnd, 'ClientLink')) {
            if (cursor === nameEnd + 1 && !selfClosing) {
              linkStartTag = xml.slice(lt, cursor);
              linkPrefix = colon < 0 ? '' : xml.slice(lt + 1, colon);
            }
            role = LINK;
            values.fill(undefined);
            met.fill(0);
            expected = 0;
          }
          break;
        case LINK: {
          const index = fieldAt(xml, nameStart, nameEnd, expected);
          if (index >= 0 && met[index] === 0) {
            met[index] = 1;
            expected = index + 1;
            if (nil && selfClosing && cursor - lt <= 256) {
              // Its own declarations, if any, can only make the general scan find it bound and nil
              // where the fast path (which looks the prefixes up outside it) would not: never the reverse.
              nilLiterals[index] = xml.slice(lt, cursor);
              nilLiteralPrefixes[index] = colon < 0 ? '' : xml.slice(lt + 1, colon);
              nilLiteralNilPrefixes[index] = nilPrefix ?? '';
            }
            if (index !== FORWARD_COMPATIBILITY_MAP) {
              role = MEMBER;
              captureField = index;
              if (nil && nilName === undefined) {
                nilName = nilAttribute;
                nilPrefixName = nilPrefix ?? '';
              }
              const qname = xml.slice(lt + 1, nameEnd);
              patterns[index] = memberPattern(qname, nilName);
              patternPrefixes[index] = colon < 0 ? '' : xml.slice(lt + 1, colon);
              patternLengths[index] = qname.length;
            } else if (nil) {
              values[index] = null;
            } else {
              role = MAP;
              pairs = [];
            }
          }
          break;
        }
        case MAP:
          if (!nil) {
            role = PAIR;
            keySeen = valueSeen = false;
            key = value = null;
          }
          break;
        case PAIR:
          if (nameIs(xml, nameStart, nameEnd, 'key')) {
            if (!keySeen) {
              keySeen = true;
              role = KEY;
            }
          } else if (!valueSeen && nameIs(xml, nameStart, nameEnd, 'value')) {
            valueSeen = true;
            role = VALUE;
          }
          break;
        default:
          break;
      }
      if (role >= TRACKING) {
        captureDepth = depth;
        captureText = '';
        captureNil = nil;
      }
      pos = cursor;
      if (!selfClosing) {
        roles[depth] = role;
        nameStarts[depth] = lt + 1;
        nameLengths[depth] = nameEnd - lt - 1;
        openBindings[depth] = bindingsBefore;
        depth++;
        continue;
      }
      if (prefixes.length !== bindingsBefore) {
        prefixes.length = uris.length = bindingsBefore;
      }
      closedRole = role;
    }

    // An element ends (its end tag, or a self-closing start tag).
    switch (closedRole) {
      case LINK:
        links.push(clientLinkOf(values));
        break;
      case MAP:
        values[FORWARD_COMPATIBILITY_MAP] = pairs;
        break;
      case PAIR:
        pairs.push({ key, value });
        break;
      case MEMBER:
        values[captureField] = captureNil ? null : linkMemberValue(captureField, captureText);
        captureDepth = -1;
        break;
      case TRACKING:
        trackingText = captureNil ? null : detached(captureText);
        captureDepth = -1;
        break;
      case KEY:
        key = captureNil ? null : detached(captureText);
        captureDepth = -1;
        break;
      case VALUE:
        value = captureNil ? null : detached(captureText);
        captureDepth = -1;
        break;
      default:
        break;
    }
  }

  if (depth > 0 || !rootSeen || !bodySeen || !wrapperSeen) {
    return undefined; // the document ends inside an element, has no root, or is no SearchClientLinks answer
  }
  return { links, trackingId: trackingText?.trim() || undefined };
}

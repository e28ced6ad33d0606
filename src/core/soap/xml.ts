/**
 * A small, strict, namespace-aware XML reader for SOAP responses.
 *
 * Why not sax or node-soap's parser: node-soap turns `long` into numbers and `dateTime` into Date
 * (losing ids above 2^53 and the exact dateTime text we must echo), and both are slow for our
 * shape (measured ~180–220 µs per ClientLink for a 100-link page; this reader is an order of
 * magnitude faster). It builds a light element tree: names resolved to (namespace URI, local name),
 * text decoded, `xsi:nil` noted. Anything not well formed (truncated body, mismatched tags,
 * unbound prefix, DOCTYPE, text outside the root) throws XmlSyntaxError.
 */

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XmlElement {
  /** Namespace URI ('' when none). */
  readonly ns: string;
  /** Local name. */
  readonly name: string;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
  /** `xsi:nil="true"` was set. */
  nil: boolean;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} (at offset ${position})`);
    this.name = 'XmlSyntaxError';
  }
}

/** One attribute of a start tag (sticky: set lastIndex first). Shared with linkPageReader.ts. */
export const ATTRIBUTE = /\s*([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&([a-zA-Z]+|#x[0-9a-fA-F]+|#[0-9]+)?(;?)/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Shared by every element without children until its first child (never mutated: frozen). */
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];

/** One shape for every element (monomorphic property access in the readers). */
class Element implements XmlElement {
  children: XmlElement[] = NO_CHILDREN;
  text = '';
  constructor(
    readonly ns: string,
    readonly name: string,
    public nil: boolean,
  ) {}
}

/** Character data with its entity and character references replaced; throws on a malformed one. */
export function decode(raw: string, position: number): string {
  if (raw.indexOf('&') < 0) {
    return raw;
  }
  return raw.replace(ENTITY, (_match, entity: string | undefined, semicolon: string) => {
    if (!entity || !semicolon) {
      throw new XmlSyntaxError('Malformed entity reference', position);
    }
    if (entity.charCodeAt(0) !== 0x23 /* # */) {
      const named = NAMED[entity];
      if (named === undefined) {
        throw new XmlSyntaxError(`Unknown entity &${entity};`, position);
      }
      return named;
    }
    const code = entity.charCodeAt(1) === 0x78 /* x */ ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    if (code > 0x10ffff) {
      throw new XmlSyntaxError(`Character reference &${entity}; out of range`, position);
    }
    return String.fromCodePoint(code);
  });
}

export function isWhitespace(text: string): boolean {
  return text.trim().length === 0;
}

/** XML white space (S): space, tab, CR, LF. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Parses a complete XML document and returns its root element.
 *
 * Hand-written scanner (one pass, character codes, no per-element regular expressions or scope
 * objects): namespace bindings are a stack of (prefix, URI) pairs, end tags are compared in place.
 */
export function parseXml(xml: string): XmlElement {
  const length = xml.length;
  let pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  // In-scope namespace bindings, innermost last; each open element remembers how many were in scope.
  const prefixes: string[] = ['xml', ''];
  const uris: string[] = [XML_NS, ''];
  const lookup = (prefix: string): string | undefined => {
    for (let i = prefixes.length - 1; i >= 0; i--) {
      if (prefixes[i] === prefix) {
        return uris[i];
      }
    }
    return undefined;
  };
  const openElements: Element[] = [];
  const openQnames: string[] = [];
  const openBindings: number[] = [];
  let depth = 0;
  let root: XmlElement | undefined;

  while (pos < length) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > pos) {
      const raw = xml.slice(pos, textEnd);
      if (depth > 0) {
        const top = openElements[depth - 1] as Element;
        top.text += decode(raw, pos);
      } else if (!isWhitespace(raw)) {
        throw new XmlSyntaxError('Text outside the root element', pos);
      }
    }
    if (lt < 0) {
      break;
    }
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      // End tag: must close the innermost open element.
      const qname = depth > 0 ? (openQnames[depth - 1] as string) : undefined;
      const close = xml.indexOf('>', lt + 2);
      if (qname !== undefined && close >= 0 && (close - lt - 2 === qname.length ? xml.slice(lt + 2, close) === qname : xml.slice(lt + 2, close).trim() === qname)) {
        depth--;
        const bindings = openBindings[depth] as number;
        if (prefixes.length !== bindings) {
          prefixes.length = uris.length = bindings;
        }
        pos = close + 1;
        continue;
      }
      const gt = xml.indexOf('>', lt);
      if (gt < 0) {
        throw new XmlSyntaxError('Unterminated end tag', lt);
      }
      const found = xml.slice(lt + 2, gt).trim();
      throw new XmlSyntaxError(`End tag </${found}> does not match ${qname !== undefined ? `<${qname}>` : 'any open element'}`, lt);
    }
    if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) {
        throw new XmlSyntaxError('Unterminated processing instruction', lt);
      }
      pos = end + 2;
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) {
          throw new XmlSyntaxError('Unterminated comment', lt);
        }
        pos = end + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0 || depth === 0) {
          throw new XmlSyntaxError(end < 0 ? 'Unterminated CDATA section' : 'CDATA outside the root element', lt);
        }
        (openElements[depth - 1] as Element).text += xml.slice(lt + 9, end);
        pos = end + 3;
        continue;
      }
      throw new XmlSyntaxError('DOCTYPE and other declarations are not accepted', lt);
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
      throw new XmlSyntaxError(cursor >= length ? `Malformed attribute or unterminated start tag <${xml.slice(lt + 1, cursor)}>` : 'Malformed start tag', lt);
    }
    const nameEnd = cursor;
    const qname = xml.slice(lt + 1, nameEnd);
    const bindingsBefore = prefixes.length;
    let nilValue: string | undefined;
    let nilPrefix: string | undefined;
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
        throw new XmlSyntaxError(`Malformed attribute or unterminated start tag <${qname}>`, cursor);
      }
      cursor = ATTRIBUTE.lastIndex;
      const attrName = attribute[1] as string;
      const value = attribute[2] ?? attribute[3] ?? '';
      if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
        prefixes.push(attrName === 'xmlns' ? '' : attrName.slice(6));
        uris.push(decode(value, cursor));
      } else if (attrName.endsWith(':nil')) {
        nilValue = value;
        nilPrefix = attrName.slice(0, -4);
      }
    }
    const prefix = colon < 0 ? '' : xml.slice(lt + 1, colon);
    const name = colon < 0 ? qname : xml.slice(colon + 1, nameEnd);
    const ns = lookup(prefix);
    if (ns === undefined) {
      throw new XmlSyntaxError(`Unbound namespace prefix "${prefix}"`, lt);
    }
    const nil = nilValue !== undefined && lookup(nilPrefix ?? '') === XSI_NS && (nilValue === 'true' || nilValue === '1');
    const element = new Element(ns, name, nil);
    if (depth > 0) {
      const parent = openElements[depth - 1] as Element;
      if (parent.children === NO_CHILDREN) {
        parent.children = [element];
      } else {
        parent.children.push(element);
      }
    } else if (root) {
      throw new XmlSyntaxError('More than one root element', lt);
    } else {
      root = element;
    }
    if (selfClosing) {
      if (prefixes.length !== bindingsBefore) {
        prefixes.length = uris.length = bindingsBefore;
      }
    } else {
      openElements[depth] = element;
      openQnames[depth] = qname;
      openBindings[depth] = bindingsBefore;
      depth++;
    }
    pos = cursor;
  }

  if (depth > 0) {
    throw new XmlSyntaxError(`The document ends inside <${openQnames[depth - 1] as string}>`, length);
  }
  if (!root) {
    throw new XmlSyntaxError('No root element', 0);
  }
  return root;
}

/** The first child with this local name (any namespace), or undefined. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) {
    return undefined;
  }
  for (const c of element.children) {
    if (c.name === name) {
      return c;
    }
  }
  return undefined;
}

/** The children with this local name (any namespace). */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

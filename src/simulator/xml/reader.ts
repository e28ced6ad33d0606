/**
 * Parses XML into a small namespace-aware tree with `sax` (strict, xmlns mode). Callers match
 * elements by namespace URI + local name; prefixes are irrelevant.
 */
import * as sax from 'sax';
import { NS } from './namespaces';

export interface XmlElement {
  readonly uri: string;
  readonly local: string;
  /** Attributes keyed by `{uri}local` (or `local` when unqualified). */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

export function parseXml(xml: string): XmlElement {
  const parser = sax.parser(true, { xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;

  parser.onerror = (e: Error) => {
    failure ??= e;
    parser.resume();
  };
  parser.ondoctype = () => {
    // DTDs are never legitimate in SOAP 1.1 and would open the door to entity tricks.
    failure ??= new XmlSyntaxError('DTD is not allowed in a SOAP message');
  };
  parser.onopentag = (tag) => {
    const qualified = tag as sax.QualifiedTag;
    const attributes = new Map<string, string>();
    for (const attr of Object.values(qualified.attributes)) {
      if (attr.uri === 'http://www.w3.org/2000/xmlns/' || attr.prefix === 'xmlns' || attr.name === 'xmlns') {
        continue;
      }
      attributes.set(attr.uri ? `{${attr.uri}}${attr.local}` : attr.local, attr.value);
    }
    const el: XmlElement = { uri: qualified.uri, local: qualified.local, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push(el);
    } else if (root) {
      failure ??= new XmlSyntaxError('More than one root element');
    } else {
      root = el;
    }
    stack.push(el);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  const onText = (text: string) => {
    const current = stack[stack.length - 1];
    if (current) {
      current.text += text;
    } else if (text.trim() !== '') {
      failure ??= new XmlSyntaxError('Text outside the root element');
    }
  };
  parser.ontext = onText;
  parser.oncdata = onText;

  parser.write(xml).close();
  if (failure) {
    throw failure instanceof XmlSyntaxError ? failure : new XmlSyntaxError(failure.message.split('\n')[0] ?? 'Invalid XML');
  }
  if (!root) {
    throw new XmlSyntaxError('Empty document');
  }
  return root;
}

export function isNil(el: XmlElement): boolean {
  const value = el.attributes.get(`{${NS.xsi}}nil`);
  return value === 'true' || value === '1';
}

export function childElements(el: XmlElement, uri: string, local: string): XmlElement[] {
  return el.children.filter((c) => c.uri === uri && c.local === local);
}

/** Canonical structure of an XML document for comparisons: namespace URI + local name, nil, text; prefixes and whitespace ignored. Uses sax, independent of the code under test. */
import * as sax from 'sax';

export interface Canonical {
  el: string;
  nil?: true;
  text?: string;
  children?: Canonical[];
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export function canonicalize(xml: string): Canonical {
  const parser = sax.parser(true, { xmlns: true });
  const root: Canonical = { el: '#document', children: [] };
  const stack: { node: Canonical; text: string }[] = [{ node: root, text: '' }];
  parser.onopentag = (tag) => {
    const t = tag as sax.QualifiedTag;
    const node: Canonical = { el: `{${t.uri}}${t.local}` };
    const nil = Object.values(t.attributes).find((a) => a.uri === XSI && a.local === 'nil');
    if (nil && nil.value === 'true') {
      node.nil = true;
    }
    const parent = stack[stack.length - 1]!.node;
    (parent.children ??= []).push(node);
    stack.push({ node, text: '' });
  };
  parser.ontext = (text) => {
    stack[stack.length - 1]!.text += text;
  };
  parser.oncdata = (text) => {
    stack[stack.length - 1]!.text += text;
  };
  parser.onclosetag = () => {
    const { node, text } = stack.pop()!;
    if (!node.children && text.trim()) {
      node.text = text;
    }
  };
  parser.write(xml).close();
  return root.children![0]!;
}

/** The first descendant (depth-first) with this `{ns}local` or local name. */
export function find(node: Canonical, name: string): Canonical | undefined {
  if (node.el === name || node.el.endsWith(`}${name}`)) {
    return node;
  }
  for (const c of node.children ?? []) {
    const hit = find(c, name);
    if (hit) {
      return hit;
    }
  }
  return undefined;
}

export const E = (local: string): string => `{https://bingads.microsoft.com/Customer/v13/Entities}${local}`;
export const V = (local: string): string => `{https://bingads.microsoft.com/Customer/v13}${local}`;
export const S = (local: string): string => `{http://schemas.xmlsoap.org/soap/envelope/}${local}`;

/** Builds a Canonical leaf. */
export function leaf(el: string, text?: string): Canonical {
  return text === undefined ? { el } : { el, text };
}

/**
 * Minimal XML writing helpers. Responses are built as strings so that prefixes, namespace
 * declarations and member order match what the real WCF service emits byte for byte.
 */

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text content and attribute values (both quote kinds, so one helper serves both). */
export function escapeXml(value: string): string {
  return value.replace(INVALID_XML_CHARS, '\uFFFD').replace(/[<>&"']/g, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

export type Attributes = Readonly<Record<string, string>>;

function attributeText(attributes: Attributes | undefined): string {
  if (!attributes) {
    return '';
  }
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}

/** `<name attrs>`: the start of `element(name, children, attributes)` when `children` is not empty. */
export function startTag(name: string, attributes?: Attributes): string {
  return `<${name}${attributeText(attributes)}>`;
}

/** `<name attrs>children</name>`, or self-closing when there are no children. `children` is already XML. */
export function element(name: string, children: string, attributes?: Attributes): string {
  const attrs = attributeText(attributes);
  return children === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${children}</${name}>`;
}

/** An element holding escaped text. */
export function textElement(name: string, value: string, attributes?: Attributes): string {
  return element(name, escapeXml(value), attributes);
}

/** `<name i:nil="true"/>`; the `i` prefix must be declared by an ancestor (or in `attributes`). */
export function nilElement(name: string, attributes?: Attributes): string {
  return `<${name} i:nil="true"${attributeText(attributes)}/>`;
}

/** Text when the value is present, `i:nil` when it is null or undefined. */
export function nillable(name: string, value: string | number | boolean | null | undefined, attributes?: Attributes): string {
  return value === null || value === undefined ? nilElement(name, attributes) : textElement(name, String(value), attributes);
}

/** Omitted entirely when null (EmitDefaultValue=false members). */
export function optional(name: string, value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? '' : textElement(name, String(value));
}

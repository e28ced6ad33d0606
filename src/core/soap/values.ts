/**
 * Leaf values of response elements. Absent and `xsi:nil` elements read as null. `long` and
 * `dateTime` stay the exact text the service sent (spec §11.1, §11.6). The `…Text` functions are
 * the same rules over an element's text, for the readers that read straight from the scanner
 * (linkPageReader.ts).
 */
import type { XmlElement } from './xml';

/** The element's text, or null when absent or nil. */
export function textOf(element: XmlElement | undefined): string | null {
  return !element || element.nil ? null : detached(element.text);
}

/**
 * V8 cuts a slice of 13 characters or more out of a string as a view into it, so a value read from
 * an answer would keep the whole answer text alive as long as the value lives: every link of a
 * 100,000-link listing held its page's answer (about 250 KB a page over SOAP). Such values are
 * copied; shorter ones are copies already.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** `long` text (trimmed), or null when empty: the rule of longOf. */
export function longText(text: string | null): string | null {
  if (text === null) {
    return null;
  }
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** `xs:boolean` text ('true'/'1' or 'false'/'0', trimmed), or null when empty: the rule of booleanOf. */
export function booleanText(text: string | null): boolean | null {
  const trimmed = longText(text);
  return trimmed === null ? null : trimmed === 'true' || trimmed === '1';
}

/** A `long` id kept as its decimal text (trimmed), or null. */
export function longOf(element: XmlElement | undefined): string | null {
  return longText(textOf(element));
}

/** An `int`, or null when absent, nil, empty or not a number. */
export function intOf(element: XmlElement | undefined): number | null {
  const text = longOf(element);
  if (text === null) {
    return null;
  }
  const n = Number(text);
  return Number.isInteger(n) ? n : null;
}

/** An `xs:boolean` ('true'/'1' or 'false'/'0'), or null. */
export function booleanOf(element: XmlElement | undefined): boolean | null {
  return booleanText(textOf(element));
}

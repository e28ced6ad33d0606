/** Reads a SOAP 1.1 request envelope: the v13 headers and the body's operation wrapper. */
import { NS } from '../xml/namespaces';
import { isNil, parseXml, type XmlElement } from '../xml/reader';
import { DeserializationError } from '../requestErrors';

export interface RequestEnvelope {
  /** v13 header values by local name (null when sent as nil). */
  headers: Map<string, string | null>;
  /** The first element of s:Body, if any. */
  body: XmlElement | undefined;
}

/** A header the service does not know, flagged mustUnderstand="1" (SOAP MustUnderstand fault). */
export class MustUnderstandError extends Error {
  constructor(readonly header: string) {
    super(`The header '${header}' was not understood by the recipient of this message.`);
    this.name = 'MustUnderstandError';
  }
}

/** The envelope is not SOAP 1.1 (e.g. SOAP 1.2). */
export class VersionMismatchError extends Error {
  constructor(uri: string) {
    super(`The envelope namespace '${uri}' is not SOAP 1.1 (${NS.soap}).`);
    this.name = 'VersionMismatchError';
  }
}

const KNOWN_HEADERS = new Set(['ApplicationToken', 'AuthenticationToken', 'DeveloperToken', 'Password', 'UserName', 'IdentityProvider']);

export function parseEnvelope(xml: string): RequestEnvelope {
  const root = parseXml(xml);
  if (root.local !== 'Envelope') {
    throw new DeserializationError(`Expected a SOAP Envelope, found '${root.local}'.`);
  }
  if (root.uri !== NS.soap) {
    throw new VersionMismatchError(root.uri);
  }
  const headers = new Map<string, string | null>();
  const header = root.children.find((c) => c.uri === NS.soap && c.local === 'Header');
  for (const h of header?.children ?? []) {
    if (h.uri === NS.v13 && KNOWN_HEADERS.has(h.local)) {
      headers.set(h.local, isNil(h) ? null : h.text.trim());
      continue;
    }
    // The docs' templates send <Action mustUnderstand="1">: accepted and ignored (spec §2).
    const mustUnderstand = h.attributes.get(`{${NS.soap}}mustUnderstand`) ?? h.attributes.get('mustUnderstand');
    if ((mustUnderstand === '1' || mustUnderstand === 'true') && h.local !== 'Action') {
      throw new MustUnderstandError(h.local);
    }
  }
  const body = root.children.find((c) => c.uri === NS.soap && c.local === 'Body');
  if (!body) {
    throw new DeserializationError('The SOAP envelope has no Body.');
  }
  return { headers, body: body.children[0] };
}

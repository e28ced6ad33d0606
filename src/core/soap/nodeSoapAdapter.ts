/**
 * The one module that touches the `soap` package (node-soap), whose typings are loose (`any`).
 *
 * node-soap loads our WSDL once and writes envelopes from it: element names, namespaces (wrapper
 * children in v13, data members in Entities, …) and member order come from the WSDL (node-soap
 * 1.13 sorts object keys by the schema sequence; request builders also create them in order).
 * It does not send anything: its pluggable `httpClient` is a capturing one that receives the
 * finished envelope and stops there. Sending (timeouts, cancellation, raw status and body) is
 * `transport.ts`; reading responses is `responseReader.ts` (node-soap's own parser turns longs into
 * numbers and dateTimes into Date objects, which we must not do).
 *
 * We use node-soap's `open_wsdl` and `Client` directly, which is all `soap.createClientAsync` does,
 * instead of the package index: the index also loads the SOAP server and WS-Security (xml-crypto),
 * which we never use; leaving them out makes dist/service.js ~460 KB smaller and its load ~30 ms
 * faster. Parsed WSDLs are cached per path for the process, like createClientAsync's cache.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Client } from 'soap/lib/client';
import type { IHeaders, IHttpClient, IOptions } from 'soap/lib/types';
import type { WSDL } from 'soap/lib/wsdl';
import { fingerprint } from './fingerprint';
import { isWriterPlan, membersFromDescription, writeEnvelope, type PlanOperation, type WriterPlan } from './compiledWriter';
import { NS } from './namespaces';
import { OPERATIONS, OperationName, soapActionOf } from './operations';

/** A value node-soap can serialize: plain data in WSDL member order. */
export type WireValue = string | number | boolean | null | WireObject | WireValue[];
export interface WireObject {
  [member: string]: WireValue | undefined;
}

export interface SoapRequest {
  /** The complete envelope. */
  xml: string;
  /** The SOAPAction header value, quoted (`"AddClientLinks"`). */
  soapActionHeader: string;
  contentType: string;
}

export interface EnvelopeWriter {
  /** Writes the envelope of `operation` with `body` as the request wrapper's content and the given header elements (already XML). */
  write(operation: OperationName, body: WireObject, headerXml: string): SoapRequest;
}

/** Thrown to node-soap by the capturing client so that it stops after producing the envelope. */
class EnvelopeCaptured extends Error {
  constructor() {
    super('envelope captured');
  }
}

interface Captured {
  xml: string;
  headers: Record<string, string>;
}

type SoapCallback = (error: unknown) => void;
type SoapMethod = (args: WireObject, callback: SoapCallback) => void;

/** Where the capturing HTTP client leaves what node-soap would have sent. */
interface CaptureBox {
  captured: Captured | undefined;
}

class NodeSoapEnvelopeWriter implements EnvelopeWriter {
  constructor(
    private readonly client: Client,
    private readonly box: CaptureBox,
  ) {}

  write(operation: OperationName, body: WireObject, headerXml: string): SoapRequest {
    const method = (this.client as unknown as Record<string, SoapMethod | undefined>)[operation];
    if (typeof method !== 'function') {
      throw new Error(`The WSDL has no operation ${operation}`);
    }
    this.box.captured = undefined;
    // node-soap keeps SOAP headers on the client; the call below is synchronous up to the
    // capture, so setting them right before it cannot interleave with another request.
    this.client.clearSoapHeaders();
    this.client.addSoapHeader(headerXml);
    method(body, () => undefined);
    this.client.clearSoapHeaders();
    const captured = this.box.captured as Captured | undefined; // set by the capturing client during the call
    if (!captured) {
      throw new Error(`node-soap did not produce an envelope for ${operation}`);
    }
    this.box.captured = undefined;
    return {
      xml: captured.xml,
      soapActionHeader: captured.headers['SOAPAction'] ?? `"${soapActionOf(operation)}"`,
      contentType: captured.headers['Content-Type'] ?? 'text/xml; charset=utf-8',
    };
  }
}

/**
 * node-soap, required on first need, not imported: a process that has a writer plan never loads
 * it. In the bundles it is its own chunk, `node-soap.js` beside `service.js`; unbundled (compiled
 * tests), `nodeSoapModules` beside this file. The path is computed so esbuild does not inline it.
 */
function nodeSoap(): typeof import('./nodeSoapModules') {
  const bundled = path.join(__dirname, 'node-soap.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(fs.existsSync(bundled) ? bundled : path.join(__dirname, 'nodeSoapModules')) as typeof import('./nodeSoapModules');
}

const WSDL_OPTIONS: IOptions = { escapeXML: true, useEmptyTag: false };
const parsedWsdls = new Map<string, Promise<WSDL>>();

function loadWsdl(wsdlPath: string): Promise<WSDL> {
  let wsdl = parsedWsdls.get(wsdlPath);
  if (!wsdl) {
    const { open_wsdl } = nodeSoap();
    wsdl = new Promise<WSDL>((resolve, reject) => {
      open_wsdl(wsdlPath, { ...WSDL_OPTIONS }, (error: unknown, parsed?: WSDL) => {
        if (error || !parsed) {
          reject(error instanceof Error ? error : new Error(`Cannot load ${wsdlPath}: ${String(error)}`));
        } else {
          resolve(parsed);
        }
      });
    });
    parsedWsdls.set(wsdlPath, wsdl);
    wsdl.catch(() => parsedWsdls.delete(wsdlPath));
  }
  return wsdl;
}

/** node-soap's own envelope writer on the WSDL at `wsdlPath` (parsed once per path and process). */
export async function createNodeSoapEnvelopeWriter(wsdlPath: string): Promise<EnvelopeWriter> {
  const wsdl = await loadWsdl(wsdlPath);
  const { Client: SoapClient } = nodeSoap();
  const box: CaptureBox = { captured: undefined };
  const httpClient: IHttpClient = {
    request(_url: string, data: unknown, callback: (error: unknown) => void, exheaders?: IHeaders) {
      // Called synchronously from inside the method call in NodeSoapEnvelopeWriter.write.
      box.captured = { xml: String(data), headers: { ...(exheaders as Record<string, string> | undefined) } };
      callback(new EnvelopeCaptured());
      return Promise.resolve() as unknown as ReturnType<IHttpClient['request']>;
    },
  };
  // The endpoint is never used: the capturing client above stops every call before sending.
  const client = new SoapClient(wsdl, 'http://127.0.0.1/unused', { ...WSDL_OPTIONS, httpClient });
  return new NodeSoapEnvelopeWriter(client, box);
}

/** Where the build writes the plan of the WSDL at `wsdlPath`. */
export function writerPlanPath(wsdlPath: string): string {
  return wsdlPath.replace(/\.wsdl$/i, '') + '.writer-plan.json';
}

const HEADER_MARK = '<!--msads-header-->';

/**
 * Derives the writer plan of the WSDL at `wsdlPath` from node-soap: its description of each
 * operation's input message (members in schema order, namespaces, aliases, repeated members) and
 * the envelope around a body, taken from an envelope node-soap writes.
 */
export async function deriveWriterPlan(wsdlPath: string): Promise<WriterPlan> {
  const wsdl = await loadWsdl(wsdlPath);
  const writer = await createNodeSoapEnvelopeWriter(wsdlPath);
  const probe = writer.write('GetUser', { UserId: null }, HEADER_MARK);
  const headerAt = probe.xml.indexOf(HEADER_MARK);
  const bodyAt = probe.xml.indexOf('<GetUserRequest');
  const bodyEnd = probe.xml.indexOf('</GetUserRequest>') + '</GetUserRequest>'.length;
  if (headerAt < 0 || bodyAt < 0 || bodyEnd < bodyAt) {
    throw new Error('Cannot derive the envelope layout from node-soap');
  }
  const messages = (wsdl.definitions as unknown as { messages: Record<string, { parts?: unknown; element?: { $name?: string; targetNamespace?: string; $targetNamespace?: string } }> }).messages;
  const operations: Partial<Record<OperationName, PlanOperation>> = {};
  for (const operation of OPERATIONS) {
    const message = messages[`${operation}Request`];
    if (!message?.parts || typeof message.parts !== 'object') {
      continue;
    }
    const ns = message.element?.targetNamespace ?? message.element?.$targetNamespace ?? NS.v13;
    const sample = writer.write(operation, {}, '');
    operations[operation] = {
      element: message.element?.$name ?? `${operation}Request`,
      ns,
      soapActionHeader: sample.soapActionHeader,
      members: membersFromDescription(message.parts as Record<string, never>, ns, ''),
    };
  }
  return {
    version: 2,
    wsdlFingerprint: fingerprint(fs.readFileSync(wsdlPath)),
    envelopeOpen: probe.xml.slice(0, headerAt),
    headerToBody: probe.xml.slice(headerAt + HEADER_MARK.length, bodyAt),
    envelopeClose: probe.xml.slice(bodyEnd),
    contentType: probe.contentType,
    operations,
  };
}

/** The build's plan for `wsdlPath` when present and made from this very WSDL; undefined otherwise. */
export function readWriterPlan(wsdlPath: string): WriterPlan | undefined {
  let text: string;
  try {
    text = fs.readFileSync(writerPlanPath(wsdlPath), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const plan: unknown = JSON.parse(text);
    return isWriterPlan(plan, fingerprint(fs.readFileSync(wsdlPath))) ? plan : undefined;
  } catch {
    return undefined;
  }
}

/** Writes envelopes from a plan; a body the plan does not fit goes to node-soap (loaded then). */
class CompiledEnvelopeWriter implements EnvelopeWriter {
  private fallback: Promise<EnvelopeWriter> | undefined;

  constructor(
    private readonly plan: WriterPlan,
    private readonly nodeSoap: () => Promise<EnvelopeWriter>,
  ) {}

  write(operation: OperationName, body: WireObject, headerXml: string): SoapRequest {
    const xml = writeEnvelope(this.plan, operation, body, headerXml);
    if (xml === undefined) {
      throw new NeedsNodeSoap();
    }
    return { xml, soapActionHeader: this.plan.operations[operation]?.soapActionHeader ?? `"${soapActionOf(operation)}"`, contentType: this.plan.contentType };
  }

  nodeSoapWriter(): Promise<EnvelopeWriter> {
    this.fallback ??= this.nodeSoap();
    return this.fallback;
  }
}

/** The compiled writer cannot write this body: ask node-soap (see writeWithFallback). */
export class NeedsNodeSoap extends Error {
  constructor() {
    super('body outside the writer plan');
  }
}

/** Writes with `writer`; when it is a compiled writer that cannot take the body, with node-soap. */
export async function writeWithFallback(writer: EnvelopeWriter, operation: OperationName, body: WireObject, headerXml: string): Promise<SoapRequest> {
  try {
    return writer.write(operation, body, headerXml);
  } catch (e) {
    if (e instanceof NeedsNodeSoap && writer instanceof CompiledEnvelopeWriter) {
      return (await writer.nodeSoapWriter()).write(operation, body, headerXml);
    }
    throw e;
  }
}

/**
 * The envelope writer for the WSDL at `wsdlPath`: compiled from the build's writer plan when it
 * matches the WSDL (node-soap is then not even loaded), else from a plan derived from node-soap
 * now. `MSADS_SOAP_WRITER=node-soap` forces node-soap's own writer (diagnostics, comparisons).
 */
export async function createEnvelopeWriter(wsdlPath: string): Promise<EnvelopeWriter> {
  if (process.env.MSADS_SOAP_WRITER === 'node-soap') {
    return createNodeSoapEnvelopeWriter(wsdlPath);
  }
  const plan = readWriterPlan(wsdlPath) ?? (await deriveWriterPlan(wsdlPath));
  return new CompiledEnvelopeWriter(plan, () => createNodeSoapEnvelopeWriter(wsdlPath));
}

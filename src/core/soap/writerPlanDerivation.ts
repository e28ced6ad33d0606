/**
 * Build time and tests only, never shipped: node-soap (the `soap` package) compiles our WSDL into
 * the writer plan that the runtime writes envelopes from (compiledWriter.ts, envelopeWriter.ts),
 * and its own envelope writer is the tests' oracle, which our envelopes must equal byte for byte.
 * `scripts/build.mjs` runs `deriveWriterPlan` on our WSDL and writes generated/writer-plan.json;
 * a unit test checks that the committed plan is the one node-soap derives from the WSDL today.
 *
 * node-soap loads the WSDL and writes envelopes from it: element names, namespaces (wrapper
 * children in v13, data members in Entities, …) and member order come from the WSDL. It does not
 * send anything: its pluggable `httpClient` is a capturing one that receives the finished envelope
 * and stops there. We use its `open_wsdl` and `Client` directly, which is all
 * `soap.createClientAsync` does, without the package index (its server and WS-Security).
 */
import type { Client } from 'soap/lib/client';
import type { IHeaders, IHttpClient, IOptions } from 'soap/lib/types';
import type { WSDL } from 'soap/lib/wsdl';
import { Client as SoapClient } from 'soap/lib/client';
import { open_wsdl } from 'soap/lib/wsdl';
import { membersFromDescription, type PlanOperation, type WireObject, type WriterPlan } from './compiledWriter';
import type { EnvelopeWriter, SoapRequest } from './envelopeWriter';
import { NS } from './namespaces';
import { OPERATIONS, type OperationName } from '../service/operations';

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
      soapActionHeader: captured.headers['SOAPAction'] ?? `"${operation}"`,
      contentType: captured.headers['Content-Type'] ?? 'text/xml; charset=utf-8',
    };
  }
}

const WSDL_OPTIONS: IOptions = { escapeXML: true, useEmptyTag: false };
const parsedWsdls = new Map<string, Promise<WSDL>>();

function loadWsdl(wsdlPath: string): Promise<WSDL> {
  let wsdl = parsedWsdls.get(wsdlPath);
  if (!wsdl) {
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
  const box: CaptureBox = { captured: undefined };
  const httpClient: IHttpClient = {
    request(_url: string, data: unknown, callback: (error: unknown) => void, exheaders?: IHeaders) {
      // Called synchronously from inside the method call in NodeSoapEnvelopeWriter.write.
      box.captured = { xml: String(data), headers: { ...exheaders } };
      callback(new EnvelopeCaptured());
      return Promise.resolve() as unknown as ReturnType<IHttpClient['request']>;
    },
  };
  // The endpoint is never used: the capturing client above stops every call before sending.
  const client = new SoapClient(wsdl, 'http://127.0.0.1/unused', { ...WSDL_OPTIONS, httpClient });
  return new NodeSoapEnvelopeWriter(client, box);
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
    version: 3,
    envelopeOpen: probe.xml.slice(0, headerAt),
    headerToBody: probe.xml.slice(headerAt + HEADER_MARK.length, bodyAt),
    envelopeClose: probe.xml.slice(bodyEnd),
    contentType: probe.contentType,
    operations,
  };
}

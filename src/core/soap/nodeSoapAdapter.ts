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
import { Client } from 'soap/lib/client';
import type { IHeaders, IHttpClient, IOptions } from 'soap/lib/types';
import { open_wsdl, type WSDL } from 'soap/lib/wsdl';
import { OperationName, soapActionOf } from './operations';

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

/** Loads the WSDL (once per path and process) and returns an envelope writer bound to it. */
export async function createEnvelopeWriter(wsdlPath: string): Promise<EnvelopeWriter> {
  const wsdl = await loadWsdl(wsdlPath);
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
  const client = new Client(wsdl, 'http://127.0.0.1/unused', { ...WSDL_OPTIONS, httpClient });
  return new NodeSoapEnvelopeWriter(client, box);
}

/**
 * The SOAP request writer at run time: envelopes from the writer plan the build derived from our
 * WSDL with node-soap (generated/writer-plan.json, embedded in the bundle), byte for byte what
 * node-soap writes (tests compare them). node-soap itself is not shipped.
 */
import type { OperationName } from '../service/operations';
import { writeEnvelope, type WireObject, type WriterPlan } from './compiledWriter';
import planJson from './generated/writer-plan.json';

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

/** Writes envelopes from a plan. */
export class CompiledEnvelopeWriter implements EnvelopeWriter {
  constructor(private readonly plan: WriterPlan) {}

  write(operation: OperationName, body: WireObject, headerXml: string): SoapRequest {
    const xml = writeEnvelope(this.plan, operation, body, headerXml);
    const planned = this.plan.operations[operation];
    if (xml === undefined || !planned) {
      throw new Error(`Cannot write ${operation}: the request has a member our WSDL does not define (a bug in the request builder), or the writer plan is stale (run npm run build).`);
    }
    return { xml, soapActionHeader: planned.soapActionHeader, contentType: this.plan.contentType };
  }
}

/** The writer of the build's plan. */
export const BUILD_PLAN_WRITER: EnvelopeWriter = new CompiledEnvelopeWriter(planJson as unknown as WriterPlan);

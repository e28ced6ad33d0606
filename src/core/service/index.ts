/**
 * The SOAP service layer, bundled alone as dist/service.js and loaded lazily (loadService.ts) on
 * the first request, so activation and CLI start-up never pay for node-soap and the WSDL.
 */
import { SoapClientLinksService } from './soapClientLinksService';
import type { ClientLinksService, ServiceOptions } from './types';

export function createClientLinksService(options: ServiceOptions): ClientLinksService {
  return new SoapClientLinksService(options);
}

export { SoapClientLinksService, DEFAULT_SEARCH_CONCURRENCY, DEFAULT_TIMEOUT_MS, DEFAULT_WRITE_CONCURRENCY, SANDBOX_CONCURRENCY, defaultConcurrency, isSandboxEndpoint } from './soapClientLinksService';
export { classifyFailure, decideRetry, backoffDelay, resolveRetryPolicy, type FailureClass, type RetryDecision } from './retryPolicy';
export { CustomerManagementSoapClient, type Credentials, type CallContext, type SoapResult } from '../soap/soapClient';
export { toServiceDateTime } from '../soap/requests';
export { resolveWsdlPath, WSDL_FILE_NAME } from '../soap/wsdlLocation';
export * from './types';
export { deriveWriterPlan, writerPlanPath, createNodeSoapEnvelopeWriter } from '../soap/nodeSoapAdapter';

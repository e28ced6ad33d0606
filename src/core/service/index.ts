/**
 * The service layer, bundled alone as dist/service.js and loaded lazily (loadService.ts) on the
 * first request, so activation and CLI start-up never pay for it: the protocol-neutral service
 * and its two wire adapters, SOAP and REST.
 */
import * as l10n from '@vscode/l10n';
import { protocolEndpoint } from '../protocol';
import { CustomerManagementRestClient } from '../rest/restClient';
import { CustomerManagementSoapClient } from '../soap/soapClient';
import { DEFAULT_TIMEOUT_MS, WireClientLinksService } from './clientLinksService';
import type { ClientLinksService, ServiceOptions } from './types';
import type { WireClient } from './wireClient';

/** The wire adapter for `options.protocol` (default SOAP) at the URL that protocol calls. */
export function createWireClient(options: ServiceOptions): WireClient {
  const protocol = options.protocol ?? 'soap';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const url = protocolEndpoint(protocol, options.endpoint);
  return protocol === 'rest'
    ? new CustomerManagementRestClient({ baseUrl: url, timeoutMs, now: options.now })
    : new CustomerManagementSoapClient({ endpoint: url, timeoutMs, now: options.now });
}

/**
 * Gives this bundle's copy of @vscode/l10n the extension's bundle (vscode.l10n.bundle): the service
 * layer is bundled apart (dist/service.js), so its words (errors made here: HTTP answers, time-outs,
 * sign-in and developer-token problems) would otherwise stay English in a translated VS Code. The
 * CLI never calls it.
 */
export function configureL10n(contents: l10n.l10nJsonFormat): void {
  l10n.config({ contents });
}

export function createClientLinksService(options: ServiceOptions): ClientLinksService {
  return new WireClientLinksService(options, createWireClient(options));
}

export { WireClientLinksService, DEFAULT_SEARCH_CONCURRENCY, DEFAULT_TIMEOUT_MS, DEFAULT_WRITE_CONCURRENCY, SANDBOX_CONCURRENCY, defaultConcurrency, isSandboxEndpoint } from './clientLinksService';
export { classifyFailure, decideRetry, backoffDelay, resolveRetryPolicy, type FailureClass, type RetryDecision } from './retryPolicy';
export { CustomerManagementSoapClient } from '../soap/soapClient';
export { CustomerManagementRestClient } from '../rest/restClient';
export type { Credentials, CallContext, WireResult, WireClient } from './wireClient';
export * from './types';

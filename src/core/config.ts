/** Environments and endpoint rules (spec §1). */
import { ConfigError } from './errors';

export type Environment = 'production' | 'sandbox';

export const ENDPOINTS: Readonly<Record<Environment, string>> = {
  production: 'https://clientcenter.api.bingads.microsoft.com/Api/CustomerManagement/v13/CustomerManagementService.svc',
  sandbox: 'https://clientcenter.api.sandbox.bingads.microsoft.com/Api/CustomerManagement/v13/CustomerManagementService.svc',
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The endpoint to call: an override when given, else the environment's. Refuses anything that
 * is not https, except plain http on a loopback address (the local simulator).
 */
export function resolveEndpoint(environment: Environment, override?: string | null): string {
  const raw = override?.trim() ? override.trim() : ENDPOINTS[environment];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`The endpoint "${raw}" is not a valid URL. Set an absolute https URL, or clear the endpoint override to use the ${environment} service.`);
  }
  if (url.username || url.password) {
    // Credentials in the URL would be sent in clear to any proxy and written wherever the endpoint is logged.
    throw new ConfigError(`The endpoint ${url.protocol}//${url.host} is refused: it contains a user name or password. Remove them; credentials come from sign-in and the developer token only.`);
  }
  if (url.protocol === 'https:') {
    return url.toString();
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    return url.toString();
  }
  throw new ConfigError(
    `The endpoint ${url.protocol}//${url.host} is refused: only https is allowed, except http on a loopback address (127.0.0.1, localhost) for the local simulator.`,
  );
}

export function isEnvironment(value: string): value is Environment {
  return value === 'production' || value === 'sandbox';
}

/**
 * The protocol dimension of the integration and reliability tiers: the same tests run over SOAP and
 * over REST, against the same simulator (one process, one state; SOAP at `sim.endpoint`, REST under
 * `sim.restBaseUrl`). Wrap a describe in `for (const protocol of PROTOCOLS)` and build the service
 * with `{ protocol }`; `overProtocol(protocol)` gives the title suffix (`over SOAP` / `over REST`),
 * so `--grep "over REST"` runs one protocol.
 */
import type { WireProtocol } from '../../src/core/protocol';

export const PROTOCOLS = ['soap', 'rest'] as const satisfies readonly WireProtocol[];

export type Protocol = (typeof PROTOCOLS)[number];

/** `over SOAP` / `over REST`, for describe titles. */
export function overProtocol(protocol: Protocol): string {
  return `over ${protocol.toUpperCase()}`;
}

/** The URL the service calls on a simulator for this protocol: the SOAP `.svc` endpoint or the REST base URL. */
export function simulatorUrl(sim: { endpoint: string; restBaseUrl: string }, protocol: Protocol): string {
  return protocol === 'rest' ? sim.restBaseUrl : sim.endpoint;
}

/** What the CLI is told for this protocol: `--api <protocol>` (MSADS_API is covered by its own test). */
export function apiFlag(protocol: Protocol): string[] {
  return ['--api', protocol];
}

/**
 * Shared set-up of the reliability suite: the real service over SOAP or REST (`{ protocol }`, see
 * test/helpers/protocols.ts) against the in-process simulator, token capture and scanning.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createClientLinksService } from '../../src/core/service/index';
import type { CallEvent, ClientLinksService, RetryEvent, ServiceOptions } from '../../src/core/service/types';
import type { WireProtocol } from '../../src/core/protocol';
import type { LinkStore } from '../../src/core/workflow/linkStore';
import type { CallRecord, RunningSimulator } from '../../src/simulator';
import { repoRoot } from '../helpers/paths';

export const AGENCY = '251000123';
export const FABRIKAM = '250987654';

/**
 * Fast backoff so the matrix runs in seconds; the counts are the production ones (4 attempts).
 * `maxRetryAfterMs` caps the REST answer's Retry-After (the simulator asks for 60 s on 429), so a
 * throttled REST retry waits 5 ms here, where production honours up to 300 s.
 */
export const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 4, throttleDelayMs: 3, maxRetryAfterMs: 5 } as const;

export interface Harness {
  service: ClientLinksService;
  calls: CallEvent[];
  retries: RetryEvent[];
  refreshes: number;
}

export function tokenOf(sim: RunningSimulator, customerId: string, role = 'Super Admin'): string {
  const user = sim.users.find((u) => u.customerId === customerId && u.role === role);
  assert.ok(user, `a ${role} of ${customerId}`);
  return user.accessToken;
}

/**
 * The real service for one simulator user, over `extra.protocol` (default SOAP; REST calls the
 * endpoint's origin). The token source renews to the same (valid) token when asked.
 */
export function serviceFor(sim: RunningSimulator | { endpoint: string; developerToken: string }, token: string, extra: Partial<ServiceOptions> = {}): Harness {
  const harness: Harness = { service: undefined as unknown as ClientLinksService, calls: [], retries: [], refreshes: 0 };
  harness.service = createClientLinksService({
    endpoint: sim.endpoint,
    developerToken: () => Promise.resolve(sim.developerToken),
    tokenSource: {
      getAccessToken: ({ forceRefresh }) => {
        if (forceRefresh) {
          harness.refreshes++;
        }
        return Promise.resolve(token);
      },
    },
    retry: FAST_RETRY,
    timeoutMs: 400,
    observer: { onCall: (e) => harness.calls.push(e), onRetry: (e) => harness.retries.push(e) },
    ...extra,
  });
  return harness;
}

/** The simulator's call log entries of `operation` (all protocols, or one). */
export function simCalls(sim: RunningSimulator, operation?: string, protocol?: WireProtocol): CallRecord[] {
  return sim.control.callLog().filter((c) => (operation === undefined || c.operation === operation) && (protocol === undefined || c.protocol === protocol));
}

/** Fails unless every simulator call after `fromSeq` came in over `protocol` (a REST test must not fall back to SOAP). */
export function assertAllOver(sim: RunningSimulator, protocol: WireProtocol, fromSeq = 0): void {
  const other = sim.control.callLog().filter((c) => c.seq > fromSeq && c.protocol !== protocol);
  assert.deepEqual(other.map((c) => `${c.protocol} ${c.operation}`), [], `every call went over ${protocol.toUpperCase()}`);
}

/** The sequence number of the simulator's latest call (0 before any). */
export function lastSeq(sim: RunningSimulator): number {
  return sim.control.callLog().at(-1)?.seq ?? 0;
}

/** Where the suite leaves its result files (`reliability-*.json`; scanned for tokens by security.test.ts). */
export const RESULTS_DIR = path.join(repoRoot, 'test-results');

/** Writes `value` as pretty JSON to RESULTS_DIR/`name`. */
export function writeResults(name: string, value: unknown): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, name), `${JSON.stringify(value, null, 2)}\n`);
}

/** A loopback port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Serialises anything (errors with their cause chain and own properties included) for a leak scan. */
export function dump(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Error) {
      if (seen.has(v)) {
        return '[seen]';
      }
      seen.add(v);
      return { ...(v as unknown as Record<string, unknown>), name: v.name, message: v.message, stack: v.stack, cause: (v as { cause?: unknown }).cause };
    }
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) {
        return '[seen]';
      }
      seen.add(v);
    }
    return typeof v === 'bigint' ? String(v) : v;
  });
}

/** Fails when any secret appears in `text`, naming where. */
export function assertNoSecrets(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    assert.ok(secret.length >= 6, 'scan for real secrets only');
    assert.equal(text.includes(secret), false, `a token leaked into ${where}`);
  }
}

/**
 * Refreshes `store` up to `tries` times, like a user trying again: under random faults a refresh can
 * fail once its own attempts are used up (at a 10% fault rate, 0.01% of reads). The last failure is thrown.
 */
export async function refreshPatiently(store: LinkStore, tries: number): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await store.refresh();
      return;
    } catch (e) {
      if (i >= tries) {
        throw e;
      }
    }
  }
}

/** Adds `count` client accounts (10 per client customer) the agency can invite. */
export function addInvitableAccounts(sim: RunningSimulator, count: number, firstId = 195000001): string[] {
  const store = sim.control.simulator.store;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const ownerId = String(265000001 + Math.floor((firstId - 195000001 + i) / 10));
    if (!store.customers.has(ownerId)) {
      store.addCustomer({ id: ownerId, number: `R${ownerId.slice(-9)}`, name: `Reliability Client ${ownerId}` });
    }
    const id = String(firstId + i);
    store.addAccount({ id, number: `R${id.slice(-7)}`, name: `Bulk ${id}`, ownerCustomerId: ownerId, lifeCycleStatus: 'Active', prepaid: false, primaryUserId: null });
    ids.push(id);
  }
  return ids;
}

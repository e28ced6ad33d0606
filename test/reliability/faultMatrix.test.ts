/**
 * The fault matrix: every operation the product calls (GetUser, SearchClientLinks, AddClientLinks,
 * UpdateClientLinks) × every fault the simulator can inject, plus connection refused (a closed port),
 * over SOAP and over REST. Each cell runs through the LinkStore over the real service and checks:
 * how many HTTP attempts the simulator saw (its call log), the final error type, the user-facing
 * message (names the operation, says what to do), the log (one observer event per attempt, retries
 * announced), and that the last good links stay shown, marked stale. The expected outcome of a cell
 * is the same on both protocols; only what the fault looks like on the wire differs (SOAP: an
 * s:Server fault in HTTP 500; REST: an ApplicationFault with 401/429/500, Retry-After on 429, the
 * TrackingId in a header). Results go to test-results/reliability-matrix-{soap,rest}.json.
 */
import * as assert from 'node:assert/strict';
import { ClientLinksError, HttpStatusError, ServiceFaultError, userMessage } from '../../src/core/errors';
import { clientLinkKey, type ClientLink } from '../../src/core/model/clientLink';
import { type BulkResult, LinkStore } from '../../src/core/workflow/linkStore';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { overProtocol, PROTOCOLS, type Protocol } from '../helpers/protocols';
import { AGENCY, FAST_RETRY, assertAllOver, assertNoSecrets, closedPort, dump, type Harness, serviceFor, simCalls, tokenOf, writeResults } from './helpers';

type Op = 'GetUser' | 'SearchClientLinks' | 'AddClientLinks' | 'UpdateClientLinks';
type Fault = 'throttle' | 'expiredToken' | 'invalidToken' | 'internalError' | 'http500' | 'http503' | 'hang' | 'truncated' | 'malformed' | 'unknownFault' | 'connectionRefused';

const OPS: Op[] = ['GetUser', 'SearchClientLinks', 'AddClientLinks', 'UpdateClientLinks'];
const FAULTS: Fault[] = ['throttle', 'expiredToken', 'invalidToken', 'internalError', 'http500', 'http503', 'hang', 'truncated', 'malformed', 'unknownFault', 'connectionRefused'];

interface Expected {
  /** HTTP attempts of the operation while the fault persists. */
  attempts: number;
  error: string;
  /** Access-token renewals asked of the token source. */
  renewals: number;
  /** For writes: the outcome the user is shown, and whether the service actually applied it. */
  outcome?: 'failed' | 'succeeded';
  applied?: boolean;
}

/** The defined behaviour (see RELIABILITY.md and src/core/service/retryPolicy.ts). */
function expected(op: Op, fault: Fault): Expected {
  const read = op === 'GetUser' || op === 'SearchClientLinks';
  const add = op === 'AddClientLinks';
  const write = (n: number, error: string, extra: Partial<Expected> = {}): Expected => ({ attempts: n, error, renewals: 0, outcome: 'failed', applied: false, ...extra });
  switch (fault) {
    case 'throttle':
      return read ? { attempts: 4, error: 'ServiceFaultError', renewals: 0 } : write(4, 'ServiceFaultError');
    case 'expiredToken':
    case 'invalidToken':
      return read ? { attempts: 2, error: 'ServiceFaultError', renewals: 1 } : write(2, 'ServiceFaultError', { renewals: 1 });
    case 'internalError':
    case 'unknownFault':
      return read ? { attempts: 4, error: 'ServiceFaultError', renewals: 0 } : write(1, 'ServiceFaultError');
    case 'http500':
    case 'http503':
      return read ? { attempts: 4, error: 'HttpStatusError', renewals: 0 } : write(add ? 4 : 1, 'HttpStatusError');
    case 'hang':
      return read ? { attempts: 4, error: 'TimeoutError', renewals: 0 } : write(add ? 4 : 1, 'TimeoutError');
    case 'malformed':
      return read ? { attempts: 4, error: 'MalformedResponseError', renewals: 0 } : write(add ? 4 : 1, 'MalformedResponseError');
    case 'truncated':
      // The simulator applies the request, then cuts the answer. An add is found by the recovery
      // search (succeeded, sent once); an update is reported failed but was applied: the store
      // refreshes after it, so the tree shows what the service has.
      return read
        ? { attempts: 4, error: 'MalformedResponseError', renewals: 0 }
        : add
          ? { attempts: 1, error: '', renewals: 0, outcome: 'succeeded', applied: true }
          : write(1, 'MalformedResponseError', { applied: true });
    case 'connectionRefused':
      return read ? { attempts: 4, error: 'NetworkError', renewals: 0 } : write(4, 'NetworkError');
  }
}

/** The HTTP status of the final failure over REST (every SOAP fault comes as an s:Server fault in HTTP 500). */
const REST_STATUS: Partial<Record<Fault, number>> = { throttle: 429, expiredToken: 401, invalidToken: 401, internalError: 500, unknownFault: 500, http500: 500, http503: 503 };

/**
 * The wait the policy announces before each retry after throttling: SOAP's 117 fault has no
 * Retry-After, so `throttleDelayMs`; REST's 429 says Retry-After: 60, honoured up to
 * `maxRetryAfterMs` (5 ms in FAST_RETRY, 300 s in production). A planned delay, not a measured one.
 */
const throttleWait = (protocol: Protocol): number => (protocol === 'rest' ? FAST_RETRY.maxRetryAfterMs : FAST_RETRY.throttleDelayMs);

interface CellResult {
  protocol: Protocol;
  operation: Op;
  fault: Fault;
  attempts: number;
  error: string;
  /** HTTP status of the final failure, when the service answered. */
  httpStatus?: number;
  /** The waits announced before each retry (ms, planned). */
  retryDelaysMs: number[];
  outcome?: string;
  userMessage: string;
  logLines: number;
  staleKept: boolean | 'n/a';
  recovered: boolean;
  ms: number;
}

for (const protocol of PROTOCOLS) {
  describe(`reliability: fault matrix (operation × fault) through LinkStore and the service ${overProtocol(protocol)}`, function () {
    this.timeout(60_000);
    let sim: RunningSimulator;
    let refusedEndpoint: string;
    const results: CellResult[] = [];

    before(async () => {
      sim = await startSimulator({ seed: 'demo' });
      // The same closed port for both protocols: REST calls the endpoint's origin.
      refusedEndpoint = `http://127.0.0.1:${await closedPort()}/Api/CustomerManagement/v13/CustomerManagementService.svc`;
    });
    after(async () => {
      await sim.close();
      writeResults(`reliability-matrix-${protocol}.json`, results);
    });

    for (const op of OPS) {
      describe(op, () => {
        for (const fault of FAULTS) {
          const exp = expected(op, fault);
          const title = `${fault}: ${exp.attempts} attempt(s)${exp.renewals ? ', 1 token renewal' : ''}, ${exp.outcome === 'succeeded' ? 'succeeds without a second send' : `${exp.error}${exp.applied ? ' (applied; tree refreshed)' : ''}`}; message names ${op} and what to do; last links kept`;
          it(title, async () => {
            const started = Date.now();
            sim.control.reset('demo');
            const token = tokenOf(sim, AGENCY);
            const good = serviceFor(sim, token, { protocol, timeoutMs: fault === 'hang' ? 400 : 5_000 });
            const refused = serviceFor({ endpoint: refusedEndpoint, developerToken: sim.developerToken }, token, { protocol });
            let current: Harness = good;
            const store = new LinkStore();
            store.startSession(() => Promise.resolve(current.service));

            const countOf = (h: Harness): number =>
              fault === 'connectionRefused' ? h.calls.filter((c) => c.operation === op).length : simCalls(sim, op, protocol).length;
            let armedEvents = 0;
            let armedRetries = 0;
            const arm = (): void => {
              const h0 = fault === 'connectionRefused' ? refused : good;
              armedEvents = h0.calls.length;
              armedRetries = h0.retries.length;
              if (fault === 'connectionRefused') {
                current = refused;
              } else {
                sim.control.injectFault({ operation: op, fault, count: 100 });
              }
            };
            let failedEvents: number | undefined;
            let failedRetries: number | undefined;
            const disarm = (): void => {
              const h0 = fault === 'connectionRefused' ? refused : good;
              failedEvents ??= h0.calls.length;
              failedRetries ??= h0.retries.length;
              current = good;
              sim.control.clearFaults();
            };

            let error: ClientLinksError | undefined;
            let outcome: string | undefined;
            let staleKept: boolean | 'n/a' = 'n/a';
            let recovered: boolean;
            let before: number;
            /** A write's one outcome: its attempts and state as expected; then the fault is lifted. */
            const settleWrite = (result: BulkResult): void => {
              const attempts = countOf(current) - before;
              const [o] = result.outcomes;
              outcome = o?.state;
              error = o?.error;
              assert.equal(attempts, exp.attempts, `${op} attempts`);
              assert.equal(outcome, exp.outcome);
              disarm();
            };

            if (op === 'GetUser') {
              arm();
              before = countOf(current);
              await assert.rejects(store.refresh(), (e: unknown) => {
                error = e as ClientLinksError;
                return true;
              });
              assert.equal(store.loaded, false, 'nothing to show yet');
              assert.equal(store.lastError, error, 'the error is kept for the view');
              const attempts = countOf(current) - before;
              assert.equal(attempts, exp.attempts, 'GetUser attempts');
              disarm();
              await store.refresh();
              recovered = store.loaded && !store.stale && store.lastError === undefined;
            } else {
              await store.refresh();
              const shown = store.links.map(clientLinkKey).sort();
              assert.ok(shown.length > 50);
              arm();
              before = countOf(current);
              if (op === 'SearchClientLinks') {
                await assert.rejects(store.refresh(), (e: unknown) => {
                  error = e as ClientLinksError;
                  return true;
                });
                assert.equal(countOf(current) - before, exp.attempts, 'SearchClientLinks attempts');
                assert.equal(store.stale, true, 'marked stale');
                assert.deepEqual(store.links.map(clientLinkKey).sort(), shown, 'the last good links stay shown');
                assert.equal(store.lastError, error);
                staleKept = true;
                disarm();
                await store.refresh();
                recovered = !store.stale && store.lastError === undefined;
              } else if (op === 'AddClientLinks') {
                const account = sim.seed.invitableAccounts[0]!;
                const invite: ClientLink = { Type: 'AccountLink', ClientEntityId: account.id, IsBillToClient: true, Name: 'Matrix' };
                settleWrite(await store.invite([invite]));
                const pending = () => (sim.control.state({ includeLinks: true }).links ?? []).filter((l) => l.ClientEntityId === account.id && l.ManagingCustomerId === AGENCY && l.Status === 'LinkPending');
                assert.equal(pending().length, exp.applied ? 1 : 0, 'applied exactly when expected');
                staleKept = store.links.length >= shown.length;
                if (exp.outcome === 'failed') {
                  assert.ok(store.lastFailed, 'Retry failed is offered');
                  const retry = await store.retryFailed();
                  assert.deepEqual(retry?.outcomes.map((x) => x.state), ['succeeded']);
                }
                assert.equal(pending().length, 1, 'exactly one invitation exists after Retry failed');
                recovered = true;
              } else {
                const target = store.links.find((l) => l.Status === 'LinkPending' && l.ManagingCustomerId === AGENCY && l.Type !== 'CustomerLink');
                assert.ok(target);
                settleWrite(await store.runAction('cancel', [target]));
                const now = (sim.control.state({ includeLinks: true }).links ?? []).find((l) => clientLinkKey(l) === clientLinkKey(target));
                assert.equal(now?.Status, exp.applied ? 'LinkCanceled' : 'LinkPending', 'applied exactly when expected');
                staleKept = store.links.length === shown.length;
                assert.ok(store.lastFailed, 'Retry failed is offered');
                const retry = await store.retryFailed();
                assert.ok(retry);
                if (exp.applied) {
                  // The store refreshed after the lost answer: the link shows Canceled and is not sent again.
                  assert.equal(retry.outcomes.length, 0, 'not sent twice');
                  assert.match(retry.refused[0]?.reason ?? '', /Not sent again: it is Canceled now \(was Pending invitation when Cancel invitation failed\): the service applied it although its answer was lost/);
                } else {
                  assert.deepEqual(retry.outcomes.map((x) => x.state), ['succeeded']);
                }
                const after = (sim.control.state({ includeLinks: true }).links ?? []).find((l) => clientLinkKey(l) === clientLinkKey(target));
                assert.equal(after?.Status, 'LinkCanceled');
                recovered = true;
              }
            }

            const h = fault === 'connectionRefused' ? refused : good;
            if (exp.outcome !== 'succeeded') {
              assert.ok(error instanceof ClientLinksError, 'a typed error');
              assert.equal(error.constructor.name, exp.error);
              assert.equal(error.operation, op, 'the error names the operation');
              const text = userMessage(error);
              assert.ok(text.includes(op), `message names ${op}: ${text}`);
              assert.ok(error.advice && /retry|sign in|wait|check|contact/i.test(error.advice), `says what to do: ${text}`);
              assertNoSecrets(text + dump(error), [token, sim.developerToken], 'the error');
              assertWire(protocol, fault, error);
              const httpStatus = error instanceof ServiceFaultError ? error.httpStatus : error instanceof HttpStatusError ? error.status : undefined;
              results.push({ protocol, operation: op, fault, attempts: exp.attempts, error: exp.error, httpStatus, retryDelaysMs: [], outcome, userMessage: text, logLines: 0, staleKept, recovered, ms: 0 });
            } else {
              results.push({ protocol, operation: op, fault, attempts: exp.attempts, error: '', retryDelaysMs: [], outcome, userMessage: '(succeeded)', logLines: 0, staleKept, recovered, ms: 0 });
            }
            // The log: one observer event per HTTP attempt of the operation, each failed one with its error kind; retries announced.
            const events = h.calls.slice(armedEvents, failedEvents).filter((c) => c.operation === op);
            const retries = h.retries.slice(armedRetries, failedRetries).filter((r) => r.operation === op);
            assert.equal(events.length, exp.attempts, 'every attempt is logged');
            if (exp.outcome !== 'succeeded') {
              assert.ok(events.every((e) => e.outcome === error?.kind), `failed attempts logged with their kind: ${events.map((e) => e.outcome).join(',')}`);
              assert.equal(retries.length, exp.attempts - 1, 'each retry announced');
              if (fault === 'throttle') {
                assert.deepEqual(retries.map((r) => r.delayMs), Array(exp.attempts - 1).fill(throttleWait(protocol)), protocol === 'rest' ? 'the 429 Retry-After, cut to maxRetryAfterMs' : 'throttleDelayMs after 117');
              }
            }
            assert.equal(h.refreshes, exp.renewals, 'token renewals');
            assertNoSecrets(dump(h.calls) + dump(h.retries), [token, sim.developerToken], 'observer events (the log)');
            assert.ok(recovered, 'works again once the fault is gone');
            if (fault !== 'connectionRefused') {
              assertAllOver(sim, protocol);
            }
            const last = results[results.length - 1]!;
            last.retryDelaysMs = retries.map((r) => r.delayMs);
            last.logLines = events.length + retries.length;
            last.ms = Date.now() - started;
          });
        }
      });
    }
  });
}

/** What the final failure looked like on the wire, per protocol. */
function assertWire(protocol: Protocol, fault: Fault, error: ClientLinksError): void {
  if (error instanceof ServiceFaultError) {
    assert.equal(error.protocol, protocol);
    if (protocol === 'soap') {
      assert.equal(error.faultCode, 's:Server');
      assert.equal(error.httpStatus, 500);
    } else {
      assert.equal(error.httpStatus, REST_STATUS[fault], 'the REST status of the ApplicationFault');
      assert.equal(error.retryAfterMs, fault === 'throttle' ? 60_000 : undefined, 'Retry-After (s) of a 429, in ms');
    }
    assert.equal(error.detailType, fault === 'unknownFault' ? 'unknown' : 'AdApiFaultDetail');
  }
  if (protocol === 'rest' && ['fault', 'http', 'malformed'].includes(error.kind)) {
    // The TrackingId is a response header over REST: even an error page or a body cut short has it.
    assert.match(error.trackingId ?? '', /^[0-9a-f-]{36}$/, 'the TrackingId header of the answer');
  }
  if (error instanceof HttpStatusError) {
    assert.equal(error.status, REST_STATUS[fault]);
  }
  if (error.kind === 'malformed') {
    assert.match(error.message, protocol === 'rest' ? /body that is not JSON/ : /not a SOAP envelope|not well formed/);
  }
}

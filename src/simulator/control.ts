/** The control surface of a running simulator, shared by the in-process API and the HTTP control endpoint. */
import type { FaultRule, FaultRuleInput } from './faults/injection';
import type { SeedInfo } from './seeds';
import type { CallRecord, Simulator, SimulatorState } from './simulator';

export interface SimulatorControl {
  injectFault(rule: FaultRuleInput): FaultRule;
  clearFaults(): void;
  listFaults(): readonly FaultRule[];
  /** Probability (0..1) of a random transient fault on every call. */
  setFaultRate(rate: number): void;
  /** Latency for one operation, or for all when `operation` is omitted or '*'. */
  setLatency(ms: number, operation?: string): void;
  /** Moves simulated time and applies due transitions; returns how many happened. */
  advanceClock(ms: number): number;
  now(): number;
  state(options?: { includeLinks?: boolean }): SimulatorState;
  callLog(): readonly CallRecord[];
  reset(seed?: string): SeedInfo;
  seed(): SeedInfo;
  /** The simulator itself, for tests that inspect the store. */
  readonly simulator: Simulator;
}

export function createControl(simulator: Simulator): SimulatorControl {
  return {
    injectFault: (rule) => simulator.faults.add(rule),
    clearFaults: () => simulator.faults.clear(),
    listFaults: () => simulator.faults.list(),
    setFaultRate: (rate) => {
      if (!(rate >= 0 && rate <= 1)) {
        throw new RangeError('rate must be between 0 and 1');
      }
      simulator.faults.globalRate = rate;
    },
    setLatency: (ms, operation) => simulator.latency.set(ms, operation),
    advanceClock: (ms) => simulator.advanceClock(ms),
    now: () => simulator.clock.now(),
    state: (options) => simulator.state(options),
    callLog: () => simulator.callLog(),
    reset: (seed) => simulator.reset(seed),
    seed: () => simulator.seedInfo,
    simulator,
  };
}

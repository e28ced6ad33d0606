/**
 * Work in slices: a long computation written as a generator that yields between slices (every
 * few thousand items), so one algorithm serves two drivers. `runSliced` gives the event loop a
 * turn whenever a slice ran over its budget and stops when its signal aborts (a newer request
 * superseded it); `runNow` drains it at once, for a caller that needs the answer in this task.
 * Grouping 100,000 links synchronously blocked the extension host for over a second (issue 15).
 */
export type Sliced<T> = Generator<void, T, void>;

/** How many items a slice handles between two yields. */
export const SLICE_ITEMS = 512;

/** Runs `work` to its end in this task. */
export function runNow<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) {
      return step.value;
    }
  }
}

export interface SlicedOptions {
  /** Aborted: stop at the next slice, resolve to undefined (the work is dropped, nothing of it applies). */
  signal?: AbortSignal;
  /** Longest run of slices between two turns of the event loop (ms). */
  budgetMs?: number;
  /** How a turn is given (default: `setImmediate`). */
  pause?: () => Promise<void>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `work` in slices, giving the event loop a turn every `budgetMs`; undefined when `signal` aborted first. */
export async function runSliced<T>(work: Sliced<T>, options: SlicedOptions = {}): Promise<T | undefined> {
  const budget = options.budgetMs ?? 8;
  const pause = options.pause ?? nextTurn;
  let started = performance.now();
  for (;;) {
    if (options.signal?.aborted) {
      work.return(undefined as T);
      return undefined;
    }
    const step = work.next();
    if (step.done) {
      return step.value;
    }
    if (performance.now() - started >= budget) {
      await pause();
      started = performance.now();
    }
  }
}

/** Yields every SLICE_ITEMS-th call: `if (tick(i)) yield;` in a loop over items. */
export function sliceEnds(i: number): boolean {
  return i % SLICE_ITEMS === SLICE_ITEMS - 1;
}

/**
 * A stable sort of `items` in slices: runs of SLICE_ITEMS sorted natively, then merged pairwise,
 * yielding every SLICE_ITEMS items merged. The same order as `items.sort(compare)` (both stable).
 * Returns a sorted array (`items` may be reused as scratch).
 */
export function* sortSliced<T>(items: T[], compare: (a: T, b: T) => number): Sliced<T[]> {
  const n = items.length;
  let src = items;
  for (let lo = 0; lo < n; lo += SLICE_ITEMS) {
    const run = src.slice(lo, lo + SLICE_ITEMS).sort(compare);
    for (let i = 0; i < run.length; i++) {
      src[lo + i] = run[i]!;
    }
    yield;
  }
  if (n <= SLICE_ITEMS) {
    return src;
  }
  let dst = new Array<T>(n);
  let sinceYield = 0;
  for (let width = SLICE_ITEMS; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (k < hi) {
        // Ties take the left run first: stable.
        if (j >= hi || (i < mid && compare(src[i]!, src[j]!) <= 0)) {
          dst[k++] = src[i++]!;
        } else {
          dst[k++] = src[j++]!;
        }
        if (++sinceYield === SLICE_ITEMS) {
          sinceYield = 0;
          yield;
        }
      }
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/** Merges two arrays sorted by `compare` (ties: `a` first), in slices. */
export function* mergeSliced<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): Sliced<T[]> {
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && compare(a[i]!, b[j]!) <= 0)) {
      out[k++] = a[i++]!;
    } else {
      out[k++] = b[j++]!;
    }
    if (sliceEnds(k)) {
      yield;
    }
  }
  return out;
}

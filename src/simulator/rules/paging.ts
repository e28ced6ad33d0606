/** PageInfo checks and slicing shared by the search operations (spec §7, §11.8). */
import type { PagingInput } from './inputs';
import { ApiFault, operationError } from './errorCodes';

export function checkPaging(pageInfo: PagingInput | null | undefined, maxSize: number): { index: number; size: number } {
  if (!pageInfo) {
    throw new ApiFault([operationError('InvalidPaging')]);
  }
  const index = pageInfo.Index ?? 0;
  const size = pageInfo.Size ?? 0;
  if (index < 0 || size < 0 || size > maxSize) {
    throw new ApiFault([operationError('InvalidPaging')]);
  }
  return { index, size };
}

export function pageOf<T>(items: readonly T[], page: { index: number; size: number }): T[] {
  if (page.size === 0) {
    return [];
  }
  const start = page.index * page.size;
  return items.slice(start, start + page.size);
}

export function compareText(a: string | null | undefined, b: string | null | undefined): number {
  const x = (a ?? '').toLowerCase();
  const y = (b ?? '').toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Decimal ids without sign or leading zeros: ordered by length, then as text (no BigInt needed). */
const PLAIN_ID = /^[1-9]\d*$/;

export function compareIds(a: string, b: string): number {
  if (PLAIN_ID.test(a) && PLAIN_ID.test(b)) {
    return a.length !== b.length ? (a.length < b.length ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
  }
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

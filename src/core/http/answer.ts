/**
 * What both protocol adapters read the same way in an HTTP answer, whatever its body: whether the
 * status is a success, a short excerpt of the body for messages, and what a path that is not
 * served (404/501) suggests.
 */
import type { ProtocolHint } from '../errors';

const EXCERPT_LENGTH = 160;

/** A short, single-line excerpt of a body for error messages. */
export function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}

export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The hint an error status carries: the adapter's `notServedHint` on 404/501 (path not served), else none. */
export function hintForStatus(status: number, notServedHint: ProtocolHint | undefined): ProtocolHint | undefined {
  return status === 404 || status === 501 ? notServedHint : undefined;
}

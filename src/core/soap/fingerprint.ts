/**
 * A fingerprint of the bytes of a file: its length and 32-bit FNV-1a hash. It ties the build's
 * writer plan to the WSDL it was derived from (a stale plan is ignored), without loading
 * `node:crypto` into every process: this is a consistency check of two build outputs, not security.
 */
export function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i] as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return `${bytes.length}:${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

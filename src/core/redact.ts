/**
 * Keeps secrets out of everything the product writes (log, notifications, exports). Known
 * secrets (the access and developer tokens in use) are replaced wherever they appear, and
 * anything shaped like a bearer token is masked as a second line of defence.
 */
const MASK = '[redacted]';
const TOKEN_SHAPES: readonly RegExp[] = [
  /\bey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, // JWT
  /\bEw[A-Za-z0-9+/=_-]{30,}/g, // MSA compact tickets ("EwB4A8l6…")
  // The element's text up to the next tag or the end (an excerpt may cut the closing tag off).
  /(<(?:[\w-]+:)?(?:AuthenticationToken|DeveloperToken|Password)\b[^>]*>)[^<]*()/g,
  // Header-like echoes, as text or JSON: "Authorization: Bearer …", "AuthenticationToken=…",
  // "DeveloperToken: …", {"authorization":"Bearer …","developertoken":"…"}.
  /(\b(?:Authorization|AuthenticationToken|DeveloperToken|access_token|refresh_token)"?\s*[:=]\s*"?(?:(?:Bearer|Basic)\s+)?)[^\s"&<,;]+()/gi,
];

/** Masks anything shaped like a token or a credential element, without knowing the secrets (for text from the wire). */
export function maskTokenShapes(text: string): string {
  let out = text;
  for (const shape of TOKEN_SHAPES) {
    out = out.replace(shape, (_match: string, open: unknown, close: unknown) => (typeof open === 'string' && typeof close === 'string' ? `${open}${MASK}${close}` : MASK));
  }
  return out;
}

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remember a secret so it is masked from now on. Very short values are ignored (they would mask ordinary text). */
  add(secret: string | undefined | null): void {
    if (secret && secret.length >= 6) {
      this.secrets.add(secret);
    }
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) {
        out = out.split(secret).join(MASK);
      }
    }
    return maskTokenShapes(out);
  }
}

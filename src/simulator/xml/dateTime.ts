/**
 * xs:dateTime as the service writes and reads it. The service writes UTC without any suffix
 * (`2026-09-01T17:05:12.53`, .NET trims trailing zeros of the fraction) and, per spec §11.1,
 * rejects signed offsets such as `+00:00`.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/;

/** Formats epoch milliseconds as a suffix-less UTC xs:dateTime. */
export function formatDateTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-09-01T17:05:12.530Z
  const [seconds, fraction = ''] = iso.slice(0, -1).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${seconds}.${trimmed}` : `${seconds ?? iso}`;
}

export type DateTimeParse =
  | { ok: true; ms: number; hasSignedOffset: boolean }
  | { ok: false; reason: string };

/** Parses an xs:dateTime; values without suffix are UTC (the service's convention). */
export function parseDateTime(text: string): DateTimeParse {
  const m = DATE_TIME.exec(text.trim());
  if (!m) {
    return { ok: false, reason: `"${text}" is not a valid dateTime` };
  }
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const fractionMs = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), fractionMs);
  const check = new Date(ms);
  if (Number.isNaN(ms) || check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { ok: false, reason: `"${text}" is not a valid dateTime` };
  }
  const signed = zone !== undefined && zone !== 'Z';
  if (signed) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
    ms -= sign * offsetMinutes * 60_000;
  }
  return { ok: true, ms, hasSignedOffset: signed };
}

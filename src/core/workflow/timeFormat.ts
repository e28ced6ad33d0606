/**
 * How times are shown to people, in one place: local time (the user's time zone), the exact UTC
 * time for a hover, and the age ("3 days ago", "in 12 days"). v13 dateTimes come without a zone
 * and are UTC (spec §11.6). Locale, time zone and clock are injectable so tests are exact.
 */
import * as l10n from '@vscode/l10n';

export interface TimeFormatOptions {
  /** BCP 47 locale; default: the runtime's. */
  locale?: string;
  /** IANA time zone; default: the runtime's (the user's). */
  timeZone?: string;
  /** The clock "now" is read from (relative ages). */
  now?: () => number;
}

/** A time as shown: local text, the exact UTC text (for a title/hover) and the age. */
export interface ShownTime {
  local: string;
  utc: string;
  relative: string;
}

/** Epoch ms of a v13 dateTime (`2025-12-29T21:44:11.517`, UTC when no zone is given), or undefined when it is not one. */
export function parseServiceDateTime(text: string | null | undefined): number | undefined {
  if (!text) {
    return undefined;
  }
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([zZ]|[+-]\d{2}:\d{2})?$/.test(trimmed)) {
    return undefined;
  }
  const zoned = /[zZ]|[+-]\d{2}:\d{2}$/.test(trimmed) || !trimmed.includes('T') ? trimmed : `${trimmed}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export class TimeFormatter {
  private readonly dateTime: Intl.DateTimeFormat;
  private readonly dateOnly: Intl.DateTimeFormat;
  private readonly utcDate: Intl.DateTimeFormat;
  private readonly ages: Intl.RelativeTimeFormat;
  private readonly now: () => number;

  constructor(options: TimeFormatOptions = {}) {
    const { locale, timeZone } = options;
    this.dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    this.dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    this.utcDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    this.ages = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    this.now = options.now ?? Date.now;
  }

  /** "29 Dec 2025, 21:44" in the user's time zone and locale. */
  local(ms: number): string {
    return this.dateTime.format(ms);
  }

  /** "29 Dec 2025" in the user's time zone. */
  localDate(ms: number): string {
    return this.dateOnly.format(ms);
  }

  /** A calendar date given in UTC ("Start date"), shown as that same day whatever the user's zone. */
  utcCalendarDate(ms: number): string {
    return this.utcDate.format(ms);
  }

  /** "2025-12-29 21:44:11 UTC": exact, to the second, no milliseconds. */
  utc(ms: number): string {
    return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  }

  /** "just now", "5 minutes ago", "yesterday", "3 days ago", "in 12 days", "2 months ago". */
  relative(ms: number): string {
    const diff = ms - this.now();
    const abs = Math.abs(diff);
    if (abs < MINUTE) {
      return diff <= 0 ? l10n.t('just now') : l10n.t('in less than a minute');
    }
    if (abs < HOUR) {
      return this.ages.format(Math.round(diff / MINUTE), 'minute');
    }
    if (abs < DAY) {
      return this.ages.format(Math.round(diff / HOUR), 'hour');
    }
    if (abs < 45 * DAY) {
      return this.ages.format(Math.round(diff / DAY), 'day');
    }
    if (abs < 365 * DAY) {
      return this.ages.format(Math.round(diff / (30 * DAY)), 'month');
    }
    return this.ages.format(Math.round(diff / (365 * DAY)), 'year');
  }

  /** Local, UTC and age of an epoch-ms time. */
  show(ms: number): ShownTime {
    return { local: this.local(ms), utc: this.utc(ms), relative: this.relative(ms) };
  }

  /** Local, UTC and age of a v13 dateTime, or undefined when the text is not one. */
  showServiceDateTime(text: string | null | undefined): ShownTime | undefined {
    const ms = parseServiceDateTime(text);
    return ms === undefined ? undefined : this.show(ms);
  }
}

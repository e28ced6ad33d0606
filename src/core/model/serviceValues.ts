/**
 * Value rules shared by both wire protocols (SOAP spec §11.1, §11.3; REST spec §3): the dateTimes
 * we create, and the ClientLink members that must be omitted rather than sent empty.
 */

/**
 * ClientLink members that are not nillable in the WSDL (spec §11.3): omitted, never sent as nil.
 * REST's OpenAPI document also marks `Status` non-nullable (REST spec §3).
 */
export const NON_NILLABLE_LINK_FIELDS: ReadonlySet<string> = new Set(['SuppressNotification', 'LastModifiedDateTime', 'LastModifiedByUserId']);

const OFFSET_SUFFIX = /(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * A dateTime we send for a new link: `YYYY-MM-DDTHH:MM:SS[.fff]` in UTC without suffix. A value
 * that already has no suffix is kept as given; one with `Z` or a signed offset is converted to UTC.
 */
export function toServiceDateTime(value: string): string {
  if (!OFFSET_SUFFIX.test(value)) {
    return value;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return value;
  }
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return date.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}


/**
 * Members whose values repeat from link to link (the agency's ids and name, the inviter, the type
 * and status): one string per distinct value instead of one per link, so a 10,000-link listing
 * kept by the extension holds a few hundred of these strings rather than ~90,000. Used by the
 * SOAP and REST readers alike.
 */
const MAX_SHARED = 4096;
const shared = new Map<string, string>();

export function sharedString(value: string | null): string | null {
  if (value === null) {
    return null;
  }
  const known = shared.get(value);
  if (known !== undefined) {
    return known;
  }
  if (shared.size >= MAX_SHARED) {
    shared.clear(); // bounded: values that stop repeating do not pile up
  }
  shared.set(value, value);
  return value;
}

/** ClientLink members that repeat from link to link (see above). */
export const REPEATING_LINK_FIELDS: ReadonlySet<string> = new Set([
  'Type',
  'ManagingCustomerId',
  'ManagingCustomerNumber',
  'ManagingCustomerName',
  'InviterEmail',
  'InviterName',
  'InviterPhone',
  'Status',
  'LastModifiedByUserId',
  'CustomerLinkPermission',
]);

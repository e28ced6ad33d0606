/**
 * Errors raised while reading a request, whatever the wire. Each protocol maps them to the fault
 * the real service sends: over SOAP a WCF DeserializationFailed fault (no Microsoft detail) or
 * AdApi 113 for bad dates; over REST an HTTP 400 with an AdApiFaultDetail (rest/faults.ts).
 */

/** The body could not be deserialized (bad XML or JSON, bad number, nil on a non-nillable member, …). */
export class DeserializationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeserializationError';
  }
}

/** A dateTime the service refuses (SOAP spec §11.1: signed UTC offsets). */
export class InvalidDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDateError';
  }
}

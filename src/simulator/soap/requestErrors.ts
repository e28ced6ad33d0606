/**
 * Errors raised while reading a request. Each maps to the fault the real service sends:
 * WCF deserialization failures carry no Microsoft detail; bad dates are AdApi 113.
 */

/** The body could not be deserialized (bad XML, bad number, nil on a non-nillable member, …). */
export class DeserializationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeserializationError';
  }
}

/** A dateTime the service refuses (spec §11.1: signed UTC offsets). */
export class InvalidDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDateError';
  }
}

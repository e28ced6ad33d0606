/** Moved to ../requestErrors (REST reads requests too); re-exported for existing importers. */
export { DeserializationError, InvalidDateError } from '../requestErrors';

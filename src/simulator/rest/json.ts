/**
 * Reads the members of a JSON request object the way a lenient .NET deserializer would (REST spec
 * §3, §8 "accept liberally"): ids as strings or numbers, ints and booleans also as their text,
 * date-times with or without `Z`/`±hh:mm` and with up to 7 fraction digits; unknown members
 * (including a wrong-case name such as `clientEntityId`) are skipped and reported. What cannot be
 * read throws DeserializationError with the JSON path, answered as HTTP 400 (rest/faults.ts).
 */
import { DeserializationError } from '../requestErrors';
import { parseDateTime } from '../xml/dateTime';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ReadSettings {
  /** Refuse `null` on a member the service declares non-nullable (REST spec §3; inferred, so configurable). */
  rejectNullForNonNullable: boolean;
  /** Where skipped member names go (`Path.member`), for the call log. */
  ignored: string[];
}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const INT64 = /^[-+]?\d{1,19}$/;
const INT32_MAX = 2_147_483_647;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One JSON object of a request, with its path (`ClientLinks[2]`) for error messages. */
export class JsonMembers {
  constructor(
    private readonly members: JsonObject,
    readonly path: string,
    known: readonly string[],
    private readonly settings: ReadSettings,
  ) {
    for (const key of Object.keys(members)) {
      if (!known.includes(key)) {
        settings.ignored.push(this.at(key));
      }
    }
  }

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.members, name);
  }

  /** Absent → undefined, null → null (or a fault when not nullable), else the value. */
  private value(name: string, nullable: boolean): Json | undefined {
    if (!this.has(name)) {
      return undefined;
    }
    const value = this.members[name] ?? null;
    if (value === null && !nullable && this.settings.rejectNullForNonNullable) {
      throw new DeserializationError(`Null is not a valid value for the non-nullable member '${this.at(name)}'.`);
    }
    return value;
  }

  string(name: string): string | null | undefined {
    const value = this.value(name, true);
    if (value === undefined || value === null || typeof value === 'string') {
      return value;
    }
    // A number or boolean where text is due converts to its text, as Json.NET does.
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    throw this.wrongType(name, 'a string');
  }

  /** A 64-bit id, as a canonical decimal string. The wire form is a JSON string; a number is tolerated. */
  long(name: string, nullable = true): string | null | undefined {
    const value = this.value(name, nullable);
    if (value === undefined || value === null) {
      return nullable ? value : undefined;
    }
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      return String(value);
    }
    if (typeof value === 'string' && INT64.test(value.trim())) {
      const id = BigInt(value.trim());
      if (id >= -(2n ** 63n) && id < 2n ** 63n) {
        return id.toString();
      }
    }
    throw this.wrongType(name, 'an Int64 id (a string of digits)', value);
  }

  int(name: string, nullable = true): number | null | undefined {
    const value = this.value(name, nullable);
    if (value === undefined || value === null) {
      return nullable ? value : undefined;
    }
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[-+]?\d{1,10}\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || Math.abs(n) > INT32_MAX) {
      throw this.wrongType(name, 'an Int32', value);
    }
    return n;
  }

  boolean(name: string, nullable = true): boolean | null | undefined {
    const value = this.value(name, nullable);
    if (value === undefined || value === null) {
      return nullable ? value : undefined;
    }
    // Microsoft's own JSON templates quote booleans ("true"); Json.NET reads those too.
    if (typeof value === 'boolean') {
      return value;
    }
    if (value === 'true' || value === 'false') {
      return value === 'true';
    }
    throw this.wrongType(name, 'a Boolean', value);
  }

  /** A date-time, kept as sent (the rules compare instants, and Update echoes must match). */
  dateTime(name: string, nullable = true): string | null | undefined {
    const value = this.value(name, nullable);
    if (value === undefined || value === null) {
      return nullable ? value : undefined;
    }
    if (typeof value !== 'string' || !parseDateTime(value).ok) {
      throw this.wrongType(name, 'a DateTime (yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±hh:mm])', value);
    }
    return value;
  }

  base64(name: string): string | null | undefined {
    const value = this.string(name);
    if (value === undefined || value === null) {
      return value;
    }
    if (!BASE64.test(value)) {
      throw this.wrongType(name, 'base64', value);
    }
    return value;
  }

  /** An enum member name; case-sensitive, as the service's and the SDKs' enums are. */
  enumValue<T extends string>(name: string, allowed: readonly T[], nullable = true): T | null | undefined {
    const value = this.value(name, nullable);
    if (value === undefined || value === null) {
      return nullable ? value : undefined;
    }
    const member = allowed.find((a) => a === value);
    if (member === undefined) {
      throw this.wrongType(name, `one of ${allowed.join(', ')}`, value);
    }
    return member;
  }

  object<T>(name: string, known: readonly string[], read: (members: JsonMembers) => T): T | null | undefined {
    const value = this.value(name, true);
    if (value === undefined || value === null) {
      return value;
    }
    if (!isJsonObject(value)) {
      throw this.wrongType(name, 'an object', value);
    }
    return read(new JsonMembers(value, this.at(name), known, this.settings));
  }

  /** A list of objects. A `null` item is refused: the rules have nothing to read in it. */
  list<T>(name: string, known: readonly string[], read: (members: JsonMembers) => T): T[] | null | undefined {
    const value = this.value(name, true);
    if (value === undefined || value === null) {
      return value;
    }
    if (!Array.isArray(value)) {
      throw this.wrongType(name, 'an array', value);
    }
    return value.map((item, i) => {
      const path = `${this.at(name)}[${i}]`;
      if (!isJsonObject(item)) {
        throw new DeserializationError(`'${path}' must be an object, not ${describe(item)}.`);
      }
      return read(new JsonMembers(item, path, known, this.settings));
    });
  }

  private at(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  private wrongType(name: string, expected: string, value: Json | undefined = this.members[name]): DeserializationError {
    return new DeserializationError(`'${this.at(name)}' must be ${expected}, not ${describe(value)}.`);
  }
}

function describe(value: Json | undefined): string {
  if (value === undefined || value === null) {
    return 'null';
  }
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The request body as a JSON object. An empty body and anything that is not JSON or not an object
 * are refused (rest/faults.ts answers every deserialization failure as NullRequest, code 100).
 */
export function parseRequestBody(body: string): JsonObject {
  // A UTF-8 byte order mark is not JSON, but .NET readers skip it; so do we.
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (text.trim() === '') {
    throw new DeserializationError('The request body is empty.');
  }
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (e) {
    throw new DeserializationError(`The request body is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isJsonObject(parsed)) {
    throw new DeserializationError(`The request body must be a JSON object, not ${describe(parsed)}.`);
  }
  return parsed;
}


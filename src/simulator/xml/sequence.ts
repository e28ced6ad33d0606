/**
 * Reads a DataContract sequence the way WCF does (spec §11.2): members are expected in schema
 * order; a member that appears after a later sibling is not read (ignored, or refused when the
 * caller asks for strictness). Unknown members are skipped.
 */
import { DeserializationError } from '../requestErrors';
import { isNil, type XmlElement } from './reader';

export interface SequenceOptions {
  /** Refuse out-of-order members with a deserialization fault instead of ignoring them. */
  faultOnOutOfOrder?: boolean;
}

export class Sequence {
  private readonly members = new Map<string, XmlElement>();
  /** Member names skipped because they came out of order. */
  readonly ignored: string[] = [];

  constructor(parent: XmlElement, uri: string, order: readonly string[], options: SequenceOptions = {}) {
    let next = 0;
    for (const child of parent.children) {
      if (child.uri !== uri) {
        continue;
      }
      const position = order.indexOf(child.local);
      if (position === -1) {
        continue;
      }
      if (position < next) {
        if (options.faultOnOutOfOrder) {
          throw new DeserializationError(`Element '${child.local}' was not expected at this position; members must follow the schema order.`);
        }
        this.ignored.push(child.local);
        continue;
      }
      this.members.set(child.local, child);
      next = position + 1;
    }
  }

  has(name: string): boolean {
    return this.members.has(name);
  }

  element(name: string): XmlElement | undefined {
    return this.members.get(name);
  }

  /** Absent → undefined, nil → null, else the text. */
  string(name: string): string | null | undefined {
    const el = this.members.get(name);
    if (!el) {
      return undefined;
    }
    return isNil(el) ? null : el.text;
  }

  /** A `long`, kept as a canonical decimal string. */
  long(name: string, nillable = true): string | null | undefined {
    const raw = this.nonNil(name, nillable);
    if (raw === undefined || raw === null) {
      return raw;
    }
    const trimmed = raw.trim();
    if (!/^[-+]?\d{1,19}$/.test(trimmed)) {
      throw new DeserializationError(`The value '${raw}' of '${name}' is not a valid Int64.`);
    }
    return BigInt(trimmed).toString();
  }

  int(name: string, nillable = true): number | null | undefined {
    const raw = this.nonNil(name, nillable);
    if (raw === undefined || raw === null) {
      return raw;
    }
    const trimmed = raw.trim();
    if (!/^[-+]?\d{1,10}$/.test(trimmed) || Math.abs(Number(trimmed)) > 2_147_483_647) {
      throw new DeserializationError(`The value '${raw}' of '${name}' is not a valid Int32.`);
    }
    return Number(trimmed);
  }

  boolean(name: string, nillable = true): boolean | null | undefined {
    const raw = this.nonNil(name, nillable);
    if (raw === undefined || raw === null) {
      return raw;
    }
    switch (raw.trim()) {
      case 'true':
      case '1':
        return true;
      case 'false':
      case '0':
        return false;
      default:
        throw new DeserializationError(`The value '${raw}' of '${name}' is not a valid Boolean.`);
    }
  }

  private nonNil(name: string, nillable: boolean): string | null | undefined {
    const el = this.members.get(name);
    if (!el) {
      return undefined;
    }
    if (isNil(el)) {
      if (!nillable) {
        throw new DeserializationError(`'${name}' cannot be nil.`);
      }
      return null;
    }
    return el.text;
  }
}

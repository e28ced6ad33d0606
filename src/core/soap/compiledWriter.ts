/**
 * A request writer compiled once from node-soap's parsed schema of our WSDL.
 *
 * node-soap's serializer walks the schema for every value it writes (~25 µs per ClientLink
 * member, ~250 µs per link of an UpdateClientLinks call), and parsing the WSDL costs ~100+ ms of a
 * CLI process's start. This module takes what node-soap derived from the WSDL, once: for each
 * operation the request element's members in schema order, each member's namespace, alias and
 * whether it repeats, recursively (node-soap's own description of the input message), plus the
 * exact envelope opening node-soap writes. That is a `WriterPlan`, plain JSON: the build writes
 * it beside the WSDL (keyed by the WSDL's SHA-256) so a process can write envelopes without
 * loading node-soap or parsing the WSDL at all; without the file it is derived at run time.
 *
 * The envelopes are node-soap's, byte for byte (tests compare both writers on every operation):
 * members in schema order, v13 members unprefixed under the wrapper's default namespace, other
 * namespaces prefixed with their WSDL alias and declared where they start, `null` as
 * `xsi:nil="true"`, text escaped. One deliberate difference: node-soap passes a string that looks
 * like `<![CDATA[...]]>` through unescaped; we always escape, so such text arrives as typed.
 * A body with a member the plan does not know is not guessed at: `write` returns undefined and the
 * caller falls back to node-soap.
 */
import type { OperationName } from './operations';

/** One member of a complex type, in schema order. */
export interface PlanMember {
  name: string;
  /** Namespace URI of the member element. */
  ns: string;
  /** The alias node-soap writes for `ns` ('' = the body wrapper's default namespace). */
  prefix: string;
  /** maxOccurs > 1: an array value is written as repeated elements. */
  many: boolean;
  /** Members of the member's complex type; absent for simple values. */
  members?: PlanMember[];
}

export interface PlanOperation {
  /** Request wrapper element (`GetUserRequest`), in `ns`. */
  element: string;
  ns: string;
  /** The SOAPAction header node-soap sends (quoted). */
  soapActionHeader: string;
  members: PlanMember[];
}

export interface WriterPlan {
  version: 1;
  /** SHA-256 (hex) of the WSDL the plan was derived from. */
  wsdlSha256: string;
  /** Everything node-soap writes before the header content (`<?xml …?><soap:Envelope …><soap:Header>`). */
  envelopeOpen: string;
  /** Between header content and the body content (`</soap:Header><soap:Body>`). */
  headerToBody: string;
  /** After the body content (`</soap:Body></soap:Envelope>`). */
  envelopeClose: string;
  contentType: string;
  operations: Partial<Record<OperationName, PlanOperation>>;
}

const DESCRIPTION_KEYS = new Set(['targetNSAlias', 'targetNamespace']);

type Description = string | { [key: string]: Description };

/**
 * Members of a node-soap message/type description (`wsdl.definitions.messages[m].parts` and
 * nested objects): keys in schema order, `Name[]` for repeated members, strings for simple types,
 * objects (with `targetNSAlias`/`targetNamespace` of their own members) for complex types.
 */
export function membersFromDescription(description: Record<string, Description>, ns: string, prefix: string): PlanMember[] {
  const members: PlanMember[] = [];
  for (const [key, value] of Object.entries(description)) {
    if (DESCRIPTION_KEYS.has(key)) {
      continue;
    }
    const many = key.endsWith('[]');
    const name = many ? key.slice(0, -2) : key;
    const member: PlanMember = { name, ns, prefix, many };
    if (typeof value === 'object' && value !== null) {
      const childNs = typeof value.targetNamespace === 'string' ? value.targetNamespace : ns;
      const childPrefix = typeof value.targetNSAlias === 'string' ? value.targetNSAlias : prefix;
      member.members = membersFromDescription(value, childNs, childPrefix);
    }
    members.push(member);
  }
  return members;
}

export function escapeText(text: string): string {
  // node-soap's xmlEscape, without its CDATA pass-through.
  return /[&<>"'\t\r\n]/.test(text)
    ? text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;')
        .replace(/\t/g, '&#x9;')
        .replace(/\r/g, '&#xD;')
        .replace(/\n/g, '&#xA;')
    : text;
}

/** Thrown inside `writeMembers` when the body does not fit the plan (caught: fall back to node-soap). */
class NotInPlan extends Error {}

function writeValue(out: string[], member: PlanMember, value: unknown, parentNs: string, wrapperNs: string): void {
  const qname = member.ns === wrapperNs || !member.prefix ? member.name : `${member.prefix}:${member.name}`;
  const declare = member.ns !== parentNs && member.ns !== wrapperNs && member.prefix ? ` xmlns:${member.prefix}="${member.ns}"` : '';
  if (value === null) {
    out.push(`<${qname}${declare} xsi:nil="true"></${qname}>`);
    return;
  }
  if (typeof value === 'object') {
    if (!member.members || Array.isArray(value)) {
      throw new NotInPlan();
    }
    out.push(`<${qname}${declare}>`);
    writeMembers(out, member.members, value as Record<string, unknown>, member.ns, wrapperNs);
    out.push(`</${qname}>`);
    return;
  }
  if (member.members || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) {
    throw new NotInPlan();
  }
  out.push(`<${qname}${declare}>${typeof value === 'string' ? escapeText(value) : String(value)}</${qname}>`);
}

function writeMembers(out: string[], members: readonly PlanMember[], body: Record<string, unknown>, parentNs: string, wrapperNs: string): void {
  let known = 0;
  for (const member of members) {
    const value = body[member.name];
    if (!(member.name in body)) {
      continue;
    }
    known++;
    if (value === undefined) {
      continue;
    }
    if (Array.isArray(value)) {
      if (!member.many) {
        throw new NotInPlan();
      }
      for (const item of value) {
        if (item !== undefined) {
          writeValue(out, member, item, parentNs, wrapperNs);
        }
      }
    } else {
      writeValue(out, member, value, parentNs, wrapperNs);
    }
  }
  if (known !== Object.keys(body).length) {
    throw new NotInPlan(); // a member the schema does not have here
  }
}

/** The wrapper and its content (`<GetUserRequest xmlns="…">…</GetUserRequest>`), or undefined when the body does not fit the plan. */
export function writeBody(plan: WriterPlan, operation: OperationName, body: Record<string, unknown>): string | undefined {
  const op = plan.operations[operation];
  if (!op) {
    return undefined;
  }
  const out: string[] = [`<${op.element} xmlns="${op.ns}">`];
  try {
    writeMembers(out, op.members, body, op.ns, op.ns);
  } catch (e) {
    if (e instanceof NotInPlan) {
      return undefined;
    }
    throw e;
  }
  out.push(`</${op.element}>`);
  return out.join('');
}

/** The complete envelope, or undefined when the body does not fit the plan. */
export function writeEnvelope(plan: WriterPlan, operation: OperationName, body: Record<string, unknown>, headerXml: string): string | undefined {
  const content = writeBody(plan, operation, body);
  return content === undefined ? undefined : plan.envelopeOpen + headerXml + plan.headerToBody + content + plan.envelopeClose;
}

export function isWriterPlan(value: unknown, wsdlSha256: string): value is WriterPlan {
  const plan = value as WriterPlan | undefined;
  return !!plan && plan.version === 1 && plan.wsdlSha256 === wsdlSha256 && typeof plan.envelopeOpen === 'string' && typeof plan.operations === 'object';
}

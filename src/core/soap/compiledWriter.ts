/**
 * A request writer compiled once from node-soap's parsed schema of our WSDL.
 *
 * node-soap's serializer walks the schema for every value it writes (~25 µs per ClientLink
 * member, ~250 µs per link of an UpdateClientLinks call), and parsing the WSDL costs ~100+ ms of a
 * CLI process's start. This module takes what node-soap derived from the WSDL, once: for each
 * operation the request element's members in schema order, each member's namespace, alias and
 * whether it repeats, recursively (node-soap's own description of the input message), plus the
 * exact envelope opening node-soap writes. That is a `WriterPlan`, plain JSON: the build derives
 * it (writerPlanDerivation.ts) into generated/writer-plan.json, which the bundles embed, so no
 * process at run time loads node-soap or parses the WSDL.
 *
 * The envelopes are node-soap's, byte for byte (tests compare both writers on every operation):
 * members in schema order, v13 members unprefixed under the wrapper's default namespace, other
 * namespaces prefixed with their WSDL alias and declared where they start, `null` as
 * `xsi:nil="true"`, text escaped. One deliberate difference: node-soap passes a string that looks
 * like `<![CDATA[...]]>` through unescaped; we always escape, so such text arrives as typed.
 * A body with a member the plan does not know is not guessed at: `writeBody` returns undefined
 * (envelopeWriter.ts reports it as the bug it is: our request builders only write WSDL members).
 */
import type { OperationName } from '../service/operations';

/** A request body in wire shape: plain data in WSDL member order (requests.ts builds them). */
export type WireValue = string | number | boolean | null | WireObject | WireValue[];
export interface WireObject {
  [member: string]: WireValue | undefined;
}

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
  version: 3;
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

/** Thrown inside `writeMembers` when the body does not fit the plan (caught: `writeBody` answers undefined). */
class NotInPlan extends Error {}

/**
 * A plan member with its tags written out once: the qualified name and the namespace declaration
 * depend only on the member and where it sits in the plan, so writing a value is concatenation.
 */
interface TagMember {
  name: string;
  many: boolean;
  members: TagMember[] | undefined;
  /** `<qname xmlns:p="…">` (declaration only where the namespace starts). */
  open: string;
  /** `</qname>` */
  close: string;
  /** `<qname xsi:nil="true"></qname>`, as node-soap writes null. */
  nil: string;
}

function tagMembers(members: readonly PlanMember[], parentNs: string, wrapperNs: string): TagMember[] {
  return members.map((member) => {
    const qname = member.ns === wrapperNs || !member.prefix ? member.name : `${member.prefix}:${member.name}`;
    const declare = member.ns !== parentNs && member.ns !== wrapperNs && member.prefix ? ` xmlns:${member.prefix}="${member.ns}"` : '';
    return {
      name: member.name,
      many: member.many,
      members: member.members ? tagMembers(member.members, member.ns, wrapperNs) : undefined,
      open: `<${qname}${declare}>`,
      close: `</${qname}>`,
      nil: `<${qname}${declare} xsi:nil="true"></${qname}>`,
    };
  });
}

interface TagOperation {
  open: string;
  close: string;
  members: TagMember[];
}

/** Per plan operation, its tags (computed on first use). */
const TAGS = new WeakMap<PlanOperation, TagOperation>();

function tagsOf(op: PlanOperation): TagOperation {
  let tags = TAGS.get(op);
  if (!tags) {
    tags = { open: `<${op.element} xmlns="${op.ns}">`, close: `</${op.element}>`, members: tagMembers(op.members, op.ns, op.ns) };
    TAGS.set(op, tags);
  }
  return tags;
}

function writeValue(member: TagMember, value: unknown): string {
  if (value === null) {
    return member.nil;
  }
  if (typeof value === 'string') {
    if (member.members) {
      throw new NotInPlan();
    }
    return member.open + escapeText(value) + member.close;
  }
  if (typeof value === 'object') {
    if (!member.members || Array.isArray(value)) {
      throw new NotInPlan();
    }
    return member.open + writeMembers(member.members, value as Record<string, unknown>) + member.close;
  }
  if (member.members || (typeof value !== 'number' && typeof value !== 'boolean')) {
    throw new NotInPlan();
  }
  return member.open + String(value) + member.close;
}

function writeMembers(members: readonly TagMember[], body: Record<string, unknown>): string {
  let xml = '';
  let known = 0;
  for (const member of members) {
    const value = body[member.name];
    if (value === undefined && !(member.name in body)) {
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
          xml += writeValue(member, item);
        }
      }
    } else {
      xml += writeValue(member, value);
    }
  }
  if (known !== countKeys(body)) {
    throw new NotInPlan(); // a member the schema does not have here
  }
  return xml;
}

/** Own enumerable keys of a plain object, without allocating the key list. */
function countKeys(body: Record<string, unknown>): number {
  let count = 0;
  for (const key in body) {
    if (Object.prototype.hasOwnProperty.call(body, key)) {
      count++;
    }
  }
  return count;
}

/** The wrapper and its content (`<GetUserRequest xmlns="…">…</GetUserRequest>`), or undefined when the body does not fit the plan. */
export function writeBody(plan: WriterPlan, operation: OperationName, body: Record<string, unknown>): string | undefined {
  const op = plan.operations[operation];
  if (!op) {
    return undefined;
  }
  const tags = tagsOf(op);
  try {
    return tags.open + writeMembers(tags.members, body) + tags.close;
  } catch (e) {
    if (e instanceof NotInPlan) {
      return undefined;
    }
    throw e;
  }
}

/** The complete envelope, or undefined when the body does not fit the plan. */
export function writeEnvelope(plan: WriterPlan, operation: OperationName, body: Record<string, unknown>, headerXml: string): string | undefined {
  const content = writeBody(plan, operation, body);
  return content === undefined ? undefined : plan.envelopeOpen + headerXml + plan.headerToBody + content + plan.envelopeClose;
}

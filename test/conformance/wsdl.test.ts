/**
 * Our WSDL (src/core/soap/wsdl) against Microsoft's published Customer Management v13 WSDL
 * (shared/reference): every schema component, message, portType operation and binding operation
 * we define must exist in the reference with the same namespace, member names and order, types
 * (resolved QNames), minOccurs/maxOccurs/nillable, enum values and soapAction; and every type our
 * operations reach must be defined in ours. Parsed with sax, independently of node-soap.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sax from 'sax';
import { referenceWsdlPath, repoRoot } from '../helpers/paths';

const XS = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP = 'http://schemas.xmlsoap.org/wsdl/soap/';
const OUR_WSDL = path.join(repoRoot, 'src', 'core', 'soap', 'wsdl', 'CustomerManagementService.v13.client-links.wsdl');
const OUR_OPERATIONS = ['GetUser', 'SearchClientLinks', 'AddClientLinks', 'UpdateClientLinks', 'GetLinkedAccountsAndCustomersInfo', 'GetAccountsInfo', 'GetCustomersInfo', 'SearchAccounts'];

// ---------------------------------------------------------------------------------------------
// A namespace-aware element tree.

interface Node {
  uri: string;
  local: string;
  attrs: Record<string, string>;
  /** In-scope namespace bindings, to resolve QName-valued attributes. */
  ns: Record<string, string>;
  children: Node[];
}

function parseTree(xml: string): Node {
  const parser = sax.parser(true, { xmlns: true });
  const root: Node = { uri: '', local: '#document', attrs: {}, ns: {}, children: [] };
  const stack: Node[] = [root];
  parser.onopentag = (tag) => {
    const t = tag as sax.QualifiedTag;
    const ns: Record<string, string> = {};
    // sax chains scopes through prototypes: copy inherited bindings too.
    for (const prefix in t.ns) {
      ns[prefix] = t.ns[prefix] as string;
    }
    const node: Node = { uri: t.uri, local: t.local, attrs: {}, ns, children: [] };
    for (const a of Object.values(t.attributes)) {
      if (a.prefix !== 'xmlns' && a.name !== 'xmlns') {
        node.attrs[a.name] = a.value;
      }
    }
    (stack[stack.length - 1] as Node).children.push(node);
    stack.push(node);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.write(xml).close();
  const first = root.children[0];
  assert.ok(first, 'empty document');
  return first;
}

function kids(node: Node, uri: string, local?: string): Node[] {
  return node.children.filter((c) => c.uri === uri && (local === undefined || c.local === local));
}

function resolveQName(node: Node, value: string): string {
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? '' : value.slice(0, colon);
  const uri = node.ns[prefix];
  if (uri === undefined) {
    throw new Error(`Unbound prefix in QName "${value}" on <${node.local}>`);
  }
  return `{${uri}}${colon < 0 ? value : value.slice(colon + 1)}`;
}

// ---------------------------------------------------------------------------------------------
// A comparable model of a WSDL.

/** Normalised schema structure: element kind, relevant attributes (QNames resolved, defaults applied), children. */
interface Shape {
  kind: string;
  attrs: Record<string, string>;
  children: Shape[];
}

const QNAME_ATTRIBUTES = new Set(['type', 'ref', 'base', 'itemType']);
const KEPT_ATTRIBUTES = new Set(['name', 'type', 'ref', 'base', 'itemType', 'minOccurs', 'maxOccurs', 'nillable', 'value', 'mixed', 'abstract', 'use', 'default', 'fixed']);
const DEFAULTS: Record<string, Record<string, string>> = {
  element: { minOccurs: '1', maxOccurs: '1', nillable: 'false' },
  complexContent: { mixed: 'false' },
  complexType: { mixed: 'false', abstract: 'false' },
};

function shapeOf(node: Node): Shape {
  const attrs: Record<string, string> = { ...(DEFAULTS[node.local] ?? {}) };
  for (const [name, value] of Object.entries(node.attrs)) {
    if (KEPT_ATTRIBUTES.has(name)) {
      attrs[name] = QNAME_ATTRIBUTES.has(name) ? resolveQName(node, value) : value;
    }
  }
  // Only schema structure counts: annotations (WCF serialization hints) are documentation.
  const children = node.children.filter((c) => c.uri === XS && c.local !== 'annotation').map(shapeOf);
  return { kind: node.local, attrs, children };
}

type ComponentKind = 'element' | 'type' | 'attribute';

interface Operation {
  input: string;
  output: string;
  faults: { name: string; message: string }[];
}

interface BindingOperation {
  soapAction: string;
  style: string;
  inputHeaders: string[];
  outputHeaders: string[];
  bodyUse: string[];
  faults: string[];
}

interface WsdlModel {
  targetNamespace: string;
  /** `kind|{ns}name` → shape. */
  components: Map<string, { kind: ComponentKind; ns: string; name: string; node: Node; shape: Shape }>;
  messages: Map<string, { name: string; element: string }[]>;
  operations: Map<string, Operation>;
  bindingOperations: Map<string, BindingOperation>;
  bindingTransport: string;
}

function componentKind(local: string): ComponentKind | undefined {
  if (local === 'element') {
    return 'element';
  }
  if (local === 'complexType' || local === 'simpleType') {
    return 'type';
  }
  return local === 'attribute' ? 'attribute' : undefined;
}

function keyOf(kind: ComponentKind, qname: string): string {
  return `${kind}|${qname}`;
}

function buildModel(xml: string): WsdlModel {
  const definitions = parseTree(xml);
  const targetNamespace = definitions.attrs['targetNamespace'] ?? '';
  const model: WsdlModel = { targetNamespace, components: new Map(), messages: new Map(), operations: new Map(), bindingOperations: new Map(), bindingTransport: '' };
  for (const types of kids(definitions, WSDL, 'types')) {
    for (const schema of kids(types, XS, 'schema')) {
      const ns = schema.attrs['targetNamespace'] ?? '';
      for (const c of schema.children) {
        const kind = c.uri === XS ? componentKind(c.local) : undefined;
        const name = c.attrs['name'];
        if (kind && name) {
          const key = keyOf(kind, `{${ns}}${name}`);
          assert.ok(!model.components.has(key), `duplicate definition ${key}`);
          model.components.set(key, { kind, ns, name, node: c, shape: shapeOf(c) });
        }
      }
    }
  }
  for (const m of kids(definitions, WSDL, 'message')) {
    model.messages.set(
      m.attrs['name'] ?? '',
      kids(m, WSDL, 'part').map((p) => ({ name: p.attrs['name'] ?? '', element: p.attrs['element'] ? resolveQName(p, p.attrs['element']) : '' })),
    );
  }
  const local = (n: Node, attr: string): string => (n.attrs[attr] ? resolveQName(n, n.attrs[attr]).replace(/^\{[^}]*\}/, '') : '');
  for (const portType of kids(definitions, WSDL, 'portType')) {
    for (const op of kids(portType, WSDL, 'operation')) {
      const input = kids(op, WSDL, 'input')[0];
      const output = kids(op, WSDL, 'output')[0];
      model.operations.set(op.attrs['name'] ?? '', {
        input: input ? local(input, 'message') : '',
        output: output ? local(output, 'message') : '',
        faults: kids(op, WSDL, 'fault').map((f) => ({ name: f.attrs['name'] ?? '', message: local(f, 'message') })),
      });
    }
  }
  for (const binding of kids(definitions, WSDL, 'binding')) {
    model.bindingTransport = kids(binding, SOAP, 'binding')[0]?.attrs['transport'] ?? '';
    for (const op of kids(binding, WSDL, 'operation')) {
      const soapOp = kids(op, SOAP, 'operation')[0];
      const headers = (io: Node | undefined): string[] => (io ? kids(io, SOAP, 'header').map((h) => `${local(h, 'message')}#${h.attrs['part']}:${h.attrs['use']}`) : []);
      const input = kids(op, WSDL, 'input')[0];
      const output = kids(op, WSDL, 'output')[0];
      model.bindingOperations.set(op.attrs['name'] ?? '', {
        soapAction: soapOp?.attrs['soapAction'] ?? '',
        style: soapOp?.attrs['style'] ?? '',
        inputHeaders: headers(input),
        outputHeaders: headers(output),
        bodyUse: [input, output].map((io) => (io ? kids(io, SOAP, 'body')[0]?.attrs['use'] ?? '' : '')),
        faults: kids(op, WSDL, 'fault').map((f) => `${f.attrs['name']}:${kids(f, SOAP, 'fault')[0]?.attrs['use'] ?? ''}`),
      });
    }
  }
  return model;
}

// ---------------------------------------------------------------------------------------------
// Comparison.

function describeShape(shape: Shape, indent = ''): string {
  const attrs = Object.entries(shape.attrs)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [`${indent}${shape.kind} ${attrs}`, ...shape.children.map((c) => describeShape(c, `${indent}  `))].join('\n');
}

/** Differences between a definition of ours and the reference one; [] when identical. */
function compareShapes(ours: Shape, reference: Shape, where: string): string[] {
  if (ours.kind !== reference.kind) {
    return [`${where}: <${ours.kind}> in ours, <${reference.kind}> in the reference`];
  }
  const problems: string[] = [];
  const keys = new Set([...Object.keys(ours.attrs), ...Object.keys(reference.attrs)]);
  for (const k of keys) {
    if (ours.attrs[k] !== reference.attrs[k]) {
      problems.push(`${where}: ${k} is ${ours.attrs[k] ?? '(absent)'} in ours, ${reference.attrs[k] ?? '(absent)'} in the reference`);
    }
  }
  const names = (s: Shape): string[] => s.children.map((c) => `${c.kind}:${c.attrs['name'] ?? c.attrs['value'] ?? c.attrs['ref'] ?? ''}`);
  const ourNames = names(ours);
  const refNames = names(reference);
  if (ourNames.join(',') !== refNames.join(',')) {
    problems.push(`${where}: children differ\n  ours:      ${ourNames.join(', ')}\n  reference: ${refNames.join(', ')}`);
    return problems;
  }
  ours.children.forEach((c, i) => {
    problems.push(...compareShapes(c, reference.children[i] as Shape, `${where}/${ourNames[i]}`));
  });
  return problems;
}

/** Every component reached from `roots` (element keys), following type/ref/base/itemType. */
function reachable(model: WsdlModel, roots: string[]): { reached: Set<string>; missing: string[] } {
  const reached = new Set<string>();
  const missing: string[] = [];
  const visit = (key: string): void => {
    if (key.includes(`{${XS}}`) || reached.has(key)) {
      return;
    }
    const component = model.components.get(key);
    if (!component) {
      missing.push(key);
      return;
    }
    reached.add(key);
    walk(component.node);
  };
  const walk = (node: Node): void => {
    if (node.uri !== XS || node.local === 'annotation') {
      return;
    }
    for (const attr of ['type', 'base', 'itemType'] as const) {
      const v = node.attrs[attr];
      if (v) {
        visit(keyOf('type', resolveQName(node, v)));
      }
    }
    const ref = node.attrs['ref'];
    if (ref) {
      visit(keyOf(node.local === 'attribute' ? 'attribute' : 'element', resolveQName(node, ref)));
    }
    node.children.forEach(walk);
  };
  roots.forEach(visit);
  return { reached, missing };
}

/** Messages used by an operation (portType and binding headers). */
function messagesOf(model: WsdlModel, operation: string): string[] {
  const op = model.operations.get(operation);
  const binding = model.bindingOperations.get(operation);
  const names = new Set<string>();
  if (op) {
    [op.input, op.output, ...op.faults.map((f) => f.message)].forEach((m) => names.add(m));
  }
  for (const h of [...(binding?.inputHeaders ?? []), ...(binding?.outputHeaders ?? [])]) {
    names.add(h.slice(0, h.indexOf('#')));
  }
  return [...names];
}

function conformanceProblems(ours: WsdlModel, reference: WsdlModel): string[] {
  const problems: string[] = [];
  if (ours.targetNamespace !== reference.targetNamespace) {
    problems.push(`targetNamespace ${ours.targetNamespace} ≠ ${reference.targetNamespace}`);
  }
  if (ours.bindingTransport !== reference.bindingTransport) {
    problems.push(`binding transport ${ours.bindingTransport} ≠ ${reference.bindingTransport}`);
  }
  for (const [key, component] of ours.components) {
    const ref = reference.components.get(key);
    if (!ref) {
      problems.push(`${key} is not defined in the reference (wrong name or namespace?)`);
      continue;
    }
    problems.push(...compareShapes(component.shape, ref.shape, key));
  }
  for (const [name, parts] of ours.messages) {
    const ref = reference.messages.get(name);
    if (!ref) {
      problems.push(`message ${name} is not in the reference`);
    } else if (JSON.stringify(parts) !== JSON.stringify(ref)) {
      problems.push(`message ${name}: parts ${JSON.stringify(parts)} ≠ reference ${JSON.stringify(ref)}`);
    }
  }
  for (const [name, op] of ours.operations) {
    const ref = reference.operations.get(name);
    if (!ref) {
      problems.push(`operation ${name} is not in the reference`);
    } else if (JSON.stringify(op) !== JSON.stringify(ref)) {
      problems.push(`operation ${name}: ${JSON.stringify(op)} ≠ reference ${JSON.stringify(ref)}`);
    }
  }
  for (const [name, op] of ours.bindingOperations) {
    const ref = reference.bindingOperations.get(name);
    if (!ref) {
      problems.push(`binding operation ${name} is not in the reference`);
      continue;
    }
    for (const field of ['soapAction', 'style', 'inputHeaders', 'outputHeaders', 'bodyUse', 'faults'] as const) {
      if (JSON.stringify(op[field]) !== JSON.stringify(ref[field])) {
        problems.push(`binding operation ${name}: ${field} ${JSON.stringify(op[field])} ≠ reference ${JSON.stringify(ref[field])}`);
      }
    }
  }
  return problems;
}

/** Definitions our operations need that are missing from ours. */
function completenessProblems(ours: WsdlModel, operations: readonly string[]): string[] {
  const problems: string[] = [];
  const roots: string[] = [];
  for (const operation of operations) {
    if (!ours.operations.has(operation)) {
      problems.push(`portType operation ${operation} is missing`);
    }
    if (!ours.bindingOperations.has(operation)) {
      problems.push(`binding operation ${operation} is missing`);
    }
    for (const message of messagesOf(ours, operation)) {
      const parts = ours.messages.get(message);
      if (!parts) {
        problems.push(`message ${message} (used by ${operation}) is missing`);
        continue;
      }
      roots.push(...parts.map((p) => keyOf('element', p.element)));
    }
  }
  problems.push(...reachable(ours, roots).missing.map((key) => `${key} is reached by our operations but not defined`));
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('WSDL conformance (ours vs Microsoft reference)', () => {
  let ourXml: string;
  let ours: WsdlModel;
  let reference: WsdlModel;

  before(function () {
    assert.ok(fs.existsSync(referenceWsdlPath), `The reference WSDL is missing at ${referenceWsdlPath} (set MSADS_SHARED_DIR)`);
    ourXml = fs.readFileSync(OUR_WSDL, 'utf8');
    ours = buildModel(ourXml);
    reference = buildModel(fs.readFileSync(referenceWsdlPath, 'utf8'));
  });

  it('defines exactly the operations the product uses, in portType and binding', () => {
    assert.deepEqual([...ours.operations.keys()].sort(), [...OUR_OPERATIONS].sort());
    assert.deepEqual([...ours.bindingOperations.keys()].sort(), [...OUR_OPERATIONS].sort());
  });

  it('matches the reference for every definition it contains', () => {
    const problems = conformanceProblems(ours, reference);
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it('defines every type, element and message its operations reach', () => {
    const problems = completenessProblems(ours, OUR_OPERATIONS);
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it('uses the bare operation name as soapAction, document/literal, SOAP 1.1 over HTTP', () => {
    for (const [name, op] of ours.bindingOperations) {
      assert.equal(op.soapAction, name);
      assert.equal(op.style, 'document');
      assert.deepEqual(op.bodyUse, ['literal', 'literal']);
    }
    assert.equal(ours.bindingTransport, 'http://schemas.xmlsoap.org/soap/http');
    assert.match(ourXml, /<soap:address location="https:\/\/clientcenter\.api\.bingads\.microsoft\.com\/Api\/CustomerManagement\/v13\/CustomerManagementService\.svc"\/>/);
  });

  it('has ClientLink members in the order of the core model', async () => {
    const { CLIENT_LINK_FIELDS } = await import('../../src/core/model/clientLink');
    const clientLink = ours.components.get('type|{https://bingads.microsoft.com/Customer/v13/Entities}ClientLink');
    assert.ok(clientLink);
    const members = clientLink.shape.children[0]?.children.map((c) => c.attrs['name']);
    assert.deepEqual(members, [...CLIENT_LINK_FIELDS]);
  });

  describe('would catch a wrong WSDL (mutations of a copy in memory)', () => {
    function mutated(transform: (xml: string) => string): WsdlModel {
      const xml = transform(ourXml);
      assert.notEqual(xml, ourXml, 'the mutation did not apply');
      return buildModel(xml);
    }

    it('two ClientLink members swapped', () => {
      const note = '<xs:element minOccurs="0" name="Note" nillable="true" type="xs:string"/>';
      const name = '<xs:element minOccurs="0" name="Name" nillable="true" type="xs:string"/>';
      const model = mutated((xml) => xml.replace(`${note}\n          ${name}`, `${name}\n          ${note}`));
      const problems = conformanceProblems(model, reference);
      assert.ok(problems.some((p) => p.includes('}ClientLink/sequence:') && p.includes('children differ')), problems.join('\n'));
    });

    it('a member made non-nillable', () => {
      const model = mutated((xml) => xml.replace('name="StartDate" nillable="true"', 'name="StartDate"'));
      assert.ok(conformanceProblems(model, reference).some((p) => p.includes('StartDate: nillable is false in ours, true')));
    });

    it('a type in the wrong namespace', () => {
      const model = mutated((xml) => xml.replace('name="Status" nillable="true" type="e:ClientLinkStatus"', 'name="Status" nillable="true" type="tns:ClientLinkStatus"'));
      const problems = [...conformanceProblems(model, reference), ...completenessProblems(model, OUR_OPERATIONS)];
      assert.ok(problems.some((p) => p.includes('Status: type is {https://bingads.microsoft.com/Customer/v13}ClientLinkStatus')), problems.join('\n'));
      assert.ok(problems.some((p) => p.includes('reached by our operations but not defined')), problems.join('\n'));
    });

    it('an enum value missing', () => {
      const model = mutated((xml) => xml.replace('<xs:enumeration value="UnlinkCanceled"/>', ''));
      assert.ok(conformanceProblems(model, reference).some((p) => p.includes('}ClientLinkStatus/restriction:') && p.includes('children differ')));
    });

    it('a wrong soapAction', () => {
      const model = mutated((xml) => xml.replace('soapAction="AddClientLinks"', 'soapAction="https://bingads.microsoft.com/Customer/v13/AddClientLinks"'));
      assert.ok(conformanceProblems(model, reference).some((p) => p.startsWith('binding operation AddClientLinks: soapAction')));
    });

    it('a maxOccurs changed', () => {
      const model = mutated((xml) => xml.replace('maxOccurs="unbounded" name="ClientLink"', 'maxOccurs="10" name="ClientLink"'));
      assert.ok(conformanceProblems(model, reference).some((p) => p.includes('maxOccurs is 10 in ours, unbounded')));
    });

    it('a reached type left out', () => {
      const model = mutated((xml) => xml.replace(/<xs:complexType name="Paging">[\s\S]*?<\/xs:complexType>/, ''));
      assert.ok(completenessProblems(model, OUR_OPERATIONS).some((p) => p.includes('}Paging is reached by our operations but not defined')));
    });
  });

  it('describes shapes readably (diagnostics helper)', () => {
    const paging = ours.components.get('type|{https://bingads.microsoft.com/Customer/v13/Entities}Paging');
    assert.ok(paging);
    assert.match(describeShape(paging.shape), /element .*name=Index type=\{http:\/\/www\.w3\.org\/2001\/XMLSchema\}int/);
  });
});

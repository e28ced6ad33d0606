/** The compiled writer's precomputed tags (performance issue, figure 6): same output, same refusals. */
import * as assert from 'node:assert/strict';
import { writeBody } from '../../../src/core/soap/compiledWriter';
import { deriveWriterPlan } from '../../../src/core/soap/writerPlanDerivation';
import { clientLinksRequest } from '../../../src/core/soap/requests';
import { resolveWsdlPath } from '../../../src/core/soap/wsdlLocation';
import { sampleLink } from './envelopes';

describe('compiled request writer: precomputed tags', () => {
  it('writes the same body on every use of a plan operation (tags computed once, reused)', async () => {
    const plan = await deriveWriterPlan(resolveWsdlPath());
    const body = clientLinksRequest([sampleLink(), sampleLink({ ClientEntityId: '2', Note: null, ForwardCompatibilityMap: [{ key: 'k', value: 'v' }] })], 'update');
    const first = writeBody(plan, 'UpdateClientLinks', body);
    assert.ok(first?.startsWith('<UpdateClientLinksRequest xmlns="https://bingads.microsoft.com/Customer/v13">'));
    assert.equal(writeBody(plan, 'UpdateClientLinks', body), first);
    assert.match(first ?? '', /<e\d*:Note xsi:nil="true"><\/e\d*:Note>/);
  });

  it('refuses what the plan does not describe, at any depth', async () => {
    const plan = await deriveWriterPlan(resolveWsdlPath());
    const link = clientLinksRequest([sampleLink()], 'update');
    const withUnknown = { ClientLinks: { ClientLink: [{ ...(link.ClientLinks as { ClientLink: object[] }).ClientLink[0], Surprise: 'x' }] } };
    assert.equal(writeBody(plan, 'UpdateClientLinks', withUnknown), undefined, 'unknown nested member');
    assert.equal(writeBody(plan, 'UpdateClientLinks', { ClientLinks: 'text' }), undefined, 'text for a complex member');
    assert.equal(writeBody(plan, 'UpdateClientLinks', { ClientLinks: { ClientLink: [{ Name: { nested: 'x' } }] } }), undefined, 'object for a simple member');
    assert.equal(writeBody(plan, 'UpdateClientLinks', { ClientLinks: { ClientLink: [{ Name: Symbol('x') }] } }), undefined, 'a value that is not text, number or boolean');
  });
});

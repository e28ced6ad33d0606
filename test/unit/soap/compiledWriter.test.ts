import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { writeEnvelope } from '../../../src/core/soap/compiledWriter';
import type { WireObject } from '../../../src/core/soap/compiledWriter';
import { BUILD_PLAN_WRITER, type EnvelopeWriter } from '../../../src/core/soap/envelopeWriter';
import generatedPlan from '../../../src/core/soap/generated/writer-plan.json';
import { createNodeSoapEnvelopeWriter, deriveWriterPlan } from '../../../src/core/soap/writerPlanDerivation';
import type { OperationName } from '../../../src/core/service/operations';
import { clientLinksRequest, customerAccountsRequest, customersInfoRequest, getUserRequest, requestHeaderXml, searchClientLinksRequest } from '../../../src/core/soap/requests';
import { resolveWsdlPath } from '../../../src/core/soap/wsdlLocation';
import { sampleLink } from './envelopes';

const header = requestHeaderXml('EwB4A8l6BAAU<&>"\'', 'BBD37VB98');

describe('compiled request writer (plan derived from node-soap) vs node-soap', () => {
  let nodeSoap: EnvelopeWriter;
  let compiled: EnvelopeWriter;
  before(async () => {
    nodeSoap = await createNodeSoapEnvelopeWriter(resolveWsdlPath());
    compiled = BUILD_PLAN_WRITER;
  });

  const tricky = 'a & b < c > d "e" \'f\'\ttab\r\nline ünïcødé 😀';
  const links: ClientLink[] = [
    sampleLink(),
    sampleLink({ ClientEntityId: '9223372036854775807', Note: tricky, Name: tricky, ForwardCompatibilityMap: [{ key: 'k<1>', value: 'v&1' }, { key: 'k2', value: '' }] }),
    sampleLink({ Type: 'CustomerLink', ClientEntityNumber: null, Note: null, StartDate: null, CustomerLinkPermission: 'Standard', SuppressNotification: true }),
    { ClientEntityId: '180099999', ManagingCustomerId: '251000123', IsBillToClient: false },
  ];
  const cases: [string, OperationName, WireObject][] = [
    ['GetUser nil', 'GetUser', getUserRequest()],
    ['GetUser id', 'GetUser', { UserId: '171234567' }],
    ['GetAccountsInfo', 'GetAccountsInfo', customerAccountsRequest('251000123')],
    ['GetLinkedAccountsAndCustomersInfo', 'GetLinkedAccountsAndCustomersInfo', customerAccountsRequest('251000123')],
    ['GetCustomersInfo all', 'GetCustomersInfo', customersInfoRequest({ nameFilter: '', topN: 1000 })],
    ['GetCustomersInfo prefix, escaped', 'GetCustomersInfo', customersInfoRequest({ nameFilter: 'Café & <Olé>', topN: 5 })],
    ['Search one predicate', 'SearchClientLinks', searchClientLinksRequest([{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: '251000123' }], undefined, { index: 0, size: 100 })],
    [
      'Search two predicates, ordering, escaped values',
      'SearchClientLinks',
      searchClientLinksRequest(
        [
          { Field: 'ClientAccountId', Operator: 'In', Value: '1,2,3' },
          { Field: 'ClientCustomerId', Operator: 'Equals', Value: tricky },
        ],
        [{ Field: 'Id', Order: 'Descending' }],
        { index: 7, size: 25 },
      ),
    ],
    ['Add one', 'AddClientLinks', clientLinksRequest([links[3] as ClientLink], 'add')],
    ['Add many', 'AddClientLinks', clientLinksRequest(links, 'add')],
    ['Update many (echoed nils, FCM, every member)', 'UpdateClientLinks', clientLinksRequest(links, 'update')],
    ['Update ten', 'UpdateClientLinks', clientLinksRequest(Array.from({ length: 10 }, (_, i) => sampleLink({ ClientEntityId: String(180000000 + i), Status: 'UnlinkRequested' })), 'update')],
  ];
  for (const [name, operation, body] of cases) {
    it(`writes node-soap's envelope byte for byte: ${name}`, () => {
      const expected = nodeSoap.write(operation, body, header);
      const actual = compiled.write(operation, body, header);
      assert.equal(actual.xml, expected.xml);
      assert.equal(actual.soapActionHeader, expected.soapActionHeader);
      assert.equal(actual.contentType, expected.contentType);
    });
  }

  it('does not guess: a body with a member the schema lacks is refused, not written', async () => {
    const plan = await deriveWriterPlan(resolveWsdlPath());
    const body = { CustomerId: '1', OnlyParentAccounts: false, Surprise: 'x' };
    assert.equal(writeEnvelope(plan, 'GetAccountsInfo', body, header), undefined);
    assert.equal(writeEnvelope(plan, 'SearchClientLinks', { PageInfo: [{ Index: 0, Size: 1 }] }, header), undefined, 'array for a single member');
    assert.throws(() => compiled.write('GetAccountsInfo', body, header), /member our WSDL does not define/);
  });

  it('ships the plan node-soap derives from our WSDL today (src/core/soap/generated/writer-plan.json is current: npm run build rewrites it)', async () => {
    const plan = await deriveWriterPlan(resolveWsdlPath());
    assert.deepEqual(generatedPlan, JSON.parse(JSON.stringify(plan)));
  });
});

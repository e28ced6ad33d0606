// Figure 6: CPU cost per link of our SOAP layer, no network. Real response bodies are captured
// from the simulator once; then CustomerManagementSoapClient (dist/service.js) runs with a
// transport that answers instantly with the captured body, so each call is: build request
// content, write the envelope, "send", read the response into model objects.
// - 100-link page: SearchClientLinks(100) call time / 100.
// - 10-link update: UpdateClientLinks of 10 searched links call time / 10.
/* global fetch, performance */
import { median, report, require, dist, round, startSimulatorProcess } from './lib.mjs';

const m = require(dist('service.js'));
const sim = await startSimulatorProcess(['--seed', 'scale:1000']);
let links;
const captured = {};
try {
  const recording = {
    async post(request) {
      const res = await fetch(request.url, { method: 'POST', body: request.body, headers: request.headers });
      const body = await res.text();
      captured[request.operation] = { status: res.status, body, requestBytes: request.body.length };
      return { status: res.status, body };
    },
    close() {},
  };
  const client = new m.CustomerManagementSoapClient({ endpoint: sim.endpoint, timeoutMs: 60_000, transport: recording });
  const context = { credentials: { accessToken: sim.users[0].accessToken, developerToken: sim.developerToken } };
  const predicates = [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: sim.users[0].customerId }];
  links = (await client.searchClientLinks(predicates, [{ Field: 'Id', Order: 'Ascending' }], { index: 0, size: 100 }, context)).value;
  const active = links.filter((l) => l.Status === 'Active').slice(0, 10).map((l) => ({ ...l, Status: 'UnlinkRequested' }));
  const update = await client.updateClientLinks(active, context);
  if (update.value.operationErrors.length || update.value.partialErrors.some(Boolean)) throw new Error('capture update failed');
} finally {
  await sim.close();
}

const canned = (operation) => ({ post: async () => captured[operation], close() {} });
const context = { credentials: { accessToken: 'x'.repeat(1200), developerToken: 'BBD37VB98' } };

async function perLink(operation, count, call) {
  const client = new m.CustomerManagementSoapClient({ endpoint: 'http://127.0.0.1:9/unused', timeoutMs: 1000, transport: canned(operation) });
  await client.ready();
  for (let i = 0; i < 200; i++) await call(client); // warm-up (JIT)
  const samples = [];
  for (let s = 0; s < 7; s++) {
    const n = 200;
    const t = performance.now();
    for (let i = 0; i < n; i++) await call(client);
    samples.push(((performance.now() - t) * 1000) / n / count);
  }
  return round(median(samples), 2);
}

const predicates = [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: '251000123' }];
const page = await perLink('SearchClientLinks', 100, (c) => c.searchClientLinks(predicates, [{ Field: 'Id', Order: 'Ascending' }], { index: 0, size: 100 }, context));
const tenUpdates = links.filter((l) => l.Status === 'Active').slice(0, 10).map((l) => ({ ...l, Status: 'UnlinkRequested' }));
const update = await perLink('UpdateClientLinks', 10, (c) => c.updateClientLinks(tenUpdates, context));
report({
  figure: 6,
  pageUsPerLink: page,
  updateUsPerLink: update,
  pageResponseBytes: captured.SearchClientLinks.body.length,
  updateRequestBytes: captured.UpdateClientLinks.requestBytes,
  samples: 7,
});

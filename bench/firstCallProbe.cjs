// Figure 2's phases, in a fresh process: load dist/service.js, then the first call of one protocol
// against a transport that answers at once with a real GetUser answer captured from the simulator
// (BENCH_PROBE: { service, protocol, url, answer, context } as JSON). Prints one JSON line:
// serviceLoadMs (require of the chunk), firstRequestMs (adapter constructed, request content and
// body written, up to the transport's send), firstCallMs (the same plus reading the answer into
// model objects).
/* global performance */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS probe */
'use strict';

const probe = JSON.parse(process.env.BENCH_PROBE);
const t0 = performance.now();
const m = require(probe.service);
const t1 = performance.now();
let sent;
const transport = {
  send: async () => {
    sent = performance.now();
    return probe.answer;
  },
  close() {},
};
const client =
  probe.protocol === 'rest'
    ? new m.CustomerManagementRestClient({ baseUrl: probe.url, timeoutMs: 1000, transport })
    : new m.CustomerManagementSoapClient({ endpoint: probe.url, timeoutMs: 1000, transport });
client.getUser(probe.context).then((result) => {
  const t2 = performance.now();
  if (!result.value.User) throw new Error('no User read');
  process.stdout.write(`${JSON.stringify({ serviceLoadMs: t1 - t0, firstRequestMs: sent - t1, firstCallMs: t2 - t1 })}\n`);
  client.close();
});

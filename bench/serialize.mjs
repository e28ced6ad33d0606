// Figure 6: CPU cost per link of our wire layer, SOAP vs REST, no network. Real response bodies are
// captured from the simulator once per protocol; then each adapter of dist/service.js
// (CustomerManagementSoapClient / CustomerManagementRestClient) runs with a transport that answers
// instantly with the captured answer, so each call is, for SOAP: build the request content, write
// the envelope, "send", read the XML into model objects; for REST: build the request body,
// JSON.stringify it, "send", JSON.parse the answer, check it is no fault (restAnswer.ts), read it
// into the same model objects (jsonResponses.ts readJson*).
// - 100-link page: SearchClientLinks(100) call time / 100.
// - 10-link update: UpdateClientLinks of 10 searched links call time / 10.
// Each sample is 200 page calls / 1,000 update calls; the two protocols alternate sample by sample
// (median of 9 each); wall
// and CPU time (process.cpuUsage) per sample.
// Breakdown (diagnostic): the same steps one at a time, from src/ bundled in memory with esbuild
// (not the minified dist/ copy): write / parse / read, CPU µs per link, the steps taking turns.
/* global fetch, performance */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callContext, LABELS, median, PROTOCOLS, report, require, root, round, startSimulatorProcess, wireClient } from './lib.mjs';

const SAMPLES = 9;
const CALLS_PER_SAMPLE = 200;
// A 10-link update is ~10x cheaper than a 100-link page: 5x the calls, so a sample lasts ~100 ms too.
const UPDATE_CALLS_PER_SAMPLE = 1000;
const sim = await startSimulatorProcess(['--seed', 'scale:1000']);
const captured = { soap: {}, rest: {} };
const searched = {};
const updates = {};
const predicates = [{ Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: sim.users[0].customerId }];
const ordering = [{ Field: 'Id', Order: 'Ascending' }];
try {
  const clients = {};
  for (const protocol of PROTOCOLS) {
    const recording = {
      async send(request) {
        const res = await fetch(request.url, { method: request.method ?? 'POST', body: request.body, headers: request.headers });
        const body = await res.text();
        const headers = { 'content-type': res.headers.get('content-type') ?? undefined, trackingid: res.headers.get('trackingid') ?? undefined, 'retry-after': undefined };
        captured[protocol][request.operation] = { response: { status: res.status, body, headers }, request };
        return { status: res.status, body, headers };
      },
      close() {},
    };
    clients[protocol] = wireClient(sim, protocol, recording);
    searched[protocol] = (await clients[protocol].searchClientLinks(predicates, ordering, { index: 0, size: 100 }, callContext(sim))).value;
  }
  if (JSON.stringify(searched.soap) !== JSON.stringify(searched.rest)) throw new Error('SOAP and REST read different links from the same page');
  // SOAP unlinks the first 10 Active links of the page, REST the next 10 (both from the same state).
  const active = searched.soap.filter((l) => l.Status === 'Active').map((l) => ({ ...l, Status: 'UnlinkRequested' }));
  for (const [k, protocol] of PROTOCOLS.entries()) {
    updates[protocol] = active.slice(k * 10, (k + 1) * 10);
    const update = await clients[protocol].updateClientLinks(updates[protocol], callContext(sim));
    if (update.value.operationErrors.length || update.value.partialErrors.some(Boolean)) throw new Error(`capture update failed over ${protocol}`);
  }
} finally {
  await sim.close();
}

const context = { credentials: { accessToken: 'x'.repeat(1200), developerToken: 'BBD37VB98' }, customerId: '251000123' };
const fakeSim = { endpoint: 'http://127.0.0.1:9/Api/CustomerManagement/v13/CustomerManagementService.svc', users: [] };
const canned = (protocol, operation) => ({ send: async () => captured[protocol][operation].response, close() {} });

/**
 * µs per link of `call` (one sample = `calls` awaited calls); samples of the protocols
 * alternate. Wall time, and CPU time of this process (less sensitive to the host's other tenants).
 */
async function perLinkBoth(operation, count, calls, call) {
  const clients = Object.fromEntries(PROTOCOLS.map((p) => [p, wireClient(fakeSim, p, canned(p, operation))]));
  for (const p of PROTOCOLS) for (let i = 0; i < calls; i++) await call(clients[p], p); // warm-up (JIT)
  globalThis.gc?.();
  const wall = { soap: [], rest: [] };
  const cpu = { soap: [], rest: [] };
  for (let s = 0; s < SAMPLES; s++) {
    for (const p of s % 2 ? [...PROTOCOLS].reverse() : PROTOCOLS) {
      const c = process.cpuUsage();
      const t = performance.now();
      for (let i = 0; i < calls; i++) await call(clients[p], p);
      wall[p].push(((performance.now() - t) * 1000) / calls / count);
      const used = process.cpuUsage(c);
      cpu[p].push((used.user + used.system) / calls / count);
    }
  }
  const perProtocol = (p) => ({ wall: round(median(wall[p]), 2), cpu: round(median(cpu[p]), 2) });
  return {
    soap: perProtocol('soap'),
    rest: perProtocol('rest'),
    // Medians of the per-sample ratios (adjacent samples).
    restOverSoap: round(median(wall.rest.map((r, i) => r / wall.soap[i])), 2),
    restOverSoapCpu: round(median(cpu.rest.map((r, i) => r / cpu.soap[i])), 2),
  };
}

const page = await perLinkBoth('SearchClientLinks', 100, CALLS_PER_SAMPLE, (c) => c.searchClientLinks(predicates, ordering, { index: 0, size: 100 }, context));
const update = await perLinkBoth('UpdateClientLinks', 10, UPDATE_CALLS_PER_SAMPLE, (c, p) => c.updateClientLinks(updates[p], context));

/**
 * Synchronous micro-timing of the breakdown's steps: CPU µs per link (process.cpuUsage), median of
 * SAMPLES samples; each sample runs its step enough times to last ~20 ms (calibrated after a
 * warm-up); the steps take turns sample by sample (order reversed every other round), so the
 * host's noise spreads over all of them alike.
 */
function stepTimer() {
  const steps = [];
  const add = (count, fn) => {
    const step = { count, fn, n: CALLS_PER_SAMPLE, samples: [], us: undefined };
    steps.push(step);
    return step;
  };
  const run = () => {
    for (const step of steps) {
      const w = performance.now();
      for (let i = 0; i < step.n; i++) step.fn();
      step.n = Math.max(step.n, Math.ceil((step.n * 20) / Math.max(0.01, performance.now() - w)));
    }
    globalThis.gc?.();
    for (let k = 0; k < SAMPLES; k++) {
      for (const step of k % 2 ? [...steps].reverse() : steps) {
        const c = process.cpuUsage();
        for (let i = 0; i < step.n; i++) step.fn();
        const used = process.cpuUsage(c);
        step.samples.push((used.user + used.system) / step.n / step.count);
      }
    }
    for (const step of steps) step.us = round(median(step.samples), 2);
  };
  return { add, run };
}
const usOf = (steps) => {
  const us = Object.fromEntries(Object.entries(steps).map(([k, step]) => [k, step.us]));
  us.readUs = round(us.parseReadUs - us.parseUs, 2);
  return us;
};

/** Where the time goes, step by step, from src/ (bundled here with esbuild); undefined if that fails. */
async function breakdown() {
  const esbuild = require('esbuild');
  const entry = [
    "export { readResponse } from './src/core/soap/envelope';",
    "export { readSearchClientLinks, readLinkWriteResult } from './src/core/soap/responseReader';",
    "export { searchClientLinksRequest, clientLinksRequest } from './src/core/soap/requests';",
    "export { readRestAnswer } from './src/core/rest/restAnswer';",
    "export { readJsonSearchClientLinks, readJsonLinkWriteResult } from './src/core/rest/jsonResponses';",
    "export { searchClientLinksBody, clientLinksBody } from './src/core/rest/jsonRequests';",
  ].join('\n');
  const built = await esbuild.build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
  const file = join(tmpdir(), `msads-bench-breakdown-${process.pid}.cjs`);
  writeFileSync(file, built.outputFiles[0].text);
  let s;
  try {
    s = require(file);
  } finally {
    rmSync(file, { force: true });
  }
  // The SOAP envelope writer is the build's (dist), through the adapter's envelopeFor.
  const soapWriter = wireClient(fakeSim, 'soap', canned('soap', 'SearchClientLinks'));
  const rest = (op) => captured.rest[op].response;
  const soap = (op) => captured.soap[op].response;
  const answerContext = (operation) => ({ operation, nowMs: Date.now(), notServedHint: undefined });
  const page100 = { index: 0, size: 100 };
  const t = stepTimer();
  const result = { page: {}, update: {} };
  // 100-link page. "parse" = the adapter's answer check (SOAP: XML scan + envelope, REST:
  // JSON.parse + fault check); "parseRead" = that plus the reader, on a fresh parse each time
  // (so the reader meets new strings, as in a real call); read = parseRead - parse.
  const soapWrite = (op, body) => soapWriter.envelopeFor(op, body, context.credentials);
  result.page.soap = {
    writeUs: t.add(100, () => soapWrite('SearchClientLinks', s.searchClientLinksRequest(predicates, ordering, page100))),
    parseUs: t.add(100, () => s.readResponse('SearchClientLinks', soap('SearchClientLinks'))),
    parseReadUs: t.add(100, () => s.readSearchClientLinks(s.readResponse('SearchClientLinks', soap('SearchClientLinks')).wrapper)),
  };
  result.page.rest = {
    writeUs: t.add(100, () => JSON.stringify(s.searchClientLinksBody(predicates, ordering, page100))),
    jsonParseUs: t.add(100, () => JSON.parse(rest('SearchClientLinks').body)),
    parseUs: t.add(100, () => s.readRestAnswer(rest('SearchClientLinks'), answerContext('SearchClientLinks'))),
    parseReadUs: t.add(100, () => s.readJsonSearchClientLinks(s.readRestAnswer(rest('SearchClientLinks'), answerContext('SearchClientLinks')).body)),
  };
  // 10-link update.
  const restUpdateObject = s.clientLinksBody(updates.rest, 'update');
  result.update.soap = {
    writeUs: t.add(10, () => soapWrite('UpdateClientLinks', s.clientLinksRequest(updates.soap, 'update'))),
    parseUs: t.add(10, () => s.readResponse('UpdateClientLinks', soap('UpdateClientLinks'))),
    parseReadUs: t.add(10, () => s.readLinkWriteResult(s.readResponse('UpdateClientLinks', soap('UpdateClientLinks')).wrapper)),
  };
  result.update.rest = {
    writeUs: t.add(10, () => JSON.stringify(s.clientLinksBody(updates.rest, 'update'))),
    bodyBuildUs: t.add(10, () => s.clientLinksBody(updates.rest, 'update')),
    stringifyUs: t.add(10, () => JSON.stringify(restUpdateObject)),
    jsonParseUs: t.add(10, () => JSON.parse(rest('UpdateClientLinks').body)),
    parseUs: t.add(10, () => s.readRestAnswer(rest('UpdateClientLinks'), answerContext('UpdateClientLinks'))),
    parseReadUs: t.add(10, () => s.readJsonLinkWriteResult(s.readRestAnswer(rest('UpdateClientLinks'), answerContext('UpdateClientLinks')).body)),
  };
  t.run();
  soapWriter.close();
  return { page: { soap: usOf(result.page.soap), rest: usOf(result.page.rest) }, update: { soap: usOf(result.update.soap), rest: usOf(result.update.rest) } };
}

let steps;
try {
  steps = await breakdown();
} catch (e) {
  process.stderr.write(`figure 6 breakdown skipped: ${e.message}\n`);
}

const bytes = (protocol) => ({
  pageRequestBytes: Buffer.byteLength(captured[protocol].SearchClientLinks.request.body),
  pageResponseBytes: Buffer.byteLength(captured[protocol].SearchClientLinks.response.body),
  updateRequestBytes: Buffer.byteLength(captured[protocol].UpdateClientLinks.request.body),
  updateResponseBytes: Buffer.byteLength(captured[protocol].UpdateClientLinks.response.body),
});
report({
  figure: 6,
  samples: SAMPLES,
  callsPerSample: { page: CALLS_PER_SAMPLE, update: UPDATE_CALLS_PER_SAMPLE },
  protocols: Object.fromEntries(PROTOCOLS.map((p) => [p, { label: LABELS[p], pageUsPerLink: page[p].wall, pageCpuUsPerLink: page[p].cpu, updateUsPerLink: update[p].wall, updateCpuUsPerLink: update[p].cpu, ...bytes(p), steps: steps ? { page: steps.page[p], update: steps.update[p] } : undefined }])),
  pageRestOverSoap: page.restOverSoap,
  updateRestOverSoap: update.restOverSoap,
  pageRestOverSoapCpu: page.restOverSoapCpu,
  updateRestOverSoapCpu: update.restOverSoapCpu,
});

// Shared helpers of the benchmarks: statistics, machine description, a simulator in its own process.
/* global fetch, setInterval, clearInterval */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const require = createRequire(import.meta.url);
export const dist = (name) => join(root, 'dist', name);

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: `${cpus.length} x ${cpus[0]?.model ?? 'unknown'}`,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    loadAverage: os.loadavg().map((x) => round(x, 2)),
  };
}

/**
 * Starts dist/simulator.js in its own process (so its CPU time is not charged to the client under
 * test) and resolves with {endpoint, developerToken, users, controlUrl, setLatency, close}.
 */
export async function startSimulatorProcess(args) {
  const child = spawn(process.execPath, [dist('simulator.js'), '--json', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buffer.slice(0, nl)));
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    child.once('error', reject);
  });
  const controlUrl = info.endpoint.replace(/\/Api\/.*$/, '/__control');
  return {
    ...info,
    controlUrl,
    async control(path, body) {
      const res = await fetch(`${controlUrl}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    close() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** A ClientLinksService from dist/service.js for a simulator user (`options.protocol`: 'soap' (default) or 'rest'). */
export function createService(sim, userIndex = 0, options = {}) {
  const { createClientLinksService } = require(dist('service.js'));
  const user = sim.users[userIndex];
  return createClientLinksService({
    endpoint: sim.endpoint,
    developerToken: () => Promise.resolve(sim.developerToken),
    tokenSource: { getAccessToken: () => Promise.resolve(user.accessToken) },
    customerId: () => user.customerId,
    ...options,
  });
}

/** Samples process RSS/heap every `ms` while `fn` runs; returns the peaks (MB) with its result. */
export async function withMemoryPeak(fn, ms = 5) {
  let rss = process.memoryUsage.rss();
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    rss = Math.max(rss, process.memoryUsage.rss());
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }, ms);
  try {
    const value = await fn();
    rss = Math.max(rss, process.memoryUsage.rss());
    heap = Math.max(heap, process.memoryUsage().heapUsed);
    return { value, peakRssMb: round(rss / 2 ** 20), peakHeapMb: round(heap / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

/** Scripts print one JSON line prefixed with this marker; run.mjs collects it. */
export function report(result) {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

/**
 * The simulator's floor for a figure: the same requests sent by a bare HTTP client (keep-alive,
 * no request writing, no response parsing), so `ours / floor` is what our client adds on top of
 * the simulator, the loopback and the injected latency. Either protocol:
 * - `rawPoster(endpoint, soapAction)`: `post(body)` POSTs a SOAP envelope (text/xml, SOAPAction);
 * - `rawPoster({ url, method, headers })`: `post(body)` sends a body (REST: JSON with the
 *   operation's verb and path, e.g. PUT .../ClientLinks for UpdateClientLinks);
 * - `send({ method, url, headers, body })`: one request as captured by `captureRequests` (the very
 *   verb, URL, headers and body our client would send); `rawPoster()` when only `send` is used.
 * Each resolves with the answer text (2xx), or rejects with the HTTP status and the answer's start.
 */
export function rawPoster(target = {}, soapAction = undefined) {
  const http = require('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const base =
    typeof target === 'string'
      ? { method: 'POST', url: target, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: soapAction } }
      : { method: target.method ?? 'POST', url: target.url, headers: target.headers ?? { 'Content-Type': 'application/json' } };
  const urls = new Map();
  const send = (request) =>
    new Promise((resolve, reject) => {
      let url = urls.get(request.url);
      if (!url) urls.set(request.url, (url = new URL(request.url)));
      const body = request.body;
      const req = http.request(url, { method: request.method ?? 'POST', agent, headers: { ...request.headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode >= 200 && res.statusCode < 300) resolve(text);
          else reject(new Error(`HTTP ${res.statusCode} from ${request.method ?? 'POST'} ${request.url}: ${text.slice(0, 300)}`));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return { post: (body) => send({ ...base, body }), send, close: () => agent.destroy() };
}

/** The two wire protocols, in the order the figures report them. */
export const PROTOCOLS = ['soap', 'rest'];
export const LABELS = { soap: 'SOAP', rest: 'REST' };

/** What a call of a simulator user carries (the service passes the acting customer, as the CLI and the extension do). */
export function callContext(sim, userIndex = 0) {
  const user = sim.users[userIndex];
  return { credentials: { accessToken: user.accessToken, developerToken: sim.developerToken }, customerId: user.customerId };
}

/**
 * A wire adapter of dist/service.js for the simulator, at the URL the service computes for that
 * protocol (REST: the endpoint's origin; SOAP: the .svc URL), optionally over `transport`.
 */
export function wireClient(sim, protocol, transport) {
  const m = require(dist('service.js'));
  return protocol === 'rest'
    ? new m.CustomerManagementRestClient({ baseUrl: new URL(sim.endpoint).origin, timeoutMs: 60_000, transport })
    : new m.CustomerManagementSoapClient({ endpoint: sim.endpoint, timeoutMs: 60_000, transport });
}

/** An empty successful answer of `operation` (what a capturing transport answers). */
export function emptyAnswer(protocol, operation) {
  return protocol === 'rest'
    ? { status: 200, body: '{}', headers: { 'content-type': 'application/json' } }
    : {
        status: 200,
        body: `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><${operation}Response xmlns="https://bingads.microsoft.com/Customer/v13"/></s:Body></s:Envelope>`,
        headers: { 'content-type': 'text/xml; charset=utf-8' },
      };
}

/**
 * The HTTP requests our wire adapter sends for `calls(client, context)`, captured by a transport
 * that answers each at once with an empty success (nothing is sent; not timed): verb, URL,
 * headers and body, ready for `rawPoster().send`.
 */
export async function captureRequests(sim, protocol, calls, userIndex = 0) {
  const requests = [];
  const transport = {
    send: async (request) => {
      requests.push({ method: request.method ?? 'POST', url: request.url, headers: request.headers, body: request.body });
      return emptyAnswer(protocol, request.operation);
    },
    close() {},
  };
  const client = wireClient(sim, protocol, transport);
  await calls(client, callContext(sim, userIndex));
  client.close();
  return requests;
}

/** Markers the floor counts in an answer without parsing it. */
export const MARKERS = {
  soap: { link: '</a:ClientLink>', error: '<a:Code>' },
  rest: { link: '"ClientEntityId":', error: '"Code":' },
};

/** Occurrences of `needle` in `text` (native indexOf, no parsing). */
export function countOf(text, needle) {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function pool(count, concurrency, task) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await task(next++);
  }));
}

/**
 * The floor's listing: the captured page requests sent in our client's paging pattern (paging.ts:
 * page 0 alone, the first window, then a sliding window of `concurrency`), answers counted with
 * `marker`, not parsed. Resolves with the number of links counted.
 */
export async function rawListing(raw, requests, marker, concurrency) {
  let links = 0;
  const full = (answer) => {
    const n = countOf(answer, marker);
    links += n;
    return n >= 100;
  };
  let more = full(await raw.send(requests[0]));
  const inFlight = new Map();
  let next = 1;
  const launch = () => {
    while (more && inFlight.size < concurrency && next < requests.length) {
      const index = next++;
      inFlight.set(index, raw.send(requests[index]));
    }
  };
  launch();
  for (let index = 1; more && inFlight.has(index); index++) {
    const answer = await inFlight.get(index);
    inFlight.delete(index);
    more = full(answer);
    if (index >= concurrency) launch();
  }
  await Promise.allSettled(inFlight.values());
  return links;
}

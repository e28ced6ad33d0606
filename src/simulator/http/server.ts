/**
 * The HTTP side: POST of SOAP to the service path, GET ?wsdl, the REST paths under
 * /CustomerManagement/ (rest/routes.ts), the /__control JSON endpoint. Both wires go to the same
 * Simulator. Loopback only. Tracks sockets and timers so `close()` also ends hung and delayed requests.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { isLoopbackHost } from '../../core/config';
import type { SimulatorControl } from '../control';
import { matchRestRoute, REST_PREFIX } from '../rest/routes';
import type { Simulator } from '../simulator';
import type { WireReply } from '../wire';
import { CONTROL_PREFIX, handleControl } from './controlRoutes';
import { loadWsdl } from './wsdl';

export const SERVICE_PATH = '/Api/CustomerManagement/v13/CustomerManagementService.svc';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpOptions {
  host: string;
  port: number;
  wsdlPath?: string;
}

export interface ListeningServer {
  host: string;
  port: number;
  /** The SOAP endpoint. */
  endpoint: string;
  /** Base URL of the REST paths, `http://127.0.0.1:PORT` (no trailing slash). */
  restBaseUrl: string;
  controlUrl: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function listen(simulator: Simulator, control: SimulatorControl, options: HttpOptions): Promise<ListeningServer> {
  if (!isLoopbackHost(options.host)) {
    throw new Error(`Refusing to listen on ${options.host}: the simulator only serves loopback addresses (127.0.0.1, ::1, localhost).`);
  }
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let endpoint = '';

  const sendReply = (res: ServerResponse, reply: WireReply) => {
    if (reply.mode === 'hang') {
      return; // Never answer; the socket is destroyed by close() or by the client giving up.
    }
    const pieces = typeof reply.body === 'string' ? [Buffer.from(reply.body, 'utf8')] : reply.body;
    if (reply.mode === 'truncate') {
      const bytes = Buffer.concat(pieces);
      res.writeHead(reply.status, { 'Content-Type': reply.contentType, ...reply.headers });
      res.end(bytes.subarray(0, Math.floor(bytes.length / 2)));
      return;
    }
    let length = 0;
    for (const piece of pieces) {
      length += piece.length;
    }
    res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': length, ...reply.headers });
    // One writev of the pieces as they are (a page of links is ~100 cached buffers): no copy.
    res.cork();
    for (const piece of pieces) {
      res.write(piece);
    }
    res.end();
    res.uncork();
  };

  /** Sends a reply after the operation's injected latency, if any. */
  const answer = (res: ServerResponse, reply: WireReply) => {
    const delay = simulator.latency.for(reply.operation);
    if (delay > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        sendReply(res, reply);
      }, delay);
      timers.add(timer);
    } else {
      sendReply(res, reply);
    }
  };

  const onService = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method === 'GET' && (url.searchParams.has('wsdl') || url.searchParams.has('singleWsdl'))) {
      const wsdl = loadWsdl(endpoint, options.wsdlPath);
      if (!wsdl) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('WSDL not available in this build.\n');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(wsdl);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed.\n');
      return;
    }
    const body = await readBody(req);
    const action = req.headers.soapaction;
    answer(res, simulator.handle(Array.isArray(action) ? action[0] : action, body));
  };

  const onRest = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const match = matchRestRoute(req.method, url.pathname);
    if (match.kind === 'notFound') {
      // Plain text, no TrackingId: what a client sees where the REST service is not deployed.
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    if (match.kind === 'methodNotAllowed') {
      res.writeHead(405, { Allow: match.allow.join(', '), TrackingId: randomUUID(), 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed.\n');
      return;
    }
    const body = await readBody(req);
    answer(res, simulator.handleRest(match.route.operation, req.headers, body));
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let work: Promise<void>;
    if (url.pathname === SERVICE_PATH) {
      work = onService(req, res, url);
    } else if (url.pathname.startsWith(REST_PREFIX)) {
      work = onRest(req, res, url);
    } else if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      work = handleControl(control, req, res, url, () => readBody(req));
    } else {
      work = Promise.resolve(void res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Not found. The service is at ${SERVICE_PATH}\n`));
    }
    work.catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(e instanceof BodyTooLarge ? 413 : 500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(e instanceof BodyTooLarge ? 'Request too large.\n' : 'Simulator error.\n');
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const base = `http://${hostForUrl(options.host)}:${port}`;
  endpoint = `${base}${SERVICE_PATH}`;

  let closing: Promise<void> | undefined;
  return {
    host: options.host,
    port,
    endpoint,
    restBaseUrl: base,
    controlUrl: `${base}${CONTROL_PREFIX}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) {
          clearTimeout(timer);
        }
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) {
          socket.destroy();
        }
      });
      return closing;
    },
  };
}

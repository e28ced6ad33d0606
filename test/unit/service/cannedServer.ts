/** A tiny HTTP server on 127.0.0.1 answering SOAP requests with canned envelopes, recording what it received. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  soapAction: string;
  operation: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export type Reply =
  | { status?: number; body: string; contentType?: string; delayMs?: number }
  /** Close the connection without answering (connection reset). */
  | { destroy: true; delayMs?: number }
  /** Never answer (client timeout). */
  | { hang: true };

export type Handler = (request: ReceivedRequest, count: number) => Reply | Promise<Reply>;

export interface CannedServer {
  url: string;
  requests: ReceivedRequest[];
  handler: Handler;
  close(): Promise<void>;
}

export async function startCannedServer(handler: Handler): Promise<CannedServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const state: { handler: Handler } = { handler };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const soapAction = String(req.headers['soapaction'] ?? '');
      const request: ReceivedRequest = { soapAction, operation: soapAction.replace(/"/g, ''), body: Buffer.concat(chunks).toString('utf8'), headers: req.headers };
      requests.push(request);
      void Promise.resolve(state.handler(request, requests.length)).then((reply) => {
        if ('hang' in reply) {
          return;
        }
        setTimeout(() => {
          if ('destroy' in reply) {
            req.socket.destroy();
            return;
          }
          res.writeHead(reply.status ?? 200, { 'Content-Type': reply.contentType ?? 'text/xml; charset=utf-8' });
          res.end(reply.body);
        }, reply.delayMs ?? 0);
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/Api/CustomerManagement/v13/CustomerManagementService.svc`,
    requests,
    get handler() {
      return state.handler;
    },
    set handler(h: Handler) {
      state.handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) {
          s.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

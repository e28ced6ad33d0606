/** The transport loads node:https and node:zlib on first use (cold-start work): both paths still work. */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { NetworkError } from '../../../src/core/errors';
import { NodeHttpTransport } from '../../../src/core/http/transport';

describe('transport: https and compression loaded on demand', () => {
  it('decodes a gzip answer', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Encoding': 'gzip' });
      res.end(zlib.gzipSync('<ok>ünïcødé</ok>'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const transport = new NodeHttpTransport();
    try {
      const { port } = server.address() as AddressInfo;
      const response = await transport.send({ url: `http://127.0.0.1:${port}/x`, body: '<x/>', headers: {}, timeoutMs: 5000, operation: 'GetUser' });
      assert.equal(response.status, 200);
      assert.equal(response.body, '<ok>ünïcødé</ok>');
    } finally {
      transport.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('decodes UTF-8 as text: non-ASCII kept, a leading BOM dropped, a broken sequence as U+FFFD', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<ok>Ünïcødé 😀 متجر</ok>', 'utf8'), Buffer.from([0xc3])]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const transport = new NodeHttpTransport();
    try {
      const { port } = server.address() as AddressInfo;
      const response = await transport.send({ url: `http://127.0.0.1:${port}/x`, body: '<x/>', headers: {}, timeoutMs: 5000, operation: 'GetUser' });
      assert.equal(response.body, '<ok>Ünïcødé 😀 متجر</ok>\uFFFD');
    } finally {
      transport.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends https requests (a refused connection is a NetworkError with its code)', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve)); // nothing listens there now
    const transport = new NodeHttpTransport();
    try {
      await assert.rejects(
        transport.send({ url: `https://127.0.0.1:${port}/x`, body: '<x/>', headers: {}, timeoutMs: 5000, operation: 'GetUser' }),
        (e: unknown) => e instanceof NetworkError && e.code === 'ECONNREFUSED',
      );
    } finally {
      transport.close();
    }
  });
});

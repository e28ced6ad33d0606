/**
 * Tokens only travel where the endpoint says, over a connection that was verified:
 * - an https endpoint whose certificate is not trusted (a self-signed loopback server) is refused
 *   during the TLS handshake, so no request (and no token) ever reaches it; the message says why;
 * - a redirect is not followed: one request to the endpoint, none to the Location;
 * - nothing in the errors carries a token.
 * Over SOAP and over REST (the same transport carries both; REST's tokens are HTTP headers, so a
 * followed redirect would hand them over at once). The self-signed certificate is made with openssl
 * at run time (skipped where openssl is missing).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClientLinksError, HttpStatusError, NetworkError, userMessage } from '../../src/core/errors';
import { createClientLinksService } from '../../src/core/service/index';
import type { ClientLinksService } from '../../src/core/service/types';
import type { WireProtocol } from '../../src/core/protocol';
import { overProtocol, PROTOCOLS } from '../helpers/protocols';
import { FAST_RETRY, assertNoSecrets, dump } from './helpers';

const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0cmFuc3BvcnQtc2VjdXJpdHkifQ.dHJhbnNwb3J0LXNpZ25hdHVyZQ';
const DEVELOPER = 'DEVTOKEN-TRANSPORT-55aa77';

function service(endpoint: string, protocol: WireProtocol): ClientLinksService {
  return createClientLinksService({
    endpoint,
    protocol,
    developerToken: () => Promise.resolve(DEVELOPER),
    tokenSource: { getAccessToken: () => Promise.resolve(ACCESS) },
    retry: FAST_RETRY,
    timeoutMs: 2_000,
  });
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** The server sees a refused handshake a moment after the client gives up. */
async function settle(done: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done() && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function failure(p: Promise<unknown>): Promise<ClientLinksError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClientLinksError, String(e));
    return e;
  }
  assert.fail('expected a failure');
}

for (const protocol of PROTOCOLS) {
  describe(`reliability: transport security (certificates, redirects) ${overProtocol(protocol)}`, function () {
    this.timeout(30_000);

    describe('an https endpoint with an untrusted (self-signed) certificate', () => {
      let dir: string;
      let server: https.Server;
      let port: number;
      let requests = 0;
      let handshakesRefused = 0;
      before(async function () {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msads-tls-'));
        try {
          execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
        } catch {
          this.skip();
        }
        server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => {
          requests++;
          res.end();
        });
        server.on('tlsClientError', () => handshakesRefused++);
        port = await listen(server);
      });
      after(async () => {
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
        fs.rmSync(dir, { recursive: true, force: true });
      });

      it('read and write are refused in the handshake: no request reaches the server; the message says the certificate is not trusted', async () => {
        const svc = service(`https://127.0.0.1:${port}/Api/CustomerManagement/v13/CustomerManagementService.svc`, protocol);
        const read = await failure(svc.getUser());
        const [write] = await svc.updateClientLinks([{ Type: 'AccountLink', ClientEntityId: '180012345', ManagingCustomerId: '251000123', Status: 'LinkCanceled' }]);
        await settle(() => handshakesRefused >= 2);
        assert.equal(requests, 0, 'no HTTP request (so no token) ever reached the server');
        assert.ok(handshakesRefused >= 2, 'the client refused the handshakes');
        for (const e of [read, write?.error]) {
          assert.ok(e instanceof NetworkError, String(e));
          assert.equal(e.certificateRefused, true, e.code);
          assert.equal(e.transient, false, 'trying again does not make a certificate trusted');
          const text = userMessage(e);
          assert.match(text, /certificate is not trusted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\), so nothing was sent/);
          assertNoSecrets(text + dump(e), [ACCESS, DEVELOPER], 'the certificate error');
        }
        assert.equal(read.operation, 'GetUser');
        assert.equal(write?.state, 'failed');
      });

      // Regression: the retry policy used to count a refused certificate as a lost answer (4 handshakes for one read).
      it('FIXED (src/core/service/retryPolicy.ts classifyFailure): a refused certificate is tried once, not retried', async () => {
        const before = handshakesRefused;
        await failure(service(`https://127.0.0.1:${port}/svc`, protocol).getUser());
        await settle(() => handshakesRefused - before >= 1);
        await new Promise((r) => setTimeout(r, 300)); // a retried handshake would be counted by now
        assert.equal(handshakesRefused - before, 1, 'a certificate failure is permanent and nothing was delivered: one attempt');
      });
    });

    describe('redirects', () => {
      let server: http.Server;
      let port: number;
      let redirectStatus = 302;
      const hits: string[] = [];
      before(async () => {
        server = http.createServer((req, res) => {
          hits.push(req.url ?? '');
          if (req.url === '/moved') {
            res.end('<would be the new endpoint/>');
            return;
          }
          res.writeHead(redirectStatus, { Location: `http://127.0.0.1:${port}/moved` });
          res.end();
        });
        port = await listen(server);
      });
      after(async () => new Promise<void>((resolve) => server.close(() => resolve())));

      for (const status of [302, 307] as const) {
        it(`HTTP ${status} is not followed: one request, none to the Location; the message says to set the final address`, async () => {
          hits.length = 0;
          redirectStatus = status;
          const svc = service(`http://127.0.0.1:${port}/svc`, protocol);
          const read = await failure(svc.getUser());
          const [write] = await svc.addClientLinks([{ Type: 'AccountLink', ClientEntityId: '180012345', ManagingCustomerId: '251000123', IsBillToClient: true }]);
          assert.ok(read instanceof HttpStatusError);
          assert.equal(read.status, status);
          assert.equal(read.transient, false, 'not retried');
          // SOAP posts both to the endpoint; REST to its origin's operation paths.
          const expected = protocol === 'rest' ? ['/CustomerManagement/v13/User/Query', '/CustomerManagement/v13/ClientLinks'] : ['/svc', '/svc'];
          assert.deepEqual(hits, expected, 'one GetUser and one AddClientLinks, neither repeated, never sent to the Location');
          assert.equal(write?.state, 'failed');
          assert.match(userMessage(read), /redirects elsewhere\. Redirects are not followed, so your tokens never go to another address/);
          assertNoSecrets(userMessage(read) + dump(read) + dump(write), [ACCESS, DEVELOPER], 'the redirect error');
        });
      }
    });
  });
}

/**
 * Security: injected tokens (JWT-shaped access token, a custom developer token) never appear in
 * anything the product writes (CLI output, observer events = the log, store events, errors with
 * their causes, exports, history, the suite's own result files, SOAP and REST runs alike), even
 * when a gateway echoes the request back (over SOAP the tokens travel in the envelope's header
 * elements, over REST as the `Authorization: Bearer …` and `DeveloperToken` HTTP headers); the
 * developer token lives only in SecretStorage and settings hold no secrets; only https (or http on
 * loopback) endpoints; two webviews (Link Details, the Overview), locked down.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliConnection } from '../../src/cli/cliConfig';
import { resolveEndpoint } from '../../src/core/config';
import { ClientLinksError, ConfigError, userMessage } from '../../src/core/errors';
import { Redactor } from '../../src/core/redact';
import { createClientLinksService } from '../../src/core/service/index';
import type { ClientLinksService } from '../../src/core/service/types';
import { exportLinks } from '../../src/core/workflow/exportLinks';
import { LinkStore, type StoreEvent } from '../../src/core/workflow/linkStore';
import { linkFacts } from '../../src/core/workflow/linkFacts';
import { overviewModel } from '../../src/core/workflow/overviewModel';
import { TimeFormatter } from '../../src/core/workflow/timeFormat';
import { contentSecurityPolicy, linkDetailsHtml } from '../../src/extension/details/linkDetailsHtml';
import { overviewContentSecurityPolicy, overviewHtml } from '../../src/extension/overview/overviewHtml';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { ENGLISH_DETAILS_WORDS, ENGLISH_OVERVIEW_WORDS } from '../helpers/englishWords';
import { repoRoot } from '../helpers/paths';
import { apiFlag, overProtocol, PROTOCOLS } from '../helpers/protocols';
import { AGENCY, FAST_RETRY, RESULTS_DIR, assertNoSecrets, dump } from './helpers';

const ACCESS = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyZWxpYWJpbGl0eSIsImF1ZCI6Im1zYWRzIn0.c2lnbmF0dXJlLXNlY3JldC1yZWxpYWJpbGl0eQ';
const EXPIRED = 'EwB4A8l6BAAUreliabilityExpiredOpaqueTicket0123456789abcdef';
const DEVELOPER = 'DEVTOKEN-RELIABILITY-7f3a9c';
const SECRETS = [ACCESS, EXPIRED, DEVELOPER];

describe('reliability: security', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  const written: string[] = [];

  before(async () => {
    sim = await startSimulator({ seed: 'demo', developerToken: DEVELOPER });
    const admin = sim.seed.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin')!;
    sim.control.simulator.store.tokens.set(ACCESS, { token: ACCESS, userId: admin.id, expiresAtMs: null });
    sim.control.simulator.store.tokens.set(EXPIRED, { token: EXPIRED, userId: admin.id, expiresAtMs: 0 });
  });
  after(async () => sim.close());

  const env = (token = ACCESS): NodeJS.ProcessEnv => ({ MSADS_ACCESS_TOKEN: token, MSADS_DEVELOPER_TOKEN: DEVELOPER, MSADS_ENDPOINT: sim.endpoint });
  const factory = (c: CliConnection): ClientLinksService =>
    createClientLinksService({
      endpoint: c.endpoint,
      protocol: c.protocol,
      developerToken: () => Promise.resolve(c.developerToken),
      tokenSource: { getAccessToken: ({ forceRefresh }) => (forceRefresh ? Promise.reject(new Error(`refresh refused for ${c.accessToken}`)) : Promise.resolve(c.accessToken)) },
      retry: FAST_RETRY,
      timeoutMs: 500,
    });
  const cli = async (argv: string[], e = env(), f: ((c: CliConnection) => ClientLinksService) | undefined = factory): Promise<number> => {
    const code = await runCli(argv, e, { out: (t) => written.push(t), err: (t) => written.push(t) }, f);
    return code;
  };

  for (const protocol of PROTOCOLS) {
    it(`CLI ${overProtocol(protocol)}: no token in the output of any command, successful or failing`, async () => {
      const before = written.length;
      const api = apiFlag(protocol);
      const run = (argv: string[], e = env()): Promise<number> => cli([...argv, ...api], e);
      assert.equal(await run(['whoami']), 0);
      assert.equal(await run(['whoami', '--json']), 0);
      assert.equal(await run(['list']), 0);
      assert.equal(await run(['list', '--json']), 0);
      const account = sim.seed.invitableAccounts[protocol === 'soap' ? 0 : 1]!;
      assert.equal(await run(['invite', '--account-id', account.id, '--bill-to-client', '--name', `name ${DEVELOPER.slice(0, 5)}`, '--json']), 0);
      for (const fault of ['internalError', 'http500', 'malformed', 'truncated', 'unknownFault', 'throttle', 'invalidToken'] as const) {
        sim.control.injectFault({ operation: 'GetUser', fault, count: 10 });
        assert.notEqual(await run(['whoami']), 0, fault);
        sim.control.clearFaults();
      }
      sim.control.injectFault({ operation: 'UpdateClientLinks', fault: 'internalError', count: 10 });
      await run(['cancel', '--all']);
      sim.control.clearFaults();
      assert.notEqual(await run(['list'], env(EXPIRED)), 0, 'expired token');
      assert.notEqual(await run(['list'], { ...env(), MSADS_DEVELOPER_TOKEN: `${DEVELOPER}-wrong` }), 0, 'wrong developer token');
      assert.equal(await run(['list', '--endpoint', `http://user:${DEVELOPER}@example.com/svc`]), 2, 'credentials in an endpoint are refused');
      assert.equal(sim.control.callLog().at(-1)?.protocol, protocol, `the calls went over ${protocol.toUpperCase()}`);
      const text = written.slice(before).join('\n');
      assert.ok(text.length > 1000, 'something was written');
      assertNoSecrets(text, [...SECRETS, `${DEVELOPER}-wrong`], 'CLI output');
    });
  }

  for (const protocol of PROTOCOLS) {
    it(`a gateway that echoes the request (its headers and body) into its error page ${overProtocol(protocol)}: masked in errors, CLI output and logs`, async () => {
      // What a debugging proxy shows: the request's headers as "name: value" lines, then the body.
      // SOAP: the tokens are in the envelope (AuthenticationToken, DeveloperToken elements); REST:
      // in the Authorization and DeveloperToken headers.
      const seen: string[] = [];
      const echo = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          seen.push(`${Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\n')}\n${body}`);
          res.writeHead(502, { 'content-type': 'text/html' });
          res.end(`<html><body>Bad gateway. Request was:\n${seen.at(-1) ?? ''}</body></html>`);
        });
      });
      await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
      const port = (echo.address() as { port: number }).port;
      const endpoint = `http://127.0.0.1:${port}/svc`;
      try {
        const events: unknown[] = [];
        const service = createClientLinksService({
          endpoint,
          protocol,
          developerToken: () => Promise.resolve(DEVELOPER),
          tokenSource: { getAccessToken: () => Promise.resolve(ACCESS) },
          retry: { maxAttempts: 1 },
          observer: { onCall: (e) => events.push(e), onRetry: (e) => events.push(e) },
        });
        let error: unknown;
        await service.getUser().catch((e: unknown) => (error = e));
        assert.ok(error instanceof ClientLinksError);
        // The gateway did receive both tokens, where the protocol carries them.
        assert.ok(seen[0]?.includes(ACCESS) && seen[0].includes(DEVELOPER), 'the echo holds both tokens');
        if (protocol === 'rest') {
          assert.match(seen[0] ?? '', new RegExp(`^authorization: Bearer ${ACCESS}$`, 'm'));
          assert.match(seen[0] ?? '', new RegExp(`^developertoken: ${DEVELOPER}$`, 'm'));
        }
        assertNoSecrets(userMessage(error) + dump(error) + dump(events), SECRETS, 'the error and the log of an echoing gateway');
        const before = written.length;
        assert.equal(await cli(['whoami', '--endpoint', endpoint, ...apiFlag(protocol)], env(), undefined), 1);
        assertNoSecrets(written.slice(before).join('\n'), SECRETS, 'CLI output with an echoing gateway');
      } finally {
        await new Promise<void>((r) => echo.close(() => r()));
      }
    });
  }

  for (const protocol of PROTOCOLS) {
    it(`core ${overProtocol(protocol)}: store events, observer events, errors, history and exports carry no token`, async () => {
      const logged: unknown[] = [];
      let token = ACCESS;
      const service = createClientLinksService({
        endpoint: sim.endpoint,
        protocol,
        developerToken: () => Promise.resolve(DEVELOPER),
        tokenSource: { getAccessToken: ({ forceRefresh }) => Promise.resolve(forceRefresh ? ACCESS : token) },
        retry: FAST_RETRY,
        timeoutMs: 300,
        observer: { onCall: (e) => logged.push(e), onRetry: (e) => logged.push(e) },
      });
      const store = new LinkStore();
      const events: StoreEvent[] = [];
      store.onDidChange((e) => events.push(e));
      store.startSession(() => Promise.resolve(service));
      await store.refresh();
      const errors: unknown[] = [];
      for (const fault of ['internalError', 'http503', 'hang', 'malformed', 'unknownFault', 'expiredToken'] as const) {
        sim.control.injectFault({ operation: 'SearchClientLinks', fault, count: 10 });
        await store.refresh().catch((e: unknown) => errors.push(e));
        sim.control.clearFaults();
      }
      token = EXPIRED; // renewed to ACCESS on 109
      await store.refresh();
      sim.control.injectFault({ operation: 'AddClientLinks', fault: 'internalError', count: 1 });
      const result = await store.invite([{ Type: 'AccountLink', ClientEntityId: sim.seed.invitableAccounts[protocol === 'soap' ? 2 : 3]!.id, IsBillToClient: true }]);
      errors.push(...result.outcomes.map((o) => o.error));
      const everything = [
        dump(events),
        dump(logged),
        dump(errors),
        errors.map((e) => userMessage(e)).join('\n'),
        dump([...store.history]),
        dump(store.lastFailed),
        exportLinks(store.links, 'csv'),
        exportLinks(store.links, 'json'),
      ].join('\n');
      assert.ok(errors.length >= 6);
      assertNoSecrets(everything, SECRETS, 'store events, observer events, errors, history or exports');
      assert.equal(sim.control.callLog().at(-1)?.protocol, protocol, `the calls went over ${protocol.toUpperCase()}`);
    });
  }

  it('the Redactor masks known secrets and token shapes, including a cut-off SOAP header', () => {
    const r = new Redactor();
    r.add(DEVELOPER);
    const text = `x ${DEVELOPER} y ${ACCESS} <h:AuthenticationToken xmlns:h="u">opaque-secret-value</h:AuthenticationToken> <DeveloperToken>cut-off-secret-val`;
    const out = r.redact(text);
    assertNoSecrets(out, [DEVELOPER, ACCESS, 'opaque-secret-value', 'cut-off-secret-val'], 'redacted text');
    assert.match(out, /\[redacted\]/);
  });

  it('results files written by this suite carry no token (SOAP and REST runs)', () => {
    const dir = RESULTS_DIR;
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('reliability')) : [];
    // Every per-protocol result file has its REST twin (when the files were written at all: a --grep run may skip them).
    for (const f of files.filter((x) => x.endsWith('-soap.json'))) {
      assert.ok(files.includes(f.replace(/-soap\.json$/, '-rest.json')), `${f} has a REST counterpart`);
    }
    const simTokens = sim.users.map((u) => u.accessToken);
    for (const f of files) {
      assertNoSecrets(fs.readFileSync(path.join(dir, f), 'utf8'), [...SECRETS, ...simTokens, 'BBD37VB98'], f);
    }
  });

  describe('settings and storage', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { type: string }> } } };

    it('no setting holds a secret (token, secret, password, key)', () => {
      const names = Object.keys(pkg.contributes.configuration.properties);
      assert.ok(names.length > 5);
      assert.deepEqual(names.filter((n) => /token|secret|password|key|credential/i.test(n)), []);
    });

    it('the developer token is stored only in SecretStorage; no source writes a token to settings or globalState', () => {
      const src = path.join(repoRoot, 'src', 'extension');
      const files: string[] = [];
      const walk = (d: string): void => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) {
            walk(p);
          } else if (p.endsWith('.ts')) {
            files.push(p);
          }
        }
      };
      walk(src);
      const all = files.map((f) => [f, fs.readFileSync(f, 'utf8')] as const);
      const store = all.find(([f]) => f.endsWith('developerTokenStore.ts'));
      assert.ok(store && /secrets\.store\(/.test(store[1]), 'developerTokenStore uses SecretStorage');
      for (const [f, text] of all) {
        assert.doesNotMatch(text, /(globalState|workspaceState)\.update\([^)]*[Tt]oken/, `${f} keeps a token in extension state`);
        assert.doesNotMatch(text, /getConfiguration\([^)]*\)\.update\([^)]*[Tt]oken/, `${f} writes a token to settings`);
      }
    });

    it('two webviews, each locked down: Link Details (no local files, only its own nonce\'d style and script) and the Overview (only the media folder, only its own files), service text escaped', () => {
      const grep = (d: string): string[] =>
        fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? grep(path.join(d, e.name)) : e.name.endsWith('.ts') && /createWebviewPanel|registerWebviewViewProvider|WebviewPanel/.test(fs.readFileSync(path.join(d, e.name), 'utf8')) ? [path.join(d, e.name)] : []));
      assert.deepEqual(grep(path.join(repoRoot, 'src')).sort(), [path.join(repoRoot, 'src', 'extension', 'details', 'linkDetailsPanel.ts'), path.join(repoRoot, 'src', 'extension', 'overview', 'overviewPanel.ts')].sort());
      const panel = fs.readFileSync(path.join(repoRoot, 'src', 'extension', 'details', 'linkDetailsPanel.ts'), 'utf8');
      assert.match(panel, /localResourceRoots: \[\]/, 'no local files reachable from the page');
      assert.doesNotMatch(panel, /enableCommandUris|retainContextWhenHidden/);
      const csp = contentSecurityPolicy('N0nce');
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'nonce-N0nce'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:|\*/);
      const html = linkDetailsHtml(
        linkFacts({ link: { ClientEntityName: '<img src=x onerror=alert(1)>', Note: '"><script>alert(2)</script>', ClientEntityId: '1', Status: 'LinkPending' }, times: new TimeFormatter({ locale: 'en-US', timeZone: 'UTC' }) }),
        'N0nce',
        ENGLISH_DETAILS_WORDS,
      );
      assert.doesNotMatch(html, /<img|<script>alert|<[a-z][^>]*\son\w+=/i, 'service text is text, never markup or a handler');
      assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
      assert.equal((html.match(/<script/g) ?? []).length, 1, 'only the page\'s own script');
      assertNoSecrets(html, [ACCESS], 'the Link Details page');
      // The Overview: local files from media/ only, scripts and styles only from there (no inline code at all).
      const overview = fs.readFileSync(path.join(repoRoot, 'src', 'extension', 'overview', 'overviewPanel.ts'), 'utf8');
      assert.match(overview, /localResourceRoots: \[this\.mediaRoot\]/, 'only the media folder reachable from the page');
      assert.doesNotMatch(overview, /enableCommandUris|retainContextWhenHidden/);
      const overviewCsp = overviewContentSecurityPolicy('vscode-webview-resource:');
      assert.match(overviewCsp, /^default-src 'none'; style-src vscode-webview-resource:; script-src vscode-webview-resource:;/);
      assert.doesNotMatch(overviewCsp, /unsafe-inline|unsafe-eval|nonce|https?:|\*/);
      const link = { ClientEntityName: '<img src=x onerror=alert(1)>', ClientEntityId: '1', ManagingCustomerId: '2', Type: 'AccountLink' as const, Status: 'LinkAccepted' as const };
      const page = overviewHtml(
        overviewModel({ links: [link], expiringDays: 7, expiring: [], stuckHours: 24, stuck: [{ link, since: 0 }], activity: [{ key: '2:AccountLink:1', to: 'Active', at: 0, ours: false }] }),
        { cspSource: 'vscode-webview-resource:', styleUri: 'vscode-webview-resource:/media/overview.css', scriptUri: 'vscode-webview-resource:/media/overview.js' },
        new TimeFormatter({ locale: 'en-US', timeZone: 'UTC' }),
        ENGLISH_OVERVIEW_WORDS,
      );
      assert.doesNotMatch(page.replace(/"[^"]*"/g, '""'), /<img|<script>alert|<[a-z][^>]*\son\w+=/i, 'service text is text, never markup or a handler');
      assert.deepEqual(page.match(/<script[^>]*>/g), ['<script src="vscode-webview-resource:/media/overview.js">'], 'only the extension\'s own script file');
      assertNoSecrets(page, [ACCESS], 'the Overview page');
    });
  });

  describe('endpoints: https only, http on loopback only', () => {
    const refused = [
      'http://example.com/svc',
      'http://clientcenter.api.bingads.microsoft.com/Api/CustomerManagement/v13/CustomerManagementService.svc',
      'http://0.0.0.0:8080/svc',
      'http://10.0.0.5/svc',
      'http://localhost.evil.example/svc',
      'http://127.0.0.1.nip.io/svc',
      'http://localhost@evil.example/svc',
      'http://[::ffff:7f00:1]/svc',
      'ftp://127.0.0.1/svc',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pass@clientcenter.api.bingads.microsoft.com/svc',
      'http://user:pass@127.0.0.1/svc',
      'not a url',
    ];
    for (const url of refused) {
      it(`refuses ${url}`, () => {
        assert.throws(() => resolveEndpoint('production', url), ConfigError);
      });
    }
    const allowed = ['https://clientcenter.api.sandbox.bingads.microsoft.com/x.svc', 'http://127.0.0.1:8080/svc', 'http://localhost:1/svc', 'http://[::1]:9/svc', 'http://127.1.2.3/svc', 'HTTP://LOCALHOST/svc'];
    for (const url of allowed) {
      it(`accepts ${url}`, () => {
        assert.doesNotThrow(() => resolveEndpoint('production', url));
      });
    }
  });
});

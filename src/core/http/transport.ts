/**
 * One HTTP exchange (a SOAP envelope POSTed, or a REST call's JSON with its verb), with a
 * per-request timeout and AbortSignal cancellation, returning the raw status, the headers the
 * protocols read and the body whatever the status. Shared by both wire protocols. Failures become typed errors: connection
 * refused/reset/DNS → NetworkError (with the errno code), timeout → TimeoutError, abort →
 * CancelledError. Connections are kept alive and reused per transport (one per service instance).
 */
import * as http from 'node:http';
import type * as httpsModule from 'node:https';
import type * as zlibModule from 'node:zlib';
import { CancelledError, NetworkError, TimeoutError, type ClientLinksError } from '../errors';

export interface HttpRequest {
  /** Default POST. */
  method?: 'POST' | 'PUT';
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** For error messages only. */
  operation: string;
}

/** What came back, whatever the status. */
export interface RawResponse {
  status: number;
  body: string;
  /** The response headers the protocols read, by lower-case name (`trackingid`, `retry-after`, `content-type`). */
  headers?: Readonly<Record<string, string | undefined>>;
}

/** Response headers kept on a RawResponse: nothing else of the answer's headers is read. */
const KEPT_HEADERS = ['trackingid', 'retry-after', 'content-type'] as const;

function keptHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const kept: Record<string, string | undefined> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    kept[name] = Array.isArray(value) ? value[0] : value;
  }
  return kept;
}

export interface Transport {
  send(request: HttpRequest): Promise<RawResponse>;
  close(): void;
}

/** Error codes that mean the connection was never established: the request cannot have been processed. */
export { NOT_CONNECTED_CODES } from '../errors';

function describeNetworkFailure(code: string | undefined, url: URL): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Connection refused by ${url.host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot resolve ${url.hostname}`;
    case 'ECONNRESET':
      return `The connection to ${url.host} was reset`;
    case undefined:
      return `Network error talking to ${url.host}`;
    default:
      return `Network error talking to ${url.host}${code ? ` (${code})` : ''}`;
  }
}

/**
 * node:https (with tls) and node:zlib are loaded when first needed: a CLI process talking to the
 * simulator over http with uncompressed answers never pays for them (a few ms of its cold start).
 */
let httpsLoaded: typeof httpsModule | undefined;
let zlibLoaded: typeof zlibModule | undefined;
function https(): typeof httpsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (httpsLoaded ??= require('node:https') as typeof httpsModule);
}
function zlib(): typeof zlibModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (zlibLoaded ??= require('node:zlib') as typeof zlibModule);
}

/**
 * UTF-8 bytes to text. A TextDecoder rather than Buffer#toString: the same result (malformed
 * sequences become U+FFFD; the XML reader skips a leading BOM either way), as fast in plain Node,
 * and 3-4x faster in VS Code's extension host, where decoding was the largest single cost of a
 * 10,000-link listing (BENCHMARKS.md, figure 5).
 */
const utf8 = new TextDecoder('utf-8');

function decodeBody(buffer: Buffer, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case 'gzip':
      return utf8.decode(zlib().gunzipSync(buffer));
    case 'deflate':
      return utf8.decode(zlib().inflateSync(buffer));
    case 'br':
      return utf8.decode(zlib().brotliDecompressSync(buffer));
    case undefined: // no Content-Encoding
    default: // identity, or one we do not know: read as is
      return utf8.decode(buffer);
  }
}

export class NodeHttpTransport implements Transport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private httpsAgent: httpsModule.Agent | undefined;

  send(request: HttpRequest): Promise<RawResponse> {
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    const operation = request.operation;
    if (request.signal?.aborted) {
      return Promise.reject(new CancelledError({ operation }));
    }
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      const body = Buffer.from(request.body, 'utf8');
      const options: http.RequestOptions = {
        method: request.method ?? 'POST',
        agent: isHttps ? (this.httpsAgent ??= new (https().Agent)({ keepAlive: true, maxSockets: 16 })) : this.httpAgent,
        headers: { ...request.headers, 'Content-Length': String(body.length), 'Accept-Encoding': 'gzip, deflate' },
      };
      const req = isHttps ? https().request(url, options) : http.request(url, options);

      const finish = (error: ClientLinksError | undefined, response?: RawResponse): void => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        if (error) {
          req.destroy();
          reject(error);
        } else {
          resolve(response as RawResponse);
        }
      };
      const onAbort = (): void => finish(new CancelledError({ operation }));
      const timer = setTimeout(() => finish(new TimeoutError(request.timeoutMs, { operation })), request.timeoutMs);
      request.signal?.addEventListener('abort', onAbort, { once: true });

      req.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? (e.message === 'socket hang up' ? 'ECONNRESET' : undefined);
        finish(new NetworkError(describeNetworkFailure(code, url), code, { operation, cause: e }));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (e: NodeJS.ErrnoException) => finish(new NetworkError(describeNetworkFailure(e.code ?? 'ECONNRESET', url), e.code ?? 'ECONNRESET', { operation, cause: e })));
        res.on('aborted', () => finish(new NetworkError(describeNetworkFailure('ECONNRESET', url), 'ECONNRESET', { operation })));
        res.on('end', () => {
          let text: string;
          try {
            text = decodeBody(Buffer.concat(chunks), res.headers['content-encoding']);
          } catch (e) {
            text = `<!-- undecodable ${String(res.headers['content-encoding'])} body: ${(e as Error).message} -->`;
          }
          finish(undefined, { status: res.statusCode ?? 0, body: text, headers: keptHeaders(res.headers) });
        });
      });
      req.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent?.destroy();
  }
}

/**
 * A Transport that records every HttpRequest and answers from a handler, for the REST adapter's
 * tests: no sockets, the request exactly as the client built it (verb, URL, headers, body).
 */
import type { HttpRequest, RawResponse, Transport } from '../../../src/core/http/transport';

export interface FakeAnswer {
  /** Default 200. */
  status?: number;
  /** A string is sent as is; anything else as JSON. Default `{}`. */
  body?: unknown;
  /** Response headers by lower-case name; `content-type` defaults to JSON, `trackingid` to `tid-<n>`. */
  headers?: Record<string, string | undefined>;
}

/** `n` counts the requests sent so far, this one included (1-based). */
export type FakeHandler = (request: HttpRequest, n: number) => FakeAnswer;

export const REST_BASE = 'https://clientcenter.api.sandbox.bingads.microsoft.com';

export class FakeTransport implements Transport {
  readonly requests: HttpRequest[] = [];
  closed = false;

  constructor(public handler: FakeHandler = () => ({ body: {} })) {}

  send(request: HttpRequest): Promise<RawResponse> {
    this.requests.push(request);
    const answer = this.handler(request, this.requests.length);
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
    return Promise.resolve({
      status: answer.status ?? 200,
      body,
      headers: { 'content-type': 'application/json; charset=utf-8', trackingid: `tid-${this.requests.length}`, ...answer.headers },
    });
  }

  close(): void {
    this.closed = true;
  }

  /** The parsed JSON body of the request at `index` (0-based; default the last). */
  bodyOf(index = this.requests.length - 1): unknown {
    const request = this.requests[index];
    if (!request) {
      throw new Error(`no request #${index} (${this.requests.length} sent)`);
    }
    return JSON.parse(request.body) as unknown;
  }
}

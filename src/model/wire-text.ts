/** A request that carried the token, as the browser saw it, and how the Session panel and the outcomes say it. */
export interface WireExchange {
  method: string;
  /** host[:port] of the request. */
  host: string;
  /** The URL's path without its query, the token's signature replaced by "…" wherever it stood. */
  path: string;
  /** Where the token travelled. */
  carried: 'url' | 'header' | 'body';
  /** The HTTP status of the answer; undefined while waiting, or when no answer came. */
  status?: number;
  /** The browser's network error (net::ERR_…), when the request failed without an answer. */
  failed?: string;
  /** When the request was sent (Unix ms). */
  at: number;
  /** How long the answer took, in ms. */
  ms?: number;
}

/** "POST 127.0.0.1:4101/api/ping → HTTP 401 (35 ms)": one line for the Session panel and reports. */
export function describeExchange(e: WireExchange): string {
  const answer = e.status !== undefined ? `HTTP ${e.status}` : e.failed !== undefined ? `failed: ${e.failed}` : 'no answer yet';
  return `${e.method} ${e.host}${e.path} → ${answer}${e.ms !== undefined ? ` (${e.ms} ms)` : ''}`;
}

/** "HTTP 401 from 127.0.0.1:4101": the server's answer in a sentence. */
export function answerFrom(e: WireExchange): string {
  return e.status !== undefined ? `HTTP ${e.status} from ${e.host}` : `no answer from ${e.host} (${e.failed ?? 'the request failed'})`;
}

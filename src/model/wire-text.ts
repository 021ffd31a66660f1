/** Why an origin may speak for the vendor (model/api-origin). */
export type EvidenceSource = 'vendor' | 'environment' | 'page';

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
  /** Which of the vendor's API origins it went to; absent: another host, never evidence. */
  source?: EvidenceSource;
  /** A service worker of the page answered, not a server: never evidence. */
  serviceWorker?: true;
}

/** "POST 127.0.0.1:4101/api/ping → HTTP 401 (35 ms)": one line for the Session panel and reports. */
export function describeExchange(e: WireExchange): string {
  const answer = e.status !== undefined ? `HTTP ${e.status}${e.serviceWorker ? ' from a service worker of the page' : ''}` : e.failed !== undefined ? `failed: ${e.failed}` : 'no answer yet';
  return `${e.method} ${e.host}${e.path} → ${answer}${e.ms !== undefined ? ` (${e.ms} ms)` : ''}`;
}

const SOURCE_WORDS: Record<EvidenceSource, string> = { vendor: '', environment: ", this environment's API origin", page: ', the API origin the page names' };

/** "HTTP 401 from 127.0.0.1:4101, this environment's API origin": the server's answer in a sentence, and whose host it is when not the vendor's own. */
export function answerFrom(e: WireExchange): string {
  const whose = e.source ? SOURCE_WORDS[e.source] : '';
  return e.status !== undefined ? `HTTP ${e.status} from ${e.host}${whose}` : `no answer from ${e.host}${whose} (${e.failed ?? 'the request failed'})`;
}

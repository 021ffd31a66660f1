/**
 * The vendor's server is the evidence: every chat widget sends the token to its vendor's API
 * from the page under test, and the HTTP answer to the request that carried it is the vendor's
 * decision, whatever the widget's callbacks and flags say. This module is the pure half: how a
 * request is recognised as carrying a token, and what of it is kept (never its body, never the
 * token's signature). page-bridge/wire-watch.ts feeds it the browser's webRequest events; model/wire-text
 * says an exchange in words (small: the popup's first paint shows it).
 */
import type { WireExchange } from './wire-text';

export type { WireExchange };

/** What the extension could see of the page's traffic while a command ran. */
export interface WireReport {
  /** The requests that carried the token to the vendor's API origins, oldest first (at most WIRE_LIMITS.exchanges). */
  exchanges: WireExchange[];
  /**
   * Requests that carried the token to any other host (an analytics script forwarding it to the
   * site's own endpoint): never evidence, and a finding a tester wants. Capped on their own, so
   * they never crowd out the vendor's.
   */
  elsewhere: WireExchange[];
  /** False where the browser gave the extension no way to watch requests. */
  watched: boolean;
  /**
   * The vendor's API hosts the extension may not see (no host access): the reason a server's
   * answer can be missing. Empty when it has access to all of them.
   */
  hiddenHosts: string[];
}

export const WIRE_LIMITS = {
  /** Token-carrying requests to the vendor's origins kept per command. */
  exchanges: 10,
  /** Token-carrying requests to other hosts kept per command, and per host of those. */
  elsewhere: 10,
  elsewherePerHost: 3,
  /** Bytes of a request body searched for the token (the rest is not looked at). */
  bodyBytes: 512 * 1024,
  /** Characters of a path kept. */
  path: 120,
  /** Characters of a network error kept. */
  error: 120,
} as const;

/** The token's signature: the part a page cannot have made up, and the one never shown. */
export function signatureOf(token: string): string {
  const signature = token.slice(token.lastIndexOf('.') + 1);
  // An HS256 signature is 43 base64url characters: long enough that a match is no accident.
  return signature.length >= 32 ? signature : token;
}

const redact = (text: string, signature: string) => text.split(signature).join('…');

/** host[:port] and the path (no query, signature redacted, capped) of a request URL. */
export function placeOf(url: string, signature: string): { host: string; path: string } {
  try {
    const parsed = new URL(url);
    const path = redact(decodeURIComponent(parsed.pathname), signature);
    return { host: parsed.host, path: path.length > WIRE_LIMITS.path ? `${path.slice(0, WIRE_LIMITS.path - 1)}…` : path };
  } catch {
    return { host: '(unreadable URL)', path: '' };
  }
}

/**
 * The request headers as a watcher reports them: webRequest's list of name and value, or
 * Playwright's and Puppeteer's object of name to value.
 */
export type HeaderList = { name: string; value?: string }[] | Record<string, string> | undefined;

/** The request body as a watcher reports it: webRequest's requestBody, or the libraries' postData text. */
export interface BodyDetails {
  raw?: { bytes?: ArrayBuffer }[];
  formData?: Record<string, string[]>;
}

export function inUrl(url: string, signature: string): boolean {
  return url.includes(signature);
}

export function inHeaders(headers: HeaderList, signature: string): boolean {
  if (!headers) return false;
  const values = Array.isArray(headers) ? headers.map((h) => h.value) : Object.values(headers);
  return values.some((value) => typeof value === 'string' && value.includes(signature));
}

/**
 * The request a widget sends its credential in, known by method and path: for where the browser
 * shows an extension no request body (Chromium gives webRequest none for a PATCH), so the
 * credential in it cannot be looked for. Declared by a vendor (ChatVendor.credentialRequest).
 */
export interface CredentialRequest {
  /** `PATCH`. */
  method: string;
  /** The URL's path, exactly: `/api/v1/widget/contact/set_user`. */
  path: string;
}

/** Whether a request whose body the browser did not show is the vendor's credential request. */
export function isCredentialRequest(method: string, url: string, request: CredentialRequest | undefined): boolean {
  if (!request || method.toUpperCase() !== request.method.toUpperCase()) return false;
  try {
    return new URL(url).pathname === request.path;
  } catch {
    return false;
  }
}

/** Searches at most WIRE_LIMITS.bodyBytes of the body (characters, for text); nothing of it is kept. */
export function inBody(body: BodyDetails | string | null | undefined, signature: string): boolean {
  if (!body) return false;
  if (typeof body === 'string') return body.slice(0, WIRE_LIMITS.bodyBytes).includes(signature);
  if (body.formData) {
    for (const values of Object.values(body.formData)) if (values.some((v) => v.includes(signature))) return true;
  }
  let budget: number = WIRE_LIMITS.bodyBytes;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (const part of body.raw ?? []) {
    if (!part.bytes || budget <= 0) continue;
    const bytes = new Uint8Array(part.bytes, 0, Math.min(part.bytes.byteLength, budget));
    budget -= bytes.byteLength;
    if (decoder.decode(bytes).includes(signature)) return true;
  }
  return false;
}

/** An answer that is the vendor server's: from one of its API origins, and not a service worker's. */
export const fromServer = (e: WireExchange) => e.source !== undefined && !e.serviceWorker;
export const accepted = (e: WireExchange) => e.status !== undefined && e.status >= 200 && e.status < 300;
export const refused = (e: WireExchange) => e.status !== undefined && e.status >= 400 && e.status < 500;
export const answered = (e: WireExchange) => e.status !== undefined || e.failed !== undefined;

/**
 * The server's verdict on the token: among the vendor's origins' answers, the newest decides (a
 * widget that retries after a refusal and is then accepted was accepted); undefined when none
 * was answered. Another host's answer, or a service worker's, is never the verdict.
 */
export function verdictOf(exchanges: readonly WireExchange[]): WireExchange | undefined {
  return [...exchanges].reverse().find((e) => fromServer(e) && answered(e));
}


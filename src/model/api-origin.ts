/**
 * Whose answer may speak for the chat vendor. A login is the vendor's decision, so only its own
 * API origins' answers are evidence: the vendor's known hosts (its profile's match patterns),
 * the origins the environment lists as the vendor's API (a self-hosted server, a proxy, a test
 * server such as the simulator), and the origins the page's own widget configuration names
 * (an `api_base` setting). Any other host that receives the token (an analytics script
 * forwarding requests to the site's own `/collect`) is never evidence: it is a finding, listed
 * as such. The page's own origin counts only when the environment lists it. Pure.
 */
import { siteMatches } from '../sites/sites';
import type { EvidenceSource } from './wire-text';

export type { EvidenceSource };

/** The origins a wire watch takes the vendor's answer from (the page's are added as it names them). */
export interface ApiOrigins {
  /** Match patterns of the vendor's known API hosts (`https://*.example-chat.io/*`: its profile's apiHosts). */
  known: readonly string[];
  /** Origins (`https://chat.example.com`) the environment lists. */
  listed: readonly string[];
}

export const API_ORIGIN_LIMITS = {
  /** Origins an environment may list. */
  count: 10,
  /** Characters of one origin. */
  length: 200,
  /** Origins a page's answer may name. */
  named: 3,
} as const;

/** The origin of an http(s) URL, or undefined for anything else (a data: URL, garbage). */
export function httpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Which of the vendor's origins `url` goes to, or undefined: then its answer is not the vendor's. */
export function sourceOf(url: string, origins: ApiOrigins, named: ReadonlySet<string> = new Set()): EvidenceSource | undefined {
  const origin = httpOrigin(url);
  if (origin === undefined) return undefined;
  if (origins.known.some((pattern) => siteMatches(pattern, url))) return 'vendor';
  if (origins.listed.includes(origin)) return 'environment';
  if (named.has(origin)) return 'page';
  return undefined;
}

export type OriginsParse = { ok: true; origins: string[] } | { ok: false; error: string };

/**
 * Reads what a tester typed as API origins (one per line, or separated by commas or spaces):
 * http(s) origins only, normalised (`https://Chat.Example.com/` → `https://chat.example.com`).
 * A path, a query or a wildcard is refused with what to type instead.
 */
export function parseApiOrigins(text: string | readonly string[]): OriginsParse {
  const items = (typeof text === 'string' ? text.split(/[\s,]+/) : [...text]).map((s) => s.trim()).filter((s) => s !== '');
  const origins: string[] = [];
  for (const item of items) {
    if (item.length > API_ORIGIN_LIMITS.length) return { ok: false, error: `"${item.slice(0, 40)}…" is too long for an origin (at most ${API_ORIGIN_LIMITS.length} characters).` };
    if (item.includes('*')) return { ok: false, error: `"${item}": an API origin is one exact origin, without wildcards (the vendor's own hosts are known already).` };
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      return { ok: false, error: `"${item}" is not an origin: type it as https://chat.example.com (scheme, host and port).` };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: `"${item}": an API origin starts with https:// (or http://).` };
    if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      return { ok: false, error: `"${item}": an API origin is scheme, host and port only; type ${url.origin}.` };
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  if (origins.length > API_ORIGIN_LIMITS.count) return { ok: false, error: `At most ${API_ORIGIN_LIMITS.count} API origins.` };
  return { ok: true, origins };
}

/** Match patterns of the listed origins, for host permissions (`https://chat.example.com/*`). */
export const originPatterns = (origins: readonly string[]): string[] => origins.map((origin) => `${origin}/*`);

/**
 * What a tester types as an environment's sites, checked and normalised to match patterns
 * (`https://*.staging.example.com/*`): for the options page and imports. Matching a URL
 * against them is in sites/sites.ts, which the popup needs for its first paint; this is not.
 */
export type SiteParse = { ok: true; pattern: string } | { ok: false; error: string };

export interface SiteProblem {
  line: number;
  input: string;
  error: string;
}

const SCHEMES = new Set(['http', 'https', '*']);
/** Caps that keep matching cheap and patterns meaningful. */
export const SITE_LIMITS = { patternLength: 500, pathWildcards: 4 } as const;
// A host label list, or `*.` followed by one; IPv6 literals are not worth supporting here.
const HOST = /^(\*|(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*)$/;

/**
 * Why the browser would refuse a host (without `*.`), if it would. A host whose last label is
 * a number is read as an IPv4 address (WHATWG URL, as Chrome and Firefox do), so it must be
 * four numbers of 0 to 255; any other host must come out of the browser's URL parser as it
 * went in (no invalid punycode, nothing it would rewrite).
 */
export function hostProblem(host: string): string | undefined {
  if (host === '*') return undefined;
  const labels = host.split('.');
  if (/^(\d+|0x[0-9a-f]*)$/.test(labels[labels.length - 1] ?? '')) {
    const quad = labels.length === 4 && labels.every((l) => /^(0|[1-9]\d{0,2})$/.test(l) && Number(l) <= 255);
    return quad ? undefined : `${host} is not an IP address the browser can match: write four numbers of 0 to 255, as in 10.0.0.30.`;
  }
  try {
    if (new URL(`http://${host}/`).hostname === host) return undefined;
  } catch {
    // Refused outright: said below.
  }
  return `${host} is not a host name the browser can match: use letters, digits, dashes and dots, as in staging.example.com.`;
}

export function parseSite(raw: string): SiteParse {
  const input = raw.trim();
  if (input === '') return { ok: false, error: 'Empty line.' };
  if (input.length > SITE_LIMITS.patternLength) {
    return { ok: false, error: `Too long (${input.length} characters): a site pattern has at most ${SITE_LIMITS.patternLength}.` };
  }
  if (input.includes('**')) return { ok: false, error: 'Write one * instead of **: a single * already matches any run of characters.' };
  if (input === '<all_urls>' || /^\*:\/\/\*\/\*?$/.test(input)) {
    return { ok: false, error: 'Too broad: list the staging sites this environment covers.' };
  }
  const match = /^([a-z*]+):\/\/([^/]*)(\/.*)?$/i.exec(input);
  if (!match) {
    const example = /^[\w.-]+(:\d+)?$/.test(input) ? ` Did you mean https://${input} ?` : '';
    return {
      ok: false,
      error: `Not an origin or match pattern: start with http:// or https://.${example}`,
    };
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const authority = (match[2] ?? '').toLowerCase();
  const path = match[3] ?? '/*';
  if (!SCHEMES.has(scheme)) {
    return { ok: false, error: `Scheme "${scheme}" is not supported: use http or https.` };
  }
  if (authority.includes('@')) return { ok: false, error: 'Remove the user name from the address.' };
  const hostPort = /^(.*?)(?::(\d{1,5}|\*))?$/.exec(authority);
  const host = hostPort?.[1] ?? '';
  const port = hostPort?.[2];
  if (host === '') return { ok: false, error: 'The host is missing.' };
  if (!HOST.test(host)) {
    return {
      ok: false,
      error: 'Invalid host: a wildcard may only be the first label, as in https://*.example.com.',
    };
  }
  const hostError = hostProblem(host.startsWith('*.') ? host.slice(2) : host);
  if (hostError) return { ok: false, error: hostError };
  if (/^\*\.[a-z0-9-]+$/.test(host)) {
    return { ok: false, error: `Too broad: *.${host.slice(2)} covers every site under a top-level domain. Name the staging domain, as in https://*.staging.example.${host.slice(2)}.` };
  }
  if ((path.match(/\*/g)?.length ?? 0) > SITE_LIMITS.pathWildcards) {
    return { ok: false, error: `Too many wildcards in the path: at most ${SITE_LIMITS.pathWildcards}.` };
  }
  if (port !== undefined && port !== '*' && (Number(port) < 1 || Number(port) > 65535)) {
    return { ok: false, error: `Port ${port} is out of range.` };
  }
  // Chrome refuses a match pattern with both (found by registering patterns in Chromium).
  if (scheme === '*' && port !== undefined && port !== '*') {
    return { ok: false, error: `A port needs a scheme: write http:// or https:// before the host (the browser does not match *:// with port ${port}).` };
  }
  if (host === '*' && scheme !== '*' && path === '/*') {
    return { ok: false, error: 'Too broad: list the staging sites this environment covers.' };
  }
  // A path without a wildcard is read as a prefix ("https://x.com/app" covers /app/…), which
  // is what a tester means; an origin with a trailing slash means the whole site.
  const normalPath = path.includes('*') ? path : `${path}*`;
  const portPart = port === undefined || port === '*' ? (port === '*' ? ':*' : '') : `:${port}`;
  return { ok: true, pattern: `${scheme}://${host}${portPart}${normalPath}` };
}

/** Parses a textarea of sites, one per line; blank lines are ignored. */
export function parseSites(text: string): { patterns: string[]; problems: SiteProblem[] } {
  const patterns: string[] = [];
  const problems: SiteProblem[] = [];
  text.split(/\r?\n/).forEach((input, index) => {
    if (input.trim() === '') return;
    const parsed = parseSite(input);
    if (parsed.ok) {
      if (!patterns.includes(parsed.pattern)) patterns.push(parsed.pattern);
    } else {
      problems.push({ line: index + 1, input: input.trim(), error: parsed.error });
    }
  });
  return { patterns, problems };
}

/**
 * The sites an environment covers: origins or Chrome match patterns, normalised to match
 * patterns (`https://*.staging.example.com/*`) so one matcher serves both.
 */

export interface PatternParts {
  scheme: string;
  host: string;
  port: string | undefined;
  path: string;
}

export function splitPattern(pattern: string): PatternParts | undefined {
  const m = /^([a-z*]+):\/\/([^/:]+)(?::(\d+|\*))?(\/.*)$/.exec(pattern);
  if (!m) return undefined;
  return { scheme: m[1] ?? '', host: m[2] ?? '', port: m[3], path: m[4] ?? '/*' };
}

/**
 * A glob whose only wildcard is `*`, matched in linear time: the literal pieces between the
 * stars are found left to right, each at its first place. (A regular expression with a `.*`
 * per star backtracks, and a long URL set by the page under test would freeze the popup.)
 */
export function globMatches(glob: string, text: string): boolean {
  const pieces = glob.split('*');
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1] ?? '';
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    if (piece === '') continue;
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** True when `url` is covered by a normalised pattern. */
export function siteMatches(pattern: string, url: string): boolean {
  const parts = splitPattern(pattern);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!parts) return false;
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return false;
  if (parts.scheme !== '*' && parts.scheme !== scheme) return false;
  const host = parsed.hostname;
  if (parts.host !== '*') {
    if (parts.host.startsWith('*.')) {
      const base = parts.host.slice(2);
      if (host !== base && !host.endsWith(`.${base}`)) return false;
    } else if (parts.host !== host) {
      return false;
    }
  }
  if (parts.port !== undefined && parts.port !== '*') {
    const port = parsed.port || (scheme === 'https' ? '443' : '80');
    if (port !== parts.port) return false;
  }
  return globMatches(parts.path, parsed.pathname + parsed.search);
}

/** How specific a pattern is, so the narrowest environment wins when several match. */
export function specificity(pattern: string): number {
  const parts = splitPattern(pattern);
  if (!parts) return 0;
  let score = parts.host.replace(/^\*\.?/, '').length * 4;
  if (!parts.host.startsWith('*')) score += 1000;
  if (parts.port !== undefined && parts.port !== '*') score += 500;
  if (parts.scheme !== '*') score += 100;
  score += parts.path.replace(/\*/g, '').length;
  return score;
}

/**
 * The host permission to ask Chrome for. Chrome ignores ports in permission patterns and a
 * path narrower than /* buys nothing, so ask for the scheme and host only.
 */
export function permissionOrigins(patterns: string[]): string[] {
  const origins = new Set<string>();
  for (const pattern of patterns) {
    const parts = splitPattern(pattern);
    if (!parts) continue;
    origins.add(`${parts.scheme}://${parts.host}/*`);
  }
  return [...origins];
}

/** Hosts the manifest grants at install: no prompt is needed for these. */
export const GRANTED_HOSTS = ['localhost', '127.0.0.1'];

export function needsPermission(origin: string): boolean {
  const parts = splitPattern(origin);
  if (!parts) return true;
  return !(GRANTED_HOSTS.includes(parts.host) && parts.scheme === 'http');
}

/** The site part of a URL worth showing a tester: scheme, host and port. */
export function originOf(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : url;
  } catch {
    return url;
  }
}

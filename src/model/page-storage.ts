/**
 * The page's cookie and localStorage key NAMES (never their values), for the integration check's
 * "Logout forgets": a vendor's `sessionKeys` say which of them hold the customer's session. The
 * reader is sent into the page as source text (self-contained, JSON in and out) by both
 * ChatPage ports; its answer is page data, checked and capped here before anything reads it.
 */

export interface StorageNames {
  cookies: string[];
  localStorage: string[];
}

export const STORAGE_LIMITS = { names: 200, text: 200 } as const;

/**
 * Runs in the page: the names of its cookies (those its scripts can see, as the widget's own
 * code does) and localStorage keys. `origin`: where it may run (elsewhere it answers null).
 */
export function readStorageNames(origin: string | null, limits: { names: number; text: number }): { cookies: string[]; localStorage: string[] } | null {
  if (origin !== null && location.origin !== origin) return null;
  const cap = (names: string[]) => names.slice(0, limits.names).map((name) => name.slice(0, limits.text));
  const cookies = document.cookie
    .split(';')
    .map((part) => part.split('=')[0]?.trim() ?? '')
    .filter((name) => name !== '');
  const keys: string[] = [];
  try {
    for (let i = 0; i < localStorage.length && keys.length < limits.names; i++) {
      const key = localStorage.key(i);
      if (key !== null) keys.push(key);
    }
  } catch {
    // Storage the page may not use (blocked by the browser): nothing to list.
  }
  return { cookies: cap(cookies), localStorage: cap(keys) };
}

/** The page's answer as data: only lists of capped strings pass. */
export function storageNamesOf(raw: unknown): StorageNames | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const list = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, STORAGE_LIMITS.names).map((x) => x.slice(0, STORAGE_LIMITS.text)) : undefined;
  const cookies = list(r.cookies);
  const localStorage = list(r.localStorage);
  return cookies && localStorage ? { cookies, localStorage } : undefined;
}

/** Whether `name` is one the pattern names: exact, or a prefix with a trailing `*`, or a suffix with a leading `*`. */
export function namedBy(pattern: string, name: string): boolean {
  if (pattern.length > 1 && pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
  if (pattern.length > 1 && pattern.startsWith('*')) return name.endsWith(pattern.slice(1));
  return name === pattern;
}

/** The session keys (`sessionKeys`' patterns) the page still holds: "cookie x", "localStorage y". */
export function sessionKeysIn(keys: { cookies?: readonly string[]; localStorage?: readonly string[] }, names: StorageNames): string[] {
  const found: string[] = [];
  for (const name of names.cookies) if ((keys.cookies ?? []).some((p) => namedBy(p, name))) found.push(`cookie ${name}`);
  for (const name of names.localStorage) if ((keys.localStorage ?? []).some((p) => namedBy(p, name))) found.push(`localStorage ${name}`);
  return found;
}

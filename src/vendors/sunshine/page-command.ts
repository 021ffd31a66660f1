import type { PageContext, PageRequest, PageResult, ReadinessReport } from '../../model/protocol';

/**
 * Runs one session command against the page's Sunshine Conversations Web Messenger
 * (`window.Smooch`), in the page's main world. Sent as source text by `scripting.executeScript`:
 * self-contained (no imports, no closures over module scope), JSON in and out, nothing secret:
 * only a signed token.
 *
 * The loader snippet's stub `Smooch` has init but no login: the Messenger is ready once its own
 * code has replaced it (login is a function). `Smooch.login(externalId, jwt)` and
 * `Smooch.logout()` return promises: their resolution is the widget's word, never the evidence
 * (the server's answer to the request that carried the token is). A rejection without an HTTP
 * status is what the page sees of an answer without CORS headers (an expired token's 401).
 * The Messenger has no logged-in check and no conversation list: those answer `unsupported`.
 */
export async function runSunshineCommand(request: PageRequest, context: PageContext): Promise<PageResult> {
  if (context.origin !== undefined && location.origin !== context.origin) return { ok: false, problem: 'other-page' };
  // biome-ignore lint/suspicious/noExplicitAny: the page's globals are untyped by nature.
  const w = window as any;
  const deadline = Date.now() + request.timeoutMs;
  const capped = (value: string) => value.slice(0, context.limits.text);
  const OWN_LOGIN = Symbol.for('chat-identity-lab.own-login');

  const inspect = (): ReadinessReport => {
    const timing = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    let lastActivity = timing?.loadEventEnd ?? 0;
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (entry.responseEnd > lastActivity) lastActivity = entry.responseEnd;
    }
    const pageLoaded = document.readyState === 'complete';
    const report: ReadinessReport = { sdk: 'none', pageLoaded, quietMs: pageLoaded ? Math.max(0, Math.round(performance.now() - lastActivity)) : 0 };
    const smooch = w.Smooch;
    if (smooch && typeof smooch === 'object' && typeof smooch.login === 'function' && typeof smooch.logout === 'function') {
      report.sdk = 'loaded';
      report.started = 'widget';
    } else if (smooch && typeof smooch === 'object' && typeof smooch.init === 'function') report.sdk = 'loader';
    else if (smooch !== undefined) report.sdk = 'other';
    else if (document.querySelector('script[src*="cdn.smooch.io"]')) report.sdk = 'loader';
    return report;
  };

  const messageOf = (error: unknown) => {
    try {
      if (error && typeof error === 'object') {
        const e = error as Record<string, unknown>;
        const status = typeof e.status === 'number' ? `HTTP ${e.status}` : undefined;
        const parts = [typeof e.name === 'string' && e.name !== 'Error' ? e.name : undefined, typeof e.code === 'string' ? e.code : undefined, status, e.message].filter(
          (p) => typeof p === 'string' && p !== '',
        );
        if (parts.length > 0) return capped(parts.join(': '));
      }
      return capped(String(error));
    } catch {
      return 'an error that cannot be shown';
    }
  };

  type Settled = { kind: 'resolved' } | { kind: 'rejected'; error: unknown } | { kind: 'timeout' } | { kind: 'threw'; error: unknown };
  /** Runs one of the Messenger's promise calls, bounded by the request's deadline. */
  const settle = (call: () => unknown) =>
    new Promise<Settled>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, deadline - Date.now()));
      try {
        Promise.resolve(call()).then(
          () => {
            clearTimeout(timer);
            resolve({ kind: 'resolved' });
          },
          (error: unknown) => {
            clearTimeout(timer);
            resolve({ kind: 'rejected', error });
          },
        );
      } catch (error) {
        clearTimeout(timer);
        resolve({ kind: 'threw', error });
      }
    });
  const failure = (settled: Settled, call: 'login' | 'logout'): PageResult => {
    if (settled.kind === 'timeout') return { ok: false, problem: 'sdk-timeout', call, waitedMs: request.timeoutMs };
    if (settled.kind === 'threw') return { ok: false, problem: 'sdk-threw', call, message: messageOf(settled.error) };
    return { ok: false, problem: 'sdk-error', call, message: messageOf((settled as { error?: unknown }).error) };
  };
  const currentUser = (): string | undefined => {
    try {
      const user = w.Smooch.getUser?.();
      const id = user && typeof user === 'object' ? (user.externalId ?? user.userId) : undefined;
      return typeof id === 'string' ? id : undefined;
    } catch {
      return undefined;
    }
  };

  if (request.command === 'inspect') return { ok: true, command: 'inspect', report: inspect() };
  const readiness = inspect();
  if (readiness.started !== 'widget') return { ok: false, problem: 'not-ready', report: readiness };
  const smooch = w.Smooch;

  if (request.command === 'logout') {
    const settled = await settle(() => smooch.logout());
    return settled.kind === 'resolved' ? { ok: true, command: 'logout', ready: 'widget' } : failure(settled, 'logout');
  }
  if (request.command !== 'login') return { ok: false, problem: 'unsupported' };
  const externalId = request.identity.external_id ?? ('externalId' in request.lookup ? request.lookup.externalId : undefined);
  if (typeof externalId !== 'string') return { ok: false, problem: 'sdk-threw', call: 'login', message: 'The identity has no external_id to pass to Smooch.login.' };

  // A switch: the Messenger's login would name the previous user's appUser beside the new one,
  // so the previous customer is logged out first (logout answers when it has taken effect).
  let loggedOutPrevious = false;
  const before = currentUser();
  if (request.previous && before !== undefined && before !== externalId) {
    const out = await settle(() => smooch.logout());
    if (out.kind !== 'resolved') return failure(out, 'logout');
    loggedOutPrevious = true;
  }
  // Marked as the extension's own while the call starts, so the login observer does not list it.
  w[OWN_LOGIN] = true;
  let settled: Settled;
  try {
    settled = await settle(() => {
      try {
        return smooch.login(externalId, request.credential.value);
      } finally {
        w[OWN_LOGIN] = false;
      }
    });
  } finally {
    w[OWN_LOGIN] = false;
  }
  if (settled.kind !== 'resolved') return failure(settled, 'login');
  // The appUser id the widget now holds (getUser()._id): the server's id for the customer, so a
  // check can tell when later requests still name this customer by it.
  let appUser: unknown;
  try {
    appUser = w.Smooch.getUser?.()?._id;
  } catch {
    appUser = undefined;
  }
  const customerId = typeof appUser === 'string' && appUser !== '' ? { customerId: capped(appUser) } : {};
  return { ok: true, command: 'login', loggedIn: true, said: 'callback', response: { externalId: capped(externalId), ...customerId }, loggedOutPrevious, ready: 'widget' };
}

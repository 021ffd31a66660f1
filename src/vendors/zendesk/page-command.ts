import type { PageContext, PageRequest, PageResult, ReadinessReport } from '../../model/protocol';

/**
 * Runs one session command against the page's Zendesk Messaging widget (`window.zE`), in the
 * page's main world. Sent as source text by `scripting.executeScript`: self-contained (no
 * imports, no closures over module scope), JSON in and out, nothing secret: only a signed token.
 *
 * zE queues calls until the widget has booted, so it is ready as soon as it exists. Builds
 * whose loginUser never calls loginCallback exist (the callback is a recent addition): the
 * extension then settles on the answer to the request that carried the token.
 * The widget has no logged-in check and no conversation list: those answer `unsupported`.
 */
export async function runZendeskCommand(request: PageRequest, context: PageContext): Promise<PageResult> {
  if (context.origin !== undefined && location.origin !== context.origin) return { ok: false, problem: 'other-page' };
  // biome-ignore lint/suspicious/noExplicitAny: the page's globals are untyped by nature.
  const w = window as any;
  const deadline = Date.now() + request.timeoutMs;
  const capped = (value: string) => value.slice(0, context.limits.text);
  const OWN = Symbol.for('chat-identity-lab.own-login');

  const inspect = (): ReadinessReport => {
    const timing = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    let lastActivity = timing?.loadEventEnd ?? 0;
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (entry.responseEnd > lastActivity) lastActivity = entry.responseEnd;
    }
    const pageLoaded = document.readyState === 'complete';
    const report: ReadinessReport = {
      sdk: 'none',
      pageLoaded,
      quietMs: pageLoaded ? Math.max(0, Math.round(performance.now() - lastActivity)) : 0,
    };
    if (typeof w.zE === 'function') {
      report.sdk = 'loaded';
      report.started = 'widget';
    } else if (w.zE !== undefined) report.sdk = 'other';
    else if (document.querySelector('script#ze-snippet, script[src*="/ekr/snippet.js"]')) report.sdk = 'loader';
    return report;
  };

  if (request.command === 'inspect') return { ok: true, command: 'inspect', report: inspect() };
  const readiness = inspect();
  if (readiness.started !== 'widget') return { ok: false, problem: 'not-ready', report: readiness };
  const zE = w.zE;

  if (request.command === 'logout') {
    try {
      zE('messenger', 'logoutUser');
    } catch (error) {
      return { ok: false, problem: 'sdk-threw', call: 'logout', message: capped(String((error as Error)?.message ?? error)) };
    }
    // logoutUser takes no callback: nothing here says when it has taken effect. The extension
    // waits for the answer to the request it causes before it logs anyone else in.
    return { ok: true, command: 'logout', ready: 'widget', pending: true };
  }
  if (request.command === 'forget-device') {
    // resetWidget (newer builds) clears all the widget's local state: the device forgets everything.
    const reset = await new Promise<'done' | 'timeout' | unknown>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
      try {
        zE('messenger', 'resetWidget', () => {
          clearTimeout(timer);
          resolve('done');
        });
      } catch (error) {
        clearTimeout(timer);
        resolve(error);
      }
    });
    if (reset === 'timeout') return { ok: false, problem: 'sdk-timeout', call: 'logout', waitedMs: request.timeoutMs };
    if (reset !== 'done') return { ok: false, problem: 'sdk-threw', call: 'logout', message: capped(String((reset as Error)?.message ?? reset)) };
    return { ok: true, command: 'forget-device', removedKeys: [], ready: 'widget' };
  }
  if (request.command !== 'login') return { ok: false, problem: 'unsupported' };
  // A switch is done by the extension: logout first (see above), then this login.
  const loggedOutPrevious = false;

  type Answer = { kind: 'answer'; error: unknown } | { kind: 'timeout' } | { kind: 'threw'; error: unknown };
  const answer = await new Promise<Answer>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, deadline - Date.now()));
    const token = request.credential.value;
    // The widget asks for the token through this callback (again later, when it wants a
    // fresh one). Marked as the extension's own, so the login observer does not list it.
    const jwtCallback = (callback: (jwt: string) => void) => callback(token);
    (jwtCallback as unknown as Record<symbol, boolean>)[OWN] = true;
    try {
      zE('messenger', 'loginUser', jwtCallback, (error: unknown) => {
        clearTimeout(timer);
        resolve({ kind: 'answer', error });
      });
    } catch (error) {
      clearTimeout(timer);
      resolve({ kind: 'threw', error });
    }
  });
  const messageOf = (error: unknown) => {
    try {
      if (error && typeof error === 'object') {
        const e = error as Record<string, unknown>;
        const parts = [e.type, e.reason, e.message].filter((p) => typeof p === 'string' && p !== '');
        if (parts.length > 0) return capped(parts.join(': '));
      }
      return capped(String(error));
    } catch {
      return 'an error that cannot be shown';
    }
  };
  if (answer.kind === 'timeout') return { ok: false, problem: 'sdk-timeout', call: 'login', waitedMs: request.timeoutMs };
  if (answer.kind === 'threw') return { ok: false, problem: 'sdk-threw', call: 'login', message: messageOf(answer.error) };
  if (answer.error !== null && answer.error !== undefined) return { ok: false, problem: 'sdk-error', call: 'login', message: messageOf(answer.error) };
  return { ok: true, command: 'login', loggedIn: true, said: 'callback', response: {}, loggedOutPrevious, ready: 'widget' };
}

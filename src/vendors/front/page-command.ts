import type { PageContext, PageRequest, PageResult, ReadinessReport } from '../../model/protocol';

/**
 * Runs one session command against the page's Front Chat widget (`window.FrontChat`), in the
 * page's main world. Sent as source text by `scripting.executeScript`: self-contained, JSON in
 * and out, nothing secret: only the user hash.
 *
 * FrontChat('init') takes no callback and Front has no logged-in check: a login is
 * FrontChat('shutdown', { clearSession: true }) (the page's own visitor, or the previous
 * customer, is forgotten) then FrontChat('init', { chatId, userId or email, userHash, name }),
 * and the command answers as soon as the widget was told (`said: 'none'`): Front's verdict is
 * the answer to the request that carried the user hash. With a credential of kind `none` (the
 * integration check's probe) the identity goes without a userHash: Front's server decides.
 */
export async function runFrontCommand(request: PageRequest, context: PageContext): Promise<PageResult> {
  if (context.origin !== undefined && location.origin !== context.origin) return { ok: false, problem: 'other-page' };
  // biome-ignore lint/suspicious/noExplicitAny: the page's globals are untyped by nature.
  const w = window as any;
  const capped = (value: unknown) => String(value).slice(0, context.limits.text);
  const OWN = Symbol.for('chat-identity-lab.own-login');

  const inspect = (): ReadinessReport => {
    const timing = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    let lastActivity = timing?.loadEventEnd ?? 0;
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (entry.responseEnd > lastActivity) lastActivity = entry.responseEnd;
    }
    const pageLoaded = document.readyState === 'complete';
    const report: ReadinessReport = { sdk: 'none', pageLoaded, quietMs: pageLoaded ? Math.max(0, Math.round(performance.now() - lastActivity)) : 0 };
    if (typeof w.FrontChat === 'function') {
      report.sdk = 'loaded';
      report.started = 'widget';
    } else if (w.FrontChat !== undefined) report.sdk = 'other';
    else if (document.querySelector('script[src*="chat-assets.frontapp.com"], script[src*="chat.bundle.js"]')) report.sdk = 'loader';
    return report;
  };

  if (request.command === 'inspect') return { ok: true, command: 'inspect', report: inspect() };
  const readiness = inspect();
  if (readiness.started !== 'widget') return { ok: false, problem: 'not-ready', report: readiness };
  const FrontChat = w.FrontChat;
  const threw = (call: 'shutdown' | 'init', error: unknown): PageResult => ({ ok: false, problem: 'sdk-threw', call, message: capped((error as Error)?.message ?? error) });

  if (request.command === 'logout') {
    try {
      FrontChat('shutdown', { clearSession: true });
    } catch (error) {
      return threw('shutdown', error);
    }
    return { ok: true, command: 'logout', ready: 'widget' };
  }
  if (request.command !== 'login' || request.credential.kind === 'jwt') return { ok: false, problem: 'unsupported' };

  // The environment's Chat ID, else the one the page's own init call names.
  let chatId = request.settings?.chatId;
  if (!chatId) {
    for (const script of Array.from(document.querySelectorAll('script:not([src])')).slice(0, 50)) {
      const match = /chatId\s*:\s*['"]([A-Za-z0-9_-]{1,64})['"]/.exec((script.textContent ?? '').slice(0, 20_000));
      if (match?.[1]) {
        chatId = match[1];
        break;
      }
    }
  }
  if (!chatId) {
    return { ok: false, problem: 'sdk-error', call: 'init', message: "the page names no chatId (in its FrontChat('init') call) and the environment has none: enter the Chat ID in Options." };
  }
  const identity = request.identity as { userId?: unknown; email?: unknown; name?: unknown };
  const options: Record<string, unknown> = { chatId, useDefaultLauncher: true };
  for (const key of ['userId', 'email', 'name'] as const) {
    if (typeof identity[key] === 'string' && identity[key] !== '') options[key] = identity[key];
  }
  if (request.credential.kind === 'hmac') options.userHash = request.credential.value;
  // Marked as the extension's own calls, so the login observer (if any) does not list them.
  w[OWN] = true;
  try {
    try {
      FrontChat('shutdown', { clearSession: true });
    } catch (error) {
      return threw('shutdown', error);
    }
    try {
      FrontChat('init', options);
    } catch (error) {
      return threw('init', error);
    }
  } finally {
    w[OWN] = false;
  }
  // shutdown always forgets the previous customer, so a switch logged them out.
  const previous = request.previous;
  const same = previous !== undefined && JSON.stringify(previous) === JSON.stringify(request.lookup);
  return { ok: true, command: 'login', loggedIn: false, said: 'none', response: {}, loggedOutPrevious: previous !== undefined && !same, ready: 'widget' };
}

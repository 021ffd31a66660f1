import type { PageContext, PageRequest, PageResult, ReadinessReport } from '../../model/protocol';

/**
 * Runs one session command against the page's Help Scout Beacon (`window.Beacon`), in the page's
 * main world. Sent as source text by `scripting.executeScript`: self-contained, JSON in and out,
 * nothing secret: only the signature.
 *
 * The Beacon's snippet defines `Beacon` at once as a queue (its `readyQueue`), and the Beacon
 * runs what was queued when it loads, so it takes calls as soon as it exists. Beacon('identify')
 * takes no callback and there is no logged-in check: a login is Beacon('logout') (the previous
 * customer is forgotten) then Beacon('identify', { email, name, signature }), and the command
 * answers as soon as the Beacon was told (`said: 'none'`): Help Scout's verdict is the answer to
 * the request that carried the signature. A credential of kind `none` (the integration check's
 * probe) identifies without a signature. `forget-device` is Beacon('reset'): the Beacon forgets
 * everything it kept on this device.
 */
export async function runBeaconCommand(request: PageRequest, context: PageContext): Promise<PageResult> {
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
    if (typeof w.Beacon === 'function') {
      report.sdk = 'loaded';
      report.started = 'widget';
    } else if (w.Beacon !== undefined) report.sdk = 'other';
    else if (document.querySelector('script[src*="beacon-v2.helpscout.net"]')) report.sdk = 'loader';
    return report;
  };

  if (request.command === 'inspect') return { ok: true, command: 'inspect', report: inspect() };
  const readiness = inspect();
  if (readiness.started !== 'widget') return { ok: false, problem: 'not-ready', report: readiness };
  const Beacon = w.Beacon;
  const call = (name: 'logout' | 'identify' | 'reset', options?: Record<string, unknown>): PageResult | undefined => {
    // Marked as the extension's own calls, so the login observer (if any) does not list them.
    w[OWN] = true;
    try {
      if (options) Beacon(name, options);
      else Beacon(name);
      return undefined;
    } catch (error) {
      return { ok: false, problem: 'sdk-threw', call: name, message: capped((error as Error)?.message ?? error) };
    } finally {
      w[OWN] = false;
    }
  };

  if (request.command === 'logout') return call('logout') ?? { ok: true, command: 'logout', ready: 'widget' };
  if (request.command === 'forget-device') return call('reset') ?? { ok: true, command: 'forget-device', removedKeys: [], ready: 'widget' };
  if (request.command !== 'login' || request.credential.kind === 'jwt') return { ok: false, problem: 'unsupported' };

  const identity = request.identity as { email?: unknown; name?: unknown };
  const options: Record<string, unknown> = {};
  if (typeof identity.email === 'string') options.email = identity.email;
  if (typeof identity.name === 'string' && identity.name !== '') options.name = identity.name;
  if (request.credential.kind === 'hmac') options.signature = request.credential.value;
  const failed = call('logout') ?? call('identify', options);
  if (failed) return failed;
  const previous = request.previous;
  const same = previous !== undefined && JSON.stringify(previous) === JSON.stringify(request.lookup);
  return { ok: true, command: 'login', loggedIn: false, said: 'none', response: {}, loggedOutPrevious: previous !== undefined && !same, ready: 'widget' };
}

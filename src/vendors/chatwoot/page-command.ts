import type { PageContext, PageRequest, PageResult, ReadinessReport } from '../../model/protocol';

/**
 * Runs one session command against the page's Chatwoot widget (`window.$chatwoot`), in the
 * page's main world. Sent as source text by `scripting.executeScript`: self-contained, JSON in
 * and out, nothing secret: only the identifier_hash.
 *
 * What Chatwoot's own SDK does, and what this copes with:
 * - `chatwoot:ready` fires once, when the widget's frame first loads, and never again after
 *   `reset()`: readiness is `$chatwoot.hasLoaded` (set on every frame load), never the event.
 * - `setUser` sends nothing when the same user is set already (its `cw_user_<websiteToken>`
 *   cookie): a login on a page whose widget holds a user resets first, so the identity request
 *   always goes out and its answer is there to judge. A switch is the same: reset, then setUser.
 * - `reset()` reloads the frame and takes no callback: the frame's own "loaded" message (the
 *   widget's postMessage protocol) says when the anonymous widget is back.
 * - `setUser` throws for an identifier that is not a string or number and for a user with
 *   none of avatar_url, email, name; on a refused hash the widget fires `chatwoot:error`.
 * The widget's frame sends the identity from the Chatwoot server's origin: the login answers
 * `said: 'none'` and names that origin (`$chatwoot.baseUrl`), and the server's answer decides.
 */
export async function runChatwootCommand(request: PageRequest, context: PageContext): Promise<PageResult> {
  if (context.origin !== undefined && location.origin !== context.origin) return { ok: false, problem: 'other-page' };
  // biome-ignore lint/suspicious/noExplicitAny: the page's globals are untyped by nature.
  const w = window as any;
  const capped = (value: unknown) => String(value).slice(0, context.limits.text);
  const OWN = Symbol.for('chat-identity-lab.own-login');

  const widget = () => {
    const cw = w.$chatwoot;
    return cw !== null && typeof cw === 'object' && typeof cw.setUser === 'function' && typeof cw.reset === 'function' ? cw : undefined;
  };
  const frame = () => document.getElementById('chatwoot_live_chat_widget') as HTMLIFrameElement | null;
  const inspect = (): ReadinessReport => {
    const timing = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    let lastActivity = timing?.loadEventEnd ?? 0;
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (entry.responseEnd > lastActivity) lastActivity = entry.responseEnd;
    }
    const pageLoaded = document.readyState === 'complete';
    const report: ReadinessReport = { sdk: 'none', pageLoaded, quietMs: pageLoaded ? Math.max(0, Math.round(performance.now() - lastActivity)) : 0 };
    const cw = widget();
    if (cw) {
      report.sdk = 'loaded';
      // Set by the SDK on each load of its frame: unlike chatwoot:ready, true after a reset too.
      if (cw.hasLoaded === true && frame()) report.started = 'iframe';
    } else if (w.$chatwoot !== undefined) report.sdk = 'other';
    else if (w.chatwootSDK !== undefined || document.querySelector('script[src*="/packs/js/sdk.js"]')) report.sdk = 'loader';
    return report;
  };

  if (request.command === 'inspect') return { ok: true, command: 'inspect', report: inspect() };
  const readiness = inspect();
  if (readiness.started !== 'iframe') return { ok: false, problem: 'not-ready', report: readiness };
  if (request.command !== 'login' && request.command !== 'logout') return { ok: false, problem: 'unsupported' };
  const cw = widget();

  /** Resolves when the widget's frame says it has loaded (its "loaded" message), or on timeout. */
  const frameLoaded = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const onMessage = (event: MessageEvent) => {
        if (event.source !== frame()?.contentWindow || typeof event.data !== 'string' || !event.data.startsWith('chatwoot-widget:')) return;
        try {
          if (JSON.parse(event.data.slice('chatwoot-widget:'.length))?.event !== 'loaded') return;
        } catch {
          return;
        }
        done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (loaded: boolean) => {
        clearTimeout(timer);
        window.removeEventListener('message', onMessage);
        resolve(loaded);
      };
      window.addEventListener('message', onMessage);
    });
  const threw = (call: 'setUser' | 'reset', error: unknown): PageResult => ({ ok: false, problem: 'sdk-threw', call, message: capped((error as Error)?.message ?? error) });
  /** reset(), then the frame's reload: false when it did not load again in time. */
  const reset = async (): Promise<boolean | PageResult> => {
    const loaded = frameLoaded(request.timeoutMs);
    try {
      cw.reset();
    } catch (error) {
      return threw('reset', error);
    }
    return loaded;
  };

  // Marked as the extension's own calls, so the login observer (if any) does not list them.
  w[OWN] = true;
  try {
    const userCookie = () => {
      let token = '';
      try {
        token = String(cw.websiteToken ?? '');
      } catch {
        // A throwing getter: no token to name the cookie by.
      }
      return `cw_user_${token}=`;
    };
    const holdsUserCookie = () => document.cookie.split(/;\s*/).some((c) => c.startsWith(userCookie()));
    if (request.command === 'logout') {
      const loaded = await reset();
      if (typeof loaded === 'object') return loaded;
      // reset() clears the user's cookie: one still there means the widget still holds the user.
      if (holdsUserCookie()) return { ok: false, problem: 'sdk-error', call: 'reset', message: 'reset() left the cw_user_ cookie: the widget still holds the user' };
      // Without the frame's word, the request the reload causes is what there is to wait for.
      return loaded ? { ok: true, command: 'logout', ready: 'iframe' } : { ok: true, command: 'logout', ready: 'iframe', pending: true };
    }

    const credential = request.credential;
    if (credential.kind !== 'hmac' && credential.kind !== 'none') return { ok: false, problem: 'unsupported' };
    const { identifier, email, name } = request.identity as { identifier?: unknown; email?: unknown; name?: unknown };
    const user: Record<string, string> = {};
    if (typeof email === 'string' && email !== '') user.email = email;
    if (typeof name === 'string' && name !== '') user.name = name;
    // kind none: the integration check's probe of an identity with no signature at all.
    if (credential.kind === 'hmac') user.identifier_hash = credential.value;

    // A user set already (by the site or an earlier login): setUser would skip an identical
    // one, and a switch must not leave the previous contact: reset first.
    const holdsUser = userCookie() === 'cw_user_=' || holdsUserCookie();
    if (holdsUser) {
      const loaded = await reset();
      if (typeof loaded === 'object') return loaded;
      if (!loaded) return { ok: false, problem: 'sdk-timeout', call: 'reset', waitedMs: request.timeoutMs };
    }

    let refusal: unknown;
    let refused: () => void = () => undefined;
    const heard = new Promise<void>((resolve) => {
      refused = resolve;
    });
    const onError = (event: Event) => {
      refusal = (event as CustomEvent).detail ?? 'chatwoot:error';
      refused();
    };
    window.addEventListener('chatwoot:error', onError);
    try {
      try {
        cw.setUser(identifier, user);
      } catch (error) {
        return threw('setUser', error);
      }
      // The SDK keeps the user it sent ($chatwoot.user); an identical one is skipped, untouched.
      if (cw.user !== user) {
        return {
          ok: false,
          problem: 'sdk-error',
          call: 'setUser',
          message: 'setUser sent nothing: the widget already holds this user (its cw_user_ cookie stayed after reset)',
        };
      }
      // The widget's own word on a refusal comes right after the server's 401; on an acceptance
      // it says nothing. Waited for briefly: the server's answer, which the extension sees and
      // waits for itself, decides either way, and an answer from here within the extension's
      // short grace after the server's keeps this command's notes (the previous user logged out).
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([heard, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(request.timeoutMs, 1_400))))]);
      clearTimeout(timer);
    } finally {
      window.removeEventListener('chatwoot:error', onError);
    }
    if (refusal !== undefined) {
      const detail = refusal as { error?: unknown; message?: unknown } | string;
      const said = typeof detail === 'object' && detail !== null ? (detail.error ?? detail.message ?? JSON.stringify(detail)) : detail;
      return { ok: false, problem: 'sdk-error', call: 'setUser', message: `chatwoot:error: ${capped(said)}` };
    }
    let apiOrigins: string[] | undefined;
    try {
      const base = new URL(String(cw.baseUrl));
      if ((base.protocol === 'https:' || base.protocol === 'http:') && base.origin.length <= 200) apiOrigins = [base.origin];
    } catch {
      // No usable base URL on the page: the environment's settings name the server.
    }
    const previous = request.previous;
    const same = previous !== undefined && 'externalId' in previous && 'externalId' in request.lookup && previous.externalId === request.lookup.externalId;
    return {
      ok: true,
      command: 'login',
      loggedIn: false,
      said: 'none',
      response: { externalId: capped(identifier) },
      loggedOutPrevious: holdsUser && previous !== undefined && !same,
      ready: 'iframe',
      ...(apiOrigins ? { apiOrigins } : {}),
    };
  } finally {
    w[OWN] = false;
  }
}

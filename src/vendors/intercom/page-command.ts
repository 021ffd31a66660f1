import type { PageContext, PageRequest, PageResult, ReadinessReport } from '../../model/protocol';

/**
 * Runs one session command against the page's Intercom Messenger (`window.Intercom`), in the
 * page's main world. Sent as source text by `scripting.executeScript`: self-contained, JSON in
 * and out, nothing secret: only a signed token (a JWT, or identity verification's user_hash).
 *
 * Intercom has no login callback and no logged-in check, and `Intercom.booted` is no evidence:
 * the real Messenger sets it as soon as its code installs, whatever a boot's result. So a login
 * is `shutdown`, then `boot` with the page's own settings plus the token, and the command
 * answers as soon as the Messenger was told (`said: 'none'`): the extension takes Intercom's
 * verdict from the answer to the request that carried the token. `shutdown` first also makes
 * the ping go out: the Messenger does not resend a ping identical to one of the last 60 s, and
 * shutdown resets that.
 *
 * The Messenger merges `window.intercomSettings` under boot's arguments (its own getSettings:
 * `Object.assign({}, window.intercomSettings, args)`), so a key left out of the boot comes back
 * from the page: a page that names its own user would send that user's id, email or hash beside
 * the token. Every identity key is passed as `undefined`, which the merge keeps and the Messenger
 * then drops; `window.intercomSettings` itself is never changed.
 */
export async function runIntercomCommand(request: PageRequest, context: PageContext): Promise<PageResult> {
  if (context.origin !== undefined && location.origin !== context.origin) return { ok: false, problem: 'other-page' };
  // biome-ignore lint/suspicious/noExplicitAny: the page's globals are untyped by nature.
  const w = window as any;
  const capped = (value: string) => value.slice(0, context.limits.text);
  const OWN = Symbol.for('chat-identity-lab.own-login');

  const inspect = (): ReadinessReport => {
    const timing = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    let lastActivity = timing?.loadEventEnd ?? 0;
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (entry.responseEnd > lastActivity) lastActivity = entry.responseEnd;
    }
    const pageLoaded = document.readyState === 'complete';
    const report: ReadinessReport = { sdk: 'none', pageLoaded, quietMs: pageLoaded ? Math.max(0, Math.round(performance.now() - lastActivity)) : 0 };
    if (typeof w.Intercom === 'function') {
      report.sdk = 'loaded';
      report.started = 'widget';
    } else if (w.Intercom !== undefined) report.sdk = 'other';
    // The snippet's loader, or @intercom/messenger-js-sdk's (its script's id; its widgetUrl option may name any host).
    else if (document.querySelector('script[src*="widget.intercom.io"], script#_intercom_npm_loader')) report.sdk = 'loader';
    return report;
  };

  if (request.command === 'inspect') return { ok: true, command: 'inspect', report: inspect() };
  const readiness = inspect();
  if (readiness.started !== 'widget') return { ok: false, problem: 'not-ready', report: readiness };
  if (request.command !== 'login' && request.command !== 'logout') return { ok: false, problem: 'unsupported' };

  const Intercom = w.Intercom;
  const settings = w.intercomSettings;
  const pageSettings: Record<string, string | number | boolean> = {};
  // The page's own boot settings (api_base: the region's API host; launcher settings; ...)
  // stay; the identity is the token's, so the page's own user's attributes do not.
  const IDENTITY = ['intercom_user_jwt', 'user_hash', 'user_id', 'email', 'user_data', 'anonymous_email', 'name', 'phone', 'avatar', 'created_at', 'signed_up_at', 'company', 'companies'];
  const cleared: Record<string, undefined> = {};
  for (const key of IDENTITY) cleared[key] = undefined;
  try {
    if (settings && typeof settings === 'object') {
      for (const key of Object.keys(settings).slice(0, 50)) {
        const value = settings[key];
        if (key === 'app_id' || IDENTITY.includes(key) || key.length > 64) continue;
        if (typeof value === 'number' || typeof value === 'boolean') pageSettings[key] = value;
        else if (typeof value === 'string') pageSettings[key] = capped(value);
      }
    }
  } catch {
    // Settings behind a throwing getter: boot with what could be read.
  }
  const pageAppId = settings && typeof settings === 'object' && typeof settings.app_id === 'string' ? settings.app_id : undefined;
  const appId = pageAppId ?? request.settings?.appId;
  if (!appId) {
    return {
      ok: false,
      problem: 'sdk-error',
      call: 'boot',
      message: 'the page names no app id (window.intercomSettings.app_id) and the environment has none: enter the App ID in Options.',
    };
  }
  const threw = (call: 'shutdown' | 'boot', error: unknown): PageResult => ({
    ok: false,
    problem: 'sdk-threw',
    call,
    message: capped(String((error as Error)?.message ?? error)),
  });
  // What the login hands the Messenger: a JWT alone (it names the user), or identity
  // verification's user_id and email with their user_hash, or (the unsigned probe, kind 'none')
  // user_id and email with no signature at all: the server decides whether to accept them.
  let signed: Record<string, string> = {};
  if (request.command === 'login') {
    const named: Record<string, string> = {};
    for (const key of ['user_id', 'email']) {
      const value = request.identity[key];
      if (typeof value === 'string' && value !== '') named[key] = capped(value);
    }
    const { credential } = request;
    if (credential.kind === 'jwt') signed = { intercom_user_jwt: credential.value };
    else if (credential.kind === 'hmac') signed = { ...named, user_hash: credential.value };
    else signed = named;
  }
  // Marked as the extension's own calls, so the login observer (if any) does not list them.
  w[OWN] = true;
  try {
    try {
      Intercom('shutdown');
    } catch (error) {
      return threw('shutdown', error);
    }
    try {
      // The identity keys set to undefined override the page's in the Messenger's merge.
      const boot = { ...pageSettings, ...cleared, app_id: appId };
      Intercom('boot', { ...boot, ...signed });
    } catch (error) {
      return threw('boot', error);
    }
  } finally {
    w[OWN] = false;
  }
  if (request.command === 'logout') return { ok: true, command: 'logout', ready: 'widget' };
  // The Messenger sends to the API host the page names (api_base, or the meta tag), read when its
  // frame loads: that origin's answer is Intercom's too, said as the page's.
  let apiOrigins: string[] | undefined;
  try {
    const named = typeof pageSettings.api_base === 'string' ? pageSettings.api_base : document.querySelector('meta[name="intercom-js-api-base"]')?.getAttribute('content');
    const url = named ? new URL(named) : undefined;
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin.length <= 200) apiOrigins = [url.origin];
  } catch {
    // Not a URL: the page names no usable API host.
  }
  // shutdown always ends the previous user's session, so a switch logged them out.
  const previous = request.previous;
  const same = previous !== undefined && JSON.stringify(previous) === JSON.stringify(request.lookup);
  return { ok: true, command: 'login', loggedIn: false, said: 'none', response: {}, loggedOutPrevious: previous !== undefined && !same, ready: 'widget', ...(apiOrigins ? { apiOrigins } : {}) };
}

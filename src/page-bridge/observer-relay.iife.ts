/**
 * Runs in the isolated world next to the main-world login observer, in top frames only:
 * forwards the tokens it reports to the extension. What it forwards is data to show, never a
 * command. The page can fire the observer's event as often as it likes, so the relay forwards
 * each token once, and at most a few a minute: a flood never reaches the service worker.
 */
(() => {
  const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';
  const MAX_PER_MINUTE = 10;
  const MAX_TOKEN = 16384;
  if (window.top !== window) return;
  // Once per page: two environments on one site register it twice. (This is the isolated
  // world's window: the page cannot see or set this.)
  const RAN = Symbol.for('chat-identity-lab.relay');
  // biome-ignore lint/suspicious/noExplicitAny: a flag on the isolated world's own global.
  const isolated = globalThis as any;
  if (isolated[RAN]) return;
  isolated[RAN] = true;
  const sent = new Set<string>();
  let windowStart = 0;
  let inWindow = 0;
  // Registered at document_start, before any page script, as a capturing listener: it hears
  // the observer's event first and stops it there, so no listener the page adds later hears it.
  window.addEventListener(
    PAGE_LOGIN_EVENT,
    (event) => {
      event.stopImmediatePropagation();
      forward((event as CustomEvent).detail);
    },
    true,
  );
  function forward(token: unknown) {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN || sent.has(token)) return;
    const now = Date.now();
    if (now - windowStart > 60_000) {
      windowStart = now;
      inWindow = 0;
    }
    if (inWindow >= MAX_PER_MINUTE) return;
    inWindow += 1;
    sent.add(token);
    // biome-ignore lint/suspicious/noExplicitAny: Firefox names it browser, Chrome chrome; both return promises in MV3.
    const api = ((globalThis as any).browser ?? chrome) as typeof chrome;
    api.runtime.sendMessage({ kind: 'page-login', token, url: location.href.slice(0, 2000) }).catch(() => undefined);
  }
})();

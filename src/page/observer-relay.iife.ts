/**
 * Runs in the isolated world next to the main-world login observer: forwards the tokens it
 * reports to the extension. What it forwards is data to show, never a command.
 */
(() => {
  const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';
  window.addEventListener(PAGE_LOGIN_EVENT, (event) => {
    const token = (event as CustomEvent).detail;
    if (typeof token !== 'string' || token.length > 16384) return;
    // biome-ignore lint/suspicious/noExplicitAny: Firefox names it browser, Chrome chrome; both return promises in MV3.
    const api = ((globalThis as any).browser ?? chrome) as typeof chrome;
    api.runtime.sendMessage({ kind: 'page-login', token, url: location.href }).catch(() => undefined);
  });
})();

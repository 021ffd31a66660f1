/** Shared names between the page-side observer, its relay and the extension. */

/** Set on window while the extension's own injected login runs, so the observer skips it. */
export const OWN_LOGIN_FLAG = 'chat-identity-lab.own-login';

/** The window event the main-world observer fires with the token the page passed to Kustomer.login. */
export const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';

/**
 * Shared names between the page-side code (the vendors' observers and page commands), the
 * observer relay and the extension. That code is self-contained (built as an IIFE, or sent as
 * source text), so it cannot import these: each file types its copy, and
 * test/unit/observed-login.test.ts holds every copy to the names here.
 */

/** Set on window (as Symbol.for) while the extension's own injected login runs, so the observer skips it. */
export const OWN_LOGIN_FLAG = 'chat-identity-lab.own-login';

/** The window event the main-world observer fires with the token the page passed to its chat vendor's login. */
export const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';

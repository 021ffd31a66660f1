import type { PageAccountReader } from '../../model/vendor';

/**
 * Which Sunshine Conversations app a page's Web Messenger belongs to: the `appId` its own
 * `Smooch.init({ appId })` call names, read from the page's inline scripts in the isolated world
 * (nothing runs in the page's main world to read it). A page that initialises with an
 * `integrationId` does not name the app: the popup then says nothing about it.
 */
export const sunshineAccount: PageAccountReader = {
  /** Runs in the page's isolated world (page-bridge/page-account): self-contained, capped. */
  read: () => {
    for (const script of Array.from(document.querySelectorAll('script:not([src])'))) {
      const text = script.textContent ?? '';
      const at = text.indexOf('Smooch.init(');
      // Within the page-answer cap (500 characters): the options that name the app come first in practice.
      if (at >= 0) return text.slice(at, at + 480);
    }
    return null;
  },
  parse: (raw) => {
    const found = /^Smooch\.init\(\s*\{[^}]*?\bappId\s*:\s*['"]([A-Za-z0-9_-]{1,64})['"]/.exec(raw);
    return found?.[1];
  },
  missing: "the page's Smooch.init names no appId (an integrationId, or an init this page does not show in its own scripts)",
};

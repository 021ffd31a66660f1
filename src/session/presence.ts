import type { PageContext, PageRequest, PageResult } from '../model/protocol';

/**
 * The one shared inspect of which chat widgets a page has, from the vendors' presence
 * fingerprints (each vendor lists its globals and its loader scripts, as data): asked when the
 * environment's widget is not on the page, so the tester hears which one is. No vendor's page
 * command looks for another vendor.
 *
 * Sent to the page as source text, as the vendors' page commands: self-contained (no imports,
 * no closures over module scope), JSON in and out. It answers an `inspect` request that carries
 * the fingerprints (`presence`) with the vendors found as the report's `others`; it only reads.
 */
export async function inspectPresence(request: PageRequest, context: PageContext): Promise<PageResult> {
  if (context.origin !== undefined && location.origin !== context.origin) return { ok: false, problem: 'other-page' };
  // biome-ignore lint/suspicious/noExplicitAny: the page's globals are untyped by nature.
  const w = window as any;
  const fingerprints = request.command === 'inspect' ? (request.presence ?? []) : [];
  const has = (name: string) => {
    try {
      return w[name] !== undefined && w[name] !== null;
    } catch {
      return false;
    }
  };
  const loaded = (selector: string) => {
    try {
      return document.querySelector(selector) !== null;
    } catch {
      return false;
    }
  };
  const others = fingerprints.filter((f) => f.globals.some(has) || f.scripts.some(loaded)).map((f) => f.id);
  return { ok: true, command: 'inspect', report: { sdk: 'none', pageLoaded: document.readyState === 'complete', quietMs: 0, others } };
}

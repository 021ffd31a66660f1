/**
 * Which Beacon a page's widget is: the id of the page's own Beacon('init', BEACON_ID) call, read
 * from its inline scripts in the page's isolated world (page-bridge/page-account). The page
 * writes that text, so it is data: only the first scripts, capped, are read, and only a UUID is kept.
 */

/** Runs in the page's isolated world: self-contained. */
export const readBeaconId = (): string | null => {
  for (const script of Array.from(document.querySelectorAll('script:not([src])')).slice(0, 50)) {
    const match = /Beacon\(\s*['"]init['"]\s*,\s*['"]([0-9A-Za-z-]{36})['"]/.exec((script.textContent ?? '').slice(0, 20_000));
    if (match?.[1]) return match[1];
  }
  return null;
};

export const parseBeaconId = (raw: string): string | undefined => (/^[0-9A-Za-z]{8}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{12}$/.test(raw) ? raw : undefined);

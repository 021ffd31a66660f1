/**
 * Finds a Chromium-family browser for `check` to drive headless: the one named (--browser,
 * CHAT_IDENTITY_LAB_BROWSER), else Debian's chromium, Chrome, then Playwright's own downloads.
 * Downloads nothing: when none is found the error says what to install.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './cli-kit';

export const BROWSER_VARIABLE = 'CHAT_IDENTITY_LAB_BROWSER';

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** Where Playwright keeps the browsers it downloads (npx playwright install chromium). */
export const playwrightCaches = (env: NodeJS.ProcessEnv) =>
  [env.PLAYWRIGHT_BROWSERS_PATH, join(homedir(), '.cache', 'ms-playwright'), join(homedir(), 'Library', 'Caches', 'ms-playwright')].filter((r): r is string => !!r);

/** Playwright's downloaded Chromium builds, newest first. */
function playwrightBrowsers(roots: readonly string[]): string[] {
  const found: string[] = [];
  for (const root of roots) {
    if (root === '0' || !existsSync(root)) continue;
    const builds = readdirSync(root).filter((d) => /^chromium(_headless_shell)?-\d+$/.test(d)).sort((a, b) => Number(b.split('-').pop()) - Number(a.split('-').pop()));
    for (const build of builds) {
      for (const exe of ['chrome-linux64/chrome', 'chrome-linux/chrome', 'chrome-headless-shell-linux64/chrome-headless-shell', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']) {
        const path = join(root, build, exe);
        if (existsSync(path)) found.push(path);
      }
    }
  }
  return found;
}

export function findBrowser(named: string | undefined, env: NodeJS.ProcessEnv, candidates: readonly string[] = SYSTEM, caches: readonly string[] = playwrightCaches(env)): string {
  const given = named ?? env[BROWSER_VARIABLE];
  if (given) {
    if (!existsSync(given)) throw new UsageError(`No browser at ${given} (from ${named ? '--browser' : BROWSER_VARIABLE}): name the path of a Chromium or Chrome executable.`);
    return given;
  }
  const found = [...candidates, ...playwrightBrowsers(caches)].find((path) => existsSync(path));
  if (found) return found;
  throw new UsageError(
    `No Chromium or Chrome found. Install one (Debian/Ubuntu: sudo apt-get install chromium; or npx playwright install chromium), or name it with --browser PATH or ${BROWSER_VARIABLE}.`,
  );
}

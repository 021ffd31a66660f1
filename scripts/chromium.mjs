/**
 * Finds Debian's Chromium (and, for the tests, Xvfb, xdotool and Firefox ESR), installing what is missing
 * with apt-get when we may (root, or passwordless sudo). No browser is downloaded from anywhere else.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What the end-to-end tests need: Chromium, a virtual display with real key presses (the
 * shortcut and context-menu tests), and Firefox ESR for the Firefox build.
 */
export const TEST_TOOLS = {
  [CHROMIUM]: 'chromium',
  '/usr/bin/Xvfb': 'xvfb',
  '/usr/bin/xdotool': 'xdotool',
  '/usr/bin/firefox-esr': 'firefox-esr',
};

function canRun(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** Installs the Debian packages whose files are missing; throws a message saying what to run. */
export function ensurePackages(tools = { [CHROMIUM]: 'chromium' }) {
  const missing = Object.entries(tools).filter(([path]) => !existsSync(path));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
  const hint = `Missing ${missing.map(([path]) => path).join(', ')}. Install Debian's packages: sudo apt-get install ${packages.join(' ')}`;
  if (!existsSync('/usr/bin/apt-get')) throw new Error(hint);
  const isRoot = process.getuid?.() === 0;
  const prefix = isRoot ? [] : canRun('sudo', ['-n', 'true']) ? ['sudo', '-n'] : undefined;
  if (!prefix) throw new Error(hint);
  console.log(`Installing Debian packages with apt-get (once): ${packages.join(' ')}…`);
  const run = (args) => {
    const [command, ...rest] = [...prefix, ...args];
    execFileSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', ...packages]);
  const still = missing.filter(([path]) => !existsSync(path));
  if (still.length > 0) throw new Error(hint);
}

/**
 * Chromium's flags for running with the built extension loaded: the extension alone (and the
 * unpacked extensions in `alongside`, which a test loads beside it), and no background traffic
 * (this machine's network is closed; Chromium would keep retrying). `gpu: false` for headless
 * and virtual displays.
 */
export function extensionArgs(dist, { gpu = false, alongside = [] } = {}) {
  const dirs = [dist, ...alongside].join(',');
  return [
    `--disable-extensions-except=${dirs}`,
    `--load-extension=${dirs}`,
    ...(gpu ? [] : ['--disable-gpu']),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

export function ensureChromium() {
  ensurePackages({ [CHROMIUM]: 'chromium' });
  return CHROMIUM;
}

/**
 * Launches Chromium (Playwright) with the built extension loaded, in `profileDir`, and
 * returns once the extension has settled: its service worker is up and, on a fresh profile,
 * the options page it opens on first install has loaded. Nothing the extension does on its
 * own opens or navigates a tab after this returns, so callers may open and drive pages
 * without racing it. `firstRun` is that options page (undefined on a profile used before).
 */
export async function launchExtension({ dist, profileDir, headless = true, display, gpu = false, viewport, timeoutMs = 60_000, alongside = [] }) {
  const { chromium } = await import('playwright-core');
  const { existsSync: exists, mkdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const prefs = join(profileDir, 'Default', 'Preferences');
  const fresh = !exists(prefs);
  // Developer mode on, as a tester who loads an unpacked extension has it.
  if (fresh) {
    mkdirSync(join(profileDir, 'Default'), { recursive: true });
    writeFileSync(prefs, JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: ensureChromium(),
    headless,
    ...(display ? { env: { ...process.env, DISPLAY: display } } : {}),
    ...(viewport !== undefined ? { viewport } : {}),
    args: extensionArgs(dist, { gpu, alongside }),
  });
  // Ours, by its service worker's file (another extension loaded alongside has its own worker).
  const workerFile = `/${JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')).background.service_worker}`;
  const ours = (w) => new URL(w.url()).pathname === workerFile;
  const worker = context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: timeoutMs }));
  const extensionId = new URL(worker.url()).host;
  const base = `chrome-extension://${extensionId}`;
  let firstRun;
  if (fresh) {
    // A fresh profile always gets the first-run page (no environments yet): wait for that
    // state, however slow the machine, rather than for a time.
    const url = `${base}/src/options/index.html`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      firstRun = context.pages().find((p) => p.url() === url);
      if (firstRun) break;
      if (Date.now() > deadline) throw new Error(`The extension's first-run options page did not open within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
    await firstRun.waitForLoadState('load', { timeout: timeoutMs });
    await firstRun.getByRole('button', { name: 'Save', exact: true }).waitFor({ timeout: timeoutMs });
  }
  return { context, worker, extensionId, base, firstRun };
}

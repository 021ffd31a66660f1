/**
 * Finds Debian's Chromium, installing it with apt-get when it is missing and we may
 * (root, or passwordless sudo). No browser is ever downloaded from anywhere else.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function canRun(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

export function ensureChromium({ install = true } = {}) {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const hint = `Chromium is not installed at ${CHROMIUM}. Install Debian's package: sudo apt-get install chromium (or set CHROMIUM_PATH).`;
  if (!install || !existsSync('/usr/bin/apt-get')) throw new Error(hint);
  const isRoot = process.getuid?.() === 0;
  const prefix = isRoot ? [] : canRun('sudo', ['-n', 'true']) ? ['sudo', '-n'] : undefined;
  if (!prefix) throw new Error(hint);
  console.log("Installing Debian's chromium with apt-get (once)…");
  const run = (args) => {
    const [command, ...rest] = [...prefix, ...args];
    execFileSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  if (!existsSync(CHROMIUM)) throw new Error(hint);
  return CHROMIUM;
}

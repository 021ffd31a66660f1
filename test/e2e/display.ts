import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A virtual X display (Xvfb) for the few tests that need real keyboard events: browser-level
 * shortcuts never see the synthetic key events DevTools sends to a page.
 */
export interface VirtualDisplay {
  display: string;
  /** Presses keys as a person would, on the focused window (xdotool syntax: "alt+shift+k"). */
  press(keys: string): void;
  /** How many windows are mapped now: a native menu that opens is one more. */
  visibleWindows(): number;
  close(): void;
}

export async function startDisplay(): Promise<VirtualDisplay> {
  for (const tool of ['/usr/bin/Xvfb', '/usr/bin/xdotool']) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: apt-get install xvfb xdotool (the README's test command installs them).`);
  }
  const number = 90 + Math.floor(Math.random() * 400);
  const display = `:${number}`;
  const server: ChildProcess = spawn('/usr/bin/Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const env = { ...process.env, DISPLAY: display };
  const deadline = Date.now() + 10_000;
  while (!existsSync(`/tmp/.X11-unix/X${number}`)) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`Xvfb did not start on ${display}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    display,
    press(keys) {
      execFileSync('/usr/bin/xdotool', ['key', '--clearmodifiers', keys], { env });
    },
    visibleWindows() {
      try {
        return execFileSync('/usr/bin/xdotool', ['search', '--onlyvisible', '--name', ''], { env, encoding: 'utf8' }).split('\n').filter(Boolean).length;
      } catch {
        return 0; // xdotool exits 1 when nothing matches
      }
    },
    close() {
      server.kill();
    },
  };
}

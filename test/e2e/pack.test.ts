/**
 * The package as a test project gets it: `npm pack` (its prepack builds dist-node), then
 *
 * - the README's "In automated tests" steps as written, read from README.md itself (so the
 *   README cannot drift from what works), from empty folders: once in a default (CommonJS)
 *   project and once in an ES module one, each ending in `npx playwright test` against the
 *   simulator with Debian's Chromium, and the package's types under Node's own resolution;
 * - the tarball installed into another empty project beside playwright-core (the one in this
 *   checkout's node_modules; the rest from npm's cache when it has them), and there
 *   `npx chat-identity-lab` --help, sign, inspect and check.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'cil-pack-'));
const project = join(work, 'project');
let sim: Awaited<ReturnType<typeof startSimulator>>;
let tarball: string;

/** Runs a program; never throws, gives the exit code and output. */
async function attempt(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number }) {
  const child = run(file, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeout ?? 120_000, maxBuffer: 16 * 1024 * 1024 });
  if (options.input !== undefined) child.child.stdin?.end(options.input);
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (caught) {
    const failed = caught as { code?: number; stdout: string; stderr: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Runs the installed tool in the project. */
const tool = (args: string[], env: Record<string, string> = {}, input?: string) =>
  attempt('npx', ['--no-install', 'chat-identity-lab', ...args], { cwd: project, env: { ...process.env, ...env }, input });

beforeAll(async () => {
  sim = await startSimulator();
  await run('npm', ['pack', '--pack-destination', work], { cwd: root, timeout: 180_000 });
  const packed = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!packed) throw new Error('npm pack wrote no tarball');
  tarball = join(work, packed);
  writeFileSync(join(work, 'package.json'), '{}');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-test-project', private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', tarball, join(root, 'node_modules', 'playwright-core')], { cwd: project, timeout: 180_000 });
}, 240_000);

afterAll(async () => {
  await sim?.close();
  rmSync(work, { recursive: true, force: true });
});

/** One step of the README's section: commands to type, or a file to write where they left you. */
type Step = { kind: 'commands'; lines: string[] } | { kind: 'file'; path: string; text: string };

/** The code blocks of README.md's "In automated tests", in order: sh blocks are commands, a block opening with `// PATH` is a file. */
function readmeSteps(): Step[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('In automated tests\n'));
  if (!section) throw new Error('README.md has no "In automated tests" section');
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, body = '']): Step => {
    if (lang === 'sh') return { kind: 'commands', lines: body.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#')) };
    const named = /^\/\/ (\S+\.[cm]?[jt]s)\n/.exec(body);
    if (!named?.[1]) throw new Error(`A README code block in "In automated tests" is neither commands nor a named file:\n${body}`);
    return { kind: 'file', path: named[1], text: body };
  });
}

/**
 * The @playwright/test to install: the version of this checkout's playwright-core, which it
 * depends on exactly, so the install comes from npm's cache once it has been fetched. (It is no
 * dependency of this repository: its tests are Vitest's, and Biome would lint them as
 * Playwright's.)
 */
const playwrightVersion = () => JSON.parse(readFileSync(join(root, 'node_modules', 'playwright-core', 'package.json'), 'utf8')).version as string;

/**
 * A README command as this test runs it. Only what a test machine needs differs: `npm ci` in
 * the repository is this checkout's own install; `npm pack` is the tarball beforeAll already
 * packed, copied where the command would write it (a pack here would write beside the
 * checkout); `npm run simulator` is the simulator beforeAll started (its address reaches the
 * test through STAGING_URL and CHAT_API_ORIGIN); installs prefer npm's cache and take the
 * @playwright/test of this checkout's playwright-core; an ES module project is the default one
 * with "type": "module". Commands joined by && are taken one by one.
 */
function asRun(line: string, kind: 'commonjs' | 'module'): string | undefined {
  const parts = line
    .trim()
    .split(/\s+&&\s+/)
    .flatMap((command) => {
      if (/^npm ci\b/.test(command) || /^npm run simulator\b/.test(command)) return [];
      if (/^npm pack\b/.test(command)) return [`cp '${tarball}' '${/--pack-destination\s+(\S+)/.exec(command)?.[1] ?? '.'}/'`];
      if (/^npm init\b/.test(command) && kind === 'module') return [command, 'npm pkg set type=module'];
      if (/^npm install\b/.test(command)) return [`${command.replace(/(^|\s)@playwright\/test(?=\s|$)/, `$1@playwright/test@${playwrightVersion()}`)} --prefer-offline --no-audit --no-fund`];
      return [command];
    });
  return parts.length > 0 ? parts.join(' && ') : undefined;
}

describe('the README\'s "In automated tests" steps, from empty folders', () => {
  it('read from README.md: build, install, a config with the system Chromium, a test, the run', () => {
    const steps = readmeSteps();
    const commands = steps.flatMap((s) => (s.kind === 'commands' ? s.lines : []));
    expect(commands).toEqual(expect.arrayContaining([expect.stringMatching(/\bnpm pack\b/), expect.stringMatching(/\bnpm install\b.*\.tgz.*@playwright\/test/), expect.stringMatching(/npx playwright test$/)]));
    const files = steps.flatMap((s) => (s.kind === 'file' ? [s] : []));
    expect(files.map((f) => f.path)).toEqual(['playwright.config.ts', 'tests/chat.spec.ts']);
    expect(files[0]?.text).toContain("executablePath: '/usr/bin/chromium'");
    // What the example imports is what the install line installs.
    for (const imported of files.flatMap((f) => [...f.text.matchAll(/from '([^']+)'/g)].map((m) => m[1]))) {
      expect(commands.join('\n')).toContain((imported as string).split('/').slice(0, (imported as string).startsWith('@') ? 2 : 1).join('/'));
    }
  });

  it.each(['commonjs', 'module'] as const)('in a %s project: the test passes against the simulator, and the types resolve', async (kind) => {
    const home = join(work, kind);
    let cwd = join(home, 'chat-identity-lab');
    mkdirSync(cwd, { recursive: true });
    const env = {
      ...process.env,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      STAGING_URL: `${sim.url}/`,
      CHAT_API_ORIGIN: sim.apiOrigins.kustomer[0] as string,
      CHAT_IDENTITY_LAB_SECRET: sim.secret,
      npm_config_update_notifier: 'false',
    };
    let playwrightRun: { code: number; stdout: string; stderr: string } | undefined;
    for (const step of readmeSteps()) {
      if (step.kind === 'file') {
        mkdirSync(dirname(join(cwd, step.path)), { recursive: true });
        writeFileSync(join(cwd, step.path), step.text);
        continue;
      }
      for (const line of step.lines) {
        const command = asRun(line, kind);
        if (command === undefined) continue;
        // A shell as a person's terminal: `cd` carries over to the next command.
        const done = await attempt('bash', ['-c', `${command} && pwd`], { cwd, env, timeout: 240_000 });
        if (/npx playwright test/.test(command)) playwrightRun = done;
        else expect(done, `${command}\n${done.stderr}`).toMatchObject({ code: 0 });
        if (done.code === 0) cwd = done.stdout.trim().split('\n').pop() as string;
      }
    }
    expect(cwd).toBe(join(home, 'chat-tests'));
    // npm init writes "type": "commonjs" since npm 10.9; before, no type meant the same.
    expect(JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).type ?? 'commonjs').toBe(kind);
    expect(playwrightRun, 'the README has no `npx playwright test`').toBeDefined();
    expect(playwrightRun?.stdout, playwrightRun?.stderr).toContain('1 passed');
    expect(playwrightRun?.code).toBe(0);

    // The package as each kind of project loads it: require() in CommonJS, import in ES modules.
    const load = kind === 'commonjs' ? ['-e', "console.log(Object.keys(require('chat-identity-lab/playwright')).sort().join(','))"] : ['--input-type=module', '-e', "const m = await import('chat-identity-lab/playwright'); console.log(Object.keys(m).sort().join(','))"];
    expect((await run('node', load, { cwd })).stdout.trim()).toBe('chatLogin,chatLogout');
    // The README's files type-check under Node's own resolution: the `require` types in CommonJS, the `import` ones in ES modules.
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    const typed = await attempt(
      tsc,
      ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), 'playwright.config.ts', 'tests/chat.spec.ts'],
      { cwd },
    );
    expect(typed.stdout).toBe('');
    expect(typed.code).toBe(0);
  }, 300_000);
});

describe('the packed package, installed in an empty project', () => {
  it('ships only what it needs: ES modules, CommonJS, the types of each', () => {
    const shipped = join(project, 'node_modules', 'chat-identity-lab');
    expect(readdirSync(shipped).sort()).toEqual(['LICENSE', 'README.md', 'dist-node', 'docs', 'package.json']);
    expect(readdirSync(join(shipped, 'dist-node')).sort()).toEqual(['chunks', 'cjs', 'cli.js', 'playwright.js', 'types']);
    expect(readFileSync(join(shipped, 'LICENSE'), 'utf8')).toContain('MIT License');
    expect(JSON.parse(readFileSync(join(shipped, 'package.json'), 'utf8'))).toMatchObject({ license: 'MIT' });
  });

  it('--help, sign and inspect work through npx; inspect checks the signature with the secret', async () => {
    const help = await tool(['--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('chat-identity-lab sign --vendor V') });
    const signed = await tool(['sign', '--vendor', 'Kustomer', '--external-id', 'cust-pack'], { CHAT_IDENTITY_LAB_SECRET: sim.secret });
    expect(signed.code).toBe(0);
    expect(jwt.verify(signed.stdout.trim(), sim.secret, { algorithms: ['HS256'] })).toMatchObject({ externalId: 'cust-pack' });
    const inspected = await tool(['inspect', '-'], { CHAT_IDENTITY_LAB_SECRET: '' }, signed.stdout);
    expect(inspected).toMatchObject({ code: 0, stdout: expect.stringContaining('Vendor: Kustomer (guessed from the claims)') });
    expect(inspected.stdout).toContain('Signature: not checked');
    expect(await tool(['inspect', signed.stdout.trim()], { CHAT_IDENTITY_LAB_SECRET: sim.secret })).toMatchObject({ code: 0, stdout: expect.stringContaining('Signature: valid with the given secret') });
    expect(await tool(['inspect', signed.stdout.trim()], { CHAT_IDENTITY_LAB_SECRET: 'another-secret' })).toMatchObject({ code: 1, stdout: expect.stringContaining('Signature: NOT made with the given secret') });
    expect(await tool(['sign', '--vendor', 'kustomer', '--external-id', 'x', '--secret', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining('CHAT_IDENTITY_LAB_SECRET') });
  });

  it('check runs the integration check on the simulator (exit 0), a plain summary in the terminal; no browser: exit 2 and what to install', async () => {
    const checked = await tool(['check', `${sim.url}/`, '--vendor', 'kustomer', '--api-origin', sim.vendorUrl, '--junit', join(work, 'junit.xml')], { CHAT_IDENTITY_LAB_SECRET: sim.secret });
    // Every check passes, is skipped (nothing of the site's own logins seen) or does not apply.
    expect(checked.stdout).toMatch(/Kustomer chat integration check: \d+ passed, 0 failed, 1 skipped/);
    expect(checked.stdout).toMatch(/^passed {3}Widget/m);
    expect(checked.stdout).not.toMatch(/[`*#]/);
    expect(checked.code).toBe(0);
    const noBrowser = await tool(['check', `${sim.url}/`, '--vendor', 'kustomer'], { CHAT_IDENTITY_LAB_SECRET: sim.secret, CHAT_IDENTITY_LAB_BROWSER: '/no/such/browser' });
    expect(noBrowser).toMatchObject({ code: 2, stderr: expect.stringContaining('No browser at /no/such/browser') });
  });

  it('chat-identity-lab/playwright resolves with its types under module: nodenext', async () => {
    writeFileSync(
      join(project, 'login.ts'),
      [
        "import { chatLogin, chatLogout, type ChatLoginResult } from 'chat-identity-lab/playwright';",
        "import type { Page } from 'playwright-core';",
        'export async function logIn(page: Page): Promise<ChatLoginResult> {',
        "  const result = await chatLogin(page, { vendor: 'kustomer', secret: process.env.CHAT_IDENTITY_LAB_SECRET ?? '', externalId: 'cust-vip', timeoutSeconds: 10 });",
        "  await chatLogout(page, { vendor: 'kustomer' });",
        '  return result;',
        '}',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    await expect(
      run(tsc, ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), 'login.ts'], { cwd: project }),
    ).resolves.toBeDefined();
    const { stdout } = await run('node', ['--input-type=module', '-e', "const m = await import('chat-identity-lab/playwright'); console.log(Object.keys(m).sort().join(','))"], { cwd: project });
    expect(stdout.trim()).toBe('chatLogin,chatLogout');
  });
});

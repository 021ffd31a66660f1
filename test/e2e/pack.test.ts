/**
 * The package as a test project gets it: `npm pack` (its prepack builds dist-node), the
 * tarball installed into an empty project beside playwright-core (the one in this checkout's
 * node_modules; the rest from npm's cache when it has them), and there `npx chat-identity-lab`
 * --help, sign, inspect and check, and the types of chat-identity-lab/playwright under Node's
 * own module resolution.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'cil-pack-'));
const project = join(work, 'project');
let sim: Awaited<ReturnType<typeof startSimulator>>;

/** Runs the installed tool in the project; never throws, gives the exit code and output. */
async function tool(args: string[], env: Record<string, string> = {}, input?: string) {
  const child = run('npx', ['--no-install', 'chat-identity-lab', ...args], { cwd: project, env: { ...process.env, ...env }, timeout: 120_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (caught) {
    const failed = caught as { code?: number; stdout: string; stderr: string };
    return { code: failed.code ?? -1, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  sim = await startSimulator();
  await run('npm', ['pack', '--pack-destination', work], { cwd: root, timeout: 180_000 });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  writeFileSync(join(work, 'package.json'), '{}');
  await run('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-test-project', private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', join(work, tarball), join(root, 'node_modules', 'playwright-core')], { cwd: project, timeout: 180_000 });
}, 240_000);

afterAll(async () => {
  await sim?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package, installed in an empty project', () => {
  it('ships only what it needs', () => {
    const shipped = readdirSync(join(project, 'node_modules', 'chat-identity-lab'));
    expect(shipped.sort()).toEqual(['README.md', 'dist-node', 'docs', 'package.json']);
  });

  it('--help, sign and inspect work through npx', async () => {
    const help = await tool(['--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('chat-identity-lab sign --vendor V') });
    const signed = await tool(['sign', '--vendor', 'kustomer', '--external-id', 'cust-pack'], { CHAT_IDENTITY_LAB_SECRET: sim.secret });
    expect(signed.code).toBe(0);
    expect(jwt.verify(signed.stdout.trim(), sim.secret, { algorithms: ['HS256'] })).toMatchObject({ externalId: 'cust-pack' });
    const inspected = await tool(['inspect', '-'], {}, signed.stdout);
    expect(inspected).toMatchObject({ code: 0, stdout: expect.stringContaining('Vendor: Kustomer (guessed from the claims)') });
    expect(await tool(['sign', '--vendor', 'kustomer', '--external-id', 'x', '--secret', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining('CHAT_IDENTITY_LAB_SECRET') });
  });

  it('check runs the integration check on the simulator (exit 0); no browser: exit 2 and what to install', async () => {
    const checked = await tool(['check', `${sim.url}/`, '--vendor', 'kustomer', '--junit', join(work, 'junit.xml')], { CHAT_IDENTITY_LAB_SECRET: sim.secret });
    expect(checked.stdout).toContain('7 passed, 0 failed, 1 skipped');
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
        "  const result = await chatLogin(page, { vendor: 'kustomer', secret: process.env.KUSTOMER_SECRET ?? '', externalId: 'vip-1', timeoutSeconds: 10 });",
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

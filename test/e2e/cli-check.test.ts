/**
 * `chat-identity-lab check` against the simulator in headless Chromium (Debian's, found by the
 * tool itself): every check passes on the healthy page (exit 0), and each integration fault
 * fails exactly the check for its promise, named in the JUnit file (exit 1). Reports hold no
 * secret and no token signature.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/node/cli';
import { startSimulator } from '../../simulator/server.mjs';

let sim: Awaited<ReturnType<typeof startSimulator>>;
const dir = mkdtempSync(join(tmpdir(), 'cil-check-'));

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await sim?.close();
});

async function check(url: string, name: string, extra: string[] = []) {
  let out = '';
  let err = '';
  const files = { junit: join(dir, `${name}.xml`), json: join(dir, `${name}.json`), markdown: join(dir, `${name}.md`) };
  const code = await main(['check', url, '--vendor', 'kustomer', '--junit', files.junit, '--json', files.json, '--markdown', files.markdown, ...extra], {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: { CHAT_IDENTITY_LAB_SECRET: sim.secret },
    stdin: async () => '',
  });
  return { code, out, err, files };
}

/** Each test case's name and whether it failed or was skipped, from the JUnit XML. */
function cases(xml: string): Record<string, 'passed' | 'failed' | 'skipped'> {
  const result: Record<string, 'passed' | 'failed' | 'skipped'> = {};
  for (const [, name, body] of xml.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    result[(name as string).replace(/&apos;/g, "'")] = body?.includes('<failure') ? 'failed' : body?.includes('<skipped') ? 'skipped' : 'passed';
  }
  return result;
}

const PROMISES = ['Widget', 'Login', 'Chats before login are kept', 'No leak between customers', 'History follows the customer', 'Email wins', 'Refusals are real', "The site's own tokens"];

describe('chat-identity-lab check', () => {
  it('passes on the healthy simulator: exit 0, a plain summary printed, Markdown, JUnit and JSON written, no secret or signature', async () => {
    const { code, out, err, files } = await check(`${sim.url}/`, 'healthy');
    expect(err).toContain('passed  Refusals are real');
    expect(code).toBe(0);
    expect(out).toMatch(/^Kustomer chat integration check: /);
    expect(out).toMatch(/^passed {3}Refusals are real/m);
    expect(readFileSync(files.markdown, 'utf8')).toContain('# Kustomer chat integration check');
    expect(out).toContain('7 passed, 0 failed, 1 skipped');
    const xml = readFileSync(files.junit, 'utf8');
    expect(Object.keys(cases(xml))).toEqual(PROMISES);
    expect(Object.values(cases(xml)).filter((s) => s === 'failed')).toEqual([]);
    expect(JSON.parse(readFileSync(files.json, 'utf8'))).toMatchObject({ format: 'chat-identity-lab-check', checks: expect.any(Array) });
    for (const text of [out, err, xml, readFileSync(files.json, 'utf8'), readFileSync(files.markdown, 'utf8')]) {
      expect(text).not.toContain(sim.secret);
      expect(text).not.toMatch(/eyJ[\w-]*\.[\w-]*\.[\w-]{10,}/);
    }
  });

  it.each([
    ['no-carryover', 'Chats before login are kept'],
    ['leak', 'No leak between customers'],
    ['externalid-wins', 'Email wins'],
    ['accept-expired', 'Refusals are real'],
    ['accept-any-signature', 'Refusals are real'],
    ['sync', 'History follows the customer'],
  ])('on ?fault=%s exactly "%s" fails in the JUnit file (exit 1)', async (fault, failing) => {
    const url = fault === 'sync' ? `${sim.url}/?sync=broken` : `${sim.url}/?fault=${fault}`;
    const { code, files } = await check(url, fault);
    expect(code).toBe(1);
    const xml = readFileSync(files.junit, 'utf8');
    const results = cases(xml);
    expect(results[failing]).toBe('failed');
    for (const [name, result] of Object.entries(results)) if (name !== failing) expect([name, result]).toEqual([name, expect.stringMatching(/passed|skipped/)]);
    expect(xml).toContain(`<failure message="${failing.replace(/'/g, '&apos;')} failed: `);
  });

  it('a URL that does not load: exit 1, says so, and the JUnit file has that one failure', async () => {
    const closed = await startSimulator();
    const url = `${closed.url}/`;
    await closed.close();
    const { code, err, files } = await check(url, 'down', ['--timeout', '3']);
    expect(code).toBe(1);
    expect(err).toMatch(/The page did not load: .*ERR_CONNECTION_REFUSED/);
    expect(cases(readFileSync(files.junit, 'utf8'))).toEqual({ 'The page loads': 'failed' });
  });
});

import { describe, expect, it } from 'vitest';
import { parseApiOrigins, sourceOf } from '../../src/model/api-origin';
import { createWireLog } from '../../src/model/wire-log';
import { verdictOf, WIRE_LIMITS } from '../../src/model/wire';

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const origins = { known: ['https://*.intercom.io/*'], listed: ['http://127.0.0.1:4101'] };

describe('whose answer may speak for the vendor', () => {
  it('the vendor\'s known hosts, the listed origins, the page-named ones; nothing else', () => {
    expect(sourceOf('https://api-iam.intercom.io/messenger/web/ping', origins)).toBe('vendor');
    expect(sourceOf('http://127.0.0.1:4101/messenger/web/ping', origins)).toBe('environment');
    expect(sourceOf('http://127.0.0.1:4100/collect', origins)).toBeUndefined();
    expect(sourceOf('https://intercom.io.evil.example/ping', origins)).toBeUndefined();
    expect(sourceOf('http://127.0.0.1:4102/ping', origins, new Set(['http://127.0.0.1:4102']))).toBe('page');
    expect(sourceOf('data:text/plain,x', origins)).toBeUndefined();
  });

  it('reads typed origins: one per line, normalised; paths, wildcards and other schemes refused with what to type', () => {
    expect(parseApiOrigins('https://Chat.Example.com/\nhttp://127.0.0.1:4101, https://chat.example.com')).toEqual({ ok: true, origins: ['https://chat.example.com', 'http://127.0.0.1:4101'] });
    expect(parseApiOrigins('')).toEqual({ ok: true, origins: [] });
    expect(parseApiOrigins('https://chat.example.com/api')).toMatchObject({ ok: false, error: expect.stringContaining('type https://chat.example.com') });
    expect(parseApiOrigins('https://*.example.com')).toMatchObject({ ok: false, error: expect.stringContaining('without wildcards') });
    expect(parseApiOrigins('ftp://x.example')).toMatchObject({ ok: false });
    expect(parseApiOrigins('chat.example.com')).toMatchObject({ ok: false, error: expect.stringContaining('https://chat.example.com') });
  });
});

describe('the wire log keeps other hosts apart', () => {
  const at = { timeStamp: 1 };
  const logOf = () => createWireLog(token, { watched: true, origins, hiddenHosts: async () => [] });

  it('another host\'s 200 after the vendor\'s 401 is not the verdict; it is listed elsewhere', async () => {
    const log = logOf();
    log.note({ requestId: '1', url: 'http://127.0.0.1:4101/messenger/web/ping', method: 'POST', ...at }, 'body');
    log.note({ requestId: '2', url: 'http://127.0.0.1:4100/collect', method: 'POST', ...at }, 'body');
    log.finish('1', { statusCode: 401, timeStamp: 5 });
    log.finish('2', { statusCode: 200, timeStamp: 6 });
    const report = await log.watch.report();
    expect(verdictOf(report.exchanges)?.status).toBe(401);
    expect(report.elsewhere.map((e) => `${e.host}${e.path} ${e.status}`)).toEqual(['127.0.0.1:4100/collect 200']);
    expect(await log.watch.answered).toMatchObject({ status: 401 });
  });

  it('other hosts never crowd out the vendor\'s requests, and one chatty host cannot hide another', async () => {
    const log = logOf();
    for (let i = 0; i < 50; i++) log.note({ requestId: `c${i}`, url: `http://127.0.0.1:${4200 + (i % 20)}/collect`, method: 'POST', ...at }, 'body');
    log.note({ requestId: 'v', url: 'https://api-iam.intercom.io/messenger/web/ping', method: 'POST', ...at }, 'body');
    const report = await log.watch.report();
    expect(report.exchanges).toHaveLength(1);
    expect(report.elsewhere.length).toBe(WIRE_LIMITS.elsewhere);
    const perHost = new Map<string, number>();
    for (const e of report.elsewhere) perHost.set(e.host, (perHost.get(e.host) ?? 0) + 1);
    expect(Math.max(...perHost.values())).toBeLessThanOrEqual(WIRE_LIMITS.elsewherePerHost);
  });

  it('a service worker\'s answer is never the verdict', async () => {
    const log = logOf();
    log.note({ requestId: '1', url: 'http://127.0.0.1:4101/messenger/web/ping', method: 'POST', ...at }, 'body');
    log.finish('1', { statusCode: 200, timeStamp: 2, serviceWorker: true });
    const report = await log.watch.report();
    expect(report.exchanges[0]?.serviceWorker).toBe(true);
    expect(verdictOf(report.exchanges)).toBeUndefined();
  });

  it('an origin the page names is trusted from then on, and claims what it already answered', async () => {
    const log = logOf();
    log.note({ requestId: '1', url: 'http://127.0.0.1:4102/messenger/web/ping', method: 'POST', ...at }, 'body');
    log.finish('1', { statusCode: 200, timeStamp: 2 });
    expect(verdictOf((await log.watch.report()).exchanges)).toBeUndefined();
    log.watch.trust(['http://127.0.0.1:4102']);
    const report = await log.watch.report();
    expect(verdictOf(report.exchanges)).toMatchObject({ status: 200, source: 'page' });
    expect(report.elsewhere).toHaveLength(0);
    expect(await log.watch.answered).toMatchObject({ source: 'page' });
  });
});

describe('an environment\'s API origins are stored, exported and imported', () => {
  it('round-trips through storage and the export file; a bad one is refused with its place', async () => {
    const { readEnvironment } = await import('../../src/model/schema');
    const { buildExport, parseImport } = await import('../../src/storage/transfer');
    const stored = readEnvironment({ id: 'e', name: 'Chat', vendor: 'intercom', sites: ['http://127.0.0.1/*'], secret: 's', apiOrigins: ['http://127.0.0.1:4101'] });
    expect(readEnvironment({ id: 'e', name: 'Chat', sites: [], secret: 's', apiOrigins: ['http://127.0.0.1:4101/path'] })).toMatch(/API origins/);
    expect(stored).toMatchObject({ apiOrigins: ['http://127.0.0.1:4101'] });
    expect(readEnvironment({ id: 'e', name: 'Chat', sites: [], secret: 's', apiOrigins: 'http://x' })).toMatch(/API origins/);
    if (typeof stored === 'string') throw new Error(stored);
    const file = buildExport([stored], {}, undefined);
    const parsed = parseImport(JSON.stringify(file));
    expect(parsed).toMatchObject({ ok: true });
    expect(JSON.stringify(parsed)).toContain('"apiOrigins":["http://127.0.0.1:4101"]');
    const bad = parseImport(JSON.stringify({ ...file, environments: [{ ...file.environments[0], apiOrigins: ['https://x.example/path'] }] }));
    expect(JSON.stringify(bad)).toContain('environments[0].apiOrigins');
  });
});

import { describe, expect, it } from 'vitest';
import { apiOrigin, apiUrlProblem, fetchSecret, orgNameProblem, settingsUrl } from '../../src/vendors/kustomer/api';

/** A stand-in for the network that answers like Kustomer would. */
const answering = (status: number, body: unknown) =>
  (async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch;

describe('Kustomer API: fetch secret', () => {
  it('builds the settings URL from the org', () => {
    expect(settingsUrl('https://{org}.api.kustomerapp.com', 'Acme')).toBe('https://acme.api.kustomerapp.com/v1/auth/customer/settings');
    expect(settingsUrl('http://127.0.0.1:4100/', 'acme')).toBe('http://127.0.0.1:4100/v1/auth/customer/settings');
    expect(apiOrigin('https://{org}.api.kustomerapp.com', 'acme')).toBe('https://acme.api.kustomerapp.com/*');
  });

  it('sends the key as a Bearer token, once, and reads data.attributes.secret', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const fetcher = (async (url: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(url), auth: new Headers(init?.headers).get('authorization') });
      return new Response(JSON.stringify({ data: { attributes: { secret: 's3cret' } } }), { status: 200 });
    }) as typeof fetch;
    expect(await fetchSecret('https://{org}.api.kustomerapp.com', 'acme', ' key ', fetcher)).toEqual({ ok: true, secret: 's3cret' });
    expect(seen).toEqual([{ url: 'https://acme.api.kustomerapp.com/v1/auth/customer/settings', auth: 'Bearer key' }]);
  });

  it.each([
    ['bad org name', { org: 'acme.com' }, 'is not an org name'],
    ['empty org name', { org: '' }, 'Enter the org name'],
    ['empty key', { key: '' }, 'Enter an API key'],
    ['401', { fetcher: answering(401, {}) }, '401'],
    ['403', { fetcher: answering(403, {}) }, 'org.admin and org.user'],
    ['404', { fetcher: answering(404, {}) }, 'check the org name'],
    ['500', { fetcher: answering(500, {}) }, 'answered 500'],
    ['not JSON', { fetcher: answering(200, '<html>') }, 'not JSON'],
    ['no secret', { fetcher: answering(200, { data: { attributes: {} } }) }, 'no secret'],
    ['network down', { fetcher: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch }, 'Could not reach acme.api.kustomerapp.com'],
    ['bad API URL', { api: 'not a url {org}' }, 'is not a URL'],
  ])('says what went wrong: %s', async (_name, options, message) => {
    const o = options as { org?: string; key?: string; fetcher?: typeof fetch; api?: string };
    const result = await fetchSecret(o.api ?? 'https://{org}.api.kustomerapp.com', o.org ?? 'acme', o.key ?? 'key', o.fetcher ?? answering(200, {}));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('checks org names', () => {
    expect(orgNameProblem('acme-staging')).toBeUndefined();
    expect(orgNameProblem('-acme')).toBeDefined();
  });
});

describe('apiUrlProblem: the admin API key never travels in the clear', () => {
  it.each([
    ['https://{org}.api.kustomerapp.com', undefined],
    ['https://kustomer.internal.example/api', undefined],
    ['http://127.0.0.1:4100', undefined],
    ['http://localhost:4100/', undefined],
    ['http://[::1]:4100', undefined],
  ])('takes %s', (url, problem) => {
    expect(apiUrlProblem(url)).toBe(problem);
  });

  it.each([
    ['http://{org}.api.kustomerapp.com', 'Use https'],
    ['http://10.0.0.5:8080', 'Use https'],
    ['ftp://example.com', 'Enter an https address'],
    ['javascript:alert(1)', 'Enter an https address'],
    ['not a url', 'Enter an https address'],
  ])('refuses %s', (url, message) => {
    expect(apiUrlProblem(url)).toContain(message);
  });
});

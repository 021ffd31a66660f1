import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inBody, inHeaders, inUrl, placeOf, signatureOf, verdictOf, WIRE_LIMITS, type WireExchange } from '../../src/model/wire';
import { describeExchange } from '../../src/model/wire-text';

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const signature = signatureOf(token);
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const exchange = (status?: number, extra: Partial<WireExchange> = {}): WireExchange => ({ method: 'POST', host: 'h', path: '/p', carried: 'body', at: 0, status, source: 'vendor', ...extra });

describe('finding the request that carried the token', () => {
  it('matches on the signature in the URL, a header or the body, and nowhere else', () => {
    expect(signature).toBe('3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(inUrl(`https://api.example/login?jwt=${token}`, signature)).toBe(true);
    expect(inUrl('https://api.example/login', signature)).toBe(false);
    expect(inHeaders([{ name: 'Authorization', value: `Bearer ${token}` }], signature)).toBe(true);
    expect(inHeaders([{ name: 'x', value: 'y' }], signature)).toBe(false);
    expect(inBody({ raw: [{ bytes: bytes(JSON.stringify({ token })) }] }, signature)).toBe(true);
    expect(inBody({ formData: { jwt: [token] } }, signature)).toBe(true);
    expect(inBody({ raw: [{ bytes: bytes('{"token":"other"}') }] }, signature)).toBe(false);
  });

  it('searches at most the body budget', () => {
    const padded = `${'x'.repeat(WIRE_LIMITS.bodyBytes)}${token}`;
    expect(inBody({ raw: [{ bytes: bytes(padded) }] }, signature)).toBe(false);
  });

  it('never keeps the signature or the query in the path, and caps it', () => {
    expect(placeOf(`https://api.example:8443/v1/${signature}/login?jwt=${token}`, signature)).toEqual({ host: 'api.example:8443', path: '/v1/…/login' });
    expect(placeOf(`https://api.example/${'a'.repeat(500)}`, signature).path.length).toBe(WIRE_LIMITS.path);
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const { host, path } = placeOf(`https://h.example/${encodeURIComponent(before)}${signature}${encodeURIComponent(after)}`, signature);
        return !`${host}${path}`.includes(signature);
      }),
    );
  });
});

describe('the verdict', () => {
  it('is the newest answered exchange: a retry that was accepted after a refusal was accepted', () => {
    expect(verdictOf([exchange(401), exchange(200)])?.status).toBe(200);
    expect(verdictOf([exchange(200), exchange(undefined)])?.status).toBe(200);
    expect(verdictOf([exchange(undefined)])).toBeUndefined();
    expect(verdictOf([exchange(undefined, { failed: 'net::ERR_FAILED' })])?.failed).toBe('net::ERR_FAILED');
  });
  it('reads as one line', () => {
    expect(describeExchange(exchange(401, { ms: 35, host: '127.0.0.1:4101', path: '/messenger/web/ping' }))).toBe('POST 127.0.0.1:4101/messenger/web/ping → HTTP 401 (35 ms)');
  });
});

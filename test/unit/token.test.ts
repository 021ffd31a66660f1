import jwt from 'jsonwebtoken';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../src/jwt/token';

const SECRET = 'unit-test-secret';

describe('signToken', () => {
  it('signs HS256 with typ JWT, exactly the identity claims and iat', async () => {
    const token = await signToken({ externalId: 'cust-1' }, SECRET, undefined, 1_700_000_000);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const decoded = jwt.verify(token, SECRET, { algorithms: ['HS256'], ignoreExpiration: true, clockTimestamp: 1_700_000_000 });
    expect(decoded).toEqual({ externalId: 'cust-1', iat: 1_700_000_000 });
  });

  it('uses the current time in seconds by default', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { payload } = await jwtVerify(await signToken({ email: 'a@b.test' }, SECRET), new TextEncoder().encode(SECRET));
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.iat).toBeLessThanOrEqual(before + 2);
    expect(Number.isInteger(payload.iat)).toBe(true);
  });

  it('does not verify with another secret', async () => {
    const token = await signToken({ externalId: 'x' }, SECRET);
    expect(() => jwt.verify(token, 'other', { algorithms: ['HS256'] })).toThrow('invalid signature');
  });

  it('refuses an empty secret rather than signing with it', async () => {
    await expect(signToken({ externalId: 'x' }, '')).rejects.toThrow('The secret is empty.');
  });

  it('round-trips any identity and any secret through jsonwebtoken', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.emailAddress(), async (id, secret, email) => {
        const token = await signToken({ externalId: id, email }, secret, undefined, 1_700_000_000);
        const decoded = jwt.verify(token, secret, { algorithms: ['HS256'], clockTimestamp: 1_700_000_000 });
        expect(decoded).toEqual({ externalId: id, email, iat: 1_700_000_000 });
      }),
      { numRuns: 200 },
    );
  });
});

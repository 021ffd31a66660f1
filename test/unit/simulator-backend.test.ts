import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../simulator/backend.mjs';

const SECRET = 'sim-secret';
const NOW = 1_800_000_000_000;
const backend = () => createBackend({ secret: SECRET, now: () => NOW });
const iat = Math.floor(NOW / 1000);
const sign = (payload: object, options: jwt.SignOptions = {}, secret = SECRET) =>
  jwt.sign(payload, secret, { algorithm: 'HS256', ...options });

describe('simulated Kustomer backend: token rules', () => {
  it('accepts a fresh HS256 token and creates the customer', async () => {
    const b = backend();
    expect(await b.login('d1', sign({ externalId: 'c1', iat }))).toEqual({ identified: true, customerId: 'cus_0001', email: undefined, externalId: 'c1' });
    expect(await b.login('d2', sign({ externalId: 'c1', iat }))).toMatchObject({ customerId: 'cus_0001' });
  });

  it.each([
    ['a wrong secret', () => sign({ externalId: 'c', iat }, {}, 'other'), "Invalid token signature: it was not signed with this org's secret."],
    ['HS512', () => sign({ externalId: 'c', iat }, { algorithm: 'HS512' }), 'Kustomer accepts HS256 tokens only; this one says alg "HS512".'],
    ['no iat', () => sign({ externalId: 'c' }, { noTimestamp: true }), 'The token has no iat'],
    ['an iat 16 minutes old', () => sign({ externalId: 'c', iat: iat - 16 * 60 }), 'The token is too old: issued 16 minutes ago'],
    ['an iat in milliseconds', () => sign({ externalId: 'c', iat: NOW }), 'The token iat is in the future'],
    ['an iat two minutes ahead', () => sign({ externalId: 'c', iat: iat + 120 }), 'The token iat is in the future'],
    ['no identity', () => sign({ iat }), 'neither an email nor an externalId'],
    ['not a JWT', () => 'abc', 'jwtToken is not a JWT'],
    ['a header that is not JSON', () => 'eyJub3Q.e30.sig', 'The token header is not valid'],
  ])('refuses a token with %s', async (_what, make, message) => {
    await expect(backend().login('d', make())).rejects.toThrow(message);
  });

  it('accepts an iat 14 minutes old and one 30 s ahead (clock skew)', async () => {
    await expect(backend().login('d', sign({ externalId: 'c', iat: iat - 14 * 60 }))).resolves.toMatchObject({ identified: true });
    await expect(backend().login('d', sign({ externalId: 'c', iat: iat + 30 }))).resolves.toMatchObject({ identified: true });
  });

  it('uses the email when both claims are sent', async () => {
    const b = backend();
    const first = await b.login('d1', sign({ email: 'a@b.test', iat }));
    const both = await b.login('d2', sign({ email: 'a@b.test', externalId: 'ignored', iat }));
    expect(both.customerId).toBe(first.customerId);
    expect(both.externalId).toBeUndefined();
  });

  it('accepts a numeric externalId as the Android sample sends it', async () => {
    expect(await backend().login('d', sign({ externalId: 12345, iat }))).toMatchObject({ externalId: '12345' });
  });
});

describe('simulated Kustomer backend: sessions and history', () => {
  it('links anonymous chats to the customer at login and shares them across devices', async () => {
    const b = backend();
    b.createConversation('phone', 'anonymous question');
    expect(b.conversations('phone')).toHaveLength(1);
    await b.login('phone', sign({ externalId: 'c1', iat }));
    b.createConversation('phone', 'second');
    expect(b.conversations('laptop')).toEqual([]);
    await b.login('laptop', sign({ externalId: 'c1', iat }));
    expect(b.conversations('laptop').map((c) => c.lastMessage)).toEqual(['anonymous question', 'second']);
    b.logout('laptop');
    expect(b.session('laptop')).toEqual({ identified: false });
    expect(b.conversations('laptop')).toEqual([]);
    expect(b.session('phone')).toMatchObject({ identified: true, externalId: 'c1' });
  });
});

describe('simulated Kustomer backend: faults that each break one promise', () => {
  it('accept-any-signature and accept-expired take what Kustomer refuses; the healthy backend does not', async () => {
    const wrong = sign({ externalId: 'c', iat }, {}, 'other');
    const old = sign({ externalId: 'c', iat: iat - 16 * 60 });
    await expect(backend().login('d', wrong)).rejects.toThrow('Invalid token signature');
    await expect(backend().login('d', old)).rejects.toThrow('too old');
    expect(await backend().login('d', wrong, { fault: 'accept-any-signature' })).toMatchObject({ identified: true });
    expect(await backend().login('d', old, { fault: 'accept-expired' })).toMatchObject({ identified: true });
    await expect(backend().login('d', wrong, { fault: 'accept-expired' })).rejects.toThrow('Invalid token signature');
  });

  it('externalid-wins logs in the externalId customer when a token has both claims', async () => {
    const both = sign({ email: 'e@x.test', externalId: 'x-1', iat });
    expect(await backend().login('d', both)).toMatchObject({ email: 'e@x.test', externalId: undefined });
    expect(await backend().login('d', both, { fault: 'externalid-wins' })).toMatchObject({ email: undefined, externalId: 'x-1' });
  });

  it('no-carryover leaves chats started before login with nobody', async () => {
    for (const [fault, expected] of [[undefined, 1], ['no-carryover', 0]] as const) {
      const b = backend();
      b.createConversation('d', 'before login');
      await b.login('d', sign({ externalId: 'c', iat }), { fault });
      expect(b.conversations('d', { fault })).toHaveLength(expected);
    }
  });

  it("leak shows the previous customer's conversations after a switch", async () => {
    for (const [fault, expected] of [[undefined, 0], ['leak', 1]] as const) {
      const b = backend();
      await b.login('d', sign({ externalId: 'a', iat }), { fault });
      b.createConversation('d', "a's chat");
      b.logout('d');
      await b.login('d', sign({ externalId: 'b', iat }), { fault });
      expect(b.conversations('d', { fault })).toHaveLength(expected);
    }
  });
});

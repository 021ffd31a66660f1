import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { deriveKey, open, randomSalt, seal, WrongKeyError } from '../../src/storage/crypto';
import type { Environment } from '../../src/model/schema';
import type { StorageArea } from '../../src/storage/storage';
import { PassphraseError, Vault } from '../../src/storage/vault';
import { memoryArea } from './memory-area';

const FAST = { iterations: 1000 };
const env = (id: string, secret: string): Environment => ({ id, name: id.toUpperCase(), vendor: 'kustomer', sites: ['http://localhost/*'], secret });

function setup(environments: unknown[] = [env('a', 'secret-a'), env('b', 'secret-b'), env('c', '')]) {
  const local = memoryArea({ schemaVersion: 3, environments });
  const session = memoryArea();
  let now = 1_000_000;
  const clock = () => now;
  const vault = new Vault(local, session, clock);
  return { local, session, vault, clock, advance: (ms: number) => (now += ms) };
}

describe('crypto', () => {
  it('round-trips with the right key and refuses a wrong key or tampered data', async () => {
    const salt = randomSalt();
    const key = await deriveKey('correct horse', salt, 1000);
    const sealed = await seal(key, 'the secret');
    expect(sealed.data).not.toContain('the secret');
    expect(await open(key, sealed)).toBe('the secret');
    await expect(open(await deriveKey('wrong horse', salt, 1000), sealed)).rejects.toBeInstanceOf(WrongKeyError);
    const bytes = base64url.decode(sealed.data);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(open(key, { ...sealed, data: base64url.encode(bytes) })).rejects.toBeInstanceOf(WrongKeyError);
    await expect(open(key, { ...sealed, iv: base64url.encode(new Uint8Array(12)) })).rejects.toBeInstanceOf(WrongKeyError);
  });

  it('uses a fresh IV each time', async () => {
    const key = await deriveKey('p', randomSalt(), 1000);
    const one = await seal(key, 'x');
    const two = await seal(key, 'x');
    expect(one.iv).not.toBe(two.iv);
  });
});

describe('Vault', () => {
  it('is off by default and hands out plain secrets', async () => {
    const { vault } = setup();
    expect(await vault.status()).toBe('off');
    expect(await vault.secretOf(env('a', 'secret-a'))).toBe('secret-a');
  });

  it('setting a passphrase seals every secret in one write and keeps it unlocked', async () => {
    const { vault, local } = setup();
    await vault.setPassphrase('a long passphrase', FAST);
    const stored = local.data.environments as Environment[];
    expect(stored.map((e) => e.secret)).toEqual(['', '', '']);
    expect(stored[0]?.secretSealed).toBeDefined();
    expect(stored[2]?.secretSealed).toBeUndefined(); // no secret, nothing to seal
    expect(JSON.stringify(local.data)).not.toContain('secret-a');
    expect(JSON.stringify(local.data)).not.toContain('a long passphrase');
    expect(await vault.status()).toBe('unlocked');
    expect(await vault.secretOf(stored[0] as Environment)).toBe('secret-a');
  });

  it('locks, refuses a wrong passphrase without changing anything, unlocks with the right one', async () => {
    const { vault, local } = setup();
    await vault.setPassphrase('a long passphrase', FAST);
    await vault.lockNow();
    const sealed = (local.data.environments as Environment[])[1] as Environment;
    await expect(vault.secretOf(sealed)).rejects.toBeInstanceOf(PassphraseError);
    const before = structuredClone(local.data);
    await expect(vault.unlock('not it')).rejects.toThrow('Wrong passphrase');
    expect(local.data).toEqual(before);
    expect(await vault.status()).toBe('locked');
    await vault.unlock('a long passphrase');
    expect(await vault.secretOf(sealed)).toBe('secret-b');
  });

  it('forgets the key after the idle timeout, and each use (signing) extends it', async () => {
    const { vault, advance, local } = setup();
    await vault.setPassphrase('a long passphrase', { ...FAST, idleMinutes: 10 });
    const sealed = (local.data.environments as Environment[])[0] as Environment;
    advance(9 * 60_000);
    expect(await vault.secretOf(sealed)).toBe('secret-a');
    advance(9 * 60_000);
    expect(await vault.status()).toBe('unlocked');
    advance(2 * 60_000);
    expect(await vault.status()).toBe('locked');
  });

  it('changes the passphrase: every secret re-sealed, the old one no longer opens them', async () => {
    const { vault, local } = setup();
    await vault.setPassphrase('first passphrase', FAST);
    await vault.setPassphrase('second passphrase', FAST);
    await vault.lockNow();
    await expect(vault.unlock('first passphrase')).rejects.toThrow('Wrong passphrase');
    await vault.unlock('second passphrase');
    const stored = local.data.environments as Environment[];
    expect(await vault.secretOf(stored[0] as Environment)).toBe('secret-a');
    expect(await vault.secretOf(stored[1] as Environment)).toBe('secret-b');
  });

  it('a change interrupted half way leaves the old passphrase and secrets intact', async () => {
    const { vault, local, session, clock } = setup();
    await vault.setPassphrase('first passphrase', FAST);
    const before = structuredClone(local.data);
    const failing: StorageArea = {
      get: (k) => local.get(k),
      set: async () => {
        throw new Error('QUOTA_BYTES quota exceeded');
      },
      remove: (k) => local.remove(k),
    };
    const interrupted = new Vault(failing, session, clock);
    await expect(interrupted.setPassphrase('second passphrase', FAST)).rejects.toThrow('quota');
    await expect(interrupted.removePassphrase('first passphrase')).rejects.toThrow('quota');
    expect(local.data).toEqual(before);
    await vault.lockNow();
    await vault.unlock('first passphrase');
    expect(await vault.secretOf((local.data.environments as Environment[])[0] as Environment)).toBe('secret-a');
  });

  it('removing the passphrase stores every secret in plain text again, in one write', async () => {
    const { vault, local } = setup();
    await vault.setPassphrase('a long passphrase', FAST);
    const before = structuredClone(local.data);
    await expect(vault.removePassphrase('not the passphrase')).rejects.toThrow('Wrong passphrase: the lock is still on');
    expect(local.data).toEqual(before);
    await vault.removePassphrase('a long passphrase');
    expect(local.data.lock).toBeNull();
    expect((local.data.environments as Environment[]).map((e) => [e.secret, e.secretSealed])).toEqual([
      ['secret-a', undefined],
      ['secret-b', undefined],
      ['', undefined],
    ]);
    expect(await vault.status()).toBe('off');
  });

  it('refuses to change or remove while locked, and a short passphrase', async () => {
    const { vault } = setup();
    await expect(vault.setPassphrase('short', FAST)).rejects.toThrow('at least 8 characters');
    await vault.setPassphrase('a long passphrase', FAST);
    await vault.lockNow();
    await expect(vault.setPassphrase('another passphrase', FAST)).rejects.toBeInstanceOf(PassphraseError);
    await expect(vault.removePassphrase('a long passphrase')).rejects.toBeInstanceOf(PassphraseError);
  });

  it('seals a new secret for storage when on, and keeps a sealed one when the field is left empty', async () => {
    const { vault } = setup();
    expect(await vault.forStorage(env('x', 'plain'))).toEqual(env('x', 'plain'));
    await vault.setPassphrase('a long passphrase', FAST);
    const stored = await vault.forStorage(env('x', 'new-secret'));
    expect(stored.secret).toBe('');
    expect(await vault.secretOf(stored)).toBe('new-secret');
    const kept = await vault.forStorage({ ...env('x', ''), secretSealed: stored.secretSealed });
    expect(kept.secretSealed).toEqual(stored.secretSealed);
    await vault.lockNow();
    await expect(vault.forStorage(env('y', 'another'))).rejects.toBeInstanceOf(PassphraseError);
  });

  it('keeps unreadable stored entries as they are', async () => {
    const { vault, local } = setup([env('a', 'secret-a'), 'garbage']);
    await vault.setPassphrase('a long passphrase', FAST);
    expect((local.data.environments as unknown[])[1]).toBe('garbage');
  });

  it('reports a damaged lock record instead of guessing', async () => {
    const local = memoryArea({ lock: { salt: 1 } });
    await expect(new Vault(local, memoryArea()).status()).rejects.toThrow('damaged');
  });
});

describe('Vault: forgot passphrase', () => {
  it('removes the lock and every sealed secret in one write, keeps everything else, and takes new secrets', async () => {
    const { vault, local } = setup([{ ...env('a', 'secret-a'), sites: ['https://a.example/*'], orgName: 'acme' }, env('b', 'secret-b'), env('c', '')]);
    await vault.setPassphrase('a long passphrase', FAST);
    await vault.lockNow();
    expect(await vault.status()).toBe('locked');
    expect(await vault.sealedCount()).toBe(2);
    const writes = local.writes;
    await vault.forgetPassphrase();
    expect(local.writes - writes).toBe(1);
    expect(local.data.lock).toBeNull();
    const stored = local.data.environments as Environment[];
    expect(stored.map((e) => [e.id, e.name, e.secret, 'secretSealed' in e])).toEqual([
      ['a', 'A', '', false],
      ['b', 'B', '', false],
      ['c', 'C', '', false],
    ]);
    expect(stored[0]).toMatchObject({ sites: ['https://a.example/*'], settings: { orgName: 'acme' } });
    expect(await vault.status()).toBe('off');
    expect(await vault.forStorage(env('a', 'new-secret'))).toMatchObject({ secret: 'new-secret' });
  });

  it('works when the lock record itself is damaged, and keeps entries it cannot read', async () => {
    const { vault, local } = setup([env('a', 'x'), { broken: true }]);
    local.data.lock = { salt: 42 };
    await expect(vault.status()).rejects.toBeInstanceOf(PassphraseError);
    await vault.forgetPassphrase();
    expect(local.data.lock).toBeNull();
    expect(local.data.environments).toEqual([env('a', 'x'), { broken: true }]);
    expect(await vault.status()).toBe('off');
  });
});

describe('Vault: lock hygiene', () => {
  function hygiene() {
    const local = memoryArea({ schemaVersion: 3, environments: [env('a', 'secret-a'), env('b', 'secret-b')] });
    const session = memoryArea();
    let now = 1_000_000;
    const wakes: number[] = [];
    const vault = new Vault(local, session, () => now, (at) => wakes.push(at));
    return { local, session, vault, wakes, advance: (ms: number) => (now += ms), now: () => now };
  }

  it('asks to be woken when the idle time ends, and drops the key then even if nothing read it', async () => {
    const { vault, wakes, advance, session } = hygiene();
    await vault.setPassphrase('a long passphrase', { ...FAST, idleMinutes: 5 });
    expect(wakes.at(-1)).toBe(1_000_000 + 5 * 60_000);
    advance(5 * 60_000);
    await vault.dropExpired();
    expect(session.data['vault:key']).toBeUndefined();
    expect(await vault.status()).toBe('locked');
  });

  it('a key used since the alarm was set lives on: the alarm is set again for its new end', async () => {
    const { vault, wakes, advance, session, local } = hygiene();
    await vault.setPassphrase('a long passphrase', { ...FAST, idleMinutes: 5 });
    advance(4 * 60_000);
    await vault.secretOf((local.data.environments as Environment[])[0] as Environment);
    advance(60_000);
    await vault.dropExpired();
    expect(session.data['vault:key']).toBeDefined();
    expect(wakes.at(-1)).toBe(1_000_000 + 9 * 60_000);
  });

  it('looking at the status (the options page opening) does not extend the idle time', async () => {
    const { vault, advance } = hygiene();
    await vault.setPassphrase('a long passphrase', { ...FAST, idleMinutes: 5 });
    for (let i = 0; i < 4; i++) {
      advance(60_000);
      expect(await vault.status()).toBe('unlocked');
    }
    advance(60_000);
    expect(await vault.status()).toBe('locked');
  });

  it("binds each sealed secret to its environment: one copied onto another environment does not open", async () => {
    const { vault, local } = hygiene();
    await vault.setPassphrase('a long passphrase', FAST);
    const [a, b] = local.data.environments as Environment[];
    expect(a?.secretSealed?.bound).toBe(true);
    const swapped = { ...(b as Environment), secretSealed: a?.secretSealed };
    await expect(vault.secretOf(swapped)).rejects.toThrow(/The sealed secret of "B" does not open for it/);
    expect(await vault.secretOf(a as Environment)).toBe('secret-a');
  });

  it('still opens secrets sealed before binding, and binds them when it re-seals', async () => {
    const { vault, local } = hygiene();
    await vault.setPassphrase('a long passphrase', FAST);
    // A secret as an older version sealed it: no owner.
    const unlockedKey = await (vault as unknown as { key(): Promise<{ key: CryptoKey }> }).key();
    const legacy = await seal(unlockedKey.key, 'legacy-secret');
    const old = { ...env('old', ''), secretSealed: legacy };
    expect(await vault.secretOf(old)).toBe('legacy-secret');
    local.data.environments = [...(local.data.environments as Environment[]), old];
    await vault.setPassphrase('another long passphrase', FAST);
    const resealed = (local.data.environments as Environment[]).find((e) => e.id === 'old');
    expect(resealed?.secretSealed?.bound).toBe(true);
    expect(await vault.secretOf(resealed as Environment)).toBe('legacy-secret');
  });

  it('an environment saved while the passphrase is being set is sealed, never left plain on disk', async () => {
    const { vault, local } = hygiene();
    const { Store } = await import('../../src/storage/storage');
    const store = new Store(local);
    const setting = vault.setPassphrase('a long passphrase', FAST);
    const saving = store.saveEnvironment(env('c', 'secret-c'), (e) => vault.forStorage(e));
    await Promise.all([setting, saving]);
    const stored = local.data.environments as Environment[];
    expect(JSON.stringify(stored)).not.toContain('secret-c');
    expect(stored.find((e) => e.id === 'c')?.secretSealed).toBeDefined();
  });
});

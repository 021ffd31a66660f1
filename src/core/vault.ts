import { DEFAULT_ITERATIONS, deriveKey, exportKey, importKey, open, randomSalt, type Sealed, seal, WrongKeyError } from './crypto';
import { type Environment, type LockRecord, readEnvironment, readLock } from './schema';
import type { StorageArea } from './storage';

/**
 * The passphrase lock over the environments' secrets. Off by default. When on, every secret
 * is stored sealed (AES-GCM) and the key derived from the passphrase lives only in
 * `storage.session` (memory) until the browser closes or the tester is idle too long.
 * Every change that touches several secrets is one storage write, so an interruption leaves
 * either the old state or the new, never a mix.
 */

export type VaultStatus = 'off' | 'locked' | 'unlocked';

const SESSION_KEY = 'vault:key';
const VERIFIER = 'chat-identity-lab';

interface SessionKey {
  key: string;
  expiresAt: number;
}

export class PassphraseError extends Error {}

export class Vault {
  constructor(
    private readonly local: StorageArea,
    private readonly session: StorageArea,
    private readonly now: () => number = Date.now,
  ) {}

  private async lockRecord(): Promise<LockRecord | undefined> {
    const { lock } = await this.local.get('lock');
    const record = readLock(lock);
    if (typeof record === 'string') throw new PassphraseError(`The stored passphrase lock is damaged (${record}).`);
    return record;
  }

  private async sessionKey(lock: LockRecord): Promise<CryptoKey | undefined> {
    const { [SESSION_KEY]: value } = await this.session.get(SESSION_KEY);
    const stored = value as SessionKey | undefined;
    if (!stored || typeof stored.key !== 'string') return undefined;
    if (stored.expiresAt <= this.now()) {
      await this.session.remove(SESSION_KEY);
      return undefined;
    }
    // Sliding idle timeout: every use keeps it unlocked a while longer.
    await this.session.set({ [SESSION_KEY]: { key: stored.key, expiresAt: this.now() + lock.idleMinutes * 60_000 } });
    return importKey(stored.key);
  }

  private async remember(key: CryptoKey, lock: LockRecord): Promise<void> {
    await this.session.set({ [SESSION_KEY]: { key: await exportKey(key), expiresAt: this.now() + lock.idleMinutes * 60_000 } });
  }

  private async rawEnvironments(): Promise<unknown[]> {
    const { environments } = await this.local.get('environments');
    return Array.isArray(environments) ? environments : [];
  }

  async status(): Promise<VaultStatus> {
    const lock = await this.lockRecord();
    if (!lock) return 'off';
    return (await this.sessionKey(lock)) ? 'unlocked' : 'locked';
  }

  async idleMinutes(): Promise<number | undefined> {
    return (await this.lockRecord())?.idleMinutes;
  }

  /** The key, when unlocked; throws a PassphraseError that says what to do otherwise. */
  private async key(): Promise<{ key: CryptoKey; lock: LockRecord } | undefined> {
    const lock = await this.lockRecord();
    if (!lock) return undefined;
    const key = await this.sessionKey(lock);
    if (!key) throw new PassphraseError('Secrets are locked: enter the passphrase to unlock them.');
    return { key, lock };
  }

  /** An environment's secret in plain text, for signing; throws PassphraseError when locked. */
  async secretOf(environment: Environment): Promise<string> {
    if (!environment.secretSealed) return environment.secret;
    const unlocked = await this.key();
    if (!unlocked) throw new PassphraseError('This secret is sealed but no passphrase lock is set: enter the secret again in Options.');
    return open(unlocked.key, environment.secretSealed);
  }

  /** What to store for an environment whose plain secret is `secret`: sealed when the lock is on. */
  async forStorage(environment: Environment): Promise<Environment> {
    // An empty field keeps whatever is stored (a sealed secret stays sealed, unopened).
    if (environment.secret === '') return environment;
    const unlocked = await this.key();
    const { secretSealed: _old, ...rest } = environment;
    if (!unlocked) return rest;
    return { ...rest, secret: '', secretSealed: await seal(unlocked.key, environment.secret) };
  }

  async unlock(passphrase: string): Promise<void> {
    const lock = await this.lockRecord();
    if (!lock) return;
    const key = await deriveKey(passphrase, lock.salt, lock.iterations);
    try {
      await open(key, lock.verifier);
    } catch (caught) {
      if (caught instanceof WrongKeyError) throw new PassphraseError('Wrong passphrase: nothing was unlocked. Try again.');
      throw caught;
    }
    await this.remember(key, lock);
  }

  async lockNow(): Promise<void> {
    await this.session.remove(SESSION_KEY);
  }

  /**
   * Turns the lock on, or changes the passphrase: every secret is re-sealed with the new key
   * and written with the new lock record in one write.
   */
  async setPassphrase(passphrase: string, options: { iterations?: number; idleMinutes?: number } = {}): Promise<void> {
    if (passphrase.length < 8) throw new PassphraseError('Use a passphrase of at least 8 characters.');
    const current = await this.key(); // throws when locked: unlock before changing it
    const lock: LockRecord = {
      salt: randomSalt(),
      iterations: options.iterations ?? DEFAULT_ITERATIONS,
      verifier: { iv: '', data: '' },
      idleMinutes: options.idleMinutes ?? current?.lock.idleMinutes ?? 30,
    };
    const key = await deriveKey(passphrase, lock.salt, lock.iterations);
    lock.verifier = await seal(key, VERIFIER);
    const next = await this.mapSecrets(async (plain) => (plain === '' ? undefined : seal(key, plain)), current?.key);
    await this.local.set({ environments: next, lock });
    await this.remember(key, lock);
  }

  /** Turns the lock off: every secret is stored in plain text again, in one write. */
  async removePassphrase(): Promise<void> {
    const current = await this.key();
    if (!current) return;
    const next = await this.mapSecrets(async () => undefined, current.key);
    await this.local.set({ environments: next, lock: null });
    await this.session.remove(SESSION_KEY);
  }

  /** How many environments hold a sealed secret (what "Forgot passphrase" would delete). */
  async sealedCount(): Promise<number> {
    return (await this.rawEnvironments()).filter((value) => value !== null && typeof value === 'object' && 'secretSealed' in value).length;
  }

  /**
   * "Forgot passphrase": removes the lock and every sealed secret in one write, and nothing
   * else. Environments, their sites and identities stay; their secrets must be entered again.
   * Needs no key, so it also works when the lock record itself is damaged.
   */
  async forgetPassphrase(): Promise<void> {
    const next = (await this.rawEnvironments()).map((value) => {
      if (value === null || typeof value !== 'object' || !('secretSealed' in value)) return value;
      const { secretSealed: _dropped, ...rest } = value as Record<string, unknown>;
      return { ...rest, secret: '' };
    });
    await this.local.set({ environments: next, lock: null });
    await this.session.remove(SESSION_KEY);
  }

  /** Rewrites every readable environment's secret; unreadable entries are kept as they are. */
  private async mapSecrets(sealWith: (plain: string) => Promise<Sealed | undefined>, oldKey?: CryptoKey): Promise<unknown[]> {
    const list = await this.rawEnvironments();
    const next: unknown[] = [];
    for (const value of list) {
      const environment = readEnvironment(value);
      if (typeof environment === 'string') {
        next.push(value);
        continue;
      }
      let plain = environment.secret;
      if (environment.secretSealed) {
        if (!oldKey) throw new PassphraseError(`The secret of "${environment.name}" is sealed with an unknown key.`);
        plain = await open(oldKey, environment.secretSealed);
      }
      const sealed = await sealWith(plain);
      const { secretSealed: _old, ...rest } = environment;
      next.push(sealed ? { ...rest, secret: '', secretSealed: sealed } : { ...rest, secret: plain });
    }
    return next;
  }
}

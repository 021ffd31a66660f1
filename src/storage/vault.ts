import { VAULT_KEY } from './storage-keys';
import { DEFAULT_ITERATIONS, deriveKey, exportKey, importKey, open, randomSalt, type Sealed, seal, WrongKeyError } from './crypto';
import { ENVIRONMENTS, exclusive } from './exclusive';
import { type Environment, type LockRecord, readEnvironment, readLock } from '../model/schema';
import type { StorageArea } from './storage';

/**
 * The passphrase lock over the environments' secrets. Off by default. When on, every secret
 * is stored sealed (AES-GCM) and the key derived from the passphrase lives only in
 * `storage.session` (memory) until the browser closes or the tester is idle too long.
 * Every change that touches several secrets is one storage write, so an interruption leaves
 * either the old state or the new, never a mix.
 */

export type VaultStatus = 'off' | 'locked' | 'unlocked';

const SESSION_KEY = VAULT_KEY;
const VERIFIER = 'chat-identity-lab';

interface SessionKey {
  key: string;
  expiresAt: number;
}

export class PassphraseError extends Error {
  /** `locked`: no unlocked key, the tester is asked for the passphrase; `other`: the sentence says what to do. */
  constructor(
    message: string,
    readonly kind: 'locked' | 'other' = 'other',
  ) {
    super(message);
  }
}

/** The owner a secret is sealed to: its environment. */
const ownerOf = (environmentId: string) => `environment:${environmentId}`;

export class Vault {
  /**
   * `wakeAt(ms)` asks to be woken (dropExpired) when the unlocked key's idle time is over, so
   * the key goes even if nothing reads it (the extension's service worker uses an alarm).
   */
  constructor(
    private readonly local: StorageArea,
    private readonly session: StorageArea,
    private readonly now: () => number = Date.now,
    private readonly wakeAt: (ms: number) => void = () => {},
  ) {}

  private async lockRecord(): Promise<LockRecord | undefined> {
    const { lock } = await this.local.get('lock');
    const record = readLock(lock);
    if (typeof record === 'string') throw new PassphraseError(`The stored passphrase lock is damaged (${record}).`);
    return record;
  }

  /**
   * The unlocked key, if it has not idled out. `use`: this is a use of the secrets (signing,
   * changing them), which keeps it unlocked a while longer; a look at the status is not.
   */
  private async sessionKey(lock: LockRecord, use: boolean): Promise<CryptoKey | undefined> {
    const { [SESSION_KEY]: value } = await this.session.get(SESSION_KEY);
    const stored = value as SessionKey | undefined;
    if (!stored || typeof stored.key !== 'string') return undefined;
    if (stored.expiresAt <= this.now()) {
      await this.session.remove(SESSION_KEY);
      return undefined;
    }
    if (use) await this.keep(stored.key, lock);
    return importKey(stored.key);
  }

  private async keep(rawKey: string, lock: LockRecord): Promise<void> {
    const expiresAt = this.now() + lock.idleMinutes * 60_000;
    await this.session.set({ [SESSION_KEY]: { key: rawKey, expiresAt } });
    this.wakeAt(expiresAt);
  }

  private async remember(key: CryptoKey, lock: LockRecord): Promise<void> {
    await this.keep(await exportKey(key), lock);
  }

  /**
   * Drops the unlocked key when its idle time is over (called by the alarm). A key used since
   * the alarm was set lives on: the alarm is set again for its new end.
   */
  async dropExpired(): Promise<void> {
    const { [SESSION_KEY]: value } = await this.session.get(SESSION_KEY);
    const stored = value as SessionKey | undefined;
    if (!stored) return;
    if (typeof stored.expiresAt !== 'number' || stored.expiresAt <= this.now()) await this.session.remove(SESSION_KEY);
    else this.wakeAt(stored.expiresAt);
  }

  private async rawEnvironments(): Promise<unknown[]> {
    const { environments } = await this.local.get('environments');
    return Array.isArray(environments) ? environments : [];
  }

  async status(): Promise<VaultStatus> {
    const lock = await this.lockRecord();
    if (!lock) return 'off';
    return (await this.sessionKey(lock, false)) ? 'unlocked' : 'locked';
  }

  async idleMinutes(): Promise<number | undefined> {
    return (await this.lockRecord())?.idleMinutes;
  }

  /** The key, when unlocked; throws a PassphraseError that says what to do otherwise. */
  private async key(): Promise<{ key: CryptoKey; lock: LockRecord } | undefined> {
    const lock = await this.lockRecord();
    if (!lock) return undefined;
    const key = await this.sessionKey(lock, true);
    if (!key) throw new PassphraseError('Secrets are locked: enter the passphrase to unlock them.', 'locked');
    return { key, lock };
  }

  /** An environment's secret in plain text, for signing; throws PassphraseError when locked. */
  async secretOf(environment: Environment): Promise<string> {
    if (!environment.secretSealed) return environment.secret;
    const unlocked = await this.key();
    if (!unlocked) throw new PassphraseError('This secret is sealed but no passphrase lock is set: enter the secret again in Options.');
    try {
      return await open(unlocked.key, environment.secretSealed, ownerOf(environment.id));
    } catch (caught) {
      if (!(caught instanceof WrongKeyError)) throw caught;
      throw new PassphraseError(`The sealed secret of "${environment.name}" does not open for it (the stored data was changed): enter its secret again in Options.`);
    }
  }

  /** What to store for an environment whose plain secret is `secret`: sealed when the lock is on. */
  async forStorage(environment: Environment): Promise<Environment> {
    // An empty field keeps whatever is stored (a sealed secret stays sealed, unopened).
    if (environment.secret === '') return environment;
    const unlocked = await this.key();
    const { secretSealed: _old, ...rest } = environment;
    if (!unlocked) return rest;
    return { ...rest, secret: '', secretSealed: await seal(unlocked.key, environment.secret, ownerOf(environment.id)) };
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
    await exclusive(ENVIRONMENTS, () => this.resealAll(passphrase, options));
  }

  private async resealAll(passphrase: string, options: { iterations?: number; idleMinutes?: number }): Promise<void> {
    const current = await this.key(); // throws when locked: unlock before changing it
    const lock: LockRecord = {
      salt: randomSalt(),
      iterations: options.iterations ?? DEFAULT_ITERATIONS,
      verifier: { iv: '', data: '' },
      idleMinutes: options.idleMinutes ?? current?.lock.idleMinutes ?? 30,
    };
    const key = await deriveKey(passphrase, lock.salt, lock.iterations);
    lock.verifier = await seal(key, VERIFIER);
    const next = await this.mapSecrets(async (plain, owner) => (plain === '' ? undefined : seal(key, plain, owner)), current?.key);
    await this.local.set({ environments: next, lock });
    await this.remember(key, lock);
  }

  /**
   * Turns the lock off: every secret is stored in plain text again, in one write. Asks for the
   * current passphrase even when unlocked: one click on a shared screen must not undo the lock.
   */
  removePassphrase(passphrase: string): Promise<void> {
    return exclusive(ENVIRONMENTS, async () => {
      const current = await this.key();
      if (!current) return;
      const typed = await deriveKey(passphrase, current.lock.salt, current.lock.iterations);
      try {
        await open(typed, current.lock.verifier);
      } catch (caught) {
        if (caught instanceof WrongKeyError) throw new PassphraseError('Wrong passphrase: the lock is still on. Type the current passphrase to remove it.');
        throw caught;
      }
      const next = await this.mapSecrets(async () => undefined, current.key);
      await this.local.set({ environments: next, lock: null });
      await this.session.remove(SESSION_KEY);
    });
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
  forgetPassphrase(): Promise<void> {
    return exclusive(ENVIRONMENTS, async () => {
      const next = (await this.rawEnvironments()).map((value) => {
        if (value === null || typeof value !== 'object' || !('secretSealed' in value)) return value;
        const { secretSealed: _dropped, ...rest } = value as Record<string, unknown>;
        return { ...rest, secret: '' };
      });
      await this.local.set({ environments: next, lock: null });
      await this.session.remove(SESSION_KEY);
    });
  }

  /** Rewrites every readable environment's secret; unreadable entries are kept as they are. */
  private async mapSecrets(sealWith: (plain: string, owner: string) => Promise<Sealed | undefined>, oldKey?: CryptoKey): Promise<unknown[]> {
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
        plain = await open(oldKey, environment.secretSealed, ownerOf(environment.id));
      }
      const sealed = await sealWith(plain, ownerOf(environment.id));
      const { secretSealed: _old, ...rest } = environment;
      next.push(sealed ? { ...rest, secret: '', secretSealed: sealed } : { ...rest, secret: plain });
    }
    return next;
  }
}

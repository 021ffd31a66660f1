import { ENVIRONMENTS, exclusive } from './exclusive';
import { checkReportsKey } from './storage-keys';
import {
  DEFAULT_SETTINGS,
  type Environment,
  type Identity,
  type IdentityResult,
  readEnvironment,
  readIdentity,
  readSettings,
  SCHEMA_VERSION,
  type SetAsideRecord,
  type Settings,
} from '../model/schema';
import { identitiesKey } from './storage-keys';
import { LEGACY_VENDOR } from '../model/legacy-records';
import { isVendorId } from '../vendors/list';

/** The slice of `browser.storage.local` this module needs; tests pass an in-memory one. */
export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface Unreadable {
  index: number;
  reason: string;
}

export interface EnvironmentsSnapshot {
  environments: Environment[];
  /** Stored entries that could not be read: kept as they are, reported, never used. */
  unreadable: Unreadable[];
  setAside: SetAsideRecord[];
}

export interface IdentitiesSnapshot {
  identities: Identity[];
  unreadable: Unreadable[];
}

export class StorageError extends Error {}

/** Thrown when a write would break a rule (a label taken); nothing was written. */
export class ConflictError extends Error {}

type Migration = (area: StorageArea) => Promise<void>;

/**
 * Migrations from each shipped schema version to the next, run in order. Each one only adds
 * or reshapes; what it cannot read it leaves in place.
 */
const MIGRATIONS: Record<number, Migration> = {
  // 1 → 2: every environment gets its own (empty) identity list.
  // 2 → 3: new fields are optional and the lock starts off: nothing to reshape.
  2: async () => {},
  // 3 → 4: every environment names its chat vendor; all before vendors were one (model/legacy-records).
  3: async (area) => {
    const { environments } = await area.get('environments');
    if (!Array.isArray(environments)) return;
    // Only readable environments are tagged; what cannot be read stays exactly as it was.
    const tagged = environments.map((e) => (typeof readEnvironment(e) !== 'string' && !('vendor' in (e as object)) ? { ...(e as object), vendor: LEGACY_VENDOR } : e));
    if (tagged.some((e, i) => e !== environments[i])) await area.set({ environments: tagged });
  },
  1: async (area) => {
    const { environments } = await area.get('environments');
    if (!Array.isArray(environments)) return;
    const ids = environments.map(readEnvironment).flatMap((e) => (typeof e === 'string' ? [] : [e.id]));
    const existing = await area.get(ids.map(identitiesKey));
    const missing = Object.fromEntries(ids.map(identitiesKey).filter((k) => !(k in existing)).map((k) => [k, []]));
    if (Object.keys(missing).length > 0) await area.set(missing);
  },
};

/** A stored environment, of a vendor the list has (a downgrade can leave one of a vendor it does not). */
export function readStoredEnvironment(value: unknown): Environment | string {
  const environment = readEnvironment(value);
  if (typeof environment === 'string') return environment;
  return isVendorId(environment.vendor) ? environment : 'unknown chat vendor';
}

const readList = <T>(list: unknown[], read: (value: unknown) => T | string) => {
  const items: T[] = [];
  const unreadable: Unreadable[] = [];
  list.forEach((value, index) => {
    const item = read(value);
    if (typeof item === 'string') unreadable.push({ index, reason: item });
    else items.push(item);
  });
  return { items, unreadable };
};

/** Every key stored for one environment, besides its entry in the list. */
export const environmentKeys = (id: string): string[] => [identitiesKey(id), checkReportsKey(id)];

/** What deleting an environment removed: enough to put it all back. */
export interface DeletedEnvironment {
  env: Environment;
  index: number;
  identities: unknown[];
  /** Its other stored keys (check reports), as they were. */
  kept: Record<string, unknown>;
}

/** What an identity's last result may hold: it is shown and kept, and may quote the page. */
export const RESULT_LIMITS = { message: 500, customerId: 200 } as const;

const sameLabel = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Typed access to everything stored. Reads never throw on bad data: what cannot be read is
 * reported and left in place (or set aside when a whole key is unusable), so a corrupt record
 * neither crashes the popup nor gets silently dropped.
 */
export class Store {
  private migrated: Promise<void> | undefined;

  constructor(private readonly area: StorageArea) {}

  /** Brings stored data up to SCHEMA_VERSION once per Store. */
  private ensureSchema(): Promise<void> {
    this.migrated ??= (async () => {
      const { schemaVersion } = await this.area.get('schemaVersion');
      if (typeof schemaVersion === 'number' && schemaVersion > SCHEMA_VERSION) {
        throw new StorageError(
          `Stored data was written by a newer version of Chat Identity Lab (schema ${schemaVersion}); update the extension.`,
        );
      }
      let version = typeof schemaVersion === 'number' ? schemaVersion : 1;
      for (; version < SCHEMA_VERSION; version++) await MIGRATIONS[version]?.(this.area);
      if (schemaVersion !== SCHEMA_VERSION) await this.area.set({ schemaVersion: SCHEMA_VERSION });
    })();
    // A failed migration is retried by the next call rather than remembered.
    this.migrated.catch(() => {
      this.migrated = undefined;
    });
    return this.migrated;
  }

  /** A key whose whole value is unusable is kept aside for the tester and replaced by []. */
  private async listAt(key: string): Promise<{ list: unknown[]; setAside: SetAsideRecord[] }> {
    // One round trip when the schema is current (the popup's common case); migrate otherwise.
    let data = await this.area.get(['schemaVersion', key, 'setAside']);
    if (data.schemaVersion !== SCHEMA_VERSION) {
      await this.ensureSchema();
      data = await this.area.get([key, 'setAside']);
    }
    const setAside = Array.isArray(data.setAside) ? (data.setAside as SetAsideRecord[]) : [];
    const stored = data[key];
    if (stored === undefined || Array.isArray(stored)) return { list: stored ?? [], setAside };
    const record: SetAsideRecord = { key, reason: `${key} was not a list`, value: stored, at: new Date().toISOString() };
    const next = [...setAside, record];
    await this.area.set({ [key]: [], setAside: next });
    return { list: [], setAside: next };
  }

  async environments(): Promise<EnvironmentsSnapshot> {
    const { list, setAside } = await this.listAt('environments');
    const { items, unreadable } = readList(list, readStoredEnvironment);
    return { environments: items, unreadable, setAside };
  }

  /**
   * Adds or replaces an environment by id; unreadable entries stay where they are. `prepare`
   * (sealing the secret) runs inside the same exclusive read-modify-write, so a passphrase
   * set meanwhile cannot be undone by this write.
   */
  saveEnvironment(env: Environment, prepare: (env: Environment) => Promise<Environment> = async (e) => e): Promise<void> {
    return exclusive(ENVIRONMENTS, async () => this.writeEnvironment(await prepare(env)));
  }

  private async writeEnvironment(env: Environment): Promise<void> {
    const { list } = await this.listAt('environments');
    const next = [...list];
    const at = next.findIndex((value) => (readEnvironment(value) as Environment).id === env.id);
    const key = identitiesKey(env.id);
    if (at >= 0) {
      next[at] = env;
      await this.area.set({ environments: next });
    } else {
      next.push(env);
      const { [key]: identities } = await this.area.get(key);
      await this.area.set({ environments: next, ...(identities === undefined ? { [key]: [] } : {}) });
    }
  }

  /**
   * Removes an environment with everything stored for it (identities, check reports) and
   * returns its identities (for undo; reports are evidence of past runs and are not restored).
   */
  /** Deletes an environment and everything stored for it; returns what it removed, for an undo (restoreEnvironment). */
  deleteEnvironment(id: string): Promise<DeletedEnvironment | undefined> {
    return exclusive(ENVIRONMENTS, () => this.removeEnvironment(id));
  }

  private async removeEnvironment(id: string): Promise<DeletedEnvironment | undefined> {
    const { list } = await this.listAt('environments');
    const index = list.findIndex((value) => (readEnvironment(value) as Environment).id === id);
    if (index < 0) return undefined;
    const env = readEnvironment(list[index]) as Environment;
    const key = identitiesKey(id);
    const stored = await this.area.get(environmentKeys(id));
    const { [key]: identities, ...rest } = stored;
    await this.area.set({ environments: list.filter((_, i) => i !== index) });
    await this.area.remove(environmentKeys(id));
    return { env, index, identities: Array.isArray(identities) ? identities : [], kept: rest };
  }

  /** Puts a deleted environment back with its identities and what else was stored for it (its check reports), in one write. */
  restoreEnvironment(env: Environment, index: number, identities: unknown[] = [], kept: Record<string, unknown> = {}): Promise<void> {
    return exclusive(ENVIRONMENTS, async () => {
      const { list } = await this.listAt('environments');
      const next = [...list];
      next.splice(Math.min(index, next.length), 0, env);
      // Only this environment's own keys come back, whatever the caller hands over.
      const own = Object.fromEntries(Object.entries(kept).filter(([k]) => environmentKeys(env.id).includes(k) && k !== identitiesKey(env.id)));
      await this.area.set({ ...own, environments: next, [identitiesKey(env.id)]: identities });
    });
  }

  async identities(environmentId: string): Promise<IdentitiesSnapshot> {
    const { list } = await this.listAt(identitiesKey(environmentId));
    const { items, unreadable } = readList(list, readIdentity);
    return { identities: items, unreadable };
  }

  /** Adds or replaces an identity; refuses a label another identity of the environment has. */
  saveIdentity(environmentId: string, identity: Identity): Promise<void> {
    return exclusive(identitiesKey(environmentId), () => this.writeIdentity(environmentId, identity));
  }

  private async writeIdentity(environmentId: string, identity: Identity): Promise<void> {
    const key = identitiesKey(environmentId);
    const { list } = await this.listAt(key);
    const { items } = readList(list, readIdentity);
    const clash = items.find((other) => other.id !== identity.id && sameLabel(other.label, identity.label));
    if (clash) throw new ConflictError(`The label "${identity.label}" is taken in this environment: choose another.`);
    const next = [...list];
    const at = next.findIndex((value) => (readIdentity(value) as Identity).id === identity.id);
    if (at >= 0) next[at] = identity;
    else next.push(identity);
    await this.area.set({ [key]: next });
  }

  deleteIdentity(environmentId: string, id: string): Promise<{ identity: Identity; index: number } | undefined> {
    return exclusive(identitiesKey(environmentId), () => this.removeIdentity(environmentId, id));
  }

  private async removeIdentity(environmentId: string, id: string): Promise<{ identity: Identity; index: number } | undefined> {
    const key = identitiesKey(environmentId);
    const { list } = await this.listAt(key);
    const index = list.findIndex((value) => (readIdentity(value) as Identity).id === id);
    if (index < 0) return undefined;
    const identity = readIdentity(list[index]) as Identity;
    await this.area.set({ [key]: list.filter((_, i) => i !== index) });
    return { identity, index };
  }

  restoreIdentity(environmentId: string, identity: Identity, index: number): Promise<void> {
    const key = identitiesKey(environmentId);
    return exclusive(key, async () => {
      const { list } = await this.listAt(key);
      const next = [...list];
      next.splice(Math.min(index, next.length), 0, identity);
      await this.area.set({ [key]: next });
    });
  }

  /**
   * Remembers when an identity was last used and what happened; returns the updated identity.
   * Under the identity list's exclusive write, like every other change to it, so a login
   * finishing while the options page saves cannot undo that save.
   */
  recordUse(environmentId: string, id: string, result: IdentityResult): Promise<Identity | undefined> {
    return exclusive(identitiesKey(environmentId), () => this.writeUse(environmentId, id, result));
  }

  private async writeUse(environmentId: string, id: string, result: IdentityResult): Promise<Identity | undefined> {
    const key = identitiesKey(environmentId);
    const { list } = await this.listAt(key);
    const at = list.findIndex((value) => (readIdentity(value) as Identity).id === id);
    if (at < 0) return undefined;
    const bounded: IdentityResult = {
      ...result,
      ...(result.message !== undefined ? { message: result.message.slice(0, RESULT_LIMITS.message) } : {}),
      ...(result.customerId !== undefined ? { customerId: result.customerId.slice(0, RESULT_LIMITS.customerId) } : {}),
    };
    const updated: Identity = { ...(readIdentity(list[at]) as Identity), lastUsedAt: result.at, lastResult: bounded };
    const next = [...list];
    next[at] = updated;
    await this.area.set({ [key]: next });
    return updated;
  }

  /** The stored environment list as it is, readable or not (for import and export). */
  async rawEnvironments(): Promise<unknown[]> {
    return (await this.listAt('environments')).list;
  }

  /**
   * Writes an import: the new environment list and every new identity list in one write,
   * then drops the identity lists a replace left without an environment.
   */
  applyImport(
    plan: { environments: unknown[]; identities: Record<string, unknown[]>; removeKeys: string[] },
    prepare: (environments: unknown[]) => Promise<unknown[]> = async (e) => e,
  ): Promise<void> {
    return exclusive(ENVIRONMENTS, async () => {
      await this.listAt('environments'); // schema current before writing
      const items: Record<string, unknown> = { environments: await prepare(plan.environments) };
      for (const [id, list] of Object.entries(plan.identities)) items[identitiesKey(id)] = list;
      await this.area.set(items);
      // An environment a replace dropped takes all its records with it, reports included.
      const dropped = plan.removeKeys.flatMap((k) => (k.startsWith(identitiesKey('')) ? environmentKeys(k.slice(identitiesKey('').length)) : [k]));
      if (dropped.length > 0) await this.area.remove([...new Set(dropped)]);
    });
  }

  async settings(): Promise<Settings> {
    const data = await this.area.get('settings');
    return data.settings === undefined ? { ...DEFAULT_SETTINGS } : readSettings(data.settings);
  }

  async saveSettings(settings: Settings): Promise<void> {
    await this.area.set({ settings: readSettings(settings) });
  }
}

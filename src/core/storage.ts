import {
  DEFAULT_SETTINGS,
  type Environment,
  readEnvironment,
  readSettings,
  SCHEMA_VERSION,
  type SetAsideRecord,
  type Settings,
} from './schema';

/** The slice of `browser.storage.local` this module needs; tests pass an in-memory one. */
export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface UnreadableEnvironment {
  index: number;
  reason: string;
}

export interface EnvironmentsSnapshot {
  environments: Environment[];
  /** Stored entries that could not be read: kept as they are, reported, never used. */
  unreadable: UnreadableEnvironment[];
  setAside: SetAsideRecord[];
}

export class StorageError extends Error {}

/**
 * Typed access to everything stored. Reads never throw on bad data: what cannot be read is
 * reported and left in place (or set aside when a whole key is unusable), so a corrupt record
 * neither crashes the popup nor gets silently dropped.
 */
export class Store {
  constructor(private readonly area: StorageArea) {}

  private async raw(): Promise<{ list: unknown[]; setAside: SetAsideRecord[] }> {
    const data = await this.area.get(['schemaVersion', 'environments', 'setAside']);
    const version = data.schemaVersion;
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      throw new StorageError(
        `Stored data was written by a newer version of Chat Identity Lab (schema ${version}); update the extension.`,
      );
    }
    const setAside = Array.isArray(data.setAside) ? (data.setAside as SetAsideRecord[]) : [];
    const stored = data.environments;
    if (stored === undefined || Array.isArray(stored)) {
      if (version !== SCHEMA_VERSION) await this.area.set({ schemaVersion: SCHEMA_VERSION });
      return { list: stored ?? [], setAside };
    }
    // The whole key is unusable: keep it aside for the tester and start an empty list.
    const record: SetAsideRecord = {
      key: 'environments',
      reason: 'the environment list was not a list',
      value: stored,
      at: new Date().toISOString(),
    };
    const nextSetAside = [...setAside, record];
    await this.area.set({ schemaVersion: SCHEMA_VERSION, environments: [], setAside: nextSetAside });
    return { list: [], setAside: nextSetAside };
  }

  async environments(): Promise<EnvironmentsSnapshot> {
    const { list, setAside } = await this.raw();
    const environments: Environment[] = [];
    const unreadable: UnreadableEnvironment[] = [];
    list.forEach((value, index) => {
      const env = readEnvironment(value);
      if (typeof env === 'string') unreadable.push({ index, reason: env });
      else environments.push(env);
    });
    return { environments, unreadable, setAside };
  }

  /** Adds or replaces an environment by id; unreadable entries stay where they are. */
  async saveEnvironment(env: Environment): Promise<void> {
    const { list } = await this.raw();
    const next = [...list];
    const at = next.findIndex((value) => {
      const existing = readEnvironment(value);
      return typeof existing !== 'string' && existing.id === env.id;
    });
    if (at >= 0) next[at] = env;
    else next.push(env);
    await this.area.set({ environments: next });
  }

  /** Removes an environment and returns it (for undo), or undefined if it was not there. */
  async deleteEnvironment(id: string): Promise<{ env: Environment; index: number } | undefined> {
    const { list } = await this.raw();
    const index = list.findIndex((value) => {
      const existing = readEnvironment(value);
      return typeof existing !== 'string' && existing.id === id;
    });
    if (index < 0) return undefined;
    const env = readEnvironment(list[index]) as Environment;
    const next = list.filter((_, i) => i !== index);
    await this.area.set({ environments: next });
    return { env, index };
  }

  /** Puts a deleted environment back where it was. */
  async restoreEnvironment(env: Environment, index: number): Promise<void> {
    const { list } = await this.raw();
    const next = [...list];
    next.splice(Math.min(index, next.length), 0, env);
    await this.area.set({ environments: next });
  }

  async settings(): Promise<Settings> {
    const data = await this.area.get('settings');
    return data.settings === undefined ? { ...DEFAULT_SETTINGS } : readSettings(data.settings);
  }

  async saveSettings(settings: Settings): Promise<void> {
    await this.area.set({ settings: readSettings(settings) });
  }
}

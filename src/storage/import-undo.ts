import type { ImportPlan } from './import-plan';
import { readEnvironment } from '../model/schema';
import { identitiesKey } from './storage-keys';
import type { StorageArea } from './storage';

/** What was stored before an import, raw, so Undo puts back exactly that (sealed secrets too). */
export interface StoredData {
  environments: unknown[];
  /** Each readable environment's identity list as stored, by environment id. */
  identities: Record<string, unknown[]>;
}

/** The stored identity lists of `environments`, as they are (unreadable entries included). */
export async function readStoredData(area: StorageArea, environments: unknown[]): Promise<StoredData> {
  const ids = environments.map(readEnvironment).flatMap((e) => (typeof e === 'string' ? [] : [e.id]));
  const lists = ids.length > 0 ? await area.get(ids.map(identitiesKey)) : {};
  const identities: Record<string, unknown[]> = {};
  for (const id of ids) {
    const list = lists[identitiesKey(id)];
    if (Array.isArray(list)) identities[id] = list;
  }
  return { environments, identities };
}

/** The write (in the shape of an import) that undoes `plan` applied over `before`. */
export function undoOf(before: StoredData, plan: ImportPlan): Pick<ImportPlan, 'environments' | 'identities' | 'removeKeys'> {
  return {
    environments: before.environments,
    identities: before.identities,
    // Lists the import created where there was none before.
    removeKeys: plan.written.filter((id) => !(id in before.identities)).map(identitiesKey),
  };
}

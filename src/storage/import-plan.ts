import { type Environment, type Identity, readEnvironment, readIdentity } from '../model/schema';
import { LEGACY_VENDOR } from '../model/legacy-records';
import { identitiesKey } from './storage-keys';
import type { ExportedEnvironment, ExportedIdentity, ExportFile } from './transfer';

/**
 * What an import will write, worked out before anything is written, so the options page can
 * show it and ask first. An environment of the file "matches" one here when both have the
 * same name (any case) and the same sites (any order): a merge updates it in place instead of
 * adding a copy, and an import that brings no secret for it keeps the secret that is here.
 */

export type ImportMode = 'merge' | 'replace';

export interface ImportSummary {
  mode: ImportMode;
  /** Environments here before a replace, readable or not. */
  replaced: number;
  /** Names of environments added (after any renaming). */
  added: string[];
  /** Merge: matching environments the file changes; unchanged ones are left as they are. */
  updated: string[];
  unchanged: string[];
  renamed: { from: string; to: string }[];
  /** Replace: environments here whose secret goes with them. */
  secretsRemoved: string[];
  /** Matching environments that keep the secret here because the file has none for them. */
  secretsKept: string[];
  identitiesAdded: number;
  identitiesUpdated: number;
  /** Replace: identities here that the file's lists take the place of. */
  identitiesRemoved: number;
}

export interface ImportPlan {
  /** The whole new environment list, and each new identity list, written in one go. */
  environments: unknown[];
  identities: Record<string, unknown[]>;
  /** Identity keys of environments that a replace drops. */
  removeKeys: string[];
  /** Ids of the environments the import writes (their secrets are sealed when the lock is on). */
  written: string[];
  summary: ImportSummary;
}

const sameSites = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** Same name (any case) and the same sites (any order). */
export function matches(here: Pick<Environment, 'name' | 'sites'>, exported: Pick<ExportedEnvironment, 'name' | 'sites'>): boolean {
  return here.name.trim().toLowerCase() === exported.name.trim().toLowerCase() && sameSites(here.sites, exported.sites);
}

const hasSecret = (e: Environment) => e.secret !== '' || e.secretSealed !== undefined;

/** The environment as the file describes it, with `base`'s id and (when the file has none) its secret. */
function fromFile(exported: ExportedEnvironment, id: string, name: string, base?: Environment): Environment {
  const keep = !exported.secret && base && hasSecret(base);
  return {
    id,
    name,
    vendor: exported.vendor ?? LEGACY_VENDOR,
    sites: exported.sites,
    secret: keep ? base.secret : (exported.secret ?? ''),
    ...(keep && base.secretSealed ? { secretSealed: base.secretSealed } : {}),
    ...(exported.settings && Object.keys(exported.settings).length > 0 ? { settings: { ...exported.settings } } : {}),
    ...(exported.apiOrigins?.length ? { apiOrigins: exported.apiOrigins } : {}),
    ...(exported.observeLogins === false ? { observeLogins: false } : {}),
  };
}

/** Whether the file's copy differs from the one here in anything it carries. */
function differs(here: Environment, next: Environment, exported: ExportedEnvironment, plainHere: string | undefined): boolean {
  const settings = (e: Environment) => JSON.stringify([e.vendor, Object.entries(e.settings ?? {}).sort(), e.apiOrigins ?? [], e.observeLogins !== false]);
  // A sealed secret not opened for us cannot be compared: a secret in the file counts as a change.
  const current = plainHere ?? (here.secretSealed === undefined ? here.secret : undefined);
  const newSecret = exported.secret !== undefined && exported.secret !== '' && current !== exported.secret;
  return settings(here) !== settings(next) || newSecret;
}

const sameLabel = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const identityFields = (i: Pick<Identity, 'externalId' | 'email' | 'name' | 'note'>) => JSON.stringify([i.externalId, i.email, i.name ?? '', i.note]);

/** Merges a file's identities into a stored list by label; unreadable entries stay where they are. */
function mergeIdentities(stored: unknown[], incoming: ExportedIdentity[], newId: () => string, now: number) {
  const next = [...stored];
  let added = 0;
  let updated = 0;
  incoming.forEach((identity, k) => {
    const at = next.findIndex((value) => {
      const read = readIdentity(value);
      return typeof read !== 'string' && sameLabel(read.label, identity.label);
    });
    if (at < 0) {
      next.push({ id: newId(), ...identity, createdAt: now - k });
      added += 1;
      return;
    }
    const here = readIdentity(next[at]) as Identity;
    if (identityFields(here) === identityFields(identity)) return;
    const { name: _name, ...rest } = here;
    next[at] = { ...rest, externalId: identity.externalId, email: identity.email, note: identity.note, ...(identity.name ? { name: identity.name } : {}) };
    updated += 1;
  });
  return { next, added, updated };
}

/**
 * Merge keeps what is here, updates matching environments in place (identities merged by
 * label) and adds the rest, renaming a name clash ("Staging (imported)"); replace swaps
 * everything for the file's content but keeps a matching environment's id and, when the file
 * has none, its secret. Unreadable stored entries are kept in a merge.
 * `storedIdentities`: the raw identity list of each stored environment, by its id;
 * `secretsHere`: the opened secrets of sealed ones, when unlocked (only to compare).
 */
export function planImport(
  file: ExportFile,
  stored: unknown[],
  mode: ImportMode,
  newId: () => string = () => crypto.randomUUID(),
  now = Date.now(),
  storedIdentities: Record<string, unknown[]> = {},
  secretsHere: Record<string, string> = {},
): ImportPlan {
  const readable = stored.map(readEnvironment).filter((e): e is Environment => typeof e !== 'string');
  const summary: ImportSummary = {
    mode,
    replaced: mode === 'replace' ? stored.length : 0,
    added: [],
    updated: [],
    unchanged: [],
    renamed: [],
    secretsRemoved: [],
    secretsKept: [],
    identitiesAdded: 0,
    identitiesUpdated: 0,
    identitiesRemoved: 0,
  };
  const environments: unknown[] = mode === 'merge' ? [...stored] : [];
  const identities: Record<string, unknown[]> = {};
  const written: string[] = [];
  const taken = new Set(mode === 'merge' ? readable.map((e) => e.name.toLowerCase()) : []);
  const claimed = new Set<string>();

  for (const exported of file.environments) {
    const match = readable.find((e) => !claimed.has(e.id) && matches(e, exported));
    if (match) claimed.add(match.id);
    if (match && mode === 'merge') {
      const next = fromFile(exported, match.id, match.name, match);
      const merged = mergeIdentities(storedIdentities[match.id] ?? [], exported.identities, newId, now);
      summary.identitiesAdded += merged.added;
      summary.identitiesUpdated += merged.updated;
      if (!differs(match, next, exported, secretsHere[match.id]) && merged.added + merged.updated === 0) {
        summary.unchanged.push(match.name);
        continue;
      }
      summary.updated.push(match.name);
      if (!exported.secret && hasSecret(match)) summary.secretsKept.push(match.name);
      environments[stored.findIndex((v) => (readEnvironment(v) as Environment).id === match.id)] = next;
      identities[match.id] = merged.next;
      written.push(match.id);
      continue;
    }
    let name = exported.name;
    for (let n = 1; taken.has(name.toLowerCase()); n++) name = `${exported.name} (imported${n > 1 ? ` ${n}` : ''})`;
    if (name !== exported.name) summary.renamed.push({ from: exported.name, to: name });
    taken.add(name.toLowerCase());
    const id = match?.id ?? newId();
    if (match && !exported.secret && hasSecret(match)) summary.secretsKept.push(match.name);
    environments.push(fromFile(exported, id, name, match));
    identities[id] = exported.identities.map((i, k) => ({ id: newId(), ...i, createdAt: now - k }));
    summary.identitiesAdded += exported.identities.length;
    summary.added.push(name);
    written.push(id);
  }

  let removeKeys: string[] = [];
  if (mode === 'replace') {
    for (const e of readable) {
      summary.identitiesRemoved += (storedIdentities[e.id] ?? []).length;
      if (hasSecret(e) && !claimed.has(e.id)) summary.secretsRemoved.push(e.name);
    }
    // A matching environment keeps its id: its identity list is overwritten, not removed.
    removeKeys = readable.filter((e) => !claimed.has(e.id)).map((e) => identitiesKey(e.id));
  }
  return { environments, identities, removeKeys, written, summary };
}

/** Whether applying the plan would change anything at all. */
export const changesAnything = (plan: ImportPlan) => plan.summary.mode === 'replace' || plan.written.length > 0;

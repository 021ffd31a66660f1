/**
 * Environments exported from the extension's Options (Data → Export, without secrets) as the
 * Node package's settings: the environment covering the page's URL gives the vendor and its
 * setting; its secret comes from an environment variable named after it (or the default one).
 */
import { readFileSync } from 'node:fs';
import { environmentsFor } from '../model/environment-match';
import { type Environment, readEnvironment } from '../model/schema';
import { SECRET_VARIABLE } from './cli-kit';

/** At most this much of a file is read: an export of hundreds of environments is far smaller. */
const MAX_BYTES = 10 * 1024 * 1024;

/** CHAT_IDENTITY_LAB_SECRET_ACME_STAGING for "Acme staging": upper case, anything else an underscore. */
export function secretVariableFor(name: string): string {
  const suffix = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return suffix ? `${SECRET_VARIABLE}_${suffix}` : SECRET_VARIABLE;
}

/** The environments of an Options export (a path or the parsed file), checked as the extension reads stored ones. */
export function readEnvironments(source: string | object): Environment[] {
  let file: unknown = source;
  if (typeof source === 'string') {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (caught) {
      throw new TypeError(`Cannot read environments from ${source} (${(caught as NodeJS.ErrnoException).code ?? 'unreadable'}): pass the path of a file exported from the extension's Options.`);
    }
    if (text.length > MAX_BYTES) throw new TypeError(`${source} is larger than an Options export can be.`);
    try {
      file = JSON.parse(text);
    } catch {
      throw new TypeError(`${source} is not JSON: pass a file exported from the extension's Options (Data → Export).`);
    }
  }
  const list = (file as { format?: unknown; environments?: unknown }) ?? {};
  if (list.format !== 'chat-identity-lab' || !Array.isArray(list.environments)) {
    throw new TypeError('The environments are not an export of Chat Identity Lab\'s Options (format "chat-identity-lab").');
  }
  return list.environments.flatMap((raw: unknown, i: number) => {
    const entry = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const read = readEnvironment({ ...entry, id: `export-${i}`, secret: '' });
    return typeof read === 'string' ? [] : [read];
  });
}

/**
 * The environment covering `url` (the most specific), with its secret from the environment
 * variables: `variable` is the environment's own variable (to name when none is set), `readFrom`
 * the one the secret was read from.
 */
export function environmentForUrl(environments: Environment[], url: string, env: NodeJS.ProcessEnv): { environment: Environment; variable: string; readFrom: string } {
  const [match] = environmentsFor(url, environments);
  if (!match) throw new TypeError(`No environment in the export covers ${url}: add the site to one in the extension's Options and export again, or pass vendor and secret.`);
  const own = secretVariableFor(match.environment.name);
  const readFrom = env[own] ? own : SECRET_VARIABLE;
  return { environment: { ...match.environment, secret: env[readFrom] ?? '' }, variable: own, readFrom };
}

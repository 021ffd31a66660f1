/**
 * What every command of the command-line tool shares: usage errors (exit 2), the secret (from
 * the environment or a file, never from argv), and text made safe for a terminal.
 */
import { readFileSync } from 'node:fs';
import { markHidden } from '../model/page-text';

/** A mistake in how the tool was called: the message says what to do; exit code 2. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Where the command writes: replaced in tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  stdin: () => Promise<string>;
}

/** One command: its arguments after the command's name; resolves to the exit code. */
export type Command = (args: string[], io: Io) => Promise<number>;

export const SECRET_VARIABLE = 'CHAT_IDENTITY_LAB_SECRET';

/** Refuses a secret given as a command-line value, before anything is parsed or printed. */
export function refuseSecretValue(args: readonly string[]): void {
  if (args.some((a) => a === '--secret' || a.startsWith('--secret='))) {
    throw new UsageError(
      `--secret is not accepted: a secret on the command line lands in shell history and in the process list. Put it in ${SECRET_VARIABLE} (or name another variable with --secret-env NAME, or a file with --secret-file PATH).`,
    );
  }
}

/**
 * The package API's TypeErrors (unknown vendor, bad email, missing key id) are usage errors
 * here; asked for with audience 'cli', they already name the flags.
 */
export async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (caught) {
    if (caught instanceof TypeError) throw new UsageError(caught.message);
    throw caught;
  }
}

/** A secret and where it came from, in the words that follow "the secret": "in CHAT_IDENTITY_LAB_SECRET". */
export interface Secret {
  value: string;
  from: string;
}

type SecretOptions = { 'secret-env'?: string; 'secret-file'?: string };

/** The signing secret: --secret-file, --secret-env, or CHAT_IDENTITY_LAB_SECRET, in that order. */
export function readSecret(values: SecretOptions, env: NodeJS.ProcessEnv): Secret {
  const secret = secretIfAny(values, env);
  if (!secret) {
    throw new UsageError(`No secret: set ${SECRET_VARIABLE} to the chat signing secret (or pass --secret-env NAME or --secret-file PATH).`);
  }
  return secret;
}

/**
 * The secret when one is at hand (for inspect, which works without one): none when
 * CHAT_IDENTITY_LAB_SECRET is unset and no other source was named; a source that was named
 * but gives nothing is a usage error, as for every command.
 */
export function secretIfAny(values: SecretOptions, env: NodeJS.ProcessEnv): Secret | undefined {
  const file = values['secret-file'];
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (caught) {
      throw new UsageError(`Cannot read the secret file ${file}: ${(caught as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
    }
    const value = text.replace(/\r?\n$/, '');
    if (value === '') throw new UsageError(`The secret file ${file} is empty.`);
    return { value, from: `in the file ${file} (--secret-file)` };
  }
  const name = values['secret-env'];
  if (name === undefined) return env[SECRET_VARIABLE] ? { value: env[SECRET_VARIABLE], from: `in ${SECRET_VARIABLE}` } : undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--secret-env takes the name of an environment variable, such as ${SECRET_VARIABLE}.`);
  const value = env[name];
  if (!value) throw new UsageError(`No secret: the environment variable ${name} (named by --secret-env) is not set. The default is ${SECRET_VARIABLE}.`);
  return { value, from: `in ${name} (--secret-env)` };
}

/**
 * Text for a terminal: control characters (escape sequences could rewrite the screen or the
 * title), bidirectional overrides and zero-width characters become U+FFFD, as in every report
 * (model/page-text); line breaks stay, tabs become spaces.
 */
export function forTerminal(text: string): string {
  return markHidden(text).replace(/\t/g, ' ');
}

/** "10m", "90s", "2h", "600": seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--expires-in takes a duration such as 90s, 10m, 2h or 1d (got ${JSON.stringify(text.slice(0, 20))}).`);
  const n = Number(match[1]);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's'];
  if (n <= 0) throw new UsageError('--expires-in must be more than zero.');
  return n * unit;
}

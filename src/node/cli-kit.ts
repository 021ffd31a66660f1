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

/** The signing secret: --secret-file, --secret-env, or CHAT_IDENTITY_LAB_SECRET, in that order. */
export function readSecret(values: { 'secret-env'?: string; 'secret-file'?: string }, env: NodeJS.ProcessEnv): string {
  if (values['secret-file'] !== undefined) {
    let text: string;
    try {
      text = readFileSync(values['secret-file'], 'utf8');
    } catch (caught) {
      throw new UsageError(`Cannot read the secret file ${values['secret-file']}: ${(caught as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
    }
    const secret = text.replace(/\r?\n$/, '');
    if (secret === '') throw new UsageError(`The secret file ${values['secret-file']} is empty.`);
    return secret;
  }
  const name = values['secret-env'] ?? SECRET_VARIABLE;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--secret-env takes the name of an environment variable, such as ${SECRET_VARIABLE}.`);
  const secret = env[name];
  if (!secret) {
    throw new UsageError(
      name === SECRET_VARIABLE
        ? `No secret: set ${SECRET_VARIABLE} to the chat signing secret (or pass --secret-env NAME or --secret-file PATH).`
        : `No secret: the environment variable ${name} (named by --secret-env) is not set. The default is ${SECRET_VARIABLE}.`,
    );
  }
  return secret;
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

import { DEFAULT_ITERATIONS, deriveKey, open, randomSalt, seal, WrongKeyError } from './crypto';
import { isSealed, type Sealed } from '../model/schema';

/**
 * An export's secrets, encrypted with a passphrase the tester types at export (PBKDF2 +
 * AES-GCM, as the lock does) and asks for again at import. The file holds no secret in plain
 * text: lost on a shared drive, it gives nothing away without the passphrase.
 */
export interface SealedSecrets {
  kdf: 'PBKDF2-SHA256';
  salt: string;
  iterations: number;
  /** The JSON list of secrets, one per exported environment, in the file's order ('' for none). */
  sealed: Sealed;
}

export class ExportPassphraseError extends Error {}

export const MIN_EXPORT_PASSPHRASE = 8;
const MAX_ITERATIONS = 10_000_000;

export async function sealSecrets(secrets: string[], passphrase: string, iterations = DEFAULT_ITERATIONS): Promise<SealedSecrets> {
  if (passphrase.length < MIN_EXPORT_PASSPHRASE) {
    throw new ExportPassphraseError(`Type a passphrase of at least ${MIN_EXPORT_PASSPHRASE} characters to encrypt the secrets in the file.`);
  }
  const salt = randomSalt();
  const key = await deriveKey(passphrase, salt, iterations);
  return { kdf: 'PBKDF2-SHA256', salt, iterations, sealed: await seal(key, JSON.stringify(secrets)) };
}

/** The secrets, in the file's order; a wrong passphrase or a changed file says so. */
export async function openSecrets(block: SealedSecrets, passphrase: string, count: number): Promise<string[]> {
  const key = await deriveKey(passphrase, block.salt, block.iterations);
  let text: string;
  try {
    text = await open(key, block.sealed);
  } catch (caught) {
    if (caught instanceof WrongKeyError) throw new ExportPassphraseError('Wrong passphrase for this file (or the file was changed): nothing was imported. Try again.');
    throw caught;
  }
  const secrets: unknown = JSON.parse(text);
  if (!Array.isArray(secrets) || secrets.length !== count || !secrets.every((s) => typeof s === 'string' && s.length <= 2000)) {
    throw new ExportPassphraseError("The file's secrets do not match its environments: nothing was imported.");
  }
  return secrets;
}

/** The block as found in a file, checked; a problem message otherwise. */
export function readSealedSecrets(value: unknown): SealedSecrets | string {
  if (typeof value !== 'object' || value === null) return 'sealedSecrets: not an object.';
  const v = value as Record<string, unknown>;
  if (v.kdf !== 'PBKDF2-SHA256') return 'sealedSecrets.kdf: expected "PBKDF2-SHA256".';
  if (typeof v.salt !== 'string' || v.salt.length === 0 || v.salt.length > 200) return 'sealedSecrets.salt: missing or damaged.';
  if (typeof v.iterations !== 'number' || !Number.isInteger(v.iterations) || v.iterations < 1000 || v.iterations > MAX_ITERATIONS) {
    return `sealedSecrets.iterations: must be a whole number from 1000 to ${MAX_ITERATIONS}.`;
  }
  if (!isSealed(v.sealed)) return 'sealedSecrets.sealed: missing or damaged.';
  return { kdf: 'PBKDF2-SHA256', salt: v.salt, iterations: v.iterations, sealed: { iv: v.sealed.iv, data: v.sealed.data } };
}

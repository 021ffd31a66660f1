import { base64url } from 'jose';
import type { Sealed } from '../model/schema';

/**
 * Passphrase encryption for stored secrets, with WebCrypto only: PBKDF2-SHA-256 derives an
 * AES-GCM-256 key from the passphrase and a random salt; each secret is sealed with its own
 * random 96-bit IV. The passphrase itself is never stored.
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const DEFAULT_ITERATIONS = 600_000;

export type { Sealed } from '../model/schema';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function randomSalt(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(16)));
}

export async function deriveKey(passphrase: string, salt: string, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: base64url.decode(salt) as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    true, // extractable, so the unlocked key can live in storage.session until the browser closes
    ['encrypt', 'decrypt'],
  );
}

export async function exportKey(key: CryptoKey): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

export async function importKey(raw: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', base64url.decode(raw) as Uint8Array<ArrayBuffer>, 'AES-GCM', true, ['encrypt', 'decrypt']);
}

/**
 * Seals `plaintext`. With `owner` (an environment id), the seal only opens for that owner:
 * a sealed secret copied onto another environment fails to open instead of signing for it.
 */
export async function seal(key: CryptoKey, plaintext: string, owner?: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const params: AesGcmParams = { name: 'AES-GCM', iv, ...(owner !== undefined ? { additionalData: encoder.encode(owner) } : {}) };
  const data = new Uint8Array(await crypto.subtle.encrypt(params, key, encoder.encode(plaintext)));
  return { iv: base64url.encode(iv), data: base64url.encode(data), ...(owner !== undefined ? { bound: true as const } : {}) };
}

export class WrongKeyError extends Error {}

/** Opens a sealed value; a wrong key, a wrong owner or tampered data throws WrongKeyError. */
export async function open(key: CryptoKey, sealed: Sealed, owner?: string): Promise<string> {
  try {
    const bound = sealed.bound === true && owner !== undefined ? { additionalData: encoder.encode(owner) } : {};
    if (sealed.bound === true && owner === undefined) throw new Error('a bound seal needs its owner');
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: base64url.decode(sealed.iv) as Uint8Array<ArrayBuffer>, ...bound },
      key,
      base64url.decode(sealed.data) as Uint8Array<ArrayBuffer>,
    );
    return decoder.decode(plain);
  } catch {
    throw new WrongKeyError('The passphrase is wrong, or the stored data was changed.');
  }
}

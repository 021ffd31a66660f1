/**
 * HMAC-SHA256 as chat widgets with a signed identity take it (a `signature`, an
 * `identifier_hash`, a `userHash`): the hex digest of one identity value, the
 * secret as the raw key. WebCrypto (`crypto.subtle`) in the browser and in Node (20 and later,
 * as globalThis.crypto): no hand-written crypto.
 */
const encoder = new TextEncoder();

const keyFor = (secret: string, usage: 'sign' | 'verify') =>
  crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);

/** Lower-case hex, two digits a byte, as Node's digest('hex') and Python's hexdigest() write it. */
export const hexOf = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** The HMAC-SHA256 of `message` under `secret`: its 32 bytes. */
export async function hmacBytes(message: string, secret: string): Promise<Uint8Array> {
  if (secret === '') throw new Error('The secret is empty.');
  return new Uint8Array(await crypto.subtle.sign('HMAC', await keyFor(secret, 'sign'), encoder.encode(message)));
}

/** The HMAC-SHA256 of `message` under `secret`, in lower-case hex (64 characters). */
export async function hmacHex(message: string, secret: string): Promise<string> {
  return hexOf(await hmacBytes(message, secret));
}

/** The same bytes as standard base64 (what digest('base64') and base64.b64encode write), with btoa. */
export const base64Of = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

/** Whether `signature` (hex, either case) is the HMAC-SHA256 of `message` under `secret`; compared by WebCrypto. Never throws. */
export async function hmacMatches(message: string, signature: string, secret: string): Promise<boolean> {
  if (secret === '' || !/^[0-9a-fA-F]{64}$/.test(signature)) return false;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(signature.slice(i * 2, i * 2 + 2), 16);
  try {
    return await crypto.subtle.verify('HMAC', await keyFor(secret, 'verify'), bytes, encoder.encode(message));
  } catch {
    return false;
  }
}

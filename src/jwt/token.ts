import { SignJWT } from 'jose';
import type { TokenHeader } from '../model/vendor';

const encoder = new TextEncoder();

/**
 * Signs a chat token: the vendor's header (HS256, and a `kid` where it names the key), the identity claims
 * and `iat`, with the secret as the raw HMAC key. Nothing else goes in the payload.
 */
export async function signToken(
  claims: Record<string, unknown>,
  secret: string,
  header: TokenHeader = { alg: 'HS256', typ: 'JWT' },
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  if (secret === '') throw new Error('The secret is empty.');
  return new SignJWT({ ...claims })
    .setProtectedHeader({ ...header })
    .setIssuedAt(nowSeconds)
    .sign(encoder.encode(secret));
}

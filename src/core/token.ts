import { SignJWT } from 'jose';
import type { IdentityClaims } from '../kustomer/claims';

const encoder = new TextEncoder();

/**
 * Signs a Kustomer chat token: header {alg: HS256, typ: JWT}, payload the identity claims and
 * `iat`, with the org secret as the raw HMAC key. Nothing else goes in the payload.
 */
export async function signToken(
  claims: IdentityClaims,
  secret: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  if (secret === '') throw new Error('The secret is empty.');
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(nowSeconds)
    .sign(encoder.encode(secret));
}

import { compactVerify } from 'jose';
import { hmacMatches } from './hmac';

const encoder = new TextEncoder();

/** Whether `secret` signed `token` (HS256 only, as every vendor's tokens are). Never throws. */
export async function signedWith(token: string, secret: string): Promise<boolean> {
  if (secret === '') return false;
  try {
    await compactVerify(token, encoder.encode(secret), { algorithms: ['HS256'] });
    return true;
  } catch {
    return false;
  }
}

export interface SecretOwner {
  id: string;
  name: string;
  secret: string;
}

export type SignatureCheck =
  | { kind: 'valid'; owner: SecretOwner }
  | { kind: 'invalid'; owner: SecretOwner; matching?: SecretOwner }
  | { kind: 'no-secret'; owner: SecretOwner; matching?: SecretOwner };

/** Checks the token with one environment's secret and says which other one matches if not. */
export function checkSignature(token: string, chosen: SecretOwner, others: SecretOwner[]): Promise<SignatureCheck> {
  return checkWith((secret) => signedWith(token, secret), chosen, others);
}

/** The same for an HMAC signature (hex) of `signed`: which environment's secret made it. */
export function checkHmacSignature(signed: string, signature: string, chosen: SecretOwner, others: SecretOwner[]): Promise<SignatureCheck> {
  return checkWith((secret) => hmacMatches(signed, signature, secret), chosen, others);
}

async function checkWith(made: (secret: string) => Promise<boolean>, chosen: SecretOwner, others: SecretOwner[]): Promise<SignatureCheck> {
  if (chosen.secret !== '' && (await made(chosen.secret))) return { kind: 'valid', owner: chosen };
  let matching: SecretOwner | undefined;
  for (const other of others) {
    if (other.id !== chosen.id && other.secret !== '' && (await made(other.secret))) {
      matching = other;
      break;
    }
  }
  return { kind: chosen.secret === '' ? 'no-secret' : 'invalid', owner: chosen, matching };
}

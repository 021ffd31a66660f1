import { compactVerify } from 'jose';

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
export async function checkSignature(token: string, chosen: SecretOwner, others: SecretOwner[]): Promise<SignatureCheck> {
  if (chosen.secret !== '' && (await signedWith(token, chosen.secret))) return { kind: 'valid', owner: chosen };
  let matching: SecretOwner | undefined;
  for (const other of others) {
    if (other.id !== chosen.id && (await signedWith(token, other.secret))) {
      matching = other;
      break;
    }
  }
  return { kind: chosen.secret === '' ? 'no-secret' : 'invalid', owner: chosen, matching };
}

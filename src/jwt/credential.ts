/**
 * Makes a vendor's credential, of the kind its widget takes (model/credential): a JWT signed
 * with jose (jwt/token), or an HMAC-SHA256 hex signature of one identity value (jwt/hmac). A
 * vendor's `credential` is one of these; the secret goes nowhere else.
 */
import type { Credential, SigningOptions } from '../model/credential';
import { type CheckedIdentity, type Finding, type HmacSigning, type JwtSigning, jwtSigning, type Signing, signedField, signedFieldWords, type VendorEnvironment } from '../model/vendor';
import { hmacHex } from './hmac';
import { hmacFindings } from './hmac-findings';
import { signToken } from './token';
import { inspectToken } from './token-findings';

/** A JWT of the identity's claims with the vendor's header; iat now (or `nowSeconds`), exp `expiresIn` after it when asked. */
export async function signJwt(signing: JwtSigning, identity: CheckedIdentity, secret: string, settings: VendorEnvironment, options: SigningOptions = {}): Promise<Credential> {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const header = signing.header(settings);
  const claims = options.expiresIn === undefined ? identity.claims : { ...identity.claims, exp: now + options.expiresIn };
  const value = await signToken(claims, secret, header, now);
  return { kind: 'jwt', value, header, claims: { ...claims, iat: now } };
}

/** The HMAC-SHA256 (hex) of the identity's value named by the vendor's field, exactly as the widget is given it. */
export async function signHmac(signing: HmacSigning, identity: CheckedIdentity, secret: string): Promise<Credential> {
  const field = signedField(signing, identity.claims);
  const value = field === undefined ? undefined : identity.claims[field];
  if (field === undefined || typeof value !== 'string') throw new Error(`There is no ${signedFieldWords(signing)} to sign.`);
  return { kind: 'hmac', value: await hmacHex(value, secret), signed: value, field };
}

/** What is wrong with a credential under its vendor's rules: a JWT's findings (token-findings), an HMAC's (hmac-findings). */
export function credentialFindings(
  credential: Credential,
  vendor: { name: string; signing: Signing; signingFor?: (settings: VendorEnvironment) => Signing; callName(call: string): string },
  environment?: VendorEnvironment,
): Finding[] {
  if (credential.kind === 'hmac') return hmacFindings({ signed: credential.signed, signature: credential.value, field: credential.field }, vendor.name);
  // The rules of the environment's credential (a vendor whose settings choose it).
  const jwt = jwtSigning(vendor, environment);
  return jwt ? inspectToken(credential.value, jwt.rules, { environment, loginCall: vendor.callName('login') }).findings : [];
}

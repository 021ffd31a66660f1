/**
 * The credentials "Refusals are real" sends: each one the vendor's server must refuse, made as
 * the vendor makes a correct one with exactly one thing wrong, from the vendor's data alone (its
 * signing kind, its header, its rules' fixed claims, its signed field). jose signs the JWTs,
 * WebCrypto the HMACs: nothing here is hand-made crypto.
 */
import { signToken } from '../jwt/token';
import { hmacHex } from '../jwt/hmac';
import type { Credential } from '../model/credential';
import { type ChatVendor, type CheckedIdentity, signedField, signingOf, type VendorEnvironment } from '../model/vendor';

export interface Probe {
  /** "signed with a wrong secret": what is wrong with it, for the report. */
  what: string;
  /** The customer it is for (a fresh one each), as the page is given it. */
  identity: CheckedIdentity;
  credential: Credential;
}

/** The bytes of a lower-case hex string. */
const bytesOf = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
/** Standard base64 of the HMAC's bytes: the encoding mistake of server code that wrote `digest('base64')`. */
const base64Of = (hex: string) => btoa(String.fromCharCode(...bytesOf(hex)));

/**
 * What must be refused, for one identity (a fresh customer each): a wrong secret always; for a
 * JWT an expired one, one without the header's `kid` where the vendor's header names one, one
 * without each claim the rules fix (a `scope`); for an HMAC the signature of another of the
 * identity's values and the right one in base64.
 */
export async function refusalProbes(
  vendor: ChatVendor,
  identityFor: () => CheckedIdentity,
  secret: string,
  settings: VendorEnvironment,
  options: { nowSeconds: number; minutesOld: number; wrongSecret: string },
): Promise<Probe[]> {
  const { nowSeconds, minutesOld, wrongSecret } = options;
  const probes: Probe[] = [];
  const add = async (what: string, make: (identity: CheckedIdentity) => Promise<Credential | undefined>) => {
    const identity = identityFor();
    const credential = await make(identity);
    if (credential) probes.push({ what, identity, credential });
  };
  await add('signed with a wrong secret', (identity) => vendor.credential(identity, wrongSecret, settings, { nowSeconds }));
  // The environment's settings may choose the credential (a widget that verifies by a JWT or by an HMAC, as its workspace is set up).
  const signing = signingOf(vendor, settings);
  if (signing.kind === 'jwt') {
    // Issued `minutesOld` minutes ago, expired five minutes after: too old by iat and by exp.
    await add(`issued ${minutesOld} minutes ago and expired ${minutesOld - 5} minutes ago`, (identity) =>
      vendor.credential(identity, secret, settings, { nowSeconds: nowSeconds - minutesOld * 60, expiresIn: 5 * 60 }),
    );
    const header = signing.header(settings);
    if (header.kid !== undefined) {
      const { kid: _kid, ...bare } = header;
      await add('with no kid in its header', async (identity) => ({ kind: 'jwt', value: await signToken(identity.claims, secret, bare, nowSeconds), header: bare, claims: { ...identity.claims, iat: nowSeconds } }));
    }
    for (const claim of Object.keys(signing.rules.fixes.fixed ?? {})) {
      await add(`with no ${claim} claim`, async (identity) => {
        if (!(claim in identity.claims)) return undefined;
        const { [claim]: _dropped, ...claims } = identity.claims;
        return { kind: 'jwt', value: await signToken(claims, secret, header, nowSeconds), header, claims: { ...claims, iat: nowSeconds } };
      });
    }
    return probes;
  }
  // An HMAC: the signature of another value the widget is given (the email where the id is signed).
  await add('signing another of its values than the one the vendor signs', async (identity) => {
    const field = signedField(signing, identity.claims);
    const other = Object.entries(identity.claims).find(([key, value]) => key !== field && typeof value === 'string' && value !== '' && value !== identity.claims[field ?? '']);
    if (!field || !other) return undefined;
    return { kind: 'hmac', value: await hmacHex(other[1] as string, secret), signed: other[1] as string, field };
  });
  await add('in base64 where hex is wanted', async (identity) => {
    const right = await vendor.credential(identity, secret, settings);
    return right.kind === 'hmac' ? { ...right, value: base64Of(right.value) } : undefined;
  });
  return probes;
}

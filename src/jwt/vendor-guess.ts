import { decodeJwt, decodeProtectedHeader } from 'jose';
import { type Signing, jwtSigning, type VendorId } from '../model/vendor';

/**
 * Which vendor's token this looks like, from its claims: the first of `vendors` whose rules
 * recognise them (each JWT vendor knows its own claims), or `preferred` (the environment's
 * vendor) when its rules recognise them too: two widgets on one SDK API take the same claims.
 * Undefined when none does, or it is not a token (the environment's vendor is used then).
 */
export function guessVendor(text: string, vendors: readonly { id: VendorId; signing: Signing }[], preferred?: VendorId): VendorId | undefined {
  const token = text.trim().replace(/^bearer\s+/i, '');
  try {
    const payload = decodeJwt(token);
    const header = decodeProtectedHeader(token);
    // Only vendors whose credential is a JWT can recognise one.
    const recognising = vendors.filter((vendor) => jwtSigning(vendor)?.rules.recognises(header, payload));
    return (recognising.find((vendor) => vendor.id === preferred) ?? recognising[0])?.id;
  } catch {
    return undefined;
  }
}

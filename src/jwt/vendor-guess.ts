import { decodeJwt, decodeProtectedHeader } from 'jose';
import { type Signing, jwtSigning, type VendorId } from '../model/vendor';

/**
 * Which vendor's token this looks like, from its claims: the first of `vendors` whose rules
 * recognise them (each JWT vendor knows its own claims). Undefined when none does, or it is not a
 * token (the environment's vendor is used then).
 */
export function guessVendor(text: string, vendors: readonly { id: VendorId; signing: Signing }[]): VendorId | undefined {
  const token = text.trim().replace(/^bearer\s+/i, '');
  try {
    const payload = decodeJwt(token);
    const header = decodeProtectedHeader(token);
    // Only vendors whose credential is a JWT can recognise one.
    return vendors.find((vendor) => jwtSigning(vendor)?.rules.recognises(header, payload))?.id;
  } catch {
    return undefined;
  }
}

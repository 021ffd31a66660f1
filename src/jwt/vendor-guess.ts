import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { VendorId } from '../model/vendor';

/**
 * Which vendor's token this looks like, from its claims: Zendesk's `scope: "user"` or `kid`
 * with `external_id`, Intercom's `user_id`, Kustomer's `externalId` or `email`. Undefined when
 * it cannot tell (the environment's vendor is used then).
 */
export function guessVendor(text: string): VendorId | undefined {
  const token = text.trim().replace(/^bearer\s+/i, '');
  try {
    const payload = decodeJwt(token);
    const header = decodeProtectedHeader(token);
    if (payload.scope === 'user' || ('external_id' in payload && typeof header.kid === 'string')) return 'zendesk';
    if ('user_id' in payload) return 'intercom';
    if ('externalId' in payload) return 'kustomer';
    return undefined;
  } catch {
    return undefined;
  }
}

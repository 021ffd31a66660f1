import { emailProblem } from '../../model/email';
import type { ClaimsPurpose, ClaimsResult, IdentityFields, IdentityLookup } from '../../model/vendor';

const PURPOSE: Record<ClaimsPurpose, string> = { login: 'to log in as', check: 'to check', save: 'for this identity' };

/** Help Scout's Beacon identifies the customer by a signed email; a name goes with it, unsigned. */
export function buildBeaconClaims(fields: IdentityFields, purpose: ClaimsPurpose = 'login'): ClaimsResult {
  const email = fields.email.trim();
  const name = (fields.name ?? '').trim();
  if (email === '') return { ok: false, errors: [`Enter an Email ${PURPOSE[purpose]}: Help Scout's Beacon identifies the customer by a signed email.`] };
  const problem = emailProblem(email);
  if (problem) return { ok: false, errors: [problem] };
  return { ok: true, claims: { email, ...(name ? { name } : {}) }, lookup: { email }, warnings: [] };
}

export const describeBeaconLookup = (lookup: IdentityLookup): string => ('email' in lookup ? lookup.email : `User ${lookup.externalId}`);

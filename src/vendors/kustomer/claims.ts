import { emailProblem } from '../../model/email';
import type { ClaimsPurpose, ClaimsResult, IdentityFields, IdentityLookup } from '../../model/vendor';

/**
 * Kustomer's rules for the identity in a chat JWT (see shared/kustomer-web-sdk.md):
 * `externalId` and/or `email`, plus `iat`; when both are sent Kustomer uses the email.
 */

export type { ClaimsResult, IdentityFields, IdentityLookup } from '../../model/vendor';
export { emailProblem, isEmail } from '../../model/email';

/** The identity claims of a Kustomer chat token (iat is added when signing). */
export type IdentityClaims = {
  externalId?: string;
  email?: string;
};

/** How many seconds old an `iat` may be before Kustomer refuses the token. */
export const IAT_MAX_AGE_SECONDS = 15 * 60;

const WHAT_FOR: Record<ClaimsPurpose, string> = { login: 'to log in as', check: 'to check', save: 'for this identity' };

export function buildClaims(fields: IdentityFields, purpose: ClaimsPurpose = 'login'): ClaimsResult {
  const externalId = fields.externalId.trim();
  const email = fields.email.trim();
  if (externalId === '' && email === '') {
    return { ok: false, errors: [`Enter an External ID or an Email ${WHAT_FOR[purpose]}.`] };
  }
  if (email !== '') {
    const problem = emailProblem(email);
    if (problem) return { ok: false, errors: [problem] };
  }
  const claims: IdentityClaims = {};
  const warnings: string[] = [];
  if (externalId !== '') claims.externalId = externalId;
  if (email !== '') claims.email = email;
  if (externalId !== '' && email !== '') {
    warnings.push('Both External ID and Email are set: Kustomer identifies the customer by the email and ignores the External ID.');
  }
  const lookup: IdentityLookup = email !== '' ? { email } : { externalId };
  return { ok: true, claims, lookup, warnings };
}

/** "email a@b.test" / "externalId cust-1": how a tester reads an identity in a status line. */
export function describeLookup(lookup: IdentityLookup): string {
  return 'email' in lookup ? lookup.email : `External ID ${lookup.externalId}`;
}

import { emailProblem } from '../../model/email';
import type { ClaimsResult, IdentityFields, IdentityLookup } from '../../model/vendor';

/**
 * Intercom's rules for a Messenger user JWT (shared/chat-vendors.md): `user_id` (a string) is
 * required, `email` optional. Our form's `externalId` field is Intercom's User ID.
 */
export function buildIntercomClaims(fields: IdentityFields): ClaimsResult {
  const userId = fields.externalId.trim();
  const email = fields.email.trim();
  const errors: string[] = [];
  if (userId === '') errors.push('Enter a User ID: Intercom identifies the user by user_id.');
  if (email !== '') {
    const problem = emailProblem(email);
    if (problem) errors.push(problem);
  }
  if (errors.length > 0) return { ok: false, errors };
  const claims: Record<string, unknown> = { user_id: userId };
  if (email !== '') claims.email = email;
  return { ok: true, claims, lookup: { externalId: userId }, warnings: [] };
}

export function describeIntercomLookup(lookup: IdentityLookup): string {
  return 'email' in lookup ? lookup.email : `User ID ${lookup.externalId}`;
}

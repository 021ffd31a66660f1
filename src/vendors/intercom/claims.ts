import { emailProblem } from '../../model/email';
import type { ClaimsPurpose, ClaimsResult, IdentityFields, IdentityLookup, VendorEnvironment } from '../../model/vendor';

/** The Intercom setting that says how the workspace verifies identities (profile.ts). */
export const VERIFICATION_KEY = 'identityVerification';

/** Whether the environment's workspace verifies identities by `user_hash` (else by JWT, the default). */
export const usesUserHash = (settings: VendorEnvironment | undefined): boolean => settings?.[VERIFICATION_KEY] === 'user_hash';

const FOR: Record<ClaimsPurpose, string> = { login: 'to log in as', check: 'to check', save: 'for this identity' };

/**
 * Intercom's rules for the identity (shared/chat-vendors.md). With a Messenger user JWT,
 * `user_id` (a string) is required and `email` optional. With `user_hash` (identity
 * verification), either will do: the hash signs the user_id, or the email when there is none.
 * Our form's `externalId` field is Intercom's User ID.
 */
export function buildIntercomClaims(fields: IdentityFields, purpose: ClaimsPurpose = 'login', settings?: VendorEnvironment): ClaimsResult {
  const userId = fields.externalId.trim();
  const email = fields.email.trim();
  const errors: string[] = [];
  if (usesUserHash(settings)) {
    if (userId === '' && email === '') errors.push(`Enter a User ID or an Email ${FOR[purpose]}: Intercom's user_hash signs the user_id, or the email when there is none.`);
  } else if (userId === '') errors.push('Enter a User ID: Intercom identifies the user by user_id.');
  if (email !== '') {
    const problem = emailProblem(email);
    if (problem) errors.push(problem);
  }
  if (errors.length > 0) return { ok: false, errors };
  const claims: Record<string, unknown> = {};
  if (userId !== '') claims.user_id = userId;
  if (email !== '') claims.email = email;
  return { ok: true, claims, lookup: userId !== '' ? { externalId: userId } : { email }, warnings: [] };
}

export function describeIntercomLookup(lookup: IdentityLookup): string {
  return 'email' in lookup ? lookup.email : `User ID ${lookup.externalId}`;
}

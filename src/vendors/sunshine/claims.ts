import { emailProblem } from '../../model/email';
import type { ClaimsResult, IdentityFields, IdentityLookup } from '../../model/vendor';

/**
 * Sunshine Conversations' rules for a user JWT (shared/chat-vendors.md): `scope: "user"` and
 * `external_id` (the id the page passes to Smooch.login beside the token) are required. The
 * header carries the app key's id as `kid` (see index.ts). The Web Messenger's login takes only
 * the external id and the token, so no other identity field is signed.
 */
export function buildSunshineClaims(fields: IdentityFields): ClaimsResult {
  const externalId = fields.externalId.trim();
  const email = fields.email.trim();
  const errors: string[] = [];
  if (externalId === '') errors.push('Enter an External ID: Sunshine Conversations identifies the user by external_id, the id Smooch.login is given.');
  // Only the command line can pass an email: it is checked, then said to be left out.
  const problem = email === '' ? undefined : emailProblem(email);
  if (problem) errors.push(problem);
  if (errors.length > 0) return { ok: false, errors };
  const warnings = email !== '' ? ['The email is not signed: Smooch.login takes only the External ID and the token.'] : [];
  return { ok: true, claims: { scope: 'user', external_id: externalId }, lookup: { externalId }, warnings };
}

export function describeSunshineLookup(lookup: IdentityLookup): string {
  return 'email' in lookup ? lookup.email : `External ID ${lookup.externalId}`;
}

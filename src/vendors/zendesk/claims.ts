import { emailProblem } from '../../model/email';
import type { ClaimsResult, IdentityFields, IdentityLookup } from '../../model/vendor';

/**
 * Zendesk Messaging's rules for a user token (shared/chat-vendors.md): `scope: "user"` and
 * `external_id` (a string of at most 255 characters) are required; `email` and `name` are
 * optional. The header carries the signing key's id as `kid` (see index.ts).
 */

export const EXTERNAL_ID_MAX = 255;

export function buildZendeskClaims(fields: IdentityFields): ClaimsResult {
  const externalId = fields.externalId.trim();
  const email = fields.email.trim();
  const name = (fields.name ?? '').trim();
  const errors: string[] = [];
  if (externalId === '') errors.push('Enter an External ID: Zendesk Messaging identifies the user by external_id.');
  else if (externalId.length > EXTERNAL_ID_MAX) errors.push(`The External ID is ${externalId.length} characters long: Zendesk accepts at most ${EXTERNAL_ID_MAX}.`);
  if (email !== '') {
    const problem = emailProblem(email);
    if (problem) errors.push(problem);
  }
  if (errors.length > 0) return { ok: false, errors };
  const claims: Record<string, unknown> = { scope: 'user', external_id: externalId };
  if (email !== '') claims.email = email;
  if (name !== '') claims.name = name;
  return { ok: true, claims, lookup: { externalId }, warnings: [] };
}

export function describeZendeskLookup(lookup: IdentityLookup): string {
  return 'email' in lookup ? lookup.email : `External ID ${lookup.externalId}`;
}

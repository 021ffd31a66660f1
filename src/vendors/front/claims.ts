import { emailProblem } from '../../model/email';
import type { ClaimsPurpose, ClaimsResult, IdentityFields, IdentityLookup } from '../../model/vendor';

const PURPOSE: Record<ClaimsPurpose, string> = { login: 'to log in as', check: 'to check', save: 'for this identity' };

/**
 * Front Chat's identity (shared/chat-vendors.md): a User ID (our form's `externalId`) or an
 * Email, with a name beside them. Front signs the user id when one is passed to the widget, and
 * the email only when there is none, so the claims keep the names FrontChat('init') takes
 * (`userId`, `email`, `name`), and the signing lists them in that order.
 */
export function buildFrontClaims(fields: IdentityFields, purpose: ClaimsPurpose = 'login'): ClaimsResult {
  const userId = fields.externalId.trim();
  const email = fields.email.trim();
  const name = (fields.name ?? '').trim();
  const errors: string[] = [];
  if (userId === '' && email === '') errors.push(`Enter a User ID or an Email ${PURPOSE[purpose]}: Front Chat identifies the customer by a signed user id, or by a signed email when there is none.`);
  if (email !== '') {
    const problem = emailProblem(email);
    if (problem) errors.push(problem);
  }
  if (errors.length > 0) return { ok: false, errors };
  const claims: Record<string, unknown> = {};
  if (userId !== '') claims.userId = userId;
  if (email !== '') claims.email = email;
  if (name !== '') claims.name = name;
  return { ok: true, claims, lookup: userId !== '' ? { externalId: userId } : { email }, warnings: [] };
}

export function describeFrontLookup(lookup: IdentityLookup): string {
  return 'email' in lookup ? lookup.email : `User ID ${lookup.externalId}`;
}

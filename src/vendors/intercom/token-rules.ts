import { algorithmFindings, expiryFindings, ignoredClaims, nearMissFindings, show } from '../../jwt/token-findings';
import { isEmail } from '../../model/email';
import type { Finding, JsonObject, TokenRules } from '../../model/vendor';

/** Intercom's rules for a Messenger user JWT (shared/chat-vendors.md). */

const NEAR_MISSES: Record<string, string> = {};
for (const name of ['userId', 'userID', 'user-id', 'userid', 'external_id', 'externalId', 'sub', 'id', 'uid']) NEAR_MISSES[name] = 'user_id';
for (const name of ['Email', 'e-mail', 'emailAddress', 'email_address', 'mail']) NEAR_MISSES[name] = 'email';

function headerFindings(header: JsonObject): Finding[] {
  return algorithmFindings(header, 'Intercom', 'the Messenger API secret');
}

function payloadFindings(payload: JsonObject, now: number): { findings: Finding[]; issuedAt?: number; expiresAt?: number } {
  const findings: Finding[] = nearMissFindings(payload, NEAR_MISSES, 'Intercom');
  if (!('user_id' in payload)) {
    findings.push({ id: 'no-identity', severity: 'error', message: "There is no user_id: Intercom requires it (your system's id for the user, as a string)." });
  } else if (typeof payload.user_id !== 'string' || payload.user_id === '') {
    findings.push({ id: 'user-id-not-string', severity: 'error', message: `user_id is ${show(payload.user_id)}: it must be a non-empty string.` });
  }
  if ('email' in payload && (typeof payload.email !== 'string' || !isEmail(payload.email))) {
    findings.push({ id: 'email-invalid', severity: 'error', message: `email is ${show(payload.email)}, which is not an email address.` });
  }
  const expiry = expiryFindings(payload, now, 'Intercom', true);
  findings.push(...expiry.findings);
  // Intercom lets other user attributes be signed too: they are not mistakes, only noted.
  findings.push(...ignoredClaims(payload, new Set(['user_id', 'email', 'exp', 'iat', ...Object.keys(NEAR_MISSES)]), 'Intercom', 'user_id, email and exp as identity claims (other signed attributes update the user)'));
  const iat = typeof payload.iat === 'number' && payload.iat < 1e11 ? payload.iat : undefined;
  return { findings, issuedAt: iat, expiresAt: expiry.expiresAt };
}

export const intercomRules: TokenRules = {
  headerFindings,
  payloadFindings,
  whoClaims: ['user_id', 'email'],
  // Its user id claim (a Zendesk-style scope with it is Zendesk's).
  recognises: (_header, payload) => 'user_id' in payload && payload.scope !== 'user',
  fixes: { nearMisses: NEAR_MISSES, idClaim: 'user_id' },
};

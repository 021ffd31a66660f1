import { algorithmFindings, expiryFindings, ignoredClaims, nearMissFindings, show } from '../../jwt/token-findings';
import { isEmail } from '../../model/email';
import type { Finding, JsonObject, TokenRules, VendorEnvironment } from '../../model/vendor';
import { EXTERNAL_ID_MAX } from './claims';

/** Zendesk Messaging's rules for a user token (shared/chat-vendors.md). */

const KNOWN = new Set(['scope', 'external_id', 'email', 'email_verified', 'name', 'exp', 'iat']);
const NEAR_MISSES: Record<string, string> = {};
for (const name of ['externalId', 'externalID', 'external-id', 'externalid', 'user_id', 'userId', 'sub', 'id', 'uid']) NEAR_MISSES[name] = 'external_id';
for (const name of ['Email', 'e-mail', 'emailAddress', 'email_address', 'mail']) NEAR_MISSES[name] = 'email';
for (const name of ['emailVerified', 'verified']) NEAR_MISSES[name] = 'email_verified';

function headerFindings(header: JsonObject, environment?: VendorEnvironment): Finding[] {
  const findings = algorithmFindings(header, 'Zendesk', "the signing key's secret");
  if (typeof header.kid !== 'string' || header.kid === '') {
    findings.push({ id: 'kid-missing', severity: 'error', message: 'The header has no kid: Zendesk needs the signing key\'s id (app_…) as "kid" to know which secret to check with.' });
  } else if (environment?.keyId && header.kid !== environment.keyId) {
    findings.push({ id: 'kid-mismatch', severity: 'error', message: `The header's kid is ${show(header.kid)}, but this environment's Key ID is "${environment.keyId}": Zendesk checks the signature with the key the kid names.` });
  }
  return findings;
}

function payloadFindings(payload: JsonObject, now: number): { findings: Finding[]; issuedAt?: number; expiresAt?: number } {
  const findings: Finding[] = nearMissFindings(payload, NEAR_MISSES, 'Zendesk');
  if (payload.scope !== 'user') {
    findings.push({
      id: 'scope-not-user',
      severity: 'error',
      message: 'scope' in payload ? `scope is ${show(payload.scope)}: Zendesk accepts only "user".` : 'There is no scope: add "scope": "user"; Zendesk refuses tokens without it.',
    });
  }
  const externalId = payload.external_id;
  if (!('external_id' in payload)) {
    findings.push({ id: 'no-identity', severity: 'error', message: "There is no external_id: Zendesk identifies the user by it (your system's id for them, as a string)." });
  } else if (typeof externalId !== 'string' || externalId === '') {
    findings.push({ id: 'external-id-not-string', severity: 'error', message: `external_id is ${show(externalId)}: it must be a non-empty string.` });
  } else if (externalId.length > EXTERNAL_ID_MAX) {
    findings.push({ id: 'external-id-too-long', severity: 'error', message: `external_id is ${externalId.length} characters long: Zendesk accepts at most ${EXTERNAL_ID_MAX}.` });
  }
  if ('email' in payload && (typeof payload.email !== 'string' || !isEmail(payload.email))) {
    findings.push({ id: 'email-invalid', severity: 'error', message: `email is ${show(payload.email)}, which is not an email address.` });
  }
  if ('email_verified' in payload && typeof payload.email_verified !== 'boolean') {
    findings.push({ id: 'email-verified-not-boolean', severity: 'warning', message: `email_verified is ${show(payload.email_verified)}: send true or false.` });
  }
  const expiry = expiryFindings(payload, now, 'Zendesk', true);
  findings.push(...expiry.findings);
  findings.push(...ignoredClaims(payload, new Set([...KNOWN, ...Object.keys(NEAR_MISSES)]), 'Zendesk', 'scope, external_id, email, email_verified, name and exp'));
  const iat = typeof payload.iat === 'number' && payload.iat < 1e11 ? payload.iat : undefined;
  return { findings, issuedAt: iat, expiresAt: expiry.expiresAt };
}

export const zendeskRules: TokenRules = {
  headerFindings,
  payloadFindings,
  whoClaims: ['external_id', 'email', 'name'],
  // Its scope claim, or its external_id with the signing key's id in the header.
  recognises: (header, payload) => payload.scope === 'user' || ('external_id' in payload && typeof header.kid === 'string'),
  fixes: { nearMisses: NEAR_MISSES, idClaim: 'external_id', fixed: { scope: 'user' } },
};

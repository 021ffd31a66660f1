import { algorithmFindings, expiryFindings, FUTURE_SKEW_SECONDS, ignoredClaims, inspectToken, nearMissFindings, show } from '../../jwt/token-findings';
import type { Finding, JsonObject, TokenRules } from '../../model/vendor';
import { IAT_MAX_AGE_SECONDS, isEmail } from './claims';

/** Kustomer's rules for a chat token (shared/kustomer-web-sdk.md). */


const NEAR_MISSES: Record<string, string> = {};
for (const name of ['external_id', 'externalID', 'externalid', 'ExternalId', 'external-id', 'extId', 'ext_id', 'userId', 'user_id', 'userid', 'customerId', 'customer_id', 'uid', 'sub', 'id']) {
  NEAR_MISSES[name] = 'externalId';
}
for (const name of ['Email', 'EMAIL', 'e-mail', 'e_mail', 'mail', 'emailAddress', 'email_address', 'userEmail', 'user_email']) {
  NEAR_MISSES[name] = 'email';
}
/** Claims Kustomer reads, and the near-misses (reported as such, not again as ignored). */
const KNOWN_CLAIMS = new Set(['externalId', 'email', 'iat', ...Object.keys(NEAR_MISSES)]);

function headerFindings(header: JsonObject): Finding[] {
  const findings = algorithmFindings(header, 'Kustomer', 'the org secret');
  if (!('typ' in header)) {
    findings.push({ id: 'typ-missing', severity: 'warning', message: 'The header has no typ: add "typ": "JWT", as Kustomer\'s samples send.' });
  } else if (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT') {
    findings.push({ id: 'typ-not-jwt', severity: 'warning', message: `The header says typ ${show(header.typ)}: use "JWT".` });
  }
  return findings;
}

function payloadFindings(payload: JsonObject, now: number): { findings: Finding[]; issuedAt?: number; expiresAt?: number } {
  const findings: Finding[] = nearMissFindings(payload, NEAR_MISSES, 'Kustomer');
  const hasExternalId = 'externalId' in payload;
  const hasEmail = 'email' in payload;
  if (!hasExternalId && !hasEmail) {
    findings.push({ id: 'no-identity', severity: 'error', message: 'The payload has neither externalId nor email: Kustomer cannot tell who the customer is. Add one of them.' });
  }
  if (hasExternalId && typeof payload.externalId !== 'string') {
    const number = typeof payload.externalId === 'number';
    findings.push({
      id: 'external-id-not-string',
      severity: number ? 'warning' : 'error',
      message: number
        ? `externalId is the number ${payload.externalId}: send it as a string ("${payload.externalId}"), the id from your own database.`
        : `externalId is ${show(payload.externalId)}: it must be a string, the customer's id in your own database.`,
    });
  }
  if (hasEmail && (typeof payload.email !== 'string' || !isEmail(payload.email))) {
    findings.push({ id: 'email-invalid', severity: 'error', message: `email is ${show(payload.email)}, which is not an email address: send the customer's address as name@example.com.` });
  }
  if (hasExternalId && hasEmail) {
    findings.push({ id: 'email-and-external-id', severity: 'info', message: 'Both email and externalId are set: Kustomer identifies the customer by the email and ignores externalId.' });
  }

  let issuedAt: number | undefined;
  const iat = payload.iat;
  if (!('iat' in payload)) {
    findings.push({ id: 'iat-missing', severity: 'error', message: 'There is no iat: add the issue time in Unix seconds; Kustomer refuses tokens older than 15 minutes.' });
  } else if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    findings.push({ id: 'iat-not-number', severity: 'error', message: `iat is ${show(iat)}: it must be a number of seconds since 1970 (Unix time), such as ${Math.floor(now)}.` });
  } else if (iat > 1e11) {
    findings.push({ id: 'iat-milliseconds', severity: 'error', message: `iat ${iat} looks like milliseconds: divide by 1000 (Unix seconds, such as ${Math.floor(iat / 1000)}).` });
  } else if (iat > now + FUTURE_SKEW_SECONDS) {
    findings.push({ id: 'iat-future', severity: 'error', message: `iat is ${Math.round(iat - now)} s in the future: check the signing server's clock.` });
  } else {
    issuedAt = iat;
    const age = now - iat;
    if (age > IAT_MAX_AGE_SECONDS) {
      findings.push({
        id: 'iat-expired',
        severity: 'error',
        message: `The token was issued ${Math.floor(age / 60)} minutes ago; Kustomer refuses tokens older than 15 minutes. Mint it right before Kustomer.login, not at page load.`,
      });
    }
  }
  findings.push(...expiryFindings(payload, now, 'Kustomer', false).findings);
  findings.push(...ignoredClaims(payload, KNOWN_CLAIMS, 'Kustomer', 'externalId, email and iat'));
  // Kustomer's own window: 15 minutes from iat, whatever exp says.
  return { findings, issuedAt, expiresAt: issuedAt === undefined ? undefined : issuedAt + IAT_MAX_AGE_SECONDS };
}

export const kustomerRules: TokenRules = {
  headerFindings,
  payloadFindings,
  whoClaims: ['email', 'externalId', 'external_id', 'userId'],
  recognises: (_header, payload) => 'externalId' in payload && !('user_id' in payload) && payload.scope !== 'user',
  fixes: { nearMisses: NEAR_MISSES, idClaim: 'externalId' },
};

/** A token explained by Kustomer's rules (the inspector picks the rules by vendor). */
export const inspectKustomerToken = (input: string, now?: number) => inspectToken(input, kustomerRules, { now, loginCall: 'Kustomer.login' });

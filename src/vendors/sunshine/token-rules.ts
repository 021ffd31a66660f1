import { algorithmFindings, expiryFindings, ignoredClaims, nearMissFindings, show } from '../../jwt/token-findings';
import type { Finding, JsonObject, TokenRules, VendorEnvironment } from '../../model/vendor';

/** Sunshine Conversations' rules for a Web Messenger user JWT (shared/chat-vendors.md). */

const KNOWN = new Set(['scope', 'external_id', 'exp', 'iat']);
const NEAR_MISSES: Record<string, string> = {};
for (const name of ['externalId', 'externalID', 'external-id', 'externalid', 'userId', 'user_id', 'sub', 'id', 'uid']) NEAR_MISSES[name] = 'external_id';

/** The first SDKs' claims: `scope: "appUser"` with `userId`. */
const isLegacy = (payload: JsonObject) => payload.scope === 'appUser' && 'userId' in payload && !('external_id' in payload);

function headerFindings(header: JsonObject, environment?: VendorEnvironment): Finding[] {
  const findings = algorithmFindings(header, 'Sunshine Conversations', "the app key's secret");
  if (typeof header.kid !== 'string' || header.kid === '') {
    findings.push({
      id: 'kid-missing',
      severity: 'error',
      message: 'The header has no kid: Sunshine Conversations refuses it with 401 invalid_auth "Invalid JWT header. Missing key id (kid)". Sign with the app key\'s id (app_…) as "kid".',
    });
  } else if (environment?.keyId && header.kid !== environment.keyId) {
    findings.push({ id: 'kid-mismatch', severity: 'error', message: `The header's kid is ${show(header.kid)}, but this environment's Key ID is "${environment.keyId}": Sunshine checks the signature with the key the kid names.` });
  }
  return findings;
}

function payloadFindings(payload: JsonObject, now: number): { findings: Finding[]; issuedAt?: number; expiresAt?: number } {
  const legacy = isLegacy(payload);
  // A legacy token's userId is said once, as legacy, not as a misspelling.
  const { userId: _legacyId, ...rest } = payload;
  const findings: Finding[] = nearMissFindings(legacy ? rest : payload, NEAR_MISSES, 'Sunshine Conversations');
  if (legacy) {
    findings.push({
      id: 'legacy-claims',
      severity: 'warning',
      message:
        'scope "appUser" with userId are the first SDKs\' claims: mint scope "user" with external_id (the same id) instead, as Sunshine Conversations documents today; older apps still take the legacy form, newer integrations may not.',
    });
  } else if (payload.scope !== 'user') {
    findings.push({
      id: 'scope-not-user',
      severity: 'error',
      message: 'scope' in payload ? `scope is ${show(payload.scope)}: Sunshine Conversations accepts only "user" (or the legacy "appUser" with userId).` : 'There is no scope: add "scope": "user"; Sunshine Conversations refuses a user token without it.',
    });
  }
  if (!legacy) {
    const externalId = payload.external_id;
    if (!('external_id' in payload)) {
      findings.push({ id: 'no-identity', severity: 'error', message: "There is no external_id: Sunshine Conversations identifies the user by it (your system's id, the one the page passes to Smooch.login)." });
    } else if (typeof externalId !== 'string' || externalId === '') {
      findings.push({ id: 'external-id-not-string', severity: 'error', message: `external_id is ${show(externalId)}: it must be a non-empty string.` });
    }
  } else if (typeof payload.userId !== 'string' || payload.userId === '') {
    findings.push({ id: 'external-id-not-string', severity: 'error', message: `userId is ${show(payload.userId)}: it must be a non-empty string (and is external_id today).` });
  }
  const expiry = expiryFindings(payload, now, 'Sunshine Conversations', true);
  findings.push(...expiry.findings);
  findings.push(...ignoredClaims(payload, new Set([...KNOWN, ...Object.keys(NEAR_MISSES)]), 'Sunshine Conversations', 'scope, external_id and exp'));
  const iat = typeof payload.iat === 'number' && payload.iat < 1e11 ? payload.iat : undefined;
  return { findings, issuedAt: iat, expiresAt: expiry.expiresAt };
}

export const sunshineRules: TokenRules = {
  headerFindings,
  payloadFindings,
  whoClaims: ['external_id', 'userId'],
  // Its legacy claims are its own; scope "user" with external_id is the same token Zendesk
  // Messaging takes (the same SDK API underneath): the environment's vendor decides then.
  recognises: (_header, payload) => isLegacy(payload) || (payload.scope === 'user' && 'external_id' in payload),
  fixes: { nearMisses: NEAR_MISSES, idClaim: 'external_id', fixed: { scope: 'user' } },
};

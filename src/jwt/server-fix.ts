import { type ChatVendor, type JsonObject, jwtSigning, type TokenHeader, type TokenRules, type VendorEnvironment } from '../model/vendor';
import { isEmail } from '../model/email';
import { type Inspection, show } from './token-findings';

/**
 * What the inspector's "Copy server code" mints: the token's claims with every problem the
 * inspector found fixed, so the code gives a token the vendor accepts instead of repeating
 * the mistake, and a sentence for each change. Placeholders (YOUR-CUSTOMER-ID) stand where
 * only the developer knows the right value.
 */
export interface MintPlan {
  /** The claims to sign, without iat and exp (set at signing). */
  claims: JsonObject;
  header: TokenHeader;
  /** Seconds from signing to exp; undefined when the token had no exp. */
  expiresIn?: number;
  changes: string[];
}

export const ID_PLACEHOLDER = 'YOUR-CUSTOMER-ID';
export const KEY_ID_PLACEHOLDER = 'app_YOUR_KEY_ID';
/** The lifetime given when the token's exp cannot be read as one. */
export const DEFAULT_LIFETIME = 600;

const minutes = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? '' : 's'}` : `${seconds} seconds`);
const IAT_REASONS: Record<string, string> = {
  'iat-missing': 'the token had none',
  'iat-not-number': 'the token\'s was not a number',
  'iat-milliseconds': 'the token\'s was in milliseconds',
  'iat-future': 'the token\'s was in the future',
  'iat-expired': 'the token\'s was too old',
};

/** The lifetime the token meant (exp − iat), or the default when its exp is unusable. */
function lifetimeOf(payload: JsonObject, now: number): { seconds: number; usable: boolean } {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return { seconds: DEFAULT_LIFETIME, usable: false };
  const expSeconds = exp > 1e11 ? exp / 1000 : exp;
  // An iat in milliseconds (as often as exp) still says when the lifetime started.
  const from = typeof iat === 'number' && iat > 0 && Number.isFinite(iat) ? (iat > 1e11 ? iat / 1000 : iat) : now;
  const seconds = Math.round(expSeconds - from);
  return seconds > 0 && seconds <= 24 * 3600 ? { seconds, usable: exp < 1e11 && expSeconds > now } : { seconds: DEFAULT_LIFETIME, usable: false };
}

function fixClaims(payload: JsonObject, vendor: { name: string; rules: TokenRules }, changes: string[], now: number): JsonObject {
  const { nearMisses, idClaim, fixed = {} } = vendor.rules.fixes;
  const claims: JsonObject = {};
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'iat' || key === 'exp') continue;
    const meant = nearMisses[key];
    if (meant === undefined) claims[key] = value;
    else if (meant in payload) changes.push(`Left out "${key}": ${vendor.name} reads "${meant}", which the token also has.`);
    else {
      claims[meant] = value;
      changes.push(`Renamed "${key}" to "${meant}": ${vendor.name} reads only that spelling.`);
    }
  }
  for (const [key, value] of Object.entries(fixed)) {
    if (claims[key] === value) continue;
    claims[key] = value;
    changes.push(`Set "${key}" to ${show(value)}: ${vendor.name} requires it.`);
  }
  const id = claims[idClaim];
  if (typeof id === 'number') {
    claims[idClaim] = String(id);
    changes.push(`${idClaim} is the string "${id}": ${vendor.name} reads ids as strings.`);
  } else if (idClaim in claims && (typeof id !== 'string' || id === '' || id.length > 255)) {
    claims[idClaim] = ID_PLACEHOLDER;
    changes.push(`${idClaim} was ${show(id)}: replace ${ID_PLACEHOLDER} with the customer's id from your database.`);
  }
  if ('email' in claims && (typeof claims.email !== 'string' || !isEmail(claims.email))) {
    changes.push(`Left out email ${show(claims.email)}: it is not an email address. Send the customer's real address, or none.`);
    delete claims.email;
  }
  if ('email_verified' in claims && typeof claims.email_verified !== 'boolean') {
    const value = claims.email_verified;
    if (value === 'true' || value === 'false') claims.email_verified = value === 'true';
    else delete claims.email_verified;
    changes.push(`email_verified was ${show(value)}: ${value === 'true' || value === 'false' ? 'sent as a boolean' : 'left out (send true or false)'}.`);
  }
  if ('nbf' in claims && (typeof claims.nbf !== 'number' || !Number.isFinite(claims.nbf) || claims.nbf > now)) {
    const future = typeof claims.nbf === 'number';
    changes.push(`Left out nbf: ${future ? 'it was in the future, so the token would not be valid yet' : `it was ${show(claims.nbf)}, not a time in seconds`}.`);
    delete claims.nbf;
  }
  return claims;
}

export function mintPlan(inspection: Inspection, vendor: ChatVendor, environment: VendorEnvironment = {}, now = Date.now() / 1000): MintPlan | undefined {
  const payload = inspection.payload;
  // Only a JWT vendor has a token to mend.
  const jwt = jwtSigning(vendor);
  if (!payload || !jwt) return undefined;
  const { rules } = jwt;
  const changes: string[] = [];
  const ids = new Set(inspection.findings.map((f) => f.id));

  const header = jwt.header(environment);
  const tokenHeader = inspection.header ?? {};
  if (ids.has('alg-none') || ids.has('alg-not-hs256')) changes.push(`Signs with HS256: the token's header said alg ${show(tokenHeader.alg)}.`);
  if (ids.has('typ-missing') || ids.has('typ-not-jwt')) changes.push('The header says typ "JWT" (jsonwebtoken and PyJWT add it).');
  const needsKid = ids.has('kid-missing') || ids.has('kid-mismatch') || typeof tokenHeader.kid === 'string' || header.kid !== undefined;
  if (needsKid && !header.kid) {
    if (typeof tokenHeader.kid === 'string' && tokenHeader.kid !== '') header.kid = tokenHeader.kid;
    else if (ids.has('kid-missing')) {
      header.kid = KEY_ID_PLACEHOLDER;
      changes.push(`The header names the signing key: replace ${KEY_ID_PLACEHOLDER} with its id (Key ID in the environment).`);
    }
  } else if (header.kid && tokenHeader.kid !== header.kid && (ids.has('kid-missing') || ids.has('kid-mismatch'))) {
    changes.push(`The header's kid is "${header.kid}", this environment's Key ID (the token's was ${show(tokenHeader.kid)}).`);
  }

  const claims = fixClaims(payload, { name: vendor.name, rules }, changes, now);
  for (const [id, reason] of Object.entries(IAT_REASONS)) if (ids.has(id)) changes.push(`iat is the moment of signing: ${reason}.`);
  let expiresIn: number | undefined;
  if ('exp' in payload) {
    const lifetime = lifetimeOf(payload, now);
    expiresIn = lifetime.seconds;
    if (!lifetime.usable) {
      const why = ids.has('exp-milliseconds') ? 'was in milliseconds' : ids.has('exp-not-number') ? 'was not a number' : ids.has('exp-before-iat') ? 'was before iat' : 'had passed';
      changes.push(`exp ${why}: the code sets it ${minutes(expiresIn)} after signing, in seconds.`);
    }
  }

  // Checked as the code will sign it: whatever the rules still refuse is fixed or said.
  const signed: JsonObject = { ...claims, iat: Math.floor(now), ...(expiresIn ? { exp: Math.floor(now) + expiresIn } : {}) };
  if (rules.payloadFindings(signed, now).findings.some((f) => f.id === 'no-identity')) {
    claims[rules.fixes.idClaim] = ID_PLACEHOLDER;
    changes.push(`Added ${rules.fixes.idClaim}: replace ${ID_PLACEHOLDER} with the customer's id from your database.`);
    signed[rules.fixes.idClaim] = ID_PLACEHOLDER;
  }
  const left = [...rules.headerFindings({ ...header }, environment), ...rules.payloadFindings(signed, now).findings].filter((f) => f.severity === 'error');
  for (const finding of left) changes.push(`Still to fix by hand: ${finding.message}`);
  return { claims, header, expiresIn, changes };
}

import { base64url } from 'jose';
import { IAT_MAX_AGE_SECONDS, isEmail } from './claims';

/**
 * Explains a token against Kustomer's rules (shared/kustomer-web-sdk.md). Never throws, on
 * any input: a developer pastes whatever their backend produced.
 */

export type Severity = 'error' | 'warning' | 'info';

export type FindingId =
  | 'too-long'
  | 'too-deep'
  | 'bearer-prefix'
  | 'not-three-parts'
  | 'empty-part'
  | 'bad-base64url'
  | 'not-utf8'
  | 'not-json'
  | 'not-object'
  | 'alg-none'
  | 'alg-not-hs256'
  | 'typ-missing'
  | 'typ-not-jwt'
  | 'no-identity'
  | 'near-miss-claim'
  | 'external-id-not-string'
  | 'email-invalid'
  | 'email-and-external-id'
  | 'iat-missing'
  | 'iat-not-number'
  | 'iat-milliseconds'
  | 'iat-future'
  | 'iat-expired'
  | 'exp-before-iat'
  | 'exp-past'
  | 'nbf-future'
  | 'ignored-claims';

export interface Finding {
  id: FindingId;
  severity: Severity;
  /** What is wrong and what to do, in one sentence or two. */
  message: string;
}

export type JsonObject = Record<string, unknown>;

export interface Inspection {
  /** The token as inspected (trimmed, without a "Bearer " prefix). */
  token: string;
  header?: JsonObject;
  payload?: JsonObject;
  findings: Finding[];
  /** iat in seconds when it is usable, and when Kustomer stops accepting the token. */
  issuedAt?: number;
  kustomerExpiresAt?: number;
}

/** Far beyond any chat token; longer input is refused at once instead of decoded. */
export const MAX_TOKEN_LENGTH = 16 * 1024;
const FUTURE_SKEW_SECONDS = 60;
const KNOWN_CLAIMS = new Set(['externalId', 'email', 'iat']);

const NEAR_MISSES: Record<string, 'externalId' | 'email'> = {};
for (const name of ['external_id', 'externalID', 'externalid', 'ExternalId', 'external-id', 'extId', 'ext_id', 'userId', 'user_id', 'userid', 'customerId', 'customer_id', 'uid', 'sub', 'id']) {
  NEAR_MISSES[name] = 'externalId';
}
for (const name of ['Email', 'EMAIL', 'e-mail', 'e_mail', 'mail', 'emailAddress', 'email_address', 'userEmail', 'user_email']) {
  NEAR_MISSES[name] = 'email';
}

const PART_NAMES = ['header', 'payload', 'signature'] as const;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}…` : text;
  } catch {
    return String(value);
  }
}

type Decoded = { ok: true; value: unknown } | { ok: false; finding: Finding };

/** Deeper JSON than this is no chat token, and would overflow what renders or copies it. */
export const MAX_JSON_DEPTH = 20;

/** True when `value` nests objects or arrays deeper than `limit` (checked without recursion). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

function decodePart(part: string, name: 'header' | 'payload'): Decoded {
  const bad = part.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0 || part.length % 4 === 1) {
    const where = bad >= 0 ? `: "${part[bad]}" at position ${bad + 1}` : ': its length is impossible for base64url';
    const hint = part.includes('=') || part.includes('+') || part.includes('/') ? ' Use base64url without padding (- and _ instead of + and /, no =).' : '';
    return { ok: false, finding: { id: 'bad-base64url', severity: 'error', message: `The ${name} is not valid base64url${where}.${hint}` } };
  }
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(part);
  } catch {
    return { ok: false, finding: { id: 'bad-base64url', severity: 'error', message: `The ${name} is not valid base64url.` } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, finding: { id: 'not-utf8', severity: 'error', message: `The ${name} decodes to bytes that are not UTF-8 text: encode the JSON as UTF-8 before base64url.` } };
  }
  try {
    const value: unknown = JSON.parse(text);
    if (deeperThan(value, MAX_JSON_DEPTH)) {
      return { ok: false, finding: { id: 'too-deep', severity: 'error', message: `The ${name} nests JSON deeper than ${MAX_JSON_DEPTH} levels: a chat token's ${name} is flat.` } };
    }
    return { ok: true, value };
  } catch (caught) {
    const reason = String((caught as Error)?.message ?? caught);
    return {
      ok: false,
      finding: { id: 'not-json', severity: 'error', message: `The ${name} is not JSON (${reason}). It starts: ${show(text.slice(0, 40))}.` },
    };
  }
}

function headerFindings(header: JsonObject): Finding[] {
  const findings: Finding[] = [];
  const alg = header.alg;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    findings.push({ id: 'alg-none', severity: 'error', message: 'The header says alg "none": the token is unsigned and Kustomer refuses it. Sign with HS256 and the org secret.' });
  } else if (alg !== 'HS256') {
    findings.push({ id: 'alg-not-hs256', severity: 'error', message: `The header says alg ${show(alg)}: Kustomer accepts HS256 only. Sign with algorithm HS256.` });
  }
  if (!('typ' in header)) {
    findings.push({ id: 'typ-missing', severity: 'warning', message: 'The header has no typ: add "typ": "JWT", as Kustomer\'s samples send.' });
  } else if (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT') {
    findings.push({ id: 'typ-not-jwt', severity: 'warning', message: `The header says typ ${show(header.typ)}: use "JWT".` });
  }
  return findings;
}

function payloadFindings(payload: JsonObject, now: number): { findings: Finding[]; issuedAt?: number } {
  const findings: Finding[] = [];
  const hasExternalId = 'externalId' in payload;
  const hasEmail = 'email' in payload;
  const nearMisses = Object.keys(payload).filter((key) => key in NEAR_MISSES);
  for (const key of nearMisses) {
    const meant = NEAR_MISSES[key];
    const taken = meant === 'externalId' ? hasExternalId : hasEmail;
    findings.push({
      id: 'near-miss-claim',
      severity: taken ? 'warning' : 'error',
      message: taken
        ? `The claim "${key}" is ignored: Kustomer reads "${meant}" (which is also present).`
        : `The claim "${key}" is not one Kustomer reads: rename it to "${meant}" (exactly that spelling).`,
    });
  }
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
  const exp = payload.exp;
  if (typeof exp === 'number' && typeof iat === 'number' && exp < iat) {
    findings.push({ id: 'exp-before-iat', severity: 'error', message: `exp (${exp}) is before iat (${iat}): the token expired before it was issued.` });
  } else if (typeof exp === 'number' && exp < now) {
    findings.push({ id: 'exp-past', severity: 'warning', message: `exp (${exp}) has passed: the token has expired.` });
  }
  if (typeof payload.nbf === 'number' && payload.nbf > now + FUTURE_SKEW_SECONDS) {
    findings.push({ id: 'nbf-future', severity: 'warning', message: 'nbf is in the future: the token is not valid yet.' });
  }
  const ignored = Object.keys(payload).filter((key) => !KNOWN_CLAIMS.has(key) && !(key in NEAR_MISSES));
  if (ignored.length > 0) {
    findings.push({
      id: 'ignored-claims',
      severity: 'info',
      message: `Kustomer documents only externalId, email and iat; it ignores ${ignored.map((k) => `"${k}"`).join(', ')}.`,
    });
  }
  return { findings, issuedAt };
}

export function inspectToken(input: string, nowSeconds: number = Date.now() / 1000): Inspection {
  const findings: Finding[] = [];
  if (input.length > MAX_TOKEN_LENGTH) {
    return {
      token: '',
      findings: [{ id: 'too-long', severity: 'error', message: `This is ${Math.round(input.length / 1024)} KB of text: a chat token is a few hundred characters. Paste only the token.` }],
    };
  }
  let token = input.trim().replace(/^["'`]|["'`]$/g, '');
  if (/^bearer\s+/i.test(token)) {
    token = token.replace(/^bearer\s+/i, '');
    findings.push({ id: 'bearer-prefix', severity: 'info', message: 'Removed a "Bearer " prefix: Kustomer.login takes the bare token.' });
  }
  const parts = token.split('.');
  if (parts.length !== 3) {
    findings.push({
      id: 'not-three-parts',
      severity: 'error',
      message: `A JWT has three base64url parts separated by dots (header.payload.signature); this has ${parts.length}.`,
    });
    return { token, findings };
  }
  parts.forEach((part, i) => {
    if (part === '') findings.push({ id: 'empty-part', severity: 'error', message: `The ${PART_NAMES[i]} part is empty.` });
  });
  const signature = parts[2] ?? '';
  if (signature !== '' && !BASE64URL.test(signature)) {
    findings.push({ id: 'bad-base64url', severity: 'error', message: 'The signature is not valid base64url.' });
  }
  const result: Inspection = { token, findings };
  const [headerPart = '', payloadPart = ''] = parts;
  const decodedParts = [
    ['header', headerPart],
    ['payload', payloadPart],
  ] as const;
  for (const [name, part] of decodedParts) {
    if (part === '') continue;
    const decoded = decodePart(part, name);
    if (!decoded.ok) {
      findings.push(decoded.finding);
      continue;
    }
    if (!isObject(decoded.value)) {
      findings.push({ id: 'not-object', severity: 'error', message: `The ${name} is JSON but not an object (it is ${show(decoded.value)}): it must be {…}.` });
      continue;
    }
    if (name === 'header') {
      result.header = decoded.value;
      findings.push(...headerFindings(decoded.value));
    } else {
      result.payload = decoded.value;
      const checked = payloadFindings(decoded.value, nowSeconds);
      findings.push(...checked.findings);
      if (checked.issuedAt !== undefined) {
        result.issuedAt = checked.issuedAt;
        result.kustomerExpiresAt = checked.issuedAt + IAT_MAX_AGE_SECONDS;
      }
    }
  }
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  result.findings = findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return result;
}

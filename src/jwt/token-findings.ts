import { base64url } from 'jose';
import type { Finding, JsonObject, Severity, TokenRules, VendorEnvironment } from '../model/vendor';
import { messageOf } from '../model/errors';

/**
 * Explains a token: its structure here (parts, base64url, UTF-8, JSON), then the chosen
 * vendor's rules (src/vendors/<id>/token-rules.ts). Never throws, on any input: a developer
 * pastes whatever their backend produced.
 */

export type { Finding, JsonObject, Severity } from '../model/vendor';

export interface Inspection {
  /** The token as inspected (trimmed, without a "Bearer " prefix). */
  token: string;
  header?: JsonObject;
  payload?: JsonObject;
  findings: Finding[];
  /** iat in seconds when it is usable, and when the vendor stops accepting the token. */
  issuedAt?: number;
  expiresAt?: number;
}

/** Far beyond any chat token; longer input is refused at once instead of decoded. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

const PART_NAMES = ['header', 'payload', 'signature'] as const;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function show(value: unknown): string {
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
    const reason = messageOf(caught);
    return {
      ok: false,
      finding: { id: 'not-json', severity: 'error', message: `The ${name} is not JSON (${reason}). It starts: ${show(text.slice(0, 40))}.` },
    };
  }
}

/** HS256 is the one algorithm every vendor here signs with. */
export function algorithmFindings(header: JsonObject, vendor: string, secret: string): Finding[] {
  const alg = header.alg;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    return [{ id: 'alg-none', severity: 'error', message: `The header says alg "none": the token is unsigned and ${vendor} refuses it. Sign with HS256 and ${secret}.` }];
  }
  if (alg !== 'HS256') return [{ id: 'alg-not-hs256', severity: 'error', message: `The header says alg ${show(alg)}: ${vendor} accepts HS256 only. Sign with algorithm HS256.` }];
  return [];
}

export interface InspectOptions {
  now?: number;
  /** The settings of the environment the token is checked for (a key id the header must name). */
  environment?: VendorEnvironment;
  /** Text before "refuses" etc. in structural findings: the vendor's login call, as callName names it. */
  loginCall?: string;
}

export function inspectToken(input: string, rules: TokenRules, options: InspectOptions = {}): Inspection {
  const nowSeconds = options.now ?? Date.now() / 1000;
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
    findings.push({ id: 'bearer-prefix', severity: 'info', message: `Removed a "Bearer " prefix: ${options.loginCall ?? 'the login call'} takes the bare token.` });
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
      findings.push(...rules.headerFindings(decoded.value, options.environment));
    } else {
      result.payload = decoded.value;
      const checked = rules.payloadFindings(decoded.value, nowSeconds);
      findings.push(...checked.findings);
      result.issuedAt = checked.issuedAt;
      result.expiresAt = checked.expiresAt;
    }
  }
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  result.findings = findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return result;
}

/** Clock skew tolerated for times in the future. */
export const FUTURE_SKEW_SECONDS = 60;

/**
 * `exp` and `nbf` as every vendor reads them. `expRefused`: the vendor refuses a token past
 * its exp (an error), rather than only noting it.
 */
export function expiryFindings(payload: JsonObject, now: number, vendor: string, expRefused: boolean): { findings: Finding[]; expiresAt?: number } {
  const findings: Finding[] = [];
  const { exp, iat } = payload;
  let expiresAt: number | undefined;
  if ('exp' in payload && (typeof exp !== 'number' || !Number.isFinite(exp))) {
    findings.push({ id: 'exp-not-number', severity: 'error', message: `exp is ${show(exp)}: it must be a number of seconds since 1970 (Unix time).` });
  } else if (typeof exp === 'number' && exp > 1e11) {
    findings.push({ id: 'exp-milliseconds', severity: 'error', message: `exp ${exp} looks like milliseconds: divide by 1000 (Unix seconds).` });
  } else if (typeof exp === 'number' && typeof iat === 'number' && exp < iat) {
    findings.push({ id: 'exp-before-iat', severity: 'error', message: `exp (${exp}) is before iat (${iat}): the token expired before it was issued.` });
  } else if (typeof exp === 'number') {
    expiresAt = exp;
    if (exp < now) {
      findings.push({
        id: 'exp-past',
        severity: expRefused ? 'error' : 'warning',
        message: expRefused ? `exp (${exp}) has passed: ${vendor} refuses an expired token. Mint a fresh one.` : `exp (${exp}) has passed: the token has expired.`,
      });
    }
  }
  if (typeof payload.nbf === 'number' && payload.nbf > now + FUTURE_SKEW_SECONDS) {
    findings.push({ id: 'nbf-future', severity: 'warning', message: 'nbf is in the future: the token is not valid yet.' });
  }
  return { findings, expiresAt };
}

/** Claims a vendor does not read, as one info finding. */
export function ignoredClaims(payload: JsonObject, known: Set<string>, vendor: string, documented: string): Finding[] {
  const ignored = Object.keys(payload).filter((key) => !known.has(key));
  if (ignored.length === 0) return [];
  return [{ id: 'ignored-claims', severity: 'info', message: `${vendor} documents only ${documented}; it ignores ${ignored.map((k) => `"${k}"`).join(', ')}.` }];
}

/** Claims spelled almost like one the vendor reads. */
export function nearMissFindings(payload: JsonObject, nearMisses: Record<string, string>, vendor: string): Finding[] {
  return Object.keys(payload)
    .filter((key) => Object.hasOwn(nearMisses, key))
    .map((key) => {
      const meant = nearMisses[key] as string;
      const taken = meant in payload;
      return {
        id: 'near-miss-claim',
        severity: taken ? 'warning' : 'error',
        message: taken
          ? `The claim "${key}" is ignored: ${vendor} reads "${meant}" (which is also present).`
          : `The claim "${key}" is not one ${vendor} reads: rename it to "${meant}" (exactly that spelling).`,
      } satisfies Finding;
    });
}

/**
 * Server-side code that mints a payload, as the vendors' docs do it: Node with jsonwebtoken,
 * Python with PyJWT. The secret comes from an environment variable, never from the snippet.
 * `iat` is the moment of signing and `exp` (when asked) a lifetime after it: fixed times
 * copied from one token would make every later token wrong.
 */
import type { ServerLanguage, TokenHeader } from '../model/vendor';

/** What differs between vendors in the snippet. */
export interface SnippetStyle {
  /** The environment variable that holds the secret. */
  secretVariable: string;
  /** One comment line above the signing call: when to mint. */
  advice: string;
  header?: TokenHeader;
  /** Seconds from signing to exp; no exp when absent. */
  expiresIn?: number;
}

function claimsToSend(payload: Record<string, unknown>): Record<string, unknown> {
  const { iat: _iat, exp: _exp, ...rest } = payload;
  return rest;
}

function pythonLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) return `[${value.map((v) => pythonLiteral(v, inner)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pythonLiteral(v, inner)},`).join('\n')}\n${indent}}`;
  }
  return 'None';
}

export function nodeSnippet(payload: Record<string, unknown>, style: SnippetStyle): string {
  const claims = JSON.stringify(claimsToSend(payload), null, 2).replace(/\n/g, '\n  ');
  const kid = style.header?.kid ? `, keyid: ${JSON.stringify(style.header.kid)}` : '';
  const exp = style.expiresIn ? `, expiresIn: ${style.expiresIn}` : '';
  return `// npm install jsonwebtoken
const jwt = require('jsonwebtoken');

// ${style.advice}
const token = jwt.sign(
  ${claims}, // jsonwebtoken adds iat (now, in seconds)${exp ? ` and exp (iat + ${style.expiresIn})` : ''}
  process.env.${style.secretVariable},
  { algorithm: 'HS256'${kid}${exp} },
);`;
}

export function pythonSnippet(payload: Record<string, unknown>, style: SnippetStyle): string {
  const claims = pythonLiteral(claimsToSend(payload));
  const kid = style.header?.kid ? `, headers={"kid": ${JSON.stringify(style.header.kid)}}` : '';
  return `# pip install PyJWT
import os
import time

import jwt

# ${style.advice}
claims = ${claims}
claims["iat"] = int(time.time())${style.expiresIn ? `\nclaims["exp"] = claims["iat"] + ${style.expiresIn}` : ''}
token = jwt.encode(claims, os.environ["${style.secretVariable}"], algorithm="HS256"${kid})`;
}

/** What an HMAC snippet says: which value it signs, and the vendor's advice. */
export interface HmacStyle {
  secretVariable: string;
  advice: string;
  /** The identity value signed ("email"). */
  field: string;
}

/** Node's own crypto signs the value: no package, hex as the widget takes it. */
export function hmacNodeSnippet(signed: string, style: HmacStyle): string {
  return `const crypto = require('node:crypto');

// ${style.advice}
const signature = crypto
  .createHmac('sha256', process.env.${style.secretVariable})
  .update(${JSON.stringify(signed)}) // the customer's ${style.field}, exactly as the widget is given it
  .digest('hex'); // hex, not base64`;
}

export function hmacPythonSnippet(signed: string, style: HmacStyle): string {
  return `import hashlib
import hmac
import os

# ${style.advice}
signature = hmac.new(
    os.environ["${style.secretVariable}"].encode("utf-8"),
    ${JSON.stringify(signed)}.encode("utf-8"),  # the customer's ${style.field}, exactly as the widget is given it
    hashlib.sha256,
).hexdigest()  # hex, not base64`;
}

/**
 * A vendor's JWT server code in `language`: every vendor passes the inspector's language here,
 * so a language is added in this module once. Ruby and PHP fall back to Node until written.
 */
export function jwtServerCode(payload: Record<string, unknown>, language: ServerLanguage, style: SnippetStyle): string {
  return language === 'python' ? pythonSnippet(payload, style) : nodeSnippet(payload, style);
}

/** A vendor's HMAC server code in `language` (as jwtServerCode). */
export function hmacServerCode(signed: string, language: ServerLanguage, style: HmacStyle): string {
  return language === 'python' ? hmacPythonSnippet(signed, style) : hmacNodeSnippet(signed, style);
}

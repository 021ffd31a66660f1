/**
 * Server-side code that mints a payload, as the vendors' docs do it: Node with jsonwebtoken,
 * Python with PyJWT, Ruby with the jwt gem, PHP with firebase/php-jwt; an HMAC with each
 * language's own HMAC (node:crypto, hmac, OpenSSL::HMAC, hash_hmac), in hex. The secret comes
 * from an environment variable, never from the snippet.
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

/** A Ruby or PHP literal of JSON data: strings as JSON writes them, with the characters each language would read differently escaped. */
function scriptLiteral(value: unknown, language: 'ruby' | 'php', indent = ''): string {
  if (value === null || value === undefined) return language === 'ruby' ? 'nil' : 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : language === 'ruby' ? 'nil' : 'null';
  // Ruby: JSON's string is a double-quoted Ruby string once # (interpolation) is escaped; PHP: single quotes, where nothing is interpolated.
  if (typeof value === 'string') return language === 'ruby' ? JSON.stringify(value).replaceAll('#', '\\#') : phpString(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[${value.map((v) => scriptLiteral(v, language, inner)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return language === 'ruby' ? '{}' : '[]';
    const body = entries.map(([k, v]) => `${inner}${scriptLiteral(k, language)} => ${scriptLiteral(v, language, inner)},`).join('\n');
    return language === 'ruby' ? `{\n${body}\n${indent}}` : `[\n${body}\n${indent}]`;
  }
  return language === 'ruby' ? 'nil' : 'null';
}

/** A PHP single-quoted string: only \\ and \' mean anything in it, so nothing is interpolated. */
const phpString = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

export function rubySnippet(payload: Record<string, unknown>, style: SnippetStyle): string {
  const headers = style.header?.kid ? `, { kid: ${scriptLiteral(style.header.kid, 'ruby')} }` : '';
  return `# gem install jwt
require 'jwt'

# ${style.advice}
claims = ${scriptLiteral(claimsToSend(payload), 'ruby')}
claims['iat'] = Time.now.to_i${style.expiresIn ? `\nclaims['exp'] = claims['iat'] + ${style.expiresIn}` : ''}
token = JWT.encode(claims, ENV.fetch('${style.secretVariable}'), 'HS256'${headers})`;
}

export function phpSnippet(payload: Record<string, unknown>, style: SnippetStyle): string {
  const kid = style.header?.kid ? `, ${scriptLiteral(style.header.kid, 'php')}` : '';
  return `<?php
// composer require firebase/php-jwt
use Firebase\\JWT\\JWT;

// ${style.advice}
$claims = ${scriptLiteral(claimsToSend(payload), 'php')};
$claims['iat'] = time();${style.expiresIn ? `\n$claims['exp'] = $claims['iat'] + ${style.expiresIn};` : ''}
$token = JWT::encode($claims, getenv('${style.secretVariable}'), 'HS256'${kid});`;
}

export function hmacRubySnippet(signed: string, style: HmacStyle): string {
  return `require 'openssl'

# ${style.advice}
signature = OpenSSL::HMAC.hexdigest(
  'sha256',
  ENV.fetch('${style.secretVariable}'),
  ${scriptLiteral(signed, 'ruby')} # the customer's ${style.field}, exactly as the widget is given it
) # hexdigest: hex, not base64`;
}

export function hmacPhpSnippet(signed: string, style: HmacStyle): string {
  return `<?php
// ${style.advice}
$signature = hash_hmac(
    'sha256',
    ${scriptLiteral(signed, 'php')}, // the customer's ${style.field}, exactly as the widget is given it
    getenv('${style.secretVariable}')
); // hex (the fourth argument, binary, stays false): not base64`;
}

const JWT_SNIPPETS: Record<ServerLanguage, (payload: Record<string, unknown>, style: SnippetStyle) => string> = { node: nodeSnippet, python: pythonSnippet, ruby: rubySnippet, php: phpSnippet };
const HMAC_SNIPPETS: Record<ServerLanguage, (signed: string, style: HmacStyle) => string> = { node: hmacNodeSnippet, python: hmacPythonSnippet, ruby: hmacRubySnippet, php: hmacPhpSnippet };

/**
 * A vendor's JWT server code in `language`: every vendor passes the inspector's language here,
 * so a language is added in this module once.
 */
export function jwtServerCode(payload: Record<string, unknown>, language: ServerLanguage, style: SnippetStyle): string {
  return (JWT_SNIPPETS[language] ?? nodeSnippet)(payload, style);
}

/** A vendor's HMAC server code in `language` (as jwtServerCode). */
export function hmacServerCode(signed: string, language: ServerLanguage, style: HmacStyle): string {
  return (HMAC_SNIPPETS[language] ?? hmacNodeSnippet)(signed, style);
}

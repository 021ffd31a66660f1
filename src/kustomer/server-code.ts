/**
 * Server-side code that mints the same payload, as Kustomer's docs do it: Node with
 * jsonwebtoken, Python with PyJWT. The secret comes from an environment variable, never
 * from the snippet. `iat` is left to the moment of signing.
 */

export const SECRET_VARIABLE = 'KUSTOMER_CHAT_SECRET';

function claimsToSend(payload: Record<string, unknown>): Record<string, unknown> {
  const { iat: _iat, ...rest } = payload;
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

export function nodeSnippet(payload: Record<string, unknown>): string {
  const claims = JSON.stringify(claimsToSend(payload), null, 2).replace(/\n/g, '\n  ');
  return `// npm install jsonwebtoken
const jwt = require('jsonwebtoken');

// Mint right before Kustomer.login: Kustomer refuses tokens older than 15 minutes.
const token = jwt.sign(
  ${claims}, // jsonwebtoken adds iat (now, in seconds)
  process.env.${SECRET_VARIABLE},
  { algorithm: 'HS256' },
);`;
}

export function pythonSnippet(payload: Record<string, unknown>): string {
  const claims = pythonLiteral(claimsToSend(payload));
  return `# pip install PyJWT
import os
import time

import jwt

# Mint right before Kustomer.login: Kustomer refuses tokens older than 15 minutes.
claims = ${claims}
claims["iat"] = int(time.time())
token = jwt.encode(claims, os.environ["${SECRET_VARIABLE}"], algorithm="HS256")`;
}

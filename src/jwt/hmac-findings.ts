/**
 * Explains an HMAC-signed identity (a value and its signature), as token-findings explains a
 * JWT: what a widget's server will refuse, and the traps of hand-written server code (base64
 * instead of hex, another hash, a value changed after signing). Pure; never throws.
 */
import type { Finding } from '../model/vendor';

export interface HmacInput {
  /** The value as the widget is given it (the email, the identifier). */
  signed: string;
  /** The signature the widget is given with it. */
  signature: string;
  /** Which identity value is signed, for the sentences ("email"). */
  field: string;
}

/** Hex digest lengths of the hashes a server may have used by mistake. */
const OTHER_HASHES: Record<number, string> = { 32: 'MD5', 40: 'SHA-1', 56: 'SHA-224', 96: 'SHA-384', 128: 'SHA-512' };

const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=?$|^[A-Za-z0-9_-]{43}$/;

export function hmacFindings({ signed, signature, field }: HmacInput, vendor: string): Finding[] {
  const findings: Finding[] = [];
  const value = signature.trim();
  if (signed === '') findings.push({ id: 'hmac-nothing-signed', severity: 'error', message: `The ${field} is empty: ${vendor} signs the customer's ${field}, so there is nothing to sign.` });
  else if (signed !== signed.trim()) {
    findings.push({ id: 'hmac-spaces', severity: 'warning', message: `The ${field} starts or ends with a space: the signature only matches the exact text, so trim it both where it is signed and where the widget is given it.` });
  }
  if (field === 'email' && signed !== signed.toLowerCase()) {
    findings.push({ id: 'hmac-email-case', severity: 'info', message: 'The email has capital letters: sign exactly the text the widget is given; a server that lower-cases before signing will not match.' });
  }
  if (value === '') findings.push({ id: 'hmac-no-signature', severity: 'error', message: `There is no signature: ${vendor} refuses an identity without one (or keeps it unverified).` });
  else if (/^[0-9a-fA-F]+$/.test(value)) {
    const other = OTHER_HASHES[value.length];
    if (value.length !== 64) {
      findings.push({
        id: 'hmac-not-sha256',
        severity: 'error',
        message: `The signature has ${value.length} hex characters; HMAC-SHA256 gives 64${other ? ` (${value.length} is ${other}: sign with SHA-256)` : ''}.`,
      });
    } else if (value !== value.toLowerCase()) {
      findings.push({ id: 'hmac-upper-case', severity: 'warning', message: "The signature's hex is in capitals: send it in lower case, as digest('hex') and hexdigest() write it; a server comparing text refuses capitals." });
    }
  } else if (BASE64_SHA256.test(value)) {
    findings.push({ id: 'hmac-base64', severity: 'error', message: `The signature is base64: ${vendor} compares the hex digest. Use digest('hex') in Node, hexdigest() in Python.` });
  } else findings.push({ id: 'hmac-not-hex', severity: 'error', message: 'The signature is not hex: HMAC-SHA256 in hex is 64 characters from 0-9 and a-f.' });
  if (value !== signature) findings.push({ id: 'hmac-signature-spaces', severity: 'warning', message: 'The signature has spaces or line breaks around it: send the 64 characters alone.' });
  const order = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => order[a.severity] - order[b.severity]);
}

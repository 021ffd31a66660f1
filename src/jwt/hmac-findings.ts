/**
 * Explains an HMAC-signed identity (a value and its signature), as token-findings explains a
 * JWT: what a widget's server will refuse, and the traps of hand-written server code (base64
 * instead of hex, another hash, a value changed after signing). Pure; never throws.
 */
import type { Finding } from '../model/vendor';
import { base64Of, hexOf, hmacBytes } from './hmac';
import type { SecretOwner } from './signature';

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

/** What the tester gives beside the signature for the secret's findings. */
export interface HmacSecretInput extends HmacInput {
  /** The identity's other values the widget is given (a user id, a name): a signature of one of them is named. */
  others: readonly string[];
}

type Form = 'hex' | 'upper-hex' | 'base64';

/** Which way `signature` writes the HMAC of `value` under `secret`, if it does: hex, capital hex, or base64 (or base64url) of the same bytes. */
async function formOf(signature: string, value: string, secret: string): Promise<Form | undefined> {
  const bytes = await hmacBytes(value, secret);
  const hex = hexOf(bytes);
  if (signature === hex) return 'hex';
  if (signature.toLowerCase() === hex) return 'upper-hex';
  const unpadded = (text: string) => text.replace(/=+$/, '');
  if (unpadded(signature.replaceAll('-', '+').replaceAll('_', '/')) === unpadded(base64Of(bytes))) return 'base64';
  return undefined;
}

/**
 * With an environment's secret chosen: what the signature really is, each with what to do. The
 * HMAC of the field with that secret in lower-case hex is right (no finding); the same bytes in
 * base64 or capital hex, the HMAC of another value of the identity, and one made with another
 * environment's secret (another inbox's or workspace's key) are named; a signature none of these
 * explains says so. `environments` are the others to try (the chosen one is skipped there).
 */
export async function hmacSecretFindings(input: HmacSecretInput, vendor: string, chosen: SecretOwner, environments: readonly SecretOwner[]): Promise<Finding[]> {
  const signature = input.signature.trim();
  if (chosen.secret === '' || signature === '' || input.signed === '') return [];
  const { field, signed } = input;
  const secrets = [chosen, ...environments.filter((e) => e.id !== chosen.id && e.secret !== '')];
  const values = [signed, ...new Set(input.others.map((v) => v.trim()).filter((v) => v !== '' && v !== signed))];
  for (const owner of secrets) {
    for (const value of values) {
      const form = await formOf(signature, value, owner.secret);
      if (!form) continue;
      const findings: Finding[] = [];
      if (form === 'base64') {
        findings.push({
          id: 'hmac-base64',
          severity: 'error',
          message: `It is the right HMAC written in base64: ${vendor} compares the hex digest. Write it with digest('hex') in Node, hexdigest() in Python, OpenSSL::HMAC.hexdigest in Ruby, hash_hmac in PHP (not base64.b64encode of the digest).`,
        });
      }
      if (form === 'upper-hex') {
        findings.push({ id: 'hmac-upper-case', severity: 'error', message: `It is the right HMAC in capital hex: ${vendor} compares lower-case hex. Send it as digest('hex') and hexdigest() write it (do not upper-case it).` });
      }
      if (value !== signed) {
        findings.push({
          id: 'hmac-other-field',
          severity: 'error',
          message: `It is the HMAC of ${JSON.stringify(value)}, another value of the identity, not of the ${field}: ${vendor} checks a signature of the ${field}. Sign the ${field}, exactly as the widget is given it.`,
        });
      }
      if (owner.id !== chosen.id) {
        findings.push({
          id: 'hmac-other-secret',
          severity: 'error',
          message: `It was made with the secret of ${owner.name}, not of ${chosen.name}: another inbox's or workspace's key. Sign with the key of the ${vendor} account this page's widget belongs to.`,
        });
      }
      return findings;
    }
  }
  const others = values.length > 1 ? ' or of the other values given' : '';
  return [
    {
      id: 'hmac-no-match',
      severity: 'error',
      message: `It is not the HMAC-SHA256 of the ${field}${others} with the secret of ${chosen.name} or of any other environment, in hex or base64: the key or the signed text differs. Check that the server signs exactly ${JSON.stringify(signed)} with this ${vendor} account's key.`,
    },
  ];
}

import { parseArgs } from 'node:util';
import { signedWith } from '../jwt/signature';
import { type Inspection, inspectToken } from '../jwt/token-findings';
import { jwtSigning } from '../model/vendor';
import { guessVendor } from '../jwt/vendor-guess';
import { asUsage, type Command, EXIT, forTerminal, type Secret, SECRET_VARIABLE, secretIfAny, UsageError } from './cli-kit';
import { vendorChoice } from './cli-settings';
import { vendorFor } from './setup';
import { DEFAULT_VENDOR, loadVendor, VENDOR_IDS } from '../vendors/registry';

const help = () => `chat-identity-lab inspect: explain a chat identity token under a vendor's rules, as the extension's token inspector does

Usage:
  chat-identity-lab inspect (TOKEN | -) [--vendor V] [--json]

  TOKEN               the token (header.payload.signature); - reads it from standard input
  --vendor V          ${vendorChoice()}; guessed from the claims when absent
  --json              print {"vendor", "header", "payload", "findings", "signature", …}
                      (never the signature itself)
  --secret-env NAME   check the signature with the secret in NAME instead of CHAT_IDENTITY_LAB_SECRET
  --secret-file PATH  check the signature with the secret in a file

With a secret (CHAT_IDENTITY_LAB_SECRET, or one of the two above) it also checks that the token
was signed with it: the most common reason a vendor refuses a token that reads fine.
Exit codes: 0 no error finding, 1 an error finding or a signature not made with the given
secret, 2 a usage error.
`;

export const inspect: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    options: { vendor: { type: 'string' }, json: { type: 'boolean' }, 'secret-env': { type: 'string' }, 'secret-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.out(help());
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('Pass one token, or - to read it from standard input (chat-identity-lab inspect --help).');
  const input = positionals[0] === '-' ? await io.stdin() : (positionals[0] as string);
  const guessed = values.vendor === undefined ? guessVendor(input, await Promise.all(VENDOR_IDS.map(loadVendor))) : undefined;
  const vendor = await asUsage(() => vendorFor(values.vendor ?? guessed ?? DEFAULT_VENDOR, 'cli'));
  const how = values.vendor !== undefined ? 'as given' : guessed ? 'guessed from the claims' : 'could not be guessed from the claims; pass --vendor';
  const jwt = jwtSigning(vendor);
  if (!jwt) throw new UsageError(`${vendor.name} signs an HMAC of one identity value, not a token: there is nothing to decode. Check a signature with chat-identity-lab sign --vendor ${vendor.id}.`);
  const secret = secretIfAny(values, io.env);
  const inspection = inspectToken(input, jwt.rules, { loginCall: vendor.callName('login') });
  const signature = await checkSignature(inspection, secret);
  const errors = inspection.findings.filter((f) => f.severity === 'error').length + (signature.verdict === 'invalid' ? 1 : 0);
  if (values.json) {
    const { header, payload, findings, issuedAt, expiresAt } = inspection;
    io.out(`${JSON.stringify({ vendor: vendor.id, vendorFrom: how, header, payload, findings, signature, issuedAt, expiresAt }, null, 2)}\n`);
  } else {
    const lines = [`Vendor: ${vendor.name} (${how})`];
    if (inspection.header) lines.push(`Header: ${JSON.stringify(inspection.header)}`);
    if (inspection.payload) lines.push(`Payload: ${JSON.stringify(inspection.payload)}`);
    if (inspection.issuedAt !== undefined) lines.push(`Issued: ${new Date(inspection.issuedAt * 1000).toISOString()}`);
    if (inspection.expiresAt !== undefined) lines.push(`${vendor.name} accepts it until: ${new Date(inspection.expiresAt * 1000).toISOString()}`);
    lines.push(`Signature: ${signature.message}`);
    lines.push(inspection.findings.length === 0 ? 'Findings: none' : 'Findings:');
    for (const f of inspection.findings) lines.push(`  ${f.severity}: ${f.message}`);
    io.out(`${forTerminal(lines.join('\n'))}\n`);
  }
  return errors > 0 ? EXIT.failed : EXIT.ok;
};

/** The signature's verdict: what the tool knows of it, and one sentence saying so. */
export interface SignatureVerdict {
  verdict: 'valid' | 'invalid' | 'not-checked';
  message: string;
}

/**
 * Whether the given secret made the token's signature. Every vendor here signs HS256, so only
 * HS256 is checked (an error finding already says when the header names another algorithm).
 */
async function checkSignature(inspection: Inspection, secret: Secret | undefined): Promise<SignatureVerdict> {
  if (!secret) {
    return { verdict: 'not-checked', message: `not checked: no secret. To check it, set ${SECRET_VARIABLE} to the chat signing secret (or pass --secret-env NAME or --secret-file PATH).` };
  }
  if (!inspection.header || !inspection.payload) return { verdict: 'not-checked', message: 'not checked: the token cannot be read (see the findings).' };
  if (inspection.header.alg !== 'HS256') return { verdict: 'not-checked', message: 'not checked: only HS256 signatures are checked (see the findings).' };
  if (await signedWith(inspection.token, secret.value)) return { verdict: 'valid', message: `valid with the given secret (the secret ${secret.from}).` };
  return {
    verdict: 'invalid',
    message: `NOT made with the given secret (the secret ${secret.from}): most often the wrong secret, or a secret taken for base64.`,
  };
}

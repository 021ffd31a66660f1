import { parseArgs } from 'node:util';
import { jwtSigning } from '../model/vendor';
import { inspectToken } from '../jwt/token-findings';
import { guessVendor } from '../jwt/vendor-guess';
import { type Command, EXIT, forTerminal, UsageError } from './cli-kit';
import { asUsage } from './cli-sign';
import { vendorFor } from './setup';

const HELP = `chat-identity-lab inspect: explain a chat identity token under a vendor's rules, as the extension's token inspector does

Usage:
  chat-identity-lab inspect (TOKEN | -) [--vendor V] [--json]

  TOKEN       the token (header.payload.signature); - reads it from standard input
  --vendor V  kustomer, zendesk or intercom; guessed from the claims when absent
  --json      print {"vendor", "header", "payload", "findings", …} (never the signature)

Exit codes: 0 no error finding, 1 at least one error finding, 2 a usage error.
`;

export const inspect: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    options: { vendor: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('Pass one token, or - to read it from standard input (chat-identity-lab inspect --help).');
  const input = positionals[0] === '-' ? await io.stdin() : (positionals[0] as string);
  const guessed = values.vendor === undefined ? guessVendor(input) : undefined;
  const vendor = await asUsage(() => vendorFor(values.vendor ?? guessed ?? 'kustomer'));
  const how = values.vendor !== undefined ? 'as given' : guessed ? 'guessed from the claims' : 'could not be guessed from the claims; pass --vendor';
  const jwt = jwtSigning(vendor);
  if (!jwt) throw new UsageError(`${vendor.name} signs an HMAC of one identity value, not a token: there is nothing to decode. Check a signature with chat-identity-lab sign --vendor ${vendor.id}.`);
  const inspection = inspectToken(input, jwt.rules, { loginCall: vendor.callName('login') });
  const errors = inspection.findings.filter((f) => f.severity === 'error').length;
  if (values.json) {
    const { header, payload, findings, issuedAt, expiresAt } = inspection;
    io.out(`${JSON.stringify({ vendor: vendor.id, vendorFrom: how, header, payload, findings, issuedAt, expiresAt }, null, 2)}\n`);
  } else {
    const lines = [`Vendor: ${vendor.name} (${how})`];
    if (inspection.header) lines.push(`Header: ${JSON.stringify(inspection.header)}`);
    if (inspection.payload) lines.push(`Payload: ${JSON.stringify(inspection.payload)}`);
    if (inspection.issuedAt !== undefined) lines.push(`Issued: ${new Date(inspection.issuedAt * 1000).toISOString()}`);
    if (inspection.expiresAt !== undefined) lines.push(`${vendor.name} accepts it until: ${new Date(inspection.expiresAt * 1000).toISOString()}`);
    lines.push(inspection.findings.length === 0 ? 'Findings: none' : 'Findings:');
    for (const f of inspection.findings) lines.push(`  ${f.severity}: ${f.message}`);
    io.out(`${forTerminal(lines.join('\n'))}\n`);
  }
  return errors > 0 ? EXIT.failed : EXIT.ok;
};

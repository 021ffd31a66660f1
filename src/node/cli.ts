/**
 * The command-line tool `chat-identity-lab`: sign, inspect, check. Kept small at start: each
 * command is imported only when asked for (check's browser driver above all), so `sign`
 * answers fast from a cold start. Exit codes: 0 fine, 1 a failed check or an error finding
 * (or a page that did not load), 2 a usage error (what to do is said).
 */
import { type Command, EXIT, forTerminal, type Io, refuseSecretValue, UsageError } from './cli-kit';

const HELP = `chat-identity-lab: sign, inspect and check chat identity tokens (Kustomer, Zendesk Messaging, Intercom)

Usage:
  chat-identity-lab sign --vendor V [--external-id ID] [--email E] [--name N] [--key-id K] [--app-id A] [--expires-in 10m] [--json]
  chat-identity-lab inspect (TOKEN | -) [--vendor V] [--json]     (with a secret, also checks the signature)
  chat-identity-lab check URL --vendor kustomer [--junit FILE] [--json FILE] [--markdown FILE] [--browser PATH] [--timeout SECONDS]
  chat-identity-lab COMMAND --help

The secret comes from CHAT_IDENTITY_LAB_SECRET (or --secret-env NAME, or --secret-file PATH), never
from a command-line value.

Exit codes: 0 done (every check passed; no error finding), 1 a check failed, the token has an
error finding, or the page did not load, 2 a usage error (bad input, no secret, no browser).
`;

const COMMANDS: Record<string, () => Promise<Command>> = {
  sign: () => import('./cli-sign').then((m) => m.sign),
  inspect: () => import('./cli-inspect').then((m) => m.inspect),
  check: () => import('./cli-check').then((m) => m.check),
};

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  try {
    refuseSecretValue(argv);
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(HELP);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const load = COMMANDS[name];
    if (!load) throw new UsageError(`Unknown command ${JSON.stringify(name.slice(0, 40))}: use sign, inspect or check (chat-identity-lab --help).`);
    return await (await load())(args, io);
  } catch (caught) {
    if (caught instanceof UsageError) {
      io.err(`chat-identity-lab: ${forTerminal(caught.message)}\n`);
      return EXIT.usage;
    }
    if (caught instanceof TypeError && (caught as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`chat-identity-lab: ${forTerminal(caught.message)}. See chat-identity-lab ${name} --help.\n`);
      return EXIT.usage;
    }
    throw caught;
  }
}

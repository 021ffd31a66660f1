#!/usr/bin/env node
/** The `chat-identity-lab` executable: the process around cli.ts's main. */
import { main } from './cli';

const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
  env: process.env,
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (caught) => {
    process.stderr.write(`chat-identity-lab: ${caught instanceof Error ? caught.message : String(caught)}\n`);
    process.exitCode = 1;
  },
);

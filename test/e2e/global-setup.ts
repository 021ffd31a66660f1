import { build } from 'vite';

/** End-to-end tests always run against a fresh production build (`vite build`), never a dev build. */
export default async function setup() {
  await build({ logLevel: 'warn' });
}

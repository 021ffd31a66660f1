import { builtinModules } from 'node:module';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The Node package (`npm pack` builds it through scripts/build-node.mjs), in two runs:
 *
 * - default mode: ES modules in dist-node/ for Node 20+, chat-identity-lab/playwright and the
 *   chat-identity-lab executable;
 * - `--mode cjs`: chat-identity-lab/playwright again as CommonJS in dist-node/cjs/ (a folder
 *   whose package.json says "commonjs"), so `require()` and test runners that compile tests to
 *   CommonJS (Playwright Test in a default project) load it too. The executable stays ESM only.
 *
 * Dependencies stay outside (jose, junit-report-builder; playwright-core is the caller's). jose
 * is ES-module only: the CommonJS build requires it through Node's require(esm), which every
 * Node version in `engines` has. The extension's build is vite.config.ts, unchanged.
 */
const external = [...builtinModules, /^node:/, 'jose', 'playwright-core', 'junit-report-builder'];

const esm: UserConfig = {
  publicDir: false,
  build: {
    outDir: 'dist-node',
    emptyOutDir: true,
    target: 'node20',
    // Unminified: the vendors' page commands are sent to pages as source text, readable.
    minify: false,
    sourcemap: false,
    lib: { entry: { playwright: 'src/node/playwright.ts', cli: 'src/node/bin.ts' }, formats: ['es'] },
    rollupOptions: {
      external,
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
};

const cjs: UserConfig = {
  publicDir: false,
  build: {
    outDir: 'dist-node/cjs',
    // The ES build ran first and owns dist-node/; this run writes only its own folder.
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    lib: { entry: { playwright: 'src/node/playwright.ts' }, formats: ['cjs'] },
    rollupOptions: {
      external,
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', exports: 'named' },
    },
  },
};

export default defineConfig(({ mode }) => (mode === 'cjs' ? cjs : esm));

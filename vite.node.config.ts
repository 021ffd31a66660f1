import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * The Node package (`npm pack` runs it as prepack): chat-identity-lab/playwright and the
 * chat-identity-lab executable, as plain ES modules for Node 20+. Dependencies stay outside
 * (jose, junit-report-builder; playwright-core is the caller's). The extension's build is
 * vite.config.ts, unchanged.
 */
export default defineConfig({
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
      external: [...builtinModules, /^node:/, 'jose', 'playwright-core', 'junit-report-builder'],
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

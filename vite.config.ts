import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

// manifest.json is the source of truth; only the version comes from package.json so the
// two can never disagree in a package.
const extensionManifest = { ...manifest, version: pkg.version } as ManifestV3Export;

export default defineConfig({
  plugins: [crx({ manifest: extensionManifest })],
  // Production JSX: the development transform would ship file paths and debug calls.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  build: {
    // Extension pages run in Chrome, which has modulepreload: no polyfill.
    modulePreload: { polyfill: false },
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // The inspector is its own page (not in the manifest): the popup opens it on demand.
    rollupOptions: { input: { inspector: 'src/inspector/index.html' } },
  },
  // The dev server is not used for testing or packaging (crxjs dev builds differ from vite build).
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
});

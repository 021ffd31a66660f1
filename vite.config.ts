import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { build, createServer, defineConfig, type Plugin, type Rollup } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { manifestFor, type TargetBrowser } from './src/platform/browsers.ts';

/**
 * crxjs lists every `?script` file as web-accessible to all sites, so any page could fetch it
 * and learn that the extension is installed. Ours are registered with
 * scripting.registerContentScripts, which needs no web-accessible entry: drop them.
 */
function noWebAccessibleResources(): Plugin {
  return {
    name: 'chat-identity-lab:no-web-accessible-resources',
    enforce: 'post',
    // After crxjs has written the manifest (it does so once the bundle is on disk).
    writeBundle(options) {
      const file = join(options.dir ?? 'dist', 'manifest.json');
      if (!existsSync(file)) return;
      const built = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (!('web_accessible_resources' in built)) return;
      delete built.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(built, null, 2)}\n`);
    },
  };
}

/**
 * Builds each `*.iife.ts?script` import (scripts registered with
 * scripting.registerContentScripts) as one self-contained IIFE file, and makes the import's
 * value its path in the package. crxjs would do it too, but its IIFE build passes an option
 * that Vite 8 ignores, with a warning per script on every build.
 */
function iifeScripts(target: string, minify: boolean): Plugin {
  const PREFIX = '\0iife-script:';
  return {
    name: 'chat-identity-lab:iife-scripts',
    enforce: 'pre',
    async resolveId(source, importer) {
      const [path, query] = source.split('?');
      if (query !== 'script' || !path?.endsWith('.iife.ts')) return null;
      const resolved = await this.resolve(path, importer, { skipSelf: true });
      return resolved ? `${PREFIX}${resolved.id}` : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const entry = id.slice(PREFIX.length);
      const fileName = relative(resolve('.'), entry).replace(/\.ts$/, '.js');
      const built = (await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          write: false,
          emptyOutDir: false,
          target,
          minify,
          lib: { entry, formats: ['iife'], name: basename(fileName, '.js').replace(/\W/g, '_'), fileName: () => fileName },
        },
      })) as Rollup.RollupOutput[];
      const chunk = built[0]?.output.find((item): item is Rollup.OutputChunk => item.type === 'chunk' && item.isEntry);
      if (!chunk) throw new Error(`iife-scripts: nothing built for ${entry}`);
      this.addWatchFile(entry);
      this.emitFile({ type: 'asset', fileName, source: chunk.code });
      return `export default ${JSON.stringify(fileName)};`;
    },
  };
}

/**
 * Renders the popup at build time (src/popup/prerender.tsx) into its HTML, so its controls
 * exist and take input as soon as the HTML is parsed (the identity form is a real form: a
 * click before any script ran submits it into the popup's own hidden frame, whence the first
 * script takes it: public/popup-early.js),
 * and swaps the module script for a small first script (public/popup-early.js, async and last
 * in the body: nothing waits for it) that holds later early clicks and loads the module after the first frame. The
 * module then hydrates this markup (src/popup/main.tsx).
 */
function prerenderPopup(): Plugin {
  return {
    name: 'chat-identity-lab:prerender-popup',
    enforce: 'post',
    async writeBundle(options) {
      const file = join(options.dir ?? 'dist', 'src/popup/index.html');
      if (!existsSync(file)) return;
      const server = await createServer({
        configFile: false,
        appType: 'custom',
        logLevel: 'silent',
        server: { middlewareMode: true, hmr: false, ws: false },
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
        // The components never touch the browser's APIs while rendering; their modules import them.
        resolve: { alias: { 'webextension-polyfill': resolve('src/popup/prerender-browser.ts') } },
        ssr: { noExternal: ['webextension-polyfill'] },
      });
      let prerender: typeof import('./src/popup/prerender.tsx');
      let pages: [string, string][];
      try {
        // The popup's own modules name its pages (one per vendor of src/vendors/list.ts, per row count).
        prerender = (await server.ssrLoadModule('/src/popup/prerender.tsx')) as typeof import('./src/popup/prerender.tsx');
        pages = await prerender.renderPopups();
      } finally {
        await server.close();
      }
      let html = readFileSync(file, 'utf8');
      const module = /<script type="module"[^>]*src="([^"]+)"[^>]*><\/script>\s*/.exec(html);
      if (!module) throw new Error('prerender: the popup has no module script');
      html = html
        .replace(module[0], '')
        // Module preloads compete with the first script for the extension's file loading: the
        // module is fetched after the first frame instead.
        .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
        // Last in the body: its fetch starts once the controls are parsed, so it never competes with them.
        .replace('</body>', `  <script async src="/popup-early.js" data-app="${module[1]}"></script>\n  </body>`);
      // One page per vendor and row count: its fields and the room for its identities already
      // there (the service worker picks the page per tab), so nothing moves when storage answers.
      const { POPUP_ROWS, popupPage, rowsInView } = prerender;
      for (const [vendor, markup] of pages) {
        for (const rows of POPUP_ROWS) {
          const root = `<html lang="en" style="--rows: ${rowsInView(rows)}"${rows === 0 ? ' data-no-rows' : ''}>`;
          writeFileSync(
            join(options.dir ?? 'dist', popupPage(vendor, rows)),
            html.replace('<html lang="en">', root).replace('<main id="app"></main>', `<main id="app" data-vendor="${vendor}">${markup}</main>`),
          );
        }
      }
    },
  };
}

/** What the bundler tells manualChunks about a module. */
interface ChunkMeta {
  getModuleInfo: (id: string) => { importedIds: readonly string[] } | null;
}

let firstPaint: Set<string> | undefined;
/**
 * The default vendor's modules the popup's first paint needs: what src/vendors/list.ts imports
 * statically from a vendor folder, and what those import in theirs. Read from the module graph,
 * so no vendor is named here.
 */
function firstPaintVendor(meta: ChunkMeta): Set<string> {
  if (firstPaint) return firstPaint;
  const list = meta.getModuleInfo(resolve('src/vendors/list.ts'));
  const found = new Set<string>();
  const todo = [...(list?.importedIds ?? [])];
  while (todo.length > 0) {
    const id = todo.pop() as string;
    if (found.has(id) || !/src\/vendors\/[^/]+\/[^/]+\.ts$/.test(id)) continue;
    found.add(id);
    todo.push(...(meta.getModuleInfo(id)?.importedIds ?? []));
  }
  // manualChunks runs once the graph is complete: the answer holds for the whole build.
  if (list) firstPaint = found;
  return found;
}

// One source, two browsers: `vite build` for Chrome (dist/), `vite build --mode firefox`
// for Firefox (dist-firefox/). manifest.json is the source of truth; the version comes from
// package.json so the two never disagree in a package.
export default defineConfig(({ mode }) => {
  const browser: TargetBrowser = mode === 'firefox' ? 'firefox' : 'chrome';
  const target = browser === 'firefox' ? 'firefox128' : 'chrome120';
  return {
    plugins: [iifeScripts(target, true), crx({ manifest: manifestFor(manifest, browser, pkg.version) as unknown as ManifestV3Export, browser }), noWebAccessibleResources(), prerenderPopup()],
    // Production JSX: the development transform would ship file paths and debug calls.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
    build: {
      outDir: browser === 'firefox' ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target,
      sourcemap: process.env.SOURCEMAP === '1',
      // Extension pages run in browsers that have modulepreload: no polyfill.
      modulePreload: { polyfill: false },
      // The inspector and the integration check are pages of their own (not in the manifest):
      // the popup opens them on demand.
      rollupOptions: {
        input: { inspector: 'src/inspector/index.html', check: 'src/check/index.html' },
        output: {
          // What the popup needs for its first paint in two chunks instead of many small ones
          // (fewer module fetches before it is ready): the UI, and the core that the service
          // worker shares without loading Preact.
          manualChunks(id: string, meta: ChunkMeta) {
            // The popup's page names are the service worker's too (it points each tab at one): core.
            if (/src\/popup\/pages\.ts$/.test(id)) return 'core';
            if (/node_modules\/preact\//.test(id) || /src\/ui\/[^/]+\.tsx?$/.test(id) || /src\/popup\/(?!main\.tsx)[^/]+\.tsx?$/.test(id)) {
              return 'popup-ui';
            }
            const core =
              /node_modules\/webextension-polyfill\//.test(id) ||
              /src\/storage\/(storage|extension-store)\.ts$/.test(id) ||
              /src\/model\/(schema|environment-match|identity|outcome|email|vendor-ids|legacy-records|text)\.ts$/.test(id) ||
              /src\/(sites\/sites|page-bridge\/target-page)\.ts$/.test(id) ||
              // The list of vendors and the registry; the default vendor's light profile (names,
              // fields, claim rules) is what the list imports statically: the rest loads on demand.
              /src\/vendors\/(registry|list)\.ts$/.test(id) ||
              firstPaintVendor(meta).has(id) ||
              /src\/actions\/inspector-handoff\.ts$/.test(id);
            if (core) return 'core';
            // What a tab holds (who is logged in, the tokens its site sent): the service worker's,
            // and the popup's after its first paint (its app names only their types).
            if (/src\/storage\/(seen-tokens|tab-logins)\.ts$/.test(id)) return 'tab-state';
            // The other vendors' light profiles: a popup for one of them hydrates with its own.
            if (/src\/vendors\/[^/]+\/(profile|claims)\.ts$/.test(id)) return 'profiles';
            // The login path and the vendors' page code: after the first paint, in one fetch
            // (the service worker imports them statically, which would otherwise merge them into core).
            if (
              /src\/vendors\/[^/]+\/(index|page-command|token-rules|page-org)\.ts$/.test(id) ||
              /src\/actions\/(login|login-outcome|page-commands|vendor-outcome)\.ts$/.test(id) ||
              /src\/page-bridge\/(page-runner|wire-watch|page-account)\.ts$/.test(id) ||
              /src\/session\/(page-answer|chat-readiness)\.ts$/.test(id) ||
              /src\/jwt\/(token|token-findings|server-code)\.ts$/.test(id) ||
              /src\/model\/wire\.ts$/.test(id)
            ) {
              return 'login';
            }
            return undefined;
          },
        },
      },
    },
    // The dev server is not used for testing or packaging (crxjs dev builds differ from vite build).
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});

#!/usr/bin/env node
/**
 * The one table of layers: every folder of src/, what it may import, and whether it may touch the
 * browser's APIs. Everything that checks the rule comes from here: scripts/import-graph.mjs checks
 * every import against it (and fails on a circle between folders), and Biome's per-folder
 * overrides in biome.json are generated from it (`node scripts/layers.mjs --write`; the import
 * check fails when biome.json differs, so the two never drift).
 *
 * Three groups, bottom up: the core (the logic the extension and the Node package share, no
 * browser API), the extension's shell (what touches the browser, then the use cases, then the
 * entry points) and the Node package's shell. A folder imports only what its row lists: a folder
 * name for all of it, or `folder/module` for one module of it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @typedef {{ folder: string, group: 'core' | 'extension' | 'node', does: string, uses: string[], browser?: boolean }} Layer */

/** @type {Layer[]} */
export const LAYERS = [
  // The core.
  { folder: 'sites', group: 'core', does: 'site patterns and matching', uses: [] },
  { folder: 'model', group: 'core', does: 'types and validators: the vendor interface, the page protocol, the ChatPage port, outcomes, schema readers, old records', uses: ['sites'] },
  { folder: 'jwt', group: 'core', does: 'sign, verify, findings, server code: jose only', uses: ['model', 'sites'] },
  { folder: 'vendors', group: 'core', does: 'one folder per chat vendor, the list of vendors and the registry', uses: ['model', 'jwt', 'sites'] },
  { folder: 'session', group: 'core', does: 'the use cases through the ChatPage port: readiness, login run and its wording, logout, history sync, integration check, page answers', uses: ['model', 'jwt', 'vendors', 'sites'] },
  // The extension's shell.
  { folder: 'platform', group: 'extension', does: 'the one place Chrome and Firefox differ (the manifest)', uses: ['model'], browser: true },
  { folder: 'storage', group: 'extension', does: 'the only code touching browser.storage', uses: ['model', 'sites', 'vendors/list'], browser: true },
  { folder: 'page-bridge', group: 'extension', does: 'the tab: the ChatPage port over chrome.scripting and webRequest', uses: ['model', 'sites', 'session/page-answer'], browser: true },
  { folder: 'actions', group: 'extension', does: "the extension's use cases: session/ on a tab, with what the extension keeps", uses: ['session', 'storage', 'page-bridge', 'platform', 'model', 'jwt', 'vendors', 'sites'], browser: true },
  { folder: 'ui', group: 'extension', does: 'components and styles shared by the pages', uses: ['model', 'sites'], browser: true },
  { folder: 'popup', group: 'extension', does: 'entry point: the toolbar popup', uses: ENTRY(), browser: true },
  { folder: 'options', group: 'extension', does: 'entry point: environments, identities, settings, data', uses: ENTRY(), browser: true },
  { folder: 'inspector', group: 'extension', does: 'entry point: the token inspector', uses: ENTRY(), browser: true },
  { folder: 'check', group: 'extension', does: 'entry point: the integration check page', uses: ENTRY(), browser: true },
  // The service worker points each tab at one of the popup's pages, and holds every vendor at once (it cannot import() at run time).
  { folder: 'background', group: 'extension', does: 'entry point: the service worker', uses: [...ENTRY(), 'popup/pages', 'vendors/all'], browser: true },
  // The Node package's shell.
  { folder: 'node', group: 'node', does: 'chat-identity-lab/playwright and the CLI: the ChatPage port over a Playwright or Puppeteer page', uses: ['session', 'model', 'jwt', 'vendors', 'sites', 'package.json'] },
];

/** What an entry point may import: it renders and dispatches; actions own storage and page calls. */
function ENTRY() {
  return ['actions', 'ui', 'model', 'jwt', 'sites', 'vendors/registry'];
}

/**
 * Entry-point modules that still call storage or the page themselves, and what each may import
 * besides its row, until an action takes the call over (docs/architecture.md, "What is left").
 */
export const DEBT = {
  'src/popup/target.ts': ['storage', 'page-bridge'],
  'src/popup/commands/run-command.ts': ['storage', 'page-bridge'],
  'src/popup/commands/popup-actions.ts': ['storage'],
  'src/popup/usePopupContext.ts': ['page-bridge'],
  'src/options/Options.tsx': ['storage'],
  'src/options/message.ts': ['storage'],
  'src/options/DataPanel.tsx': ['storage'],
  'src/options/ImportControl.tsx': ['storage'],
  'src/options/ImportPreview.tsx': ['storage'],
  'src/options/EncryptedFileForm.tsx': ['storage'],
  'src/options/IdentitiesPanel.tsx': ['storage'],
  'src/options/LockPanel.tsx': ['storage'],
  'src/options/StoragePanel.tsx': ['storage'],
  'src/options/site-probe.ts': ['page-bridge'],
  'src/check/CheckPage.tsx': ['storage', 'page-bridge'],
  'src/background/index.ts': ['storage'],
  'src/background/observer.ts': ['storage', 'page-bridge'],
  'src/background/popup-page.ts': ['storage'],
  'src/background/shortcut.ts': ['storage', 'page-bridge'],
};

const FOLDERS = LAYERS.map((l) => l.folder);

/** The layer of a path under src/ ("src/popup/session/X.tsx" is popup's), or undefined outside src/. */
export function layerOf(path) {
  const match = /^src\/([^/]+)\//.exec(path);
  return match ? LAYERS.find((l) => l.folder === match[1]) : undefined;
}

/** A module's name in the table: "vendors/registry" for src/vendors/registry.ts. */
const moduleName = (path) => path.replace(/^src\//, '').replace(/\.(tsx?|mjs|js)$/, '').replace(/\?.*$/, '');

/**
 * Whether `from` (a path under src/) may import `to` (a path, or package.json): undefined when it
 * may, else why not. `debt: false` leaves the entry points' DEBT out; `extra` allows more.
 */
export function refusal(from, to, { debt = true, extra = [] } = {}) {
  const layer = layerOf(from);
  if (!layer) return `${from} is in no layer: add its folder to the table in scripts/layers.mjs`;
  const target = layerOf(to);
  if (target?.folder === layer.folder) return undefined;
  const allowed = [...layer.uses, ...(debt ? (DEBT[from] ?? []) : []), ...extra];
  const name = to.endsWith('package.json') ? 'package.json' : moduleName(to);
  if (allowed.some((use) => use === target?.folder || use === name)) return undefined;
  return `${layer.folder}/ may not import ${name} (it imports ${layer.uses.join(', ') || 'nothing of ours'})`;
}

/** Biome's overrides, one per folder: its imports (noRestrictedImports) and, below the shells' browser code, the browser API. */
export function biomeOverrides() {
  return LAYERS.map((layer) => {
    const forbidden = FOLDERS.filter((f) => f !== layer.folder && !layer.uses.includes(f));
    // A module allowed from a folder otherwise forbidden.
    const modules = layer.uses.filter((use) => use.includes('/') && forbidden.includes(use.split('/')[0]));
    const debtors = Object.keys(DEBT).filter((file) => layerOf(file)?.folder === layer.folder);
    const message = `Layers (${layer.folder}): ${layer.folder}/ imports ${layer.uses.join(', ') || 'nothing of ours'}. See scripts/layers.mjs and docs/architecture.md.`;
    /** @type {Record<string, unknown>} */
    const style = {
      noRestrictedImports: {
        level: 'error',
        options: {
          patterns: [{ group: [...forbidden.map((f) => `**/${f}/**`), ...modules.map((m) => `!**/${m}`)], message }],
          ...(layer.browser ? {} : { paths: { 'webextension-polyfill': `Layers (${layer.folder}): no browser API in the ${layer.group === 'core' ? 'core' : 'Node package'}; only the extension's shell touches the browser.` } }),
        },
      },
    };
    if (!layer.browser) {
      const why = `Layers (${layer.folder}): no browser API here; only the extension's shell (storage/, page-bridge/, platform/, actions/ and the entry points) touches the browser.`;
      style.noRestrictedGlobals = { level: 'error', options: { deniedGlobals: { browser: why, chrome: why } } };
    }
    // Entry-point modules still in DEBT are checked by scripts/import-graph.mjs, with their own allowance.
    return { includes: [`src/${layer.folder}/**`, ...debtors.map((file) => `!${file}`)], linter: { rules: { style } } };
  });
}

/** biome.json with its layer overrides replaced by the generated ones (other overrides stay, after them). */
export function biomeWithLayers(text) {
  const config = JSON.parse(text);
  const others = (config.overrides ?? []).filter((o) => !o.includes.some((i) => /^src\/[^/*]+\/\*\*$/.test(i)));
  return `${JSON.stringify({ ...config, overrides: [...biomeOverrides(), ...others] }, null, '\t')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  const file = new URL('../biome.json', import.meta.url);
  writeFileSync(file, biomeWithLayers(readFileSync(file, 'utf8')));
  console.log('biome.json: layer overrides written from scripts/layers.mjs');
}

/**
 * What the popup and the service worker download, read from the build; gzipped sizes.
 *
 * The popup's HTML is rendered at build time, so its first paint needs only what blocks
 * rendering: the HTML, its stylesheets and its classic first script. The app module (named by
 * the first script's data-app, loaded after the first frame, modulepreloaded meanwhile) and
 * its imports hydrate it ("app"); the chunks those import dynamically come "on demand".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function staticImports(dist, file) {
  const code = readFileSync(join(dist, file), 'utf8');
  return [...code.matchAll(/(?:^|[;\s/}])import\s*(?:[^"'`()]*?from\s*)?["'`]\.\/([^"'`]+)["'`]/g)].map((m) => `assets/${m[1]}`);
}

function dynamicImports(dist, file) {
  const code = readFileSync(join(dist, file), 'utf8');
  return [...code.matchAll(/import\(\s*["'`]\.\/([^"'`]+)["'`]\s*\)/g)].map((m) => `assets/${m[1]}`);
}

function closure(dist, roots, seen = new Set()) {
  const todo = [...roots];
  while (todo.length > 0) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.js')) todo.push(...staticImports(dist, file));
  }
  return seen;
}

export function popupBundle(dist = 'dist') {
  const htmlFile = 'src/popup/index.html';
  const html = readFileSync(join(dist, htmlFile), 'utf8');
  const styles = [...html.matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]);
  const classic = [...html.matchAll(/<script(?![^>]*type="module")[^>]*\ssrc="\/([^"]+)"/g)].map((m) => m[1]);
  const modules = [
    ...[...html.matchAll(/<script type="module"[^>]*src="\/([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/data-app="\/([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]),
  ];
  const size = (files) => files.reduce((sum, f) => sum + gz(join(dist, f)), 0);
  const firstPaint = [htmlFile, ...styles, ...classic];
  const app = [...closure(dist, modules)];
  const later = new Set();
  for (const file of app) if (file.endsWith('.js')) for (const d of dynamicImports(dist, file)) later.add(d);
  const onDemand = [...closure(dist, [...later])].filter((f) => !app.includes(f));
  return {
    firstPaint: { files: firstPaint, bytes: size(firstPaint) },
    app: { files: app, bytes: size(app) },
    onDemand: { files: onDemand, bytes: size(onDemand) },
  };
}

export function serviceWorkerBundle(dist = 'dist') {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const loader = manifest.background.service_worker;
  const code = readFileSync(join(dist, loader), 'utf8');
  const roots = [...code.matchAll(/["'](?:\.\/|\/)?(assets\/[^"']+\.js)["']/g)].map((m) => m[1]);
  const files = [loader, ...closure(dist, roots)];
  return { files, bytes: files.reduce((sum, f) => sum + gz(join(dist, f)), 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const popup = popupBundle();
  const sw = serviceWorkerBundle();
  console.log(`popup first paint: ${popup.firstPaint.bytes} B gz (${popup.firstPaint.files.join(', ')})`);
  console.log(`popup app (hydrates after it): ${popup.app.bytes} B gz (${popup.app.files.join(', ')})`);
  console.log(`popup on demand:   ${popup.onDemand.bytes} B gz (${popup.onDemand.files.join(', ')})`);
  console.log(`service worker:    ${sw.bytes} B gz`);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { popupBundle } from '../../scripts/bundle-size.mjs';
import { DIST } from './harness';

/** The popup opens hundreds of times a day: what it downloads before its first paint is budgeted. */
export const POPUP_FIRST_PAINT_BUDGET = 20 * 1024;
/**
 * And the module that hydrates it (Preact, the controller, the core), loaded after the first
 * frame. 25.5 KB since the verdict is read at a glance (headline, evidence, cause), the list
 * marks who is logged in, Enter saves and Escape cancels: 25,801 B then. 25.75 KB since the list
 * holds eight vendors and a setting may be a choice (Intercom's identity verification): 26,159 B
 * then, 25,953 B before those five vendors.
 */
export const POPUP_APP_BUDGET = 25.75 * 1024;

it(`the popup's first paint (HTML, CSS, first script) stays within ${POPUP_FIRST_PAINT_BUDGET / 1024} KB gzipped, and its app within ${POPUP_APP_BUDGET / 1024} KB`, () => {
  const { firstPaint, app, onDemand } = popupBundle(DIST);
  // The first paint is the prerendered controls: the HTML holds them, no module is needed.
  const html = readFileSync(join(DIST, 'src/popup/index.html'), 'utf8');
  // A real form: "Log in" submits it to the popup itself, with its command, before any script runs.
  expect(html).toMatch(/<form aria-label="Identity" method="get"/);
  expect(html).toMatch(/<button type="submit" name="command" value="login" class="primary">Log in<\/button>/);
  // Nothing blocks the parser or the first paint: the first script is async.
  expect(html).toMatch(/<script async src="\/popup-early.js"/);
  expect(html).not.toMatch(/<script type="module"/);
  expect(firstPaint.files.some((f) => f.endsWith('.css'))).toBe(true);
  expect(firstPaint.files).toContain('popup-early.js');
  expect(firstPaint.bytes).toBeLessThanOrEqual(POPUP_FIRST_PAINT_BUDGET);
  expect(app.files.some((f) => f.endsWith('.js'))).toBe(true);
  expect(app.bytes).toBeLessThanOrEqual(POPUP_APP_BUDGET);
  // Signing (jose) is in neither: it loads on demand, right after.
  expect(onDemand.files.length).toBeGreaterThan(0);
});

import { expect, it } from 'vitest';
import { popupBundle } from '../../scripts/bundle-size.mjs';
import { DIST } from './harness';

/** The popup opens hundreds of times a day: what it downloads before its first paint is budgeted. */
export const POPUP_FIRST_PAINT_BUDGET = 25 * 1024;

it(`the popup's first-paint JS and CSS stay within ${POPUP_FIRST_PAINT_BUDGET / 1024} KB gzipped`, () => {
  const { firstPaint, onDemand } = popupBundle(DIST);
  expect(firstPaint.files.some((f) => f.endsWith('.js'))).toBe(true);
  expect(firstPaint.bytes).toBeGreaterThan(1000);
  expect(firstPaint.bytes).toBeLessThanOrEqual(POPUP_FIRST_PAINT_BUDGET);
  // Signing (jose) is not part of the first paint: it loads right after it.
  expect(onDemand.files.length).toBeGreaterThan(0);
});

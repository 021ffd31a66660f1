import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

/** WCAG 2 contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const css = readFileSync(resolve(import.meta.dirname, '../../src/ui/styles.css'), 'utf8');
const [light = '', dark = ''] = css.split('@media (prefers-color-scheme: dark)');
const colour = (block: string, name: string) => block.match(new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i'))?.[1] ?? 'missing';

for (const [scheme, block] of [['light', light], ['dark', dark]] as const) {
  it(`in ${scheme}, input borders and placeholders stand out at least 3:1 from the page and panels (WCAG 1.4.11)`, () => {
    for (const background of ['bg', 'panel']) {
      expect(contrast(colour(block, 'field-border'), colour(block, background))).toBeGreaterThanOrEqual(3);
      expect(contrast(colour(block, 'placeholder'), colour(block, background))).toBeGreaterThanOrEqual(3);
    }
  });
}

import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Lab, launchLab } from './harness';

/**
 * One base size for every extension page: 14 px on body (Chrome's own stylesheet for extension
 * pages sets body to 75%), headings larger and small print smaller, scaled from it.
 */
let lab: Lab;

beforeAll(async () => {
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

for (const page of ['popup', 'options', 'inspector', 'check'] as const) {
  it(`the ${page} page's body text is 14 px, its heading larger`, async () => {
    const tab = await lab.context.newPage();
    await tab.goto(`chrome-extension://${lab.extensionId}/src/${page}/index.html`);
    await tab.locator('h1').first().waitFor();
    const sizes = await tab.evaluate(() => {
      const px = (el: Element | null) => (el ? Number.parseFloat(getComputedStyle(el).fontSize) : 0);
      return { body: getComputedStyle(document.body).fontSize, text: px(document.querySelector('main p, main label, main li')), h1: px(document.querySelector('h1')) };
    });
    expect(sizes.body).toBe('14px');
    expect(sizes.text).toBeGreaterThanOrEqual(11.9);
    expect(sizes.h1).toBeGreaterThan(14);
    // Nothing on the page is smaller than 12 px (small print included).
    const smallest = await tab.evaluate(() => {
      let min = { px: Number.POSITIVE_INFINITY, what: '' };
      for (const el of document.querySelectorAll('body *')) {
        if (!(el instanceof HTMLElement) || !el.offsetParent || ![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim())) continue;
        const px = Number.parseFloat(getComputedStyle(el).fontSize);
        if (px < min.px) min = { px, what: `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.trim().slice(0, 40)}` };
      }
      return min;
    });
    if (page === 'popup' || page === 'check') expect(smallest.px, smallest.what).toBeGreaterThanOrEqual(12);
    await tab.close();
  });
}

#!/usr/bin/env node
/** Renders the extension's icons (public/icons/*.png) from one SVG with headless Chromium. Run once after changing the SVG. */
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium.mjs';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="#0b63ce"/>
  <path d="M30 36h68a8 8 0 0 1 8 8v36a8 8 0 0 1-8 8H58l-18 16V88H30a8 8 0 0 1-8-8V44a8 8 0 0 1 8-8z" fill="#fff"/>
  <circle cx="50" cy="58" r="9" fill="#0b63ce"/>
  <path d="M36 80c2-9 8-13 14-13s12 4 14 13z" fill="#0b63ce"/>
  <rect x="70" y="52" width="26" height="6" rx="3" fill="#0b63ce"/>
  <rect x="70" y="66" width="18" height="6" rx="3" fill="#0b63ce"/>
</svg>`;

const browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--disable-gpu'] });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`);
  await page.screenshot({ path: `public/icons/icon-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
console.log('Wrote public/icons/icon-{16,32,48,128}.png');

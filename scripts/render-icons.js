#!/usr/bin/env node
'use strict';
// Renders the product icons drawn in assets/*.svg to the PNG sizes the manifest names: for each
// icon NAME, assets/NAME.svg at 32/40/48/64/80 px and the simplified assets/NAME-16.svg at 16/20/24 px, with headless Chromium (playwright-core, Debian's /usr/bin/chromium).
// Usage: node scripts/render-icons.js
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const root = path.join(__dirname, '..');
// NAME → sizes: the add-in icon (also 64 px for HighResolutionIconUrl) and the two command buttons.
// Besides the required 16/32/80, the optional high-DPI ribbon sizes 20/24/40/48/64 (Office picks
// them at 125–200 % display scaling); up to 24 px the simplified NAME-16.svg drawing.
const HIGH_DPI = [20, 24, 40, 48, 64];
const ICONS = { icon: [16, 32, 80, ...HIGH_DPI], check: [16, 32, 80, ...HIGH_DPI], summarize: [16, 32, 80, ...HIGH_DPI] };
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function main() {
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const [name, sizes] of Object.entries(ICONS)) for (const size of sizes) {
      const svgFile = size <= 24 ? `${name}-16.svg` : `${name}.svg`;
      const svg = fs.readFileSync(path.join(root, 'assets', svgFile), 'utf8');
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      await page.waitForFunction(() => document.images[0] && document.images[0].complete);
      const out = path.join(root, 'assets', `${name}-${size}.png`);
      await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      console.log(`wrote ${path.relative(root, out)} (${size}×${size}) from ${svgFile}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});

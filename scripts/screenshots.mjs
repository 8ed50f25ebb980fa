// npm run screenshots: the pictures of the README (docs/screenshots/), taken from the demo pages
// served by Vite, in headless Chromium, offline (the demo's maps use tiles="none"). Each picture is
// one element, once it has loaded; the map also gives its own PNG export (exportPng()), the image
// a slide deck would receive.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer } from 'vite';
import { launch, root } from './check-helpers.mjs';

const shots = [
  { name: 'table', page: '/demo/index.html', selector: 'vitrine-table', ready: 'tbody tr', width: 1000 },
  { name: 'map', page: '/demo/observatoire.html', selector: '#obs-map', ready: '.leaflet-marker-icon', width: 900 },
  { name: 'cards', page: '/demo/cards.html', selector: '#catalogue', ready: '[part~="card"]', width: 1000 },
  { name: 'budget', page: '/demo/budget.html', selector: '#budget-main', ready: 'canvas', width: 900 },
];

const out = resolve(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const server = await createServer({
  root,
  configFile: resolve(root, 'vite.config.ts'),
  server: { port: 0 },
  logLevel: 'error',
});
await server.listen();
const base = server.resolvedUrls.local[0].replace(/\/$/, '');
const browser = await launch();
try {
  for (const shot of shots) {
    const page = await browser.newPage();
    await page.setViewport({ width: shot.width, height: 900, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => console.error(`${shot.name}: page error: ${e.message}`));
    await page.goto(base + shot.page, { waitUntil: 'load' });
    // Loaded: what the element draws is there, and no status or error is left.
    await page.waitForFunction(
      (sel, ready) => {
        const root = document.querySelector(sel)?.shadowRoot;
        return Boolean(root?.querySelector(ready) && !root.querySelector('[part~="status"], [part~="error"]'));
      },
      { timeout: 60000, polling: 200 },
      shot.selector,
      shot.ready,
    );
    await new Promise((r) => setTimeout(r, 1200)); // the map's and the chart's first frames
    const el = await page.$(shot.selector);
    await el.scrollIntoView();
    await el.screenshot({ path: resolve(out, `${shot.name}.png`) });
    console.log(`docs/screenshots/${shot.name}.png`);
    if (shot.name === 'map') {
      const bytes = await page.evaluate(async (sel) => {
        const blob = await document.querySelector(sel).exportPng();
        return [...new Uint8Array(await blob.arrayBuffer())];
      }, shot.selector);
      writeFileSync(resolve(out, 'map-export.png'), Uint8Array.from(bytes));
      console.log('docs/screenshots/map-export.png (exportPng)');
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

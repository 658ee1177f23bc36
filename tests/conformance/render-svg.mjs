#!/usr/bin/env node
// render-svg.mjs: open many SVG files in one headless Debian Chromium session, the
// way a browser shows an SVG on a wiki page, and report per file whether Chromium
// parsed it as an SVG document, which texts it shows, and its drawn size.
//
//   node render-svg.mjs FILE.svg...
//
// Output: one JSON line per file, in argument order:
//   {"file": "...", "ok": true|false, "error": null|"...", "texts": ["...", ...],
//    "width": N, "height": N, "scripts": N}
// `texts` are the textContent of every <text> element, in document order.
// `ok` is false when Chromium shows an XML parse error or the root is not <svg>.
//
// Exit status: 0 when the harness ran, 2 on a setup problem. No network: every
// request that is not file: or about: is aborted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, 'package.json'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function setupError(msg) {
  console.error(`render-svg: ${msg}`);
  process.exit(2);
}

const files = process.argv.slice(2);
if (files.length === 0) setupError('usage: node render-svg.mjs FILE.svg...');
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  setupError(`playwright-core is not installed (run scripts/install-test-deps): ${e.message}`);
}
if (!fs.existsSync(CHROMIUM)) setupError(`${CHROMIUM} not found (run scripts/install-test-deps)`);

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'landscape-svg-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60000,
  });
} catch (e) {
  fs.rmSync(userDataDir, { recursive: true, force: true });
  setupError(`cannot start ${CHROMIUM}: ${e.message}`);
}
await context.route('**/*', (route) => {
  if (/^(file|about):/i.test(route.request().url())) return route.continue();
  return route.abort('blockedbyclient');
});

const page = await context.newPage();
for (const file of files) {
  const out = { file, ok: false, error: null, texts: [], width: 0, height: 0, scripts: 0 };
  try {
    await page.goto(pathToFileURL(path.resolve(file)).href, { timeout: 30000 });
    const r = await page.evaluate(() => {
      const root = document.documentElement;
      const err = document.getElementsByTagName('parsererror')[0];
      const box = root.getBoundingClientRect();
      return {
        root: root.nodeName,
        error: err ? err.textContent : null,
        texts: Array.from(document.getElementsByTagName('text')).map((t) => t.textContent),
        width: box.width,
        height: box.height,
        scripts: document.getElementsByTagName('script').length,
      };
    });
    Object.assign(out, { texts: r.texts, width: r.width, height: r.height, scripts: r.scripts });
    if (r.error) out.error = `parse: ${r.error}`;
    else if (r.root !== 'svg') out.error = `root element is <${r.root}>, not <svg>`;
    else out.ok = true;
  } catch (e) {
    out.error = `load: ${e.message}`;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
try { await context.close(); } catch { /* already gone */ }
fs.rmSync(userDataDir, { recursive: true, force: true });

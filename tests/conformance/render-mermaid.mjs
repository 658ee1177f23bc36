#!/usr/bin/env node
// render-mermaid.mjs: run many Mermaid files through the real `mermaid` library
// in one headless Debian Chromium session and report, per file, whether mermaid
// accepted it and which label texts it shows.
//
//   node render-mermaid.mjs [--mermaid PKG] [--config FILE.json] [--svg-dir DIR]
//                           [--timeout MS] FILE.mmd...
//
//   --mermaid PKG    npm package to load from ./node_modules: `mermaid` (the
//                    default, the current release) or `mermaid11` (the 11.x line)
//   --config FILE    JSON object merged into mermaid.initialize(); the default is
//                    {startOnLoad: false, securityLevel: 'strict'} and nothing else
//   --svg-dir DIR    also write each rendered SVG (XML-serialised) to DIR
//   --timeout MS     per-file limit for parse + render (default 20000)
//
// Output: one JSON line per file, in argument order:
//   {"file": "...", "ok": true|false, "error": null|"...", "texts": ["...", ...]}
// `texts` are the visible label texts of the rendered SVG (node labels, edge
// labels, subgraph titles) in document order; a `<br>` in a label is "\n", and
// empty edge labels (edges without a label) are left out.
//
// Exit status: 0 when the harness ran (even if mermaid rejected some files),
// 2 on a usage or setup problem (no Chromium, no node_modules, bad option).
//
// No network: mermaid is read from node_modules and injected into an
// about:blank page, and every request that is not file:, data:, blob: or
// about: is aborted. No browser is downloaded: Debian's /usr/bin/chromium (or
// $CHROMIUM_PATH) is driven by playwright-core with a fresh profile directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, 'package.json'));

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function setupError(msg) {
  console.error(`render-mermaid: ${msg}`);
  process.exit(2);
}

function usage(msg) {
  if (msg) console.error(`render-mermaid: ${msg}`);
  console.error('usage: node render-mermaid.mjs [--mermaid PKG] [--config FILE.json] ' +
    '[--svg-dir DIR] [--timeout MS] FILE.mmd...');
  process.exit(2);
}

// ---- command line -----------------------------------------------------------
const opt = { pkg: 'mermaid', config: {}, svgDir: null, timeout: 20000 };
const files = [];
{
  const args = process.argv.slice(2);
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      if (i + 1 >= args.length) usage(`${a} needs a value`);
      return args[++i];
    };
    if (rest || !a.startsWith('-')) files.push(a);
    else if (a === '--') rest = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a === '--mermaid') opt.pkg = value();
    else if (a === '--svg-dir') opt.svgDir = value();
    else if (a === '--timeout') opt.timeout = Math.max(100, parseInt(value(), 10) || 0);
    else if (a === '--config') {
      const f = value();
      try {
        opt.config = JSON.parse(fs.readFileSync(f, 'utf8'));
      } catch (e) {
        usage(`cannot read --config ${f}: ${e.message}`);
      }
      if (opt.config === null || typeof opt.config !== 'object' || Array.isArray(opt.config)) {
        usage('--config must hold a JSON object');
      }
    } else usage(`unknown option ${a}`);
  }
}
if (files.length === 0) usage('no input files');
if (!/^[A-Za-z0-9@/._-]+$/.test(opt.pkg)) usage(`bad --mermaid package name ${opt.pkg}`);

// ---- setup ------------------------------------------------------------------
let chromium;
let mermaidJs;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  setupError(`playwright-core is not installed in ${HERE} (run scripts/install-test-deps): ${e.message}`);
}
try {
  const pkgJson = require.resolve(`${opt.pkg}/package.json`);
  mermaidJs = path.join(path.dirname(pkgJson), 'dist', 'mermaid.min.js');
  if (!fs.existsSync(mermaidJs)) throw new Error(`${mermaidJs} missing`);
} catch (e) {
  setupError(`${opt.pkg} is not installed in ${HERE} (run scripts/install-test-deps): ${e.message}`);
}
if (!fs.existsSync(CHROMIUM)) setupError(`${CHROMIUM} not found (run scripts/install-test-deps)`);
if (opt.svgDir) fs.mkdirSync(opt.svgDir, { recursive: true });

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'landscape-mmd-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1600, height: 1200 },
    timeout: 60000,
  });
} catch (e) {
  fs.rmSync(userDataDir, { recursive: true, force: true });
  setupError(`cannot start ${CHROMIUM}: ${e.message}`);
}
await context.route('**/*', (route) => {
  if (/^(file|data|blob|about):/i.test(route.request().url())) return route.continue();
  return route.abort('blockedbyclient');
});

async function closeAll() {
  try { await context.close(); } catch { /* already gone */ }
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

// A fresh page with mermaid loaded and initialised. Also used to recover after
// a file hung the page past --timeout.
async function newPage(old) {
  if (old) await old.close().catch(() => {});
  const page = await context.newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head>' +
    '<body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: mermaidJs });
  await page.evaluate((config) => {
    // eslint-disable-next-line no-undef
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', ...config });
  }, opt.config);
  return page;
}

// Runs inside the page: parse, render, and read the label texts back.
async function renderInPage({ text, id }) {
  const out = { ok: false, error: null, texts: [], svg: null };
  // Text of a label element as shown: HTML labels (inside <foreignObject>) turn
  // <br> into "\n"; SVG <text> labels have one <tspan> row per line.
  const labelText = (el) => {
    const fo = el.querySelector('foreignObject');
    if (fo) {
      let s = '';
      const walk = (n) => {
        if (n.nodeType === Node.TEXT_NODE) s += n.data;
        else if (n.nodeType === Node.ELEMENT_NODE) {
          if (n.localName === 'br') s += '\n';
          else for (const c of n.childNodes) walk(c);
        }
      };
      walk(fo);
      return s;
    }
    const texts = [...el.querySelectorAll('text')];
    if (texts.length) {
      return texts.map((t) => {
        const rows = [...t.children].filter((c) => c.localName === 'tspan');
        if (rows.length > 1) return rows.map((r) => r.textContent).join('\n');
        return t.textContent;
      }).join('\n');
    }
    return el.textContent || '';
  };
  // Past maxTextSize mermaid does not fail: it silently draws a one-node
  // "Maximum text size in diagram exceeded" diagram instead. Report that.
  // eslint-disable-next-line no-undef
  const maxTextSize = mermaid.mermaidAPI.getConfig().maxTextSize ?? 50000;
  if (text.length > maxTextSize) {
    out.error = `render: text is ${text.length} characters, over maxTextSize ${maxTextSize}; ` +
      'mermaid would draw "Maximum text size in diagram exceeded" instead';
    return out;
  }
  try {
    // eslint-disable-next-line no-undef
    await mermaid.parse(text);
  } catch (e) {
    out.error = 'parse: ' + String((e && e.message) || e);
    return out;
  }
  let svg;
  try {
    // eslint-disable-next-line no-undef
    ({ svg } = await mermaid.render(id, text));
  } catch (e) {
    out.error = 'render: ' + String((e && e.message) || e);
    document.getElementById('d' + id)?.remove();
    document.getElementById(id)?.remove();
    return out;
  }
  const host = document.getElementById('out');
  host.innerHTML = svg;
  const root = host.querySelector('svg');
  if (!root) {
    out.error = 'render: no <svg> in the output';
    return out;
  }
  if (root.getAttribute('aria-roledescription') === 'error' || root.querySelector('.error-icon')) {
    out.error = 'render: mermaid drew its error diagram: ' + (root.textContent || '').trim().slice(0, 300);
    return out;
  }
  // Node labels, edge labels and subgraph titles, in document order.
  const labels = root.querySelectorAll('g.node .label, g.edgeLabel, g.cluster-label, .cluster .cluster-label');
  const seen = new Set();
  for (const el of labels) {
    // skip labels nested in a label already taken (selectors may overlap)
    let dup = false;
    for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
      if (seen.has(p)) { dup = true; break; }
    }
    if (dup) continue;
    seen.add(el);
    const isEdge = el.matches('g.edgeLabel');
    const t = labelText(el);
    if (isEdge && t === '') continue;
    out.texts.push(t);
  }
  out.svg = new XMLSerializer().serializeToString(root);
  host.innerHTML = '';
  out.ok = true;
  return out;
}

let page;
try {
  page = await newPage();
} catch (e) {
  await closeAll();
  setupError(`cannot load ${mermaidJs} into Chromium: ${e.message}`);
}

let n = 0;
for (const file of files) {
  n += 1;
  const line = { file, ok: false, error: null, texts: [] };
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    line.error = `cannot read: ${e.message}`;
    console.log(JSON.stringify(line));
    continue;
  }
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timeout: true }), opt.timeout);
  });
  let res;
  try {
    res = await Promise.race([page.evaluate(renderInPage, { text, id: `mmd${n}` }), timeout]);
  } catch (e) {
    res = { ok: false, error: 'harness: ' + String((e && e.message) || e), texts: [] };
  } finally {
    clearTimeout(timer);
  }
  if (res.timeout) {
    res = { ok: false, error: `timeout: parse + render took over ${opt.timeout} ms`, texts: [] };
  }
  if (res.timeout || (res.error && res.error.startsWith('harness:')) || res.error?.startsWith('timeout:')) {
    // the page may be stuck or gone: start over with a fresh one
    try {
      page = await newPage(page);
    } catch (e) {
      await closeAll();
      setupError(`cannot reload mermaid after ${file}: ${e.message}`);
    }
  }
  line.ok = res.ok;
  line.error = res.error;
  line.texts = res.texts;
  if (opt.svgDir && res.svg) {
    fs.writeFileSync(path.join(opt.svgDir, path.basename(file).replace(/\.[^.]*$/, '') + '.svg'), res.svg);
  }
  console.log(JSON.stringify(line));
}

await closeAll();
process.exit(0);

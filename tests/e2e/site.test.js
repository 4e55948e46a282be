// End-to-end browser tests for a site built by qisite.
//
//   bash tests/e2e/run.sh [SITE_DIR]        (the entry point; see README.md)
//
// The site is crawled from its home page in each hosting mode (file:// and
// served under /intranet/qi/). One page of every page type found is then
// checked with axe, screenshotted at 1280 px and driven with the keyboard.
import { describe, test, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';

import { DESKTOP, REFLOW, MODES, SUBPATH, SCREENSHOT_DIR, AXE_TAGS } from './lib/config.js';
import { launchBrowser, newModeContext, openPage } from './lib/browser.js';
import { startServer } from './lib/server.js';
import { fileMode, subpathMode } from './lib/modes.js';
import { crawl, pickPerType } from './lib/crawl.js';
import { REQUIRED_TYPES, safeFileName } from './lib/page-types.js';
import {
  runAxe, formatAxe, freezeAnimations, checkSkipLink, tabWalk,
  checkDisclosuresAndCharts, chartNameProblems,
} from './lib/checks.js';

const SITE = process.env.QISITE_E2E_SITE;
if (!SITE || !fs.existsSync(path.join(SITE, 'index.html'))) {
  throw new Error(`QISITE_E2E_SITE must name a built site with an index.html (got ${JSON.stringify(SITE)}). Run: bash tests/e2e/run.sh [SITE_DIR]`);
}
const T = { timeout: 120_000 };

// A failure that prints as its message alone, without a stack or assert's dump.
class E2EFailure extends Error {
  constructor(message) {
    super(message);
    this.name = 'E2EFailure';
    this.stack = `${this.name}: ${message}\n    at tests/e2e (details above)`;
  }
}

function fail(title, lines = [], max = 40) {
  const shown = lines.slice(0, max);
  const more = lines.length > max ? `\n  … and ${lines.length - max} more` : '';
  throw new E2EFailure(lines.length ? `${title}\n  ${shown.join('\n  ')}${more}` : title);
}

fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
const started = Date.now();
const browser = await launchBrowser();
const server = await startServer(SITE, SUBPATH);

// Crawl every mode first, so that the tests can be named after the page types found.
const runs = [];
for (const name of MODES) {
  const mode = name === 'file' ? fileMode(SITE) : name === 'subpath' ? subpathMode(server) : null;
  if (!mode) throw new Error(`unknown mode ${name} in QISITE_E2E_MODES (use file, subpath)`);
  const crawlCtx = await newModeContext(browser, mode, REFLOW);
  const result = await crawl(crawlCtx, mode);
  await crawlCtx.close();
  const desktopCtx = await newModeContext(browser, mode, DESKTOP);
  runs.push({ mode, result, ctx: desktopCtx, perType: pickPerType(result) });
  process.stderr.write(`# crawled ${result.pages.size} pages in ${mode.label} in ${result.ms} ms\n`);
}

const label = (p) => `${p.rel} (${p.type})`;
const refLine = (r) => `${r.page}: ${r.where}${r.where.includes(`href="${r.raw}"`) ? '' : ` → "${r.raw}"`}`;

// The hosting modes run side by side; the tests within a mode run in order.
describe('qisite e2e', { concurrency: true }, () => {
  after(async () => {
    for (const r of runs) await r.ctx.close().catch(() => {});
    await browser.close();
    await server.close();
    process.stderr.write(`# e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${SCREENSHOT_DIR}\n`);
  });

  for (const { mode, result, ctx, perType } of runs) {
    describe(`${mode.label}`, { concurrency: 1 }, () => {
      const pages = [...result.pages.values()];

      test('crawl from home finished', () => {
        if (result.error) fail(`the crawl stopped with an error:\n${result.error}`);
        if (!result.pages.size) fail(`no page could be loaded from ${mode.homeUrl}`);
      });

      test('every internal link and asset resolves (no 404)', () => {
        const lines = [];
        for (const [target, b] of result.broken) {
          lines.push(`${target}: ${b.reason}`);
          for (const r of b.referrers.slice(0, 5)) lines.push(`    linked from ${refLine(r)}`);
          if (!b.referrers.length) lines.push('    (a start page of the crawl)');
          if (b.referrers.length > 5) lines.push(`    … and ${b.referrers.length - 5} more`);
        }
        for (const p of result.problems) lines.push(`${refLine(p)}: ${p.message}`);
        for (const p of pages) for (const f of p.failed) lines.push(`${p.rel}: request failed: ${f}`);
        if (lines.length) fail(`${result.broken.size} broken target(s), ${result.problems.length} bad reference(s) in ${mode.label}:`, lines, 80);
      });

      test('every #fragment link points at an id on its page', () => {
        const lines = (result.badFragments || []).map((f) => `${refLine(f)}: no id="${f.id}" on ${mode.rel(f.target)}`);
        if (lines.length) fail('fragment links to missing ids:', lines);
      });

      test('no page has duplicate ids', () => {
        const lines = pages.filter((p) => p.duplicateIds.length).map((p) => `${label(p)}: ${p.duplicateIds.join(', ')}`);
        if (lines.length) fail('duplicate ids:', lines);
      });

      test('one page of every required type is reachable from home', () => {
        const missing = REQUIRED_TYPES.filter((t) => !perType.has(t));
        if (missing.length) {
          const found = [...perType.keys()].sort().join(', ');
          fail(`no page of type ${missing.join(', ')} was reached by crawling from home in ${mode.label}.\n  Types found: ${found}\n  (page types are told apart by URL, see lib/page-types.js)`);
        }
      });

      test('every page: no console errors', () => {
        const lines = pages.flatMap((p) => p.console.map((c) => `${label(p)}: ${c}`));
        if (lines.length) fail('console errors:', lines);
      });

      test('every page: no request leaves the machine', () => {
        const lines = pages.flatMap((p) => p.offsite.map((c) => `${label(p)}: ${c}`));
        if (lines.length) fail(`off-site requests (blocked; only ${mode.name === 'file' ? 'file://' : 'same-origin'} requests are allowed):`, lines);
      });

      test(`every page: no horizontal scrolling at ${REFLOW.width} CSS px (reflow)`, () => {
        const lines = [];
        for (const p of pages) {
          const r = p.reflow;
          const scrolls = r.scrollWidth > r.clientWidth;
          if (!scrolls && !(r.rootClip && r.offenders.length)) continue;
          lines.push(scrolls
            ? `${label(p)}: page is ${r.scrollWidth} px wide in a ${r.clientWidth} px viewport`
            : `${label(p)}: content is clipped by overflow-x on html/body instead of reflowing`);
          for (const o of r.offenders) lines.push(`    ${o.where}: spans ${o.left}…${o.right} px (width ${o.width})`);
        }
        if (lines.length) fail('horizontal scrolling at 320 px:', lines);
      });

      test('every page: every chart SVG has an accessible name', (t) => {
        const lines = pages.flatMap((p) => chartNameProblems(p.charts).map((c) => `${label(p)}: ${c}`));
        const n = pages.reduce((a, p) => a + p.charts.length, 0);
        t.diagnostic(`${n} chart(s) on ${pages.filter((p) => p.charts.length).length} page(s)`);
        if (lines.length) fail('chart problems:', lines);
      });

      const types = [...perType.keys()].sort();
      for (const type of types) {
        const p = perType.get(type);
        describe(`${type}: ${p.rel}`, () => {
          // One tab per page type, reloaded between checks that need a fresh page.
          let page;
          let log;
          let state = null; // what the page is fit for without a reload
          const load = async ({ freeze = false } = {}) => {
            state = null;
            if (!page) ({ page, log } = await openPage(ctx, mode));
            log.reset();
            await page.goto(p.url, { waitUntil: 'load' });
            if (freeze) {
              await freezeAnimations(page);
              log.reset(); // keyboard tests report only what the interaction causes
            }
          };
          after(async () => {
            if (page) await page.close();
          });

          test('1280 px: no console errors or off-site requests; screenshot saved', T, async (t) => {
            await load();
            const file = path.join(SCREENSHOT_DIR, `${mode.name}-${safeFileName(type)}.png`);
            await page.screenshot({ path: file, fullPage: true });
            t.diagnostic(`screenshot: ${path.relative(process.cwd(), file)}`);
            const lines = [...log.console, ...log.offsite.map((o) => `off-site request: ${o}`), ...log.failed.map((f) => `failed request: ${f}`)];
            state = 'loaded';
            if (lines.length) fail(`${p.rel} at 1280 px:`, lines);
          });

          test(`axe (${AXE_TAGS.join(', ')}) finds 0 violations`, T, async (t) => {
            if (state !== 'loaded') await load();
            const { violations, incomplete } = await runAxe(page, { preload: mode.name !== 'file' });
            if (incomplete.length) t.diagnostic(`axe needs review (not failed): ${incomplete.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`);
            if (violations.length) {
              fail(`${violations.length} axe violation(s) on ${p.rel} in ${mode.label}:\n${formatAxe(violations)}`);
            }
          });

          test('keyboard: Tab first focuses the skip link, Enter moves to #main', T, async () => {
            await load({ freeze: true });
            const problems = [...(await checkSkipLink(page)), ...log.console];
            if (problems.length) fail(`skip link on ${p.rel}:`, problems);
          });

          test('keyboard: every control is reached by Tab, with a visible focus indicator', T, async (t) => {
            await load({ freeze: true });
            const r = await tabWalk(page);
            t.diagnostic(`${r.candidates} controls, ${r.stops} tab stops`);
            const lines = [...r.problems, ...log.console];
            state = 'walked';
            if (lines.length) fail(`keyboard on ${p.rel}:`, lines);
          });

          test('keyboard: disclosures open with Enter; chart data tables are reachable', T, async (t) => {
            if (state === 'walked') log.reset();
            else await load({ freeze: true });
            const r = await checkDisclosuresAndCharts(page);
            t.diagnostic(`${r.summaries} disclosure(s), ${r.charts} chart(s)`);
            const lines = [...r.problems, ...log.console];
            if (lines.length) fail(`disclosures/charts on ${p.rel}:`, lines);
          });
        });
      }
    });
  }
});

// Programme pages in the browser, from file:// and under a sub-path: every panel of a
// shared measure's small multiple loads (the panels are lazy <img> SVG files) with a
// text alternative and a link to the member's chart, the combined chart is a named
// chart whose data table opens with the keyboard, and the progress updates open with
// the keyboard too. (site.test.js runs axe and the tab walk on a programme page.)
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { DESKTOP, MODES, SUBPATH } from './lib/config.js';
import { launchBrowser, newModeContext, openPage } from './lib/browser.js';
import { startServer } from './lib/server.js';
import { fileMode, subpathMode } from './lib/modes.js';

const SITE = process.env.QISITE_E2E_SITE;
if (!SITE || !fs.existsSync(path.join(SITE, 'index.html'))) {
  throw new Error('QISITE_E2E_SITE must name a built site. Run: bash tests/e2e/run.sh [SITE_DIR]');
}

// Programme pages with a small multiple, as paths relative to the site root.
const programmesDir = path.join(SITE, 'programmes');
const pages = fs.existsSync(programmesDir)
  ? fs.readdirSync(programmesDir).sort()
    .map((slug) => `programmes/${slug}/index.html`)
    .filter((rel) => fs.existsSync(path.join(SITE, rel))
      && fs.readFileSync(path.join(SITE, rel), 'utf8').includes('class="small-multiples"'))
  : [];

const browser = await launchBrowser();
const server = await startServer(SITE, SUBPATH);

describe('programme pages', { concurrency: true }, () => {
  after(async () => {
    await browser.close();
    await server.close();
  });

  test('the site has a programme with a combined chart and small multiples', () => {
    assert.ok(pages.length > 0, 'no programme page with a small multiple in the built site');
  });

  for (const name of MODES) {
    const mode = name === 'file' ? fileMode(SITE) : subpathMode(server);
    test(`${mode.label}: panels load, are described and link to the members' charts`, { timeout: 60_000 }, async () => {
      const ctx = await newModeContext(browser, mode, DESKTOP);
      try {
        for (const rel of pages) {
          const { page, log } = await openPage(ctx, mode);
          await page.goto(mode.rootUrl + rel);
          const panels = page.locator('.small-multiples img');
          const count = await panels.count();
          assert.ok(count >= 2, `${rel}: ${count} panels`);
          for (let i = 0; i < count; i++) {
            const img = panels.nth(i);
            await img.scrollIntoViewIfNeeded();
            await img.evaluate((el) => (el.complete ? null : new Promise((ok) => {
              el.addEventListener('load', ok, { once: true });
              el.addEventListener('error', ok, { once: true });
            })));
            const info = await img.evaluate((el) => ({
              src: el.getAttribute('src'),
              loaded: el.complete && el.naturalWidth > 0,
              alt: el.alt,
              link: el.closest('figure').querySelector('figcaption a')?.getAttribute('href'),
            }));
            assert.ok(info.loaded, `${rel}: panel ${info.src} did not load`);
            assert.ok(info.alt.length > 20, `${rel}: panel ${info.src} has no text alternative`);
            assert.match(info.link || '', /^\.\.\/\.\.\/projects\/[^/]+\/index\.html#measure-/, `${rel}: panel ${info.src} link`);
          }
          // Every panel of one measure has the same size: the axes are common.
          const sizes = await panels.evaluateAll((els) => [...new Set(els.map((e) => `${e.naturalWidth}x${e.naturalHeight}`))]);
          assert.equal(sizes.length, 1, `${rel}: panel sizes ${sizes}`);

          // The combined chart is a named chart with its data table behind a summary.
          const chart = page.locator('.shared-measure svg.chart').first();
          assert.equal(await chart.getAttribute('role'), 'graphics-document');
          const tableId = await chart.getAttribute('aria-details');
          const summary = page.locator(`details:has(#${tableId}) > summary`);
          await summary.focus();
          await page.keyboard.press('Enter');
          assert.ok(await page.locator(`#${tableId}`).isVisible(), `${rel}: Enter did not show the combined data`);

          // A member's progress updates open from the keyboard.
          const updates = page.locator('.progress-table details > summary').first();
          if (await updates.count()) {
            await updates.focus();
            await page.keyboard.press('Enter');
            assert.ok(await page.locator('.progress-table .progress-updates').first().isVisible());
          }
          assert.deepEqual(log.failed, [], `${rel}: failed requests`);
          assert.deepEqual(log.console, [], `${rel}: console errors`);
          await page.close();
        }
      } finally {
        await ctx.close();
      }
    });
  }
});

// Browser tests for the project index's facet filters (static/filter.js), in both
// hosting modes (file:// and served under a sub-path), with the keyboard only:
// tick and untick filters with Space, change selects with the arrow keys, and check
// that the list, the live count and the query string follow; that reloading the
// address (or opening it afresh, as a shared link) restores the view; that sorting
// works; that "Clear" brings everything back; and that the page passes axe.
//
//   bash tests/e2e/run.sh [SITE_DIR]    (runs every *.test.js here)
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { DESKTOP, MODES, SUBPATH } from './lib/config.js';
import { launchBrowser, newModeContext, openPage } from './lib/browser.js';
import { startServer } from './lib/server.js';
import { fileMode, subpathMode } from './lib/modes.js';
import { runAxe, formatAxe } from './lib/checks.js';

const SITE = process.env.QISITE_E2E_SITE;
if (!SITE || !fs.existsSync(path.join(SITE, 'projects', 'index.html'))) {
  throw new Error(`QISITE_E2E_SITE must name a built site with projects/index.html (got ${JSON.stringify(SITE)}). Run: bash tests/e2e/run.sh [SITE_DIR]`);
}
const T = { timeout: 60_000 };

// What the page shows: the live count, the cards in order (visible ones only), the
// query string and the ticked boxes.
async function view(page) {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll('#project-list > li')];
    const visible = cards.filter((li) => !li.hidden && li.offsetParent !== null);
    return {
      count: document.getElementById('project-count').textContent,
      total: cards.length,
      visible: visible.map((li) => ({
        title: li.querySelector('.card-title').textContent.trim(),
        terms: (li.dataset.terms || '').split(' '),
        progress: li.dataset.progress ? parseFloat(li.dataset.progress) : null,
        updated: li.dataset.updated || '',
      })),
      hiddenShown: cards.filter((li) => li.hidden && li.offsetParent !== null).length,
      search: location.search,
      checked: [...document.querySelectorAll('#project-filters input:checked')].map((i) => `${i.name}=${i.value}`),
      selects: Object.fromEntries([...document.querySelectorAll('#project-filters select')].map((s) => [s.name, s.value])),
    };
  });
}

// The cards that should show for `groups` ({name: [values]}): any value within a
// group, every group — worked out here from the cards' data, apart from filter.js.
async function expected(page, groups, min = null, max = null) {
  return page.evaluate(({ groups, min, max }) => [...document.querySelectorAll('#project-list > li')]
    .filter((li) => {
      const terms = (li.dataset.terms || '').split(' ');
      const p = li.dataset.progress ? parseFloat(li.dataset.progress) : null;
      const inRange = (min === null && max === null) || (p !== null && (min === null || p >= min) && (max === null || p <= max));
      return inRange && Object.entries(groups).every(([name, values]) => values.some((v) => terms.includes(`${name}:${v}`)));
    })
    .map((li) => li.querySelector('.card-title').textContent.trim())
    .sort(), { groups, min, max });
}

const titles = (v) => v.visible.map((c) => c.title).sort();

// Moves the keyboard focus to a control and presses keys on it.
async function keys(page, selector, ...pressed) {
  await page.focus(selector);
  for (const k of pressed) await page.keyboard.press(k);
}

const browser = await launchBrowser();
const server = await startServer(SITE, SUBPATH);

describe('project index filters', { concurrency: true }, () => {
  after(async () => {
    await browser.close();
    await server.close();
  });

  for (const name of MODES) {
    const mode = name === 'file' ? fileMode(SITE) : subpathMode(server);
    const url = mode.rootUrl + 'projects/index.html';

    describe(mode.label, { concurrency: 1 }, () => {
      let ctx;
      let page;
      let log;
      before(async () => {
        ctx = await newModeContext(browser, mode, DESKTOP);
        ({ page, log } = await openPage(ctx, mode));
        await page.goto(url, { waitUntil: 'load' });
      });
      after(async () => {
        await ctx.close();
      });

      test('the form appears and the count says every project is shown', T, async () => {
        assert.equal(await page.isVisible('#project-filters'), true, 'the form is shown once the script runs');
        const v = await view(page);
        assert.ok(v.total > 5, `content-example has projects (${v.total})`);
        assert.equal(v.count, `Showing all ${v.total} projects, sorted by title (A to Z).`);
        assert.equal(v.visible.length, v.total);
        assert.equal(v.search, '');
      });

      test('keyboard: Tab moves from the sort order into the first group of filters', T, async () => {
        await page.focus('#filter-sort');
        await page.keyboard.press('Tab');
        const active = await page.evaluate(() => `${document.activeElement.name}=${document.activeElement.value}`);
        assert.equal(active, 'status=proposed');
      });

      test('Space ticks filters: OR within a group, AND across groups; the URL follows', T, async () => {
        await keys(page, '#filter-status-active', 'Space');
        let v = await view(page);
        let want = await expected(page, { status: ['active'] });
        assert.deepEqual(titles(v), want);
        assert.equal(v.count, `Showing ${want.length} of ${v.total} projects, sorted by title (A to Z).`);
        assert.equal(v.search, '?status=active');
        assert.equal(v.hiddenShown, 0, 'hidden cards take no space');

        await keys(page, '#filter-status-completed', 'Space');
        v = await view(page);
        want = await expected(page, { status: ['active', 'completed'] });
        assert.deepEqual(titles(v), want);
        assert.equal(v.search, '?status=active&status=completed');

        await keys(page, '#filter-priority-patient-safety', 'Space');
        v = await view(page);
        want = await expected(page, { status: ['active', 'completed'], priority: ['patient-safety'] });
        assert.ok(want.length > 0 && want.length < v.total, `a real subset (${want.length})`);
        assert.deepEqual(titles(v), want);
        assert.match(v.count, new RegExp(`^Showing ${want.length} of ${v.total} projects`));
        assert.equal(v.search, '?status=active&status=completed&priority=patient-safety');

        // Space again unticks.
        await keys(page, '#filter-status-completed', 'Space');
        v = await view(page);
        want = await expected(page, { status: ['active'], priority: ['patient-safety'] });
        assert.deepEqual(titles(v), want);
        assert.equal(v.search, '?status=active&priority=patient-safety');
      });

      test('the arrow keys set the progress range; sorting by last update orders the cards', T, async () => {
        // "From": Lowest → 0.5 → 1.0 → … → 3.0 (six steps down).
        await keys(page, '#filter-progress-min', ...Array(6).fill('ArrowDown'));
        let v = await view(page);
        assert.equal(v.selects['progress-min'], '3.0');
        const want = await expected(page, { status: ['active'], priority: ['patient-safety'] }, 3.0, null);
        assert.deepEqual(titles(v), want);
        assert.ok(v.visible.every((c) => c.progress >= 3), 'every card scores 3.0 or more');

        await keys(page, '#filter-sort', 'ArrowDown', 'ArrowDown');
        v = await view(page);
        assert.equal(v.selects.sort, 'updated');
        assert.match(v.count, /sorted by last update \(newest first\)\.$/);
        const dates = v.visible.map((c) => c.updated);
        assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
        assert.deepEqual(titles(v), want, 'sorting keeps the filter');
        assert.equal(v.search, '?status=active&priority=patient-safety&progress-min=3.0&sort=updated');
      });

      test('reloading the address restores the view', T, async () => {
        const before = await view(page);
        await page.reload({ waitUntil: 'load' });
        const after = await view(page);
        assert.deepEqual(after, before);
      });

      test('a shared link opened in a new tab shows the same view', T, async () => {
        const shared = await view(page);
        const { page: other, log: otherLog } = await openPage(ctx, mode);
        await other.goto(url + shared.search, { waitUntil: 'load' });
        assert.deepEqual(await view(other), shared);
        // Unknown names and values in a hand-edited link are ignored.
        await other.goto(`${url}?status=nonsense&colour=blue&sort=sideways&tag=falls`, { waitUntil: 'load' });
        const v = await view(other);
        assert.deepEqual(v.checked, ['tag=falls']);
        assert.equal(v.selects.sort, 'title');
        assert.deepEqual(titles(v), await expected(other, { tag: ['falls'] }));
        assert.equal(v.search, '?tag=falls', 'the address is tidied to what is applied');
        assert.deepEqual([...otherLog.console, ...otherLog.offsite], []);
        await other.close();
      });

      test('sorting by progress puts the highest scores first and unscored projects last', T, async () => {
        await keys(page, '#filter-sort', 'ArrowDown');
        const v = await view(page);
        assert.equal(v.selects.sort, 'progress');
        const scores = v.visible.map((c) => c.progress);
        assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
      });

      test('axe finds no violation on the filtered page', T, async () => {
        const { violations } = await runAxe(page, { preload: mode.name !== 'file' });
        assert.equal(violations.length, 0, `axe violations:\n${formatAxe(violations)}`);
      });

      test('Enter on "Clear filters and sort" shows every project again', T, async () => {
        await keys(page, 'button[type="reset"]', 'Enter');
        await page.waitForFunction(() => !location.search);
        const v = await view(page);
        assert.deepEqual(v.checked, []);
        assert.equal(v.visible.length, v.total);
        assert.equal(v.count, `Showing all ${v.total} projects, sorted by title (A to Z).`);
      });

      test('no console errors or off-site requests', () => {
        assert.deepEqual([...log.console, ...log.offsite, ...log.failed], []);
      });
    });
  }
});

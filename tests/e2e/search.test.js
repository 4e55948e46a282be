// Browser tests for search and "Before you start", used with the keyboard, from
// file:// and under a sub-path. Run by run.sh with the rest (see README.md).
//
// - the header search box leads to the search page with ?q=, which runs the query;
// - typing on the search page shows results (type, title, snippet with <mark>), the
//   arrow keys move through them, Escape clears, Enter on a result opens its page;
// - the browser's tokeniser agrees with qisite's (tests/fixtures/tokens.json);
// - on "Before you start", typing a project's own aim ranks that project first;
// - without JavaScript both pages say how to browse instead;
// - nothing leaves the machine and nothing logs an error.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { DESKTOP, MODES, SUBPATH, E2E_DIR } from './lib/config.js';
import { launchBrowser, newModeContext, openPage } from './lib/browser.js';
import { runAxe, formatAxe } from './lib/checks.js';
import { startServer } from './lib/server.js';
import { fileMode, subpathMode } from './lib/modes.js';

const SITE = process.env.QISITE_E2E_SITE;
if (!SITE || !fs.existsSync(path.join(SITE, 'index.html'))) {
  throw new Error(`QISITE_E2E_SITE must name a built site (got ${JSON.stringify(SITE)}). Run: bash tests/e2e/run.sh`);
}
const TOKEN_CASES = JSON.parse(fs.readFileSync(path.join(E2E_DIR, '..', 'fixtures', 'tokens.json'), 'utf8'));
const T = { timeout: 60_000 };

// Every project's aim, read from its built page: [{slug, title, aim}].
function projectAims() {
  const dir = path.join(SITE, 'projects');
  const decode = (s) => s.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const out = [];
  for (const slug of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, slug, 'index.html');
    if (!fs.existsSync(file)) continue;
    const html = fs.readFileSync(file, 'utf8');
    const aim = html.match(/<p class="aim">([^<]+)<\/p>/);
    const title = html.match(/<h1>([^<]+)<\/h1>/);
    if (aim && title) out.push({ slug, title: decode(title[1]), aim: decode(aim[1]) });
  }
  return out;
}
const AIMS = projectAims();

const browser = await launchBrowser();
const server = await startServer(SITE, SUBPATH);

// The visible results: [{kind, title, href, snippet, marks}].
async function results(page) {
  return page.$$eval('.search-results > li', (items) => items.map((li) => ({
    kind: li.querySelector('.search-kind')?.textContent || '',
    title: li.querySelector('.search-title a')?.textContent || '',
    href: li.querySelector('.search-title a')?.href || '',
    snippet: li.querySelector('.search-snippet')?.textContent || '',
    marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
  })));
}

// Waits until the results shown are those of `q`; returns the live region's text.
async function settled(page, q) {
  await page.waitForFunction((q) => document.querySelector('.search-results')?.dataset.query === q, q);
  return page.textContent('.search-status');
}

const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e ? (e.id ? `#${e.id}` : `${e.tagName.toLowerCase()}${e.getAttribute('href') ? `[href="${e.getAttribute('href')}"]` : ''}`) : '';
});

describe('search and Before you start', { concurrency: true }, () => {
  after(async () => {
    await browser.close();
    await server.close();
  });

  for (const name of MODES) {
    const mode = name === 'file' ? fileMode(SITE) : subpathMode(server);
    const url = (rel) => mode.rootUrl + rel;

    describe(mode.label, { concurrency: 1 }, () => {
      let ctx;
      let page;
      let log;
      const problems = () => [...log.console, ...log.offsite.map((o) => `off-site: ${o}`), ...log.failed.map((f) => `failed: ${f}`)];

      after(async () => {
        await ctx?.close();
      });

      test('the header search box leads to the search page with ?q=, which runs it', T, async () => {
        ctx = await newModeContext(browser, mode, DESKTOP);
        ({ page, log } = await openPage(ctx, mode));
        await page.goto(url('projects/index.html'));
        // Tab from the top of the page to the header's search box.
        let at = '';
        for (let i = 0; i < 10 && at !== '#site-search-q'; i++) {
          await page.keyboard.press('Tab');
          at = await focused(page);
        }
        assert.equal(at, '#site-search-q', 'Tab never reached the header search box');
        await page.keyboard.type('falls');
        await Promise.all([page.waitForURL(/search\/index\.html\?q=falls$/), page.keyboard.press('Enter')]);
        assert.equal(await page.inputValue('#search-q'), 'falls');
        const status = await settled(page, 'falls');
        assert.match(status, /^\d+ results? for “falls”/);
        const found = await results(page);
        assert.ok(found.length > 0);
        assert.ok(found.some((r) => r.marks.some((m) => /^fall/i.test(m))), 'no <mark> on a matching word');
        assert.deepEqual(problems(), []);
      });

      test('typing shows results with type, title and a highlighted snippet', T, async () => {
        log.reset();
        await page.goto(url('search/index.html'));
        assert.equal(await page.isHidden('.search-nojs'), true, 'the no-JavaScript note is still shown');
        await page.focus('#search-q');
        await page.keyboard.type('sepsis antibiotics');
        const status = await settled(page, 'sepsis antibiotics');
        const found = await results(page);
        assert.ok(found.length >= 2, status);
        for (const r of found) {
          assert.ok(r.kind && r.title && r.href, JSON.stringify(r));
          assert.ok(r.marks.length > 0, `nothing highlighted in ${JSON.stringify(r)}`);
        }
        assert.ok(found.some((r) => r.kind === 'Project'));
        assert.ok(found.some((r) => r.kind === 'PDSA cycle'), found.map((r) => r.kind).join(', '));
        assert.ok(found.every((r) => mode.inSite(r.href)), 'a result links outside the site');
        // The address keeps the query, so the search can be shared.
        assert.match(page.url(), /\?q=sepsis(\+|%20)antibiotics$/);
        // site.test.js checks the empty page; this checks it with results and <mark>s.
        const { violations } = await runAxe(page, { preload: mode.name !== 'file' });
        assert.equal(violations.length, 0, formatAxe(violations));
        assert.deepEqual(problems(), []);
      });

      test('people, stories and pages are found too; unfinished words match', T, async () => {
        log.reset();
        const cases = [
          ['Ifeoma', 'Person'],
          ['celebration winners', 'Story'],
          ['training', 'Page'],
          ['thrombol', 'Project'],
        ];
        for (const [q, kind] of cases) {
          await page.fill('#search-q', '');
          await page.focus('#search-q');
          await page.keyboard.type(q);
          await settled(page, q);
          const found = await results(page);
          assert.ok(found.some((r) => r.kind === kind), `${q}: no ${kind} in ${found.map((r) => `${r.kind} ${r.title}`).join('; ')}`);
        }
        assert.deepEqual(problems(), []);
      });

      test('arrow keys move through the results, Escape clears, Enter opens a result', T, async () => {
        log.reset();
        await page.fill('#search-q', '');
        await page.focus('#search-q');
        await page.keyboard.type('checklist');
        await settled(page, 'checklist');
        const found = await results(page);
        assert.ok(found.length >= 2, 'need two results to move between');
        const link = (i) => `.search-results > li:nth-child(${i}) .search-title a`;
        await page.keyboard.press('ArrowDown');
        assert.equal(await page.evaluate((s) => document.activeElement === document.querySelector(s), link(1)), true, 'ArrowDown from the box did not reach the first result');
        await page.keyboard.press('ArrowDown');
        assert.equal(await page.evaluate((s) => document.activeElement === document.querySelector(s), link(2)), true);
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('ArrowUp');
        assert.equal(await focused(page), '#search-q', 'ArrowUp from the first result did not return to the box');
        await page.keyboard.press('Escape');
        assert.equal(await page.inputValue('#search-q'), '');
        assert.equal(await page.isHidden('.search-results'), true);
        assert.equal(await page.textContent('.search-status'), 'Search cleared.');

        await page.keyboard.type('checklist');
        await settled(page, 'checklist');
        await page.keyboard.press('ArrowDown');
        const first = (await results(page))[0];
        await Promise.all([page.waitForURL(first.href), page.keyboard.press('Enter')]);
        const h1 = (await page.textContent('h1')).replace(/\s+/g, ' ').trim();
        assert.ok(h1.includes(first.title.replace(/\s+/g, ' ').trim()), `opened "${h1}" for result "${first.title}"`);
        assert.deepEqual(problems(), []);
      });

      test('"Show more results" adds the next twenty and moves focus to the first of them', T, async () => {
        log.reset();
        await page.goto(url('search/index.html?q=patients'));
        const status = await settled(page, 'patients');
        const total = Number(status.match(/^([\d,]+) results/)[1].replace(/,/g, ''));
        assert.ok(total > 20, `content-example should have over 20 results for "patients" (${status})`);
        assert.equal((await results(page)).length, 20);
        await page.focus('.search-more');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.querySelectorAll('.search-results > li').length > 20);
        assert.equal((await results(page)).length, Math.min(total, 40));
        assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('.search-results > li:nth-child(21) .search-title a')), true,
          'focus did not move to the first new result');
        assert.match(await page.textContent('.search-status'), new RegExp(`^Showing ${Math.min(total, 40)} of ${total} results`));
        assert.equal(await page.isVisible('.search-more'), total > 40);
        assert.deepEqual(problems(), []);
      });

      test('the browser tokenises exactly as qisite does', T, async () => {
        log.reset();
        await page.goto(url('search/index.html'));
        // The word lists come with the index's manifest.
        await page.waitForFunction(() => window.qisiteSearch.stopWords.size > 0);
        const got = await page.evaluate((cases) => cases.map((c) => {
          const tokens = window.qisiteSearch.tokens(c.text);
          return { tokens, telling: tokens.filter(window.qisiteSearch.isTelling) };
        }), TOKEN_CASES);
        assert.deepEqual(got, TOKEN_CASES.map((c) => ({ tokens: c.tokens, telling: c.telling })));
      });

      test('Before you start: typing a project\'s aim ranks that project first', T, async () => {
        log.reset();
        assert.ok(AIMS.length >= 3, 'content-example has projects with aims');
        await page.goto(url('before-you-start/index.html'));
        const wrong = [];
        // Every project from file://; a few are enough to show the sub-path works too.
        const aims = mode.name === 'file' ? AIMS : AIMS.slice(0, 3);
        for (const [i, p] of aims.entries()) {
          await page.fill('#aim-q', '');
          await page.focus('#aim-q');
          // The keyboard for the first aim; the rest are pasted to keep this quick.
          if (i === 0) await page.keyboard.type(p.aim);
          else await page.fill('#aim-q', p.aim);
          await page.keyboard.press('Enter');
          await settled(page, p.aim);
          const found = await results(page);
          const at = found.findIndex((r) => r.href.endsWith(`projects/${p.slug}/index.html`));
          if (at === 0) continue;
          // A project adapted from another may share nearly all of its aim (content-example's
          // sepsis-ward-4 and sepsis-amu differ only in the ward and the date). Then it
          // must come second, behind a project whose aim has 80% of its telling words.
          const other = AIMS.find((a) => found[0] && found[0].href.endsWith(`projects/${a.slug}/index.html`));
          const overlap = await page.evaluate(([a, b]) => {
            const telling = (x) => window.qisiteSearch.tokens(x).filter(window.qisiteSearch.isTelling);
            const theirs = new Set(telling(b));
            const mine = telling(a);
            return mine.filter((t) => theirs.has(t)).length / mine.length;
          }, [p.aim, other ? other.aim : '']);
          if (at !== 1 || overlap < 0.8) {
            wrong.push(`${p.slug}: ranked ${at < 0 ? 'nowhere' : at + 1}; first was ${found[0]?.href || 'nothing'} (aims share ${Math.round(overlap * 100)}% of the words)`);
          }
        }
        assert.deepEqual(wrong, []);
        const first = await page.$eval('.search-results > li', (li) => li.textContent);
        assert.match(first, /Matching words:/);
        const { violations } = await runAxe(page, { preload: mode.name !== 'file' });
        assert.equal(violations.length, 0, formatAxe(violations));
        assert.deepEqual(problems(), []);
      });

      test('?q= fills in the aim on Before you start', T, async () => {
        log.reset();
        const p = AIMS[0];
        await page.goto(url(`before-you-start/index.html?q=${encodeURIComponent(p.aim)}`));
        assert.equal(await page.inputValue('#aim-q'), p.aim);
        await settled(page, p.aim);
        assert.ok((await results(page))[0].href.endsWith(`projects/${p.slug}/index.html`));
        assert.deepEqual(problems(), []);
      });

      test('without JavaScript both pages say how to browse instead', T, async () => {
        const noJs = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
        await noJs.route((u) => !mode.allowed(u.href), (route) => route.abort('blockedbyclient'));
        const p = await noJs.newPage();
        try {
          for (const [rel, text] of [['search/index.html', 'Search needs JavaScript'], ['before-you-start/index.html', 'needs JavaScript']]) {
            await p.goto(url(`${rel}?q=falls`));
            const note = await p.textContent('.search-nojs');
            assert.ok(note.includes(text), `${rel}: ${note}`);
            assert.equal(await p.isVisible('.search-nojs'), true);
            assert.ok(await p.$('.search-nojs a[href$="projects/index.html"]'), `${rel}: no link to the projects`);
          }
        } finally {
          await noJs.close();
        }
      });
    });
  }
});

// `qisite serve` in the browser: live reload and the error overlay. A copy of
// content-example is served by target/release/qisite on a free port; with a project
// page (and the home page) open, the test edits the project's index.md and waits for
// the pages to reload by themselves; breaks the file (a progress score off the IHI
// scale) and checks that every open page shows the overlay with the located error
// (path:line:column) and that axe finds no violation with it shown; then fixes the
// file and checks that the overlay goes. The server is killed and the copy removed
// whatever happens.
//
//   bash tests/e2e/run.sh [SITE_DIR]    (runs every *.test.js here; needs `cargo build --release`)
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DESKTOP, E2E_DIR, AXE_TAGS } from './lib/config.js';
import { launchBrowser, newModeContext, openPage } from './lib/browser.js';
import { runAxe, formatAxe } from './lib/checks.js';

const ROOT = path.resolve(E2E_DIR, '..', '..');
const BIN = path.join(ROOT, 'target', 'release', 'qisite');
const EXAMPLE = path.join(ROOT, 'content-example');
const PROJECT = 'ward-7-falls'; // a project page in content-example
const T = { timeout: 20_000 };
const WAIT = 10_000; // for a rebuild and the page's reload (a rebuild takes well under 1 s)

// Starts `qisite serve DIR --port 0` and resolves with its URL once it prints it.
function startServe(dir) {
  const child = spawn(BIN, ['serve', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`qisite serve printed no URL within 15 s:\n${output}`)), 15_000);
    const onData = (chunk) => {
      output += chunk;
      // "serving `DIR` at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
      const m = output.match(/^serving .* at (http:\/\/\S+\/) \(/m);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`qisite serve exited (${signal || code}) before it was ready:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    }),
  };
}

// What an open page shows: its heading and title, the overlay if any, and whether it
// is still the document the test loaded (a reload clears window.__qserveMark).
async function state(page) {
  return page.evaluate(() => {
    const o = document.getElementById('qisite-overlay');
    return {
      h1: document.querySelector('h1')?.textContent.trim(),
      title: document.title,
      href: location.href,
      marked: window.__qserveMark === true,
      overlay: o ? { text: o.textContent, role: o.getAttribute('role') } : null,
      focused: document.activeElement?.id ?? '',
    };
  });
}

const mark = (page) => page.evaluate(() => { window.__qserveMark = true; });

const haveBin = fs.existsSync(BIN);

describe('qisite serve: live reload and the error overlay', { concurrency: 1, skip: haveBin ? false : `${BIN} not found; run cargo build --release` }, () => {
  let tmp;
  let serve;
  let base;
  let browser;
  let ctx;
  let project;
  let home;
  let file;
  let original;
  let progressLine; // 1-based line of `progress:` in the project's index.md
  const originalTitle = () => original.match(/^title: (.*)$/m)[1].trim();
  const newTitle = 'Reducing inpatient falls on Ward 7, edited while served';

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qisite-serve-e2e-'));
    const dir = path.join(tmp, 'portfolio');
    fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => path.relative(EXAMPLE, src) !== 'public' });
    file = path.join(dir, 'projects', PROJECT, 'index.md');
    original = fs.readFileSync(file, 'utf8');
    progressLine = original.split('\n').findIndex((l) => /^progress: /.test(l)) + 1;
    assert.ok(progressLine > 0, `${file} has a progress: line`);

    serve = startServe(dir);
    // Should the run be cut short, the server still goes with it.
    process.once('exit', () => serve.child.kill('SIGKILL'));
    base = await serve.url;
    const origin = new URL(base).origin;
    const mode = {
      name: 'serve',
      allowed: (href) => /^(data|blob|about):/.test(href) || (/^https?:/.test(href) && new URL(href).origin === origin),
      // Chromium may ask for /favicon.ico on its own.
      ignoreFailure: (href) => href === `${origin}/favicon.ico`,
    };
    browser = await launchBrowser();
    ctx = await newModeContext(browser, mode, DESKTOP);
    project = await openPage(ctx, mode);
    home = await openPage(ctx, mode);
    await project.page.goto(`${base}projects/${PROJECT}/`, { waitUntil: 'load' });
    await home.page.goto(base, { waitUntil: 'load' });
  });

  after(async () => {
    // Close the pages before the server goes, so that their waits do not fail noisily.
    await ctx?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await serve?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the project page is served with the live-reload script and no overlay', T, async () => {
    const s = await state(project.page);
    assert.equal(s.h1, originalTitle());
    assert.equal(s.overlay, null);
    const scripts = await project.page.evaluate(() => [...document.scripts].map((x) => x.textContent).join('\n'));
    assert.match(scripts, /__qisite\/wait/, 'the live-reload script is in the page');
  });

  test('editing the title in index.md reloads the open pages by themselves', T, async () => {
    await mark(project.page);
    await mark(home.page);
    const href = project.page.url();
    fs.writeFileSync(file, original.replace(/^title: .*$/m, `title: ${newTitle}`));
    await project.page.locator('h1', { hasText: newTitle }).waitFor({ timeout: WAIT });
    const s = await state(project.page);
    assert.equal(s.marked, false, 'the page was reloaded, not patched');
    assert.equal(s.href, href, 'the page stays at its address');
    assert.equal(s.h1, newTitle);
    assert.match(s.title, new RegExp(`^${newTitle}`));
    // The home page links to the project by its title: it reloads too.
    await home.page.waitForFunction(() => window.__qserveMark !== true, null, { timeout: WAIT });
    await home.page.locator('a', { hasText: newTitle }).first().waitFor({ state: 'attached', timeout: WAIT });
  });

  test('a progress score off the IHI scale shows the overlay with the located error on every open page', T, async () => {
    await mark(project.page);
    await mark(home.page);
    const broken = original.replace(/^title: .*$/m, `title: ${newTitle}`).replace(/^progress: .*$/m, 'progress: 6');
    fs.writeFileSync(file, broken);
    const where = `projects/${PROJECT}/index.md:${progressLine}:${'progress: '.length + 1}`;
    for (const { page } of [project, home]) {
      const overlay = page.locator('#qisite-overlay');
      await overlay.waitFor({ state: 'visible', timeout: WAIT });
      const s = await state(page);
      assert.equal(s.marked, false, 'the page reloaded by itself');
      assert.match(s.overlay.text, /The site did not build: 1 error/);
      assert.ok(s.overlay.text.includes(where), `the overlay names ${where}:\n${s.overlay.text}`);
      assert.match(s.overlay.text, /`progress` must be one of/);
      assert.equal(s.overlay.role, 'alert');
      const name = await page.getByRole('alert').getAttribute('aria-labelledby');
      assert.equal(await page.locator(`#${name}`).textContent(), 'The site did not build: 1 error');
      // An alert already there at load is not always announced: the heading takes the focus.
      assert.equal(s.focused, name, 'the overlay heading has the focus');
    }
    // Under the overlay is the last version that built.
    assert.equal((await state(project.page)).h1, newTitle);
    assert.match(serve.output(), /the site did not build \(1 error\)/);
  });

  test(`axe (${AXE_TAGS.join(', ')}) finds 0 violations with the overlay shown`, T, async (t) => {
    assert.equal(await project.page.isVisible('#qisite-overlay'), true, 'the overlay is shown');
    const { violations, incomplete } = await runAxe(project.page);
    if (incomplete.length) t.diagnostic(`axe needs review (not failed): ${incomplete.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`);
    assert.equal(violations.length, 0, `axe violations on the project page with the overlay:\n${formatAxe(violations)}`);
  });

  test('the Hide button clears the overlay off the page beneath it', T, async () => {
    await home.page.getByRole('button', { name: 'Hide' }).click();
    await home.page.locator('#qisite-overlay').waitFor({ state: 'hidden', timeout: WAIT });
  });

  test('fixing the file clears the overlay on every open page', T, async () => {
    await mark(project.page);
    await mark(home.page);
    fs.writeFileSync(file, original);
    for (const { page } of [project, home]) {
      await page.waitForFunction(() => window.__qserveMark !== true && document.readyState !== 'loading', null, { timeout: WAIT });
      await page.locator('#qisite-overlay').waitFor({ state: 'detached', timeout: WAIT });
    }
    const s = await state(project.page);
    assert.equal(s.overlay, null);
    assert.equal(s.h1, originalTitle());
  });

  test('no console errors, failed or off-site requests along the way', T, () => {
    const lines = [project, home].flatMap(({ log }) => [
      ...log.console,
      ...log.offsite.map((o) => `off-site request: ${o}`),
      ...log.failed.map((f) => `failed request: ${f}`),
    ]);
    assert.deepEqual(lines, []);
  });
});

// Checks that need a page of their own: axe, and keyboard use.
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_TAGS } from './config.js';

// ---------------------------------------------------------------- axe

// Under file:// axe's CSSOM preload (an XHR for each stylesheet) is blocked by
// the browser and only logs errors; over http it lets css-orientation-lock run.
// Legacy mode runs axe.run() in the page instead of finishing in a new blank
// page: half the time, and the site has no cross-origin frames to merge.
export async function runAxe(page, { preload = true } = {}) {
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ preload })
    .setLegacyMode(true)
    .analyze();
  return { violations: results.violations, incomplete: results.incomplete };
}

export function formatAxe(violations, maxNodes = 6) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  ✗ ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})`);
    lines.push(`    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, maxNodes)) {
      lines.push(`    - ${n.target.join(' ')}`);
      lines.push(`      ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      const summary = (n.failureSummary || '').split('\n').map((s) => s.trim()).filter(Boolean);
      for (const s of summary) lines.push(`      ${s}`);
    }
    if (v.nodes.length > maxNodes) lines.push(`    … and ${v.nodes.length - maxNodes} more`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- keyboard

// Disable transitions so that computed styles are final values.
export async function freezeAnimations(page) {
  await page.addStyleTag({
    content: '*,*::before,*::after{transition:none!important;animation:none!important;scroll-behavior:auto!important}',
  });
}

// Does a focused element look different from the same element unfocused?
export function focusIndicator(focused, unfocused) {
  if (!unfocused) return { visible: true, how: 'unknown' };
  const diff = (p) => focused[p] !== unfocused[p];
  if (focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) > 0 &&
      (diff('outlineStyle') || diff('outlineWidth') || diff('outlineColor') || diff('outlineOffset'))) {
    return { visible: true, how: `outline ${focused.outlineWidth} ${focused.outlineStyle} ${focused.outlineColor}` };
  }
  if (focused.boxShadow !== 'none' && diff('boxShadow')) return { visible: true, how: `box-shadow ${focused.boxShadow}` };
  for (const p of ['backgroundColor', 'borderTopColor', 'borderBottomColor', 'borderLeftColor', 'borderTopWidth', 'borderBottomWidth', 'textDecorationLine', 'textDecorationThickness', 'color']) {
    if (diff(p)) return { visible: true, how: `${p} ${unfocused[p]} → ${focused[p]}` };
  }
  return { visible: false, how: `outline ${focused.outlineStyle} ${focused.outlineWidth}, box-shadow ${focused.boxShadow}` };
}

// Press Tab from page load; the first stop must be a visible skip link to
// #main; Enter must move the focus navigation point into <main>.
export async function checkSkipLink(page) {
  const problems = [];
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    return {
      where: window.__qe2e.describe(el),
      href: el.getAttribute('href'),
      text: (el.textContent || '').trim(),
      onScreen: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
      rect: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`,
    };
  });
  if (!first) return ['the first Tab from page load focused nothing'];
  if (first.href !== '#main') {
    problems.push(`the first Tab from page load focused ${first.where}, not a skip link with href="#main"`);
    return problems;
  }
  if (!first.onScreen) problems.push(`the skip link is not visible when focused (box ${first.rect})`);
  if (!first.text) problems.push('the skip link has no text');
  const main = await page.evaluate(() => {
    const m = document.getElementById('main');
    return m ? { tag: m.localName, count: document.querySelectorAll('#main').length } : null;
  });
  if (!main) {
    problems.push('no element has id="main"');
    return problems;
  }
  if (main.tag !== 'main') problems.push(`#main is a <${main.tag}>, not <main>`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(50);
  const after = await page.evaluate(() => ({
    hash: location.hash,
    active: document.activeElement && document.activeElement !== document.body ? window.__qe2e.describe(document.activeElement) : 'body',
    activeInMain: document.getElementById('main').contains(document.activeElement),
    hasFocusableInMain: !!document.getElementById('main').querySelector('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'),
  }));
  if (after.hash !== '#main') problems.push(`Enter on the skip link did not go to #main (location.hash is "${after.hash}")`);
  if (!after.activeInMain && after.hasFocusableInMain) {
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const el = document.activeElement;
      const m = document.getElementById('main');
      return {
        where: el && el !== document.body ? window.__qe2e.describe(el) : 'body',
        inMain: m.contains(el),
      };
    });
    if (!next.inMain) problems.push(`after Enter on the skip link, the next Tab focused ${next.where}, which is outside <main>`);
  }
  return problems;
}

// Tab through the whole page. Every control must be reached, each tab stop
// must show a focus indicator, and must not be off-screen or covered.
export async function tabWalk(page) {
  const cands = await page.evaluate(() => window.__qe2e.markCandidates());
  await page.evaluate(() => window.__qe2e.recordFocus());
  const limit = cands.length * 2 + 20;
  for (let pressed = 0; pressed < limit;) {
    const batch = Math.min(20, limit - pressed);
    for (let i = 0; i < batch; i++) await page.keyboard.press('Tab');
    pressed += batch;
    // Stop once focus has wrapped round, or has left the document at the end.
    const st = await page.evaluate(() => window.__qe2e.focusProgress());
    if (st.cycled || (st.none && st.n > 0)) break;
  }
  const log = await page.evaluate(() => window.__qe2e.takeFocusLog());
  const stops = [];
  for (const s of log) {
    if (s.none) continue;
    if (s.seen) break; // wrapped around
    stops.push(s);
  }
  const unfocused = await page.evaluate(() => window.__qe2e.unfocusedStyles());
  const problems = [];
  const reached = new Set(stops.map((s) => s.cand).filter((c) => c !== null));
  const missing = cands.filter((c) => !reached.has(String(c.j)));
  for (const m of missing) problems.push(`not reachable with Tab: ${m.where}`);
  for (const s of stops) {
    if (!s.inViewport) {
      problems.push(`focused but not on screen: ${s.where} (box ${s.rect.x},${s.rect.y} ${s.rect.w}×${s.rect.h})`);
      continue;
    }
    if (s.obscuredBy) problems.push(`focused but covered by ${s.obscuredBy}: ${s.where}`);
    const fi = focusIndicator(s.style, unfocused[s.stop]);
    if (!fi.visible) problems.push(`no visible focus indicator (${fi.how}, same as unfocused): ${s.where}`);
  }
  return { candidates: cands.length, stops: stops.length, problems, reachedSummaries: stops.filter((s) => s.tag === 'summary') };
}

// Every <details> opens and closes with Enter on its summary; every chart's
// data table can be reached and shown with the keyboard.
export async function checkDisclosuresAndCharts(page) {
  const problems = [];
  const summaries = await page.evaluate(() => {
    const out = [];
    document.querySelectorAll('details > summary').forEach((s, i) => {
      if (s.parentElement.querySelector(':scope > summary') !== s) return;
      if (!window.__qe2e.rendered(s)) return;
      s.setAttribute('data-qe2e-sum', String(i));
      out.push({ i, where: window.__qe2e.describe(s) });
    });
    return out;
  });
  for (const s of summaries.slice(0, 20)) {
    const loc = page.locator(`[data-qe2e-sum="${s.i}"]`);
    await loc.focus();
    const before = await loc.evaluate((el) => el.parentElement.open);
    await page.keyboard.press('Enter');
    const after = await loc.evaluate((el) => el.parentElement.open);
    if (after === before) problems.push(`Enter on ${s.where} did not ${before ? 'close' : 'open'} its <details>`);
    await page.keyboard.press('Enter'); // restore
  }

  const charts = await page.evaluate(() => window.__qe2e.charts());
  for (const c of charts) {
    if (!c.hasTable) {
      problems.push(`chart ${c.where} has no data table (looked in its <figure>, aria-details/aria-describedby, and the next <details>)`);
      continue;
    }
    if (c.tableInDetails && !c.detailsOpen) {
      // Its summary must be a tab stop (checked by the tab walk) and open with Enter.
      const sum = page.locator(`[data-qe2e-summary="${c.index}"]`);
      await sum.focus();
      await page.keyboard.press('Enter');
      const shown = await page.evaluate((i) => {
        const t = document.querySelector(`[data-qe2e-table="${i}"]`);
        return !!t && window.__qe2e.rendered(t);
      }, c.index);
      if (!shown) problems.push(`Enter on ${c.summary} did not show the data table of chart ${c.where}`);
      await page.keyboard.press('Enter');
    } else if (!c.tableRendered) {
      problems.push(`the data table of chart ${c.where} is hidden and not inside a <details> a keyboard user can open`);
    }
  }
  return { problems, charts: charts.length, summaries: summaries.length };
}

// Chart names, for every page in the crawl.
export function chartNameProblems(charts) {
  const out = [];
  for (const c of charts) {
    if (c.hidden) out.push(`chart hidden from assistive technology (aria-hidden="true"): ${c.where}`);
    else if (!c.name) out.push(`chart has no accessible name (add aria-labelledby, aria-label or a first-child <title>): ${c.where}`);
    if (!c.hidden && c.role !== 'img' && c.role !== 'graphics-document') {
      out.push(`chart has no role="img" (its name may not be announced): ${c.where}`);
    }
  }
  return out;
}

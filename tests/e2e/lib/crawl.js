// Crawl a built site from its home page (plus 404.html, which nothing links to),
// following every internal <a href>; check that every internal link and asset
// (<link href>, <img src>, <script src>, …) resolves. Every page is loaded in
// the browser at 320 CSS px, so the per-page checks that are cheap (console
// errors, off-site requests, reflow, chart names) run on every page.
import { classify } from './page-types.js';
import { openPage } from './browser.js';
import { stripHash } from './modes.js';

const SKIP_SCHEMES = /^(mailto|tel|sms|javascript|data|blob|about):/i;
const PAGE_EXT = /(\.html?|\/)$/i;

export async function crawl(context, mode, { maxPages = 2000 } = {}) {
  const result = {
    mode: mode.name,
    pages: new Map(), // url -> page record
    broken: new Map(), // target url -> { reason, referrers: [] }
    problems: [], // other link problems: { page, where, raw, message }
    fragments: [], // { from, where, raw, target, id }
    external: new Set(),
    assets: new Set(),
    error: null,
    ms: 0,
  };
  const t0 = Date.now();
  const { page, log } = await openPage(context, mode);

  const queue = [];
  const queued = new Set();
  const referrers = new Map(); // target -> [{ page, where, raw }]

  const key = (href) => {
    let k = stripHash(href);
    // Under a web server, "dir/" and "dir/index.html" are the same page.
    if (mode.name !== 'file' && k.endsWith('/')) k += 'index.html';
    return k;
  };
  const enqueue = (href, from) => {
    const k = key(href);
    if (!referrers.has(k)) referrers.set(k, []);
    if (from) referrers.get(k).push(from);
    if (!queued.has(k)) {
      queued.add(k);
      queue.push({ url: k, raw: href });
    }
  };
  const markBroken = (target, reason) => {
    if (!result.broken.has(target)) result.broken.set(target, { reason, referrers: referrers.get(target) || [] });
  };

  enqueue(mode.homeUrl, null);
  enqueue(mode.notFoundUrl, null);
  const assetChecks = new Map(); // target -> from[]

  try {
    while (queue.length && result.pages.size < maxPages) {
      const { url, raw } = queue.shift();
      const rel = mode.rel(url);
      // The unnormalised URL decides directory-ness in file mode.
      const check = await mode.exists(mode.name === 'file' ? raw : url);
      if (!check.ok) {
        markBroken(url, check.reason);
        continue;
      }
      log.reset();
      let status = null;
      let navError = null;
      try {
        const res = await page.goto(url, { waitUntil: 'load' });
        status = res ? res.status() : null;
      } catch (e) {
        navError = e.message.split('\n')[0];
      }
      if (navError || (status !== null && status >= 400)) {
        markBroken(url, navError || `HTTP ${status}`);
        continue;
      }
      // Give late console errors from scripts a moment to arrive.
      await page.waitForTimeout(20);

      const info = await page.evaluate(() => ({
        refs: window.__qe2e.refs(),
        ids: window.__qe2e.ids(),
        reflow: window.__qe2e.reflow(),
        charts: window.__qe2e.charts(),
        title: document.title,
        lang: document.documentElement.lang,
      }));
      const record = {
        url,
        rel,
        type: classify(rel),
        title: info.title,
        ids: new Set(info.ids),
        duplicateIds: [...new Set(info.ids.filter((id, i) => info.ids.indexOf(id) !== i))],
        reflow: info.reflow,
        charts: info.charts,
        console: [...log.console],
        offsite: [...log.offsite],
        failed: [...log.failed],
        from: referrers.get(url) || [],
      };
      result.pages.set(url, record);

      for (const ref of info.refs) {
        const from = { page: rel, where: ref.where, raw: ref.raw, kind: ref.kind };
        if (SKIP_SCHEMES.test(ref.raw) || !ref.url) {
          if (/^javascript:/i.test(ref.raw)) result.problems.push({ ...from, message: 'javascript: URL' });
          continue;
        }
        if (!mode.internal(ref.url)) {
          if (ref.kind === 'a') result.external.add(ref.url);
          else result.problems.push({ ...from, message: `off-site ${ref.kind} (${ref.url}): assets must be inside the site` });
          continue;
        }
        if (!mode.inSite(ref.url)) {
          result.problems.push({ ...from, message: `points outside the site (${ref.url})` });
          continue;
        }
        const u = new URL(ref.url);
        if (u.hash.length > 1) {
          let id = u.hash.slice(1);
          try { id = decodeURIComponent(id); } catch { /* keep raw */ }
          result.fragments.push({ ...from, target: key(ref.url), id });
        }
        const isPage = ref.kind === 'a' && PAGE_EXT.test(new URL(key(ref.url)).pathname);
        if (isPage) {
          if (mode.name === 'file') {
            // Check the link as written: "dir/" must fail even though "dir/index.html" exists.
            const c = await mode.exists(ref.url);
            if (!c.ok) {
              const t = stripHash(ref.url);
              if (!referrers.has(t)) referrers.set(t, []);
              referrers.get(t).push(from);
              markBroken(t, c.reason);
              continue;
            }
          }
          enqueue(ref.url, from);
        } else {
          const t = key(ref.url);
          if (!assetChecks.has(t)) assetChecks.set(t, []);
          assetChecks.get(t).push(from);
        }
      }
    }

    for (const [target, froms] of assetChecks) {
      result.assets.add(target);
      if (result.pages.has(target)) continue; // a page linked as an asset
      const c = await mode.exists(target);
      if (!c.ok && !result.broken.has(target)) result.broken.set(target, { reason: c.reason, referrers: froms });
    }
    // A broken target found before all of its referrers were seen: refresh.
    for (const [target, b] of result.broken) {
      const all = [...(referrers.get(target) || []), ...(assetChecks.get(target) || [])];
      if (all.length > b.referrers.length) b.referrers = all;
    }
    // Fragment links must point at an id on the target page.
    result.badFragments = result.fragments.filter((f) => {
      const target = result.pages.get(f.target);
      return target && !target.ids.has(f.id);
    });
  } catch (e) {
    result.error = e.stack || String(e);
  } finally {
    await page.close();
    result.ms = Date.now() - t0;
  }
  return result;
}

// One page per type: the one with the most charts, then the first found.
export function pickPerType(result) {
  const byType = new Map();
  for (const p of result.pages.values()) {
    const cur = byType.get(p.type);
    if (!cur || p.charts.length > cur.charts.length) byType.set(p.type, p);
  }
  return byType;
}

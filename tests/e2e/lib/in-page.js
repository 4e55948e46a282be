// Helpers that run INSIDE the page. installHelpers is serialised with
// Function.prototype.toString and injected as an init script, so it must not
// use anything from this module's scope: everything it needs is inside it or
// passed in `opts`.

export function installHelpers(opts) {
  if (window.__qe2e) return;

  const STYLE_PROPS = [
    'outlineStyle', 'outlineWidth', 'outlineColor', 'outlineOffset', 'boxShadow',
    'backgroundColor', 'color', 'borderTopColor', 'borderBottomColor', 'borderLeftColor',
    'borderTopWidth', 'borderBottomWidth', 'textDecorationLine', 'textDecorationThickness',
  ];

  // A short CSS-like path that names an element in a failure message.
  function cssPath(el) {
    if (!el || el.nodeType !== 1) return String(el);
    const segs = [];
    let node = el;
    while (node && node.nodeType === 1 && segs.length < 5) {
      let seg = node.localName;
      if (node.id) {
        segs.unshift(`${seg}#${CSS.escape(node.id)}`);
        return segs.join(' > ');
      }
      const cls = [...node.classList].filter((c) => !c.startsWith('qe2e')).slice(0, 3);
      if (cls.length) seg += '.' + cls.map((c) => CSS.escape(c)).join('.');
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === node.localName);
        if (same.length > 1) seg += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      segs.unshift(seg);
      if (node.localName === 'body') break;
      node = parent;
    }
    if (node && node.localName !== 'body' && !(node.id)) segs.unshift('…');
    return segs.join(' > ');
  }

  function describe(el) {
    if (!el || el.nodeType !== 1) return String(el);
    let s = cssPath(el);
    const text = (el.innerText || el.textContent || el.getAttribute('aria-label') || '')
      .replace(/\s+/g, ' ').trim();
    if (text) s += ` "${text.length > 50 ? text.slice(0, 50) + '…' : text}"`;
    const href = el.getAttribute('href');
    if (href !== null) s += ` [href="${href}"]`;
    return s;
  }

  function resolve(raw) {
    try {
      return new URL(raw, document.baseURI).href;
    } catch {
      return null;
    }
  }

  // Every reference the page makes to another file.
  function refs() {
    const out = [];
    const add = (el, kind, raw) => {
      if (raw === null || raw === undefined) return;
      raw = raw.trim();
      if (raw === '') return;
      out.push({ kind, raw, url: resolve(raw), where: describe(el) });
    };
    const srcset = (el, kind, value) => {
      if (!value) return;
      for (const cand of value.split(',')) {
        const u = cand.trim().split(/\s+/)[0];
        if (u) add(el, kind, u);
      }
    };
    for (const a of document.querySelectorAll('a[href], area[href]')) add(a, 'a', a.getAttribute('href'));
    for (const l of document.querySelectorAll('link[href]')) {
      const rel = (l.getAttribute('rel') || '').toLowerCase();
      // canonical/alternate may legitimately point at the public URL of the site.
      if (/\b(canonical|alternate)\b/.test(rel) && /^https?:/.test(l.getAttribute('href'))) continue;
      add(l, `link[rel=${rel}]`, l.getAttribute('href'));
    }
    for (const el of document.querySelectorAll('img[src], script[src], iframe[src], source[src], video[src], audio[src], track[src], embed[src]')) {
      add(el, el.localName, el.getAttribute('src'));
    }
    for (const el of document.querySelectorAll('img[srcset], source[srcset]')) srcset(el, el.localName, el.getAttribute('srcset'));
    for (const el of document.querySelectorAll('video[poster]')) add(el, 'video', el.getAttribute('poster'));
    for (const el of document.querySelectorAll('object[data]')) add(el, 'object', el.getAttribute('data'));
    for (const el of document.querySelectorAll('use, image')) {
      const v = el.getAttribute('href') ?? el.getAttribute('xlink:href');
      if (v) add(el, `svg ${el.localName}`, v);
    }
    return out;
  }

  function ids() {
    const out = [];
    for (const el of document.querySelectorAll('[id]')) out.push(el.id);
    for (const el of document.querySelectorAll('a[name]')) out.push(el.getAttribute('name'));
    return out;
  }

  function rendered(el) {
    if (!el.isConnected) return false;
    if (typeof el.checkVisibility === 'function') {
      if (!el.checkVisibility({ checkVisibilityCSS: true, visibilityProperty: true })) return false;
    } else if (!el.getClientRects().length) return false;
    // Content of a closed <details> (other than its summary) is not rendered.
    const closed = el.closest('details:not([open])');
    if (closed) {
      const summary = closed.querySelector(':scope > summary');
      if (!summary || !summary.contains(el)) return false;
    }
    return true;
  }

  // Horizontal overflow at the current viewport width.
  function reflow() {
    const de = document.documentElement;
    const cw = de.clientWidth;
    const sw = de.scrollWidth;
    const clipX = (el) => el && ['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const rootClip = clipX(de) || clipX(document.body);
    const contained = (el) => {
      for (let p = el.parentElement; p && p !== document.body && p !== de; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const over = new Set();
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right + window.scrollX <= cw + 1) continue;
      if (getComputedStyle(el).position === 'fixed') continue;
      if (contained(el)) continue;
      over.add(el);
    }
    const offenders = [...over]
      .filter((el) => !over.has(el.parentElement))
      .slice(0, 8)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { where: describe(el), left: Math.round(r.left + window.scrollX), right: Math.round(r.right + window.scrollX), width: Math.round(r.width) };
      });
    return { clientWidth: cw, scrollWidth: sw, innerWidth: window.innerWidth, rootClip, offenders };
  }

  function textOf(id) {
    const el = document.getElementById(id);
    return el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '';
  }

  // Accessible name of an SVG per accname for role=img/graphics-document.
  function svgName(svg) {
    const hidden = svg.closest('[aria-hidden="true"]');
    if (hidden) return { name: '', hidden: true };
    const lb = svg.getAttribute('aria-labelledby');
    if (lb) {
      const n = lb.split(/\s+/).map(textOf).filter(Boolean).join(' ');
      if (n) return { name: n, via: 'aria-labelledby' };
    }
    const al = (svg.getAttribute('aria-label') || '').trim();
    if (al) return { name: al, via: 'aria-label' };
    const title = svg.querySelector(':scope > title');
    const t = title ? (title.textContent || '').replace(/\s+/g, ' ').trim() : '';
    if (t) return { name: t, via: '<title>' };
    return { name: '' };
  }

  // Find the data table that belongs to a chart.
  function chartTable(svg) {
    const asTable = (el) => (el ? (el.localName === 'table' ? el : el.querySelector('table')) : null);
    const fig = svg.closest('figure');
    let table = fig ? fig.querySelector('table') : null;
    if (!table) {
      for (const attr of ['aria-details', 'aria-describedby', 'aria-controls']) {
        for (const id of (svg.getAttribute(attr) || '').split(/\s+/).filter(Boolean)) {
          table = table || asTable(document.getElementById(id));
        }
      }
    }
    if (!table) {
      // The next sibling of the svg, or of its wrapper.
      for (let n = svg; n && n !== document.body && !table; n = n.parentElement) {
        const next = n.nextElementSibling;
        if (next && (next.localName === 'details' || next.localName === 'table')) table = asTable(next);
        if (n.parentElement && n.parentElement.children.length > 1) break;
      }
    }
    return table;
  }

  function charts() {
    const svgs = [...document.querySelectorAll(opts.chartSelector)].filter((s) => !s.parentElement.closest('svg'));
    return svgs.map((svg, i) => {
      svg.setAttribute('data-qe2e-chart', String(i));
      const { name, via, hidden } = svgName(svg);
      const table = chartTable(svg);
      const details = table ? table.closest('details') : null;
      const summary = details ? details.querySelector(':scope > summary') : null;
      if (table) table.setAttribute('data-qe2e-table', String(i));
      if (summary) summary.setAttribute('data-qe2e-summary', String(i));
      return {
        index: i,
        where: describe(svg),
        role: svg.getAttribute('role'),
        name,
        via: via || null,
        hidden: !!hidden,
        hasTable: !!table,
        tableInDetails: !!details,
        detailsOpen: details ? details.open : null,
        tableRendered: table ? rendered(table) : false,
        summary: summary ? describe(summary) : null,
      };
    });
  }

  // Everything that must be reachable with Tab.
  function markCandidates() {
    const sel = [
      'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea',
      'details > summary', '[tabindex]', '[contenteditable=""]', '[contenteditable="true"]',
      'audio[controls]', 'video[controls]', 'iframe',
    ].join(',');
    const out = [];
    let j = 0;
    for (const el of document.querySelectorAll(sel)) {
      if (el.localName === 'summary' && el.parentElement.querySelector(':scope > summary') !== el) continue;
      if (el.matches(':disabled') || el.closest('[inert]')) continue;
      if (!rendered(el)) continue;
      const ti = el.getAttribute('tabindex');
      const natively = el.matches('a[href], area[href], button, input, select, textarea, summary, iframe, audio, video');
      // tabindex="-1" on a non-control (e.g. <main>) is a programmatic focus target.
      if (ti !== null && parseInt(ti, 10) < 0 && !natively) continue;
      // A deliberately hidden duplicate (aria-hidden + tabindex=-1) is not a control.
      if (ti !== null && parseInt(ti, 10) < 0 && el.closest('[aria-hidden="true"]')) continue;
      el.setAttribute('data-qe2e-cand', String(j));
      out.push({ j, where: describe(el), tag: el.localName });
      j++;
    }
    return out;
  }

  function styleOf(el) {
    const cs = getComputedStyle(el);
    const o = {};
    for (const p of STYLE_PROPS) o[p] = cs[p];
    return o;
  }

  function rectOf(el) {
    let r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) {
      // Inline element wrapping blocks: use its children.
      for (const c of el.children) {
        const cr = c.getBoundingClientRect();
        if (cr.width > 0 && cr.height > 0) { r = cr; break; }
      }
    }
    return r;
  }

  let stopCounter = 0;
  // Describe the focused element and mark it as a tab stop. Geometry is
  // measured separately (see geometry), once the browser has scrolled it into view.
  function focusIdentity() {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { none: true };
    let stop = el.getAttribute('data-qe2e-stop');
    const seen = stop !== null;
    if (!seen) {
      stop = String(stopCounter++);
      el.setAttribute('data-qe2e-stop', stop);
    }
    return {
      stop,
      seen,
      cand: el.getAttribute('data-qe2e-cand'),
      tag: el.localName,
      where: describe(el),
      style: styleOf(el),
    };
  }

  // Is the element on screen, and not covered by something else?
  function geometry(el) {
    const r = rectOf(el);
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const inViewport = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw;
    let obscuredBy = null;
    if (inViewport) {
      const pts = [
        [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
        [r.left + 2, r.top + 2], [r.right - 2, r.top + 2],
        [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2],
      ].filter(([x, y]) => x >= 0 && y >= 0 && x < vw && y < vh);
      const hits = pts.map(([x, y]) => document.elementFromPoint(x, y));
      const ok = hits.some((h) => h && (el.contains(h) || h.contains(el)));
      if (pts.length && !ok) obscuredBy = describe(hits[0]);
    }
    return {
      inViewport,
      rect: { x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) },
      obscuredBy,
    };
  }

  function focusState() {
    const id = focusIdentity();
    return id.none ? id : { ...id, ...geometry(document.activeElement) };
  }

  // Record every focus change, so a tab walk needs no round trip per key.
  // The browser scrolls a focused element into view only after the focusin
  // event, so do the same first (centred if not fully visible, as Chromium
  // does) and then measure, while the element still has its focus styles.
  const focusLog = [];
  let recording = false;
  function recordFocus() {
    if (!recording) {
      recording = true;
      document.addEventListener('focusin', () => {
        const el = document.activeElement;
        if (el && el !== document.body) {
          const r = rectOf(el);
          const vw = document.documentElement.clientWidth;
          if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > vw) {
            el.scrollIntoView({ block: 'center', inline: 'nearest' });
          }
        }
        focusLog.push(focusState());
      }, true);
    }
    return true;
  }
  function focusProgress() {
    const a = document.activeElement;
    return {
      n: focusLog.length,
      cycled: focusLog.some((s) => s.seen),
      none: !a || a === document.body || a === document.documentElement,
    };
  }
  function takeFocusLog() {
    return focusLog.splice(0);
  }

  // Styles of every tab stop once nothing has focus.
  function unfocusedStyles() {
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    const out = {};
    for (const el of document.querySelectorAll('[data-qe2e-stop]')) out[el.getAttribute('data-qe2e-stop')] = styleOf(el);
    return out;
  }

  Object.defineProperty(window, '__qe2e', {
    value: { describe, refs, ids, reflow, charts, markCandidates, focusState, recordFocus, focusProgress, takeFocusLog, unfocusedStyles, rendered },
    enumerable: false,
  });
}

export function initScript(opts) {
  return `(${installHelpers.toString()})(${JSON.stringify(opts)});`;
}

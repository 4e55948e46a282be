// The two ways a portfolio is opened: straight from disk (file://), and served
// under a sub-path of an intranet web server. Each mode knows which URLs belong
// to the site and whether a target exists.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const PASSIVE = /^(data|blob|about):/;

function stripHash(href) {
  const u = new URL(href);
  u.hash = '';
  return u.href;
}

export function fileMode(siteDir) {
  const root = path.resolve(siteDir);
  const rootUrl = pathToFileURL(root + path.sep).href;
  return {
    name: 'file',
    label: 'file://',
    rootUrl,
    homeUrl: rootUrl + 'index.html',
    notFoundUrl: rootUrl + '404.html',
    allowed: (href) => href.startsWith('file:') || PASSIVE.test(href),
    internal: (href) => href.startsWith('file:'),
    inSite: (href) => stripHash(href).startsWith(rootUrl),
    rel: (href) => decodeURIComponent(new URL(stripHash(href)).pathname.slice(new URL(rootUrl).pathname.length)),
    // Under file:// a browser shows a directory listing for a folder, so a link
    // must name a file.
    async exists(href) {
      const u = new URL(href);
      u.hash = '';
      u.search = '';
      if (u.pathname.endsWith('/')) return { ok: false, reason: 'links to a directory: under file:// a browser shows a folder listing; link to …/index.html' };
      let st;
      try {
        st = fs.statSync(fileURLToPath(u));
      } catch {
        return { ok: false, reason: 'file does not exist' };
      }
      if (st.isDirectory()) return { ok: false, reason: 'links to a directory: under file:// a browser shows a folder listing; link to …/index.html' };
      return { ok: true };
    },
  };
}

export function subpathMode(server) {
  return {
    name: 'subpath',
    label: `served under ${server.prefix}`,
    rootUrl: server.base,
    homeUrl: server.base + 'index.html',
    notFoundUrl: server.base + '404.html',
    allowed: (href) => PASSIVE.test(href) || (/^https?:/.test(href) && new URL(href).origin === server.origin),
    internal: (href) => /^https?:/.test(href) && new URL(href).origin === server.origin,
    inSite: (href) => new URL(href).pathname.startsWith(server.prefix),
    rel: (href) => decodeURIComponent(new URL(href).pathname.slice(server.prefix.length)),
    // Chromium may ask for /favicon.ico on its own; that is not the site's request.
    ignoreFailure: (href) => href === server.origin + '/favicon.ico',
    async exists(href) {
      const u = new URL(href);
      u.hash = '';
      const res = await fetch(u, { method: 'HEAD', redirect: 'manual' });
      if (res.status >= 300 && res.status < 400) return { ok: true, note: `redirects to ${res.headers.get('location')}` };
      if (res.status >= 400) return { ok: false, reason: `HTTP ${res.status}` };
      return { ok: true };
    },
  };
}

export { stripHash };

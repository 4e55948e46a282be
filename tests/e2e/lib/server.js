// A small static file server for the sub-path hosting mode: the site is served
// under `prefix` (e.g. /intranet/qi/) on 127.0.0.1 and an ephemeral port, and
// every other path is a 404, so a root-absolute link ("/static/style.css") fails
// just as it would on an intranet that hosts the portfolio in a sub-folder.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

export async function startServer(root, prefix = '/intranet/qi/') {
  root = path.resolve(root);
  const misses = []; // every 404 served, for diagnostics

  const server = http.createServer((req, res) => {
    const send = (status, headers = {}, body = '') => {
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => {
      misses.push(req.url);
      send(404, { 'content-type': 'text/plain; charset=utf-8' }, `404 Not Found: ${req.url}\n`);
    };

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { allow: 'GET, HEAD' });
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400);
    }
    if (pathname.includes('\0')) return notFound();
    if (pathname === prefix.slice(0, -1)) return send(301, { location: prefix });
    if (!pathname.startsWith(prefix)) return notFound();
    const rel = pathname.slice(prefix.length);
    if (rel.split('/').includes('..')) return notFound();

    let file = path.join(root, rel);
    let stat;
    try {
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) return send(301, { location: pathname + '/' });
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
    } catch {
      return notFound();
    }
    if (!stat.isFile()) return notFound();

    res.writeHead(200, {
      'content-type': contentType(file),
      'content-length': stat.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: origin + prefix,
    prefix,
    misses,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

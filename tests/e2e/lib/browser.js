// One Chromium for the whole run; one context per hosting mode. Every request
// that would leave the machine is aborted before it is sent, and recorded.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CHART_SELECTOR, NAV_TIMEOUT } from './config.js';
import { initScript } from './in-page.js';

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found. Install Debian's Chromium: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// mode.allowed(url) says whether a request may be made.
export async function newModeContext(browser, mode, viewport) {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  context.setDefaultNavigationTimeout(NAV_TIMEOUT);
  context.setDefaultTimeout(NAV_TIMEOUT);
  await context.addInitScript({ content: initScript({ chartSelector: CHART_SELECTOR }) });
  // Abort anything off-site so that nothing ever leaves the machine.
  await context.route((url) => !mode.allowed(url.href), (route) => route.abort('blockedbyclient'));
  return context;
}

// Record what goes wrong while a page is open. `log.reset()` between loads.
export function monitor(page, mode) {
  const log = {
    console: [], // console.error and uncaught exceptions
    offsite: [], // requests to another origin
    failed: [], // same-site requests that failed or got an HTTP error
    reset() {
      this.console = [];
      this.offsite = [];
      this.failed = [];
    },
  };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const at = loc && loc.url ? ` (at ${loc.url}${loc.lineNumber ? ':' + loc.lineNumber : ''})` : '';
    log.console.push(`console.error: ${msg.text()}${at}`);
  });
  page.on('pageerror', (err) => log.console.push(`uncaught exception: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!mode.allowed(url)) log.offsite.push(`${req.resourceType()} ${url}`);
  });
  page.on('websocket', (ws) => {
    if (!mode.allowed(ws.url())) log.offsite.push(`websocket ${ws.url()}`);
  });
  page.on('requestfailed', (req) => {
    if (!mode.allowed(req.url())) return; // already in offsite
    // A lazy image still loading when the crawl moves to the next page is cancelled
    // (net::ERR_ABORTED); that is not a broken asset. Missing files fail otherwise
    // (HTTP 404, ERR_FILE_NOT_FOUND), and every reference is also checked on disk.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    log.failed.push(`${req.resourceType()} ${req.url()}: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && mode.allowed(res.url()) && !mode.ignoreFailure?.(res.url())) {
      log.failed.push(`${res.request().resourceType()} ${res.url()}: HTTP ${res.status()}`);
    }
  });
  return log;
}

export async function openPage(context, mode) {
  const page = await context.newPage();
  const log = monitor(page, mode);
  return { page, log };
}

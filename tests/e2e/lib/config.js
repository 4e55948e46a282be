// Settings shared by the whole suite. Change them here, not in the tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOT_DIR = path.join(E2E_DIR, 'screenshots');

// Debian's Chromium; never a downloaded browser.
export const CHROMIUM = process.env.QISITE_E2E_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// WCAG 2.2 AA, as the issue asks.
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Sub-path hosting mode: the site is served here on a loopback server.
export const SUBPATH = '/intranet/qi/';

export const DESKTOP = { width: 1280, height: 800 };
export const REFLOW = { width: 320, height: 640 };

// What counts as a chart. Nested <svg> inside a chart is ignored, and so are the small
// Making Data Count icons (`svg.mdc-icon`): each is a labelled image beside its text,
// not a chart with data.
export const CHART_SELECTOR = 'figure svg:not(.mdc-icon), svg[role="img"]:not(.mdc-icon), svg[role="graphics-document"], svg.chart';

// Which hosting modes to run (comma-separated): file, subpath.
export const MODES = (process.env.QISITE_E2E_MODES || 'file,subpath')
  .split(',').map((s) => s.trim()).filter(Boolean);

export const NAV_TIMEOUT = 15_000;

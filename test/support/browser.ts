import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './procedures.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with no background traffic (the network is closed here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const SCREENS = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
} as const;

/** Saves what a reviewer wants to see under test-results/screens/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(repoRoot, 'test-results', 'screens');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Layout checks a kiosk needs on every screen: no visible control smaller
 * than 44×44 px, and no text spilling out of its box.
 */
/** The little of the DOM the layout check touches (this file compiles without DOM types). */
interface Box {
  width: number;
  height: number;
}
interface El {
  outerHTML: string;
  textContent: string | null;
  children: { length: number };
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): Box;
}
interface Dom {
  document: { querySelectorAll(sel: string): Iterable<El> };
  getComputedStyle(el: El): { overflowX: string };
}

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as Dom;
    const problems: string[] = [];
    for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role="button"]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 44 || r.height < 44) problems.push(`small target ${Math.round(r.width)}×${Math.round(r.height)}: ${el.outerHTML.slice(0, 80)}`);
    }
    for (const el of document.querySelectorAll('body *')) {
      if (getComputedStyle(el).overflowX !== 'visible' || el.children.length > 0 || !el.textContent?.trim()) continue;
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) problems.push(`text overflows: ${el.outerHTML.slice(0, 80)}`);
    }
    return problems;
  });
}

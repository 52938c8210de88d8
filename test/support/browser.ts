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

/** The little of the canvas and text-node API the glyph check touches. */
interface TextNode {
  data: string;
  parentElement: (El & { getClientRects(): { length: number } }) | null;
}
interface GlyphDom {
  document: {
    body: unknown;
    createElement(tag: 'canvas'): { width: number; height: number; getContext(kind: '2d', opts: { willReadFrequently: boolean }): Ctx | null };
    createTreeWalker(root: unknown, show: number): { nextNode(): TextNode | null };
  };
  getComputedStyle(el: El): { fontFamily: string; fontStyle: string; fontWeight: string; visibility: string };
}
interface Ctx {
  font: string;
  textBaseline: string;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
}

/**
 * Characters on screen that no installed font has, so they render as the
 * missing-glyph box (an emoji where no emoji font is installed). Each
 * visible text node's characters are drawn on a canvas in the node's own
 * font and compared with a code point no font covers (U+10FFFD, drawn as
 * that font's .notdef box): the same pixels mean the same empty box.
 */
export async function missingGlyphs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as GlyphDom;
    const W = 96;
    const H = 64;
    const canvas = document.createElement('canvas');
    canvas.width = W;
    canvas.height = H;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return ['glyph check: no 2D canvas'];
    ctx.textBaseline = 'alphabetic';
    const draw = (font: string, text: string): string => {
      ctx.clearRect(0, 0, W, H);
      ctx.font = font;
      ctx.fillText(text, 16, 44);
      const d = ctx.getImageData(0, 0, W, H).data;
      let h1 = 0x811c9dc5;
      let ink = 0;
      for (let i = 3; i < d.length; i += 4) {
        const a = d[i] ?? 0;
        ink += a;
        h1 = Math.imul(h1 ^ a ^ (i << 8), 16777619);
      }
      return `${ink}:${h1 >>> 0}`;
    };
    // Kept on the page between calls: the same screen is checked again in the other orientation.
    const memo = globalThis as unknown as { __glyphMemo?: { notdef: Map<string, string>; drawn: Map<string, boolean> } };
    memo.__glyphMemo ??= { notdef: new Map(), drawn: new Map() };
    const { notdef, drawn } = memo.__glyphMemo;
    const reported = new Set<string>();
    const problems: string[] = [];
    // Whitespace, joiners, variation selectors and the soft hyphen draw nothing of their own.
    const invisible = /[\s\u00ad\u200b-\u200f\u2060\ufe00-\ufe0f\ufeff]/u;
    const walker = document.createTreeWalker(document.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
      let box = notdef.get(font);
      if (box === undefined) {
        box = draw(font, '\u{10FFFD}');
        notdef.set(font, box);
      }
      for (const ch of node.data) {
        const key = `${font}|${ch}`;
        if (invisible.test(ch) || reported.has(key)) continue;
        let missing = drawn.get(key);
        if (missing === undefined) {
          missing = draw(font, ch) === box;
          drawn.set(key, missing);
        }
        if (missing) {
          reported.add(key);
          const cp = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
          problems.push(`missing glyph "${ch}" (U+${cp}) in: ${el.outerHTML.slice(0, 80)}`);
        }
      }
    }
    return problems;
  });
}

export async function layoutProblems(page: Page): Promise<string[]> {
  const glyphs = await missingGlyphs(page);
  return glyphs.concat(await boxProblems(page));
}

async function boxProblems(page: Page): Promise<string[]> {
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

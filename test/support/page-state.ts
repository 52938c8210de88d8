import type { Page } from 'playwright-core';

/**
 * What a test reads from the page without DOM types (the test projects
 * compile for Node): visible text, sessionStorage, <html> classes, focus.
 */
interface PageGlobals {
  document: { body: { innerText: string }; documentElement: { classList: Iterable<string> }; activeElement: unknown };
  sessionStorage: { length: number; key(i: number): string | null };
  getComputedStyle(el: unknown): { fontSize: string; outlineStyle: string };
}
// page.evaluate serialises each function: it may use only what it declares itself, hence the repeated casts.

export function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.innerText);
}

export function sessionStorageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as PageGlobals).sessionStorage;
    return Array.from({ length: s.length }, (_v, i) => s.key(i) ?? '');
  });
}

export function htmlClasses(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(globalThis as unknown as PageGlobals).document.documentElement.classList].sort());
}

export function rootFontSize(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    return w.getComputedStyle(w.document.documentElement).fontSize;
  });
}

/** The outline style of the focused element: 'solid' where the focus ring shows. */
export function focusOutline(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    return w.getComputedStyle(w.document.activeElement).outlineStyle;
  });
}

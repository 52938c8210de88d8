import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, layoutProblems, missingGlyphs } from '../support/browser.js';

/** Every Vietnamese letter with every tone and vowel mark, both cases, precomposed and decomposed. */
const VIETNAMESE =
  'aàáảãạ ăằắẳẵặ âầấẩẫậ đ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ ' +
  'AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ Đ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ ₫ “”–—…';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** A page in the kiosk's own font stack (src-renderer/styles.css). */
async function show(html: string): Promise<void> {
  await page.setContent(`<body style="font-family: 'Noto Sans', 'Segoe UI', system-ui, sans-serif">${html}</body>`);
}

describe('the missing-glyph check of every screenshot', () => {
  it('passes on Vietnamese text with all its diacritics, in regular and bold, precomposed and decomposed', async () => {
    await show(`<p>${VIETNAMESE}</p><p><b>${VIETNAMESE}</b></p><p>${VIETNAMESE.normalize('NFD')}</p><button>Tra cứu hồ sơ</button>`);
    expect(await missingGlyphs(page)).toEqual([]);
  });

  it('reports an emoji that no installed font has, with its code point and where it is', async () => {
    await show(`<p>Xin chào</p><button style="min-width:60px;min-height:60px"><span aria-hidden="true">🔎</span> Tra cứu hồ sơ</button>`);
    const problems = await layoutProblems(page);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('U+1F50E');
    expect(problems[0]).toContain('<span aria-hidden="true">');
  });

  it('ignores text that is not rendered', async () => {
    await show(`<p>Xin chào</p><p style="display:none">🔌</p><p style="visibility:hidden">🔌</p>`);
    expect(await missingGlyphs(page)).toEqual([]);
  });
});

import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedDocumentFonts, type DocumentFonts } from '../../src-main/documents/fonts.js';
import { wrapRuns } from '../../src-main/documents/layout.js';
import { padGlyphRecords } from '../../src-main/documents/ttf-glyph-padding.js';
import { LONG_ADDRESS, renderPage, writeResult } from './documents-fixtures.js';

let fonts: DocumentFonts;

beforeAll(async () => {
  fonts = await embedDocumentFonts(await PDFDocument.create());
});

describe('line wrapping with real font metrics', () => {
  it('never lets a line run past the width, and loses no character', () => {
    for (const width of [60, 120, 204, 467]) {
      for (const size of [7, 11]) {
        const lines = wrapRuns([{ text: 'Địa chỉ: ', font: fonts.regular }, { text: LONG_ADDRESS, font: fonts.bold }], size, width);
        for (const line of lines) expect(line.width).toBeLessThanOrEqual(width + 0.01);
        expect(lines.map((l) => l.segments.map((s) => s.text).join('')).join(' ')).toBe(`Địa chỉ: ${LONG_ADDRESS}`);
      }
    }
  });

  it('cuts a word longer than the line between characters, and keeps explicit line breaks', () => {
    const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const lines = wrapRuns([{ text: `SHA-256:\n${hash}`, font: fonts.regular }], 10, 100);
    expect(lines[0]?.segments.map((s) => s.text).join('')).toBe('SHA-256:');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(1).map((l) => l.segments.map((s) => s.text).join('')).join('')).toBe(hash);
  });

  it('draws decomposed input as precomposed letters (NFC), one glyph each', () => {
    const decomposed = 'Đặng Ỗ Ự'.normalize('NFD');
    const [line] = wrapRuns([{ text: decomposed, font: fonts.regular }], 10, 500);
    expect(line?.segments[0]?.text).toBe('Đặng Ỗ Ự'.normalize('NFC'));
  });
});

describe('shipped font', () => {
  const require = createRequire(import.meta.url);
  const original = new Uint8Array(fs.readFileSync(require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf')));

  it('has every glyph record padded to an even length after loading, with the same glyphs', () => {
    const padded = padGlyphRecords(original);
    const before = fontkit.create(Buffer.from(original));
    const after = fontkit.create(Buffer.from(padded));
    expect(after.numGlyphs).toBe(before.numGlyphs);
    const offsets = (after as unknown as { loca: { offsets: number[] } }).loca.offsets;
    expect(offsets.every((o) => o % 4 === 0)).toBe(true);
    for (const ch of ['A', 'ặ', 'ỗ', 'ự', 'ẫ', 'ỹ', 'Đ', 'ư', 'ơ']) {
      const cp = ch.codePointAt(0) ?? 0;
      expect(after.glyphForCodePoint(cp).path.toSVG()).toBe(before.glyphForCodePoint(cp).path.toSVG());
    }
    // Already padded: returned as it is.
    expect(padGlyphRecords(padded)).toBe(padded);
  });

  it('prints ink for every letter once subset (blank glyphs were the symptom of odd-sized records)', async () => {
    const doc = await PDFDocument.create();
    const f = await embedDocumentFonts(doc);
    const letters = ['Đ', 'ặ', 'ỗ', 'ự', 'ẫ', 'ỹ', 'ư', 'ơ', 'g', 'n', 'H', 'Q'];
    const page = doc.addPage([60 * letters.length, 80]);
    letters.forEach((ch, i) => page.drawText(ch, { x: i * 60 + 15, y: 25, size: 40, font: f.regular }));
    const file = writeResult('font-ink.pdf', await doc.save());
    const r = renderPage(file, 1, 72);
    letters.forEach((ch, i) => {
      let dark = 0;
      for (let y = 0; y < r.height; y++) {
        for (let x = i * 60; x < (i + 1) * 60; x++) if ((r.data[(y * r.width + x) * 4] ?? 255) < 128) dark++;
      }
      expect(dark, `glyph ${ch}`).toBeGreaterThan(40);
    });
  });
});

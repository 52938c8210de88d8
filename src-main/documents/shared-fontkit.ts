import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;

/**
 * Parsing a font is cheap; what costs hundreds of milliseconds is fontkit
 * decoding GSUB/GPOS and cmap on the first layout (npm run bench, row 4). Those
 * decoded tables live in the parsed font and never change, so they are kept
 * for the process, one parsed font per font file.
 *
 * The parsed font cannot simply be shared, though: fontkit caches glyph
 * objects per font (`_glyphs`), and a glyph keeps the code points of the
 * first call that created it. The subsetter creates composite glyphs'
 * components with none ("O" inside "Ố"), so the next document that draws a
 * plain "O" gets a glyph without code points and pdf-lib writes no ToUnicode
 * entry for it: "KIOSK" is copied out as "KI SK". Each document therefore
 * gets a view of the parsed font with its own glyph cache (and, through
 * fontkit's per-instance caches, its own layout engine), whose tables are the
 * parsed font's.
 */
const parsed = new WeakMap<Uint8Array, Font>();

interface GlyphCache {
  _glyphs: Record<number, unknown>;
}

function viewFor(font: Font): Font {
  const view = Object.create(font) as Font & GlyphCache;
  view._glyphs = {};
  return view;
}

/** A fontkit for PDFDocument.registerFontkit that parses each font file once per process. */
export const sharedFontkit: Fontkit = {
  create(bytes: Uint8Array): Font {
    let font = parsed.get(bytes);
    if (!font) parsed.set(bytes, (font = fontkit.create(bytes)));
    return viewFor(font);
  },
};

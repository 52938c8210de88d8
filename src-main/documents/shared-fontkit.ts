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
 * gets a view of the parsed font with its own glyph cache, whose tables are
 * the parsed font's.
 */
const parsed = new WeakMap<Uint8Array, SharedFont>();

type GlyphRun = ReturnType<Font['layout']>;

/** What a layout found for a text: glyph ids with the code points each stands for; glyph objects belong to a document's view. */
interface CachedRun {
  run: GlyphRun;
  glyphs: { id: number; codePoints: number[] }[];
}

interface SharedFont {
  font: Font;
  /** Shapes texts not seen yet, with a glyph cache emptied each time so every glyph carries this text's code points. */
  probe: Font & GlyphCache;
  /** Shaping again per document was the other large share; the same labels recur on every receipt. Bounded, since names and addresses vary. */
  runs: Map<string, CachedRun>;
  /**
   * Advance widths and bearings by glyph id. A document's fresh glyph objects
   * would each decode their outline's bounding box again to learn them (most
   * of measuring a receipt's words); they depend on the glyph alone, not on
   * its code points. Bounded by the font's glyph count.
   */
  metrics: Map<number, GlyphMetrics>;
}

type GlyphMetrics = Record<'advanceWidth' | 'advanceHeight' | 'leftBearing' | 'topBearing', number>;
type Glyph = GlyphRun['glyphs'][number] & { _metrics?: GlyphMetrics };

const MAX_CACHED_RUNS = 2000;

interface GlyphCache {
  _glyphs: Record<number, unknown>;
  getGlyph(id: number, codePoints?: number[]): Glyph;
}

function withSharedMetrics(shared: SharedFont, glyph: Glyph): Glyph {
  if (glyph._metrics) return glyph;
  const known = shared.metrics.get(glyph.id);
  if (known) {
    glyph._metrics = known;
  } else {
    void glyph.advanceWidth; // fontkit fills _metrics on first use
    if (glyph._metrics) shared.metrics.set(glyph.id, glyph._metrics);
  }
  return glyph;
}

function shape(shared: SharedFont, text: string): CachedRun {
  shared.probe._glyphs = {};
  const run = shared.font.layout.call(shared.probe, text);
  const cached = { run, glyphs: run.glyphs.map((g) => ({ id: g.id, codePoints: g.codePoints })) };
  if (shared.runs.size >= MAX_CACHED_RUNS) shared.runs.delete(shared.runs.keys().next().value as string);
  shared.runs.set(text, cached);
  return cached;
}

function withOwnGlyphs(font: Font): Font & GlyphCache {
  const view = Object.create(font) as Font & GlyphCache;
  view._glyphs = {};
  return view;
}

function viewFor(shared: SharedFont): Font {
  const view = withOwnGlyphs(shared.font);
  view.layout = (text, features) => {
    if (features !== undefined) return shared.font.layout.call(view, text, features);
    const cached = shared.runs.get(text) ?? shape(shared, text);
    // A copy of the run whose glyphs are this document's, created with the code points the text gave them.
    const glyphs = cached.glyphs.map((g) => withSharedMetrics(shared, view.getGlyph(g.id, g.codePoints)));
    return Object.assign(Object.create(Object.getPrototypeOf(cached.run) as object) as GlyphRun, cached.run, { glyphs });
  };
  return view;
}

/** A fontkit for PDFDocument.registerFontkit that parses each font file once per process. */
export const sharedFontkit: Fontkit = {
  create(bytes: Uint8Array): Font {
    let shared = parsed.get(bytes);
    if (!shared) {
      const font = fontkit.create(bytes);
      parsed.set(bytes, (shared = { font, probe: withOwnGlyphs(font), runs: new Map(), metrics: new Map() }));
    }
    return viewFor(shared);
  },
};

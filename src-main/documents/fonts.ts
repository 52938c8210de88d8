import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { DocumentError } from './document-errors.js';
import { sharedFontkit } from './shared-fontkit.js';
import { padGlyphRecords } from './ttf-glyph-padding.js';

/**
 * Noto Serif (SIL OFL 1.1, shipped by @expo-google-fonts/noto-serif as full
 * TrueType files): a Times-like serif, as Vietnamese administrative forms are
 * set in (NĐ 30/2020 asks for Times New Roman), with every precomposed
 * Vietnamese letter — pdf-lib does no mark positioning, so text is drawn in
 * NFC and each letter must be one glyph.
 */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
} as const;

export type FontStyle = keyof typeof FONT_FILES;
export type DocumentFonts = Record<FontStyle, PDFFont>;

/**
 * The host is bundled twice: as ESM (browser shell, tests) and as CommonJS
 * (Electron main), where import.meta is empty but __filename is set.
 */
function resolveFont(spec: string): string {
  const from = typeof __filename === 'string' ? __filename : import.meta.url;
  return createRequire(from).resolve(spec);
}

let cached: Promise<Record<FontStyle, Uint8Array>> | null = null;

function loadFontBytes(): Promise<Record<FontStyle, Uint8Array>> {
  cached ??= (async () => {
    const entries = await Promise.all(
      (Object.keys(FONT_FILES) as FontStyle[]).map(async (style) => [style, padGlyphRecords(new Uint8Array(await readFile(resolveFont(FONT_FILES[style]))))] as const),
    );
    return Object.fromEntries(entries) as Record<FontStyle, Uint8Array>;
  })().catch((e: unknown) => {
    cached = null;
    throw new DocumentError('FONT_MISSING', {}, [{ path: 'font', message: e instanceof Error ? e.message : String(e) }]);
  });
  return cached;
}

/** Embeds the four styles, subset: a page of text adds tens of kilobytes, not megabytes. */
export async function embedDocumentFonts(doc: PDFDocument): Promise<DocumentFonts> {
  const bytes = await loadFontBytes();
  doc.registerFontkit(sharedFontkit);
  const [regular, bold, italic, boldItalic] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
    doc.embedFont(bytes.italic, { subset: true }),
    doc.embedFont(bytes.boldItalic, { subset: true }),
  ]);
  return { regular, bold, italic, boldItalic };
}

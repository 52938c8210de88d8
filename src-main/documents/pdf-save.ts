import { deflateSync } from 'node:zlib';
import { PDFContentStream, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';

type FlateStream = PDFDocument['context']['flateStream'];

const FILTER = PDFName.of('Filter');
const FLATE = PDFName.of('FlateDecode');

/**
 * Saves a text document with Node's zlib instead of pdf-lib's pako: after
 * fonts were parsed once per process, pako's JavaScript deflate of the page
 * contents and the four font subsets was the largest share of a receipt's
 * time (npm run bench, row 4). Same format and level (FlateDecode, 6), so the
 * bytes decode as before.
 *
 * Page contents stay open to drawing until now, so they are compressed here,
 * each replaced by a raw stream whose dictionary already says FlateDecode;
 * the font files and ToUnicode maps pdf-lib writes while saving go through
 * this document's `flateStream`. The object streams pdf-lib still deflates
 * itself: a few kilobytes of dictionaries, no measurable share, and leaving
 * them out made the file a sixth larger.
 */
export async function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  const context = doc.context;
  const nativeFlate: FlateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
  context.flateStream = nativeFlate;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (object instanceof PDFContentStream && object.dict.get(FILTER) === FLATE) {
      context.assign(ref, PDFRawStream.of(object.dict, deflateSync(object.getUnencodedContents())));
    }
  }
  return doc.save();
}

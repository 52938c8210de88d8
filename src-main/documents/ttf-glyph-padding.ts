/**
 * fontkit's subsetter (used by pdf-lib's `subset: true`) copies each glyph's
 * bytes as they are and then writes a short-format `loca`, which stores
 * offsets halved — so a font whose glyph records have odd lengths (recent
 * Google Fonts builds, such as the Noto Serif we ship, have a thousand of
 * them) comes out with every later glyph misaddressed and printed blank.
 * Padding every glyph record to four bytes, as the TrueType spec
 * recommends, before embedding makes all offsets even again.
 */

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

function readTables(view: DataView): TableRecord[] {
  const count = view.getUint16(4);
  const tables: TableRecord[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
    tables.push({ tag, offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return tables;
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

const pad4 = (n: number) => (n + 3) & ~3;

/** Returns the font unchanged when every glyph record is already even-sized. */
export function padGlyphRecords(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = readTables(view);
  const find = (tag: string) => {
    const t = tables.find((x) => x.tag === tag);
    if (!t) throw new Error(`TrueType font has no ${tag} table`);
    return t;
  };
  const head = find('head');
  const loca = find('loca');
  const glyf = find('glyf');
  const numGlyphs = view.getUint16(find('maxp').offset + 4);
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const offsetAt = (i: number) => (longLoca ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2);

  let odd = false;
  const glyphs: Uint8Array[] = [];
  for (let i = 0; i < numGlyphs; i++) {
    const start = offsetAt(i);
    const end = offsetAt(i + 1);
    if ((end - start) % 2) odd = true;
    glyphs.push(font.subarray(glyf.offset + start, glyf.offset + end));
  }
  if (!odd) return font;

  const newGlyf = new Uint8Array(glyphs.reduce((n, g) => n + pad4(g.length), 0));
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  let at = 0;
  glyphs.forEach((g, i) => {
    locaView.setUint32(i * 4, at);
    newGlyf.set(g, at);
    at += pad4(g.length);
  });
  locaView.setUint32(numGlyphs * 4, at);

  const newHead = font.slice(head.offset, head.offset + head.length);
  const headView = new DataView(newHead.buffer);
  headView.setInt16(50, 1);
  headView.setUint32(8, 0);

  const body = new Map<string, Uint8Array>(tables.map((t) => [t.tag, font.subarray(t.offset, t.offset + t.length)]));
  body.set('glyf', newGlyf);
  body.set('loca', newLoca);
  body.set('head', newHead);

  const headerSize = 12 + tables.length * 16;
  const total = headerSize + tables.reduce((n, t) => n + pad4((body.get(t.tag) ?? new Uint8Array()).length), 0);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, 12));
  let offset = headerSize;
  let headAt = 0;
  tables.forEach((t, i) => {
    if (t.tag === 'head') headAt = offset;
    const data = body.get(t.tag) ?? new Uint8Array();
    const rec = 12 + i * 16;
    out.set(font.subarray(rec, rec + 4), rec);
    outView.setUint32(rec + 4, checksum(data));
    outView.setUint32(rec + 8, offset);
    outView.setUint32(rec + 12, data.length);
    out.set(data, offset);
    offset += pad4(data.length);
  });
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  outView.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

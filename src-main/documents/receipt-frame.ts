import type { DocumentFonts } from './fonts.js';
import { MM, Sheet, sideBySide, type Margins, type Run, type StackItem, type TextStyle } from './layout.js';
import { upperVi } from './vn-format.js';

/**
 * What the one-stop forms of TT 01/2018/TT-VPCP share — the Mẫu 01 receipt
 * and the slips after it (Mẫu 02, Mẫu 03, the return slip): the paper sizes,
 * the heading with the national motto and the receiving unit, and the row
 * of signatures.
 */

export const THERMAL_WIDTH_PT = 80 * MM;
const A4: [number, number] = [595.28, 841.89];

export type PaperLayout = 'a4' | 'thermal80';

export interface Variant {
  page: [number, number | null];
  margins: Margins;
  body: number;
  small: number;
  header: number;
  title: number;
  qr: number;
  /** Header and signatures in two columns (A4) or stacked (roll). */
  wide: boolean;
  signatureSpace: number;
}

export const VARIANTS: Record<PaperLayout, Variant> = {
  // NĐ 30/2020 margins: left 30 mm, right 15 mm, top and bottom 20 mm.
  a4: {
    page: A4,
    margins: { top: 20 * MM, right: 15 * MM, bottom: 20 * MM, left: 30 * MM },
    body: 11,
    small: 9.5,
    header: 10.5,
    title: 13.5,
    qr: 72,
    wide: true,
    signatureSpace: 52,
  },
  // 80 mm paper prints about 72 mm: 4 mm either side.
  thermal80: {
    page: [THERMAL_WIDTH_PT, null],
    margins: { top: 4 * MM, right: 4 * MM, bottom: 10 * MM, left: 4 * MM },
    body: 8,
    small: 7,
    header: 7.5,
    title: 8.5,
    qr: 34 * MM,
    wide: false,
    signatureSpace: 34,
  },
};

export function newSheet(v: Variant): Sheet {
  return new Sheet(v.page[0], v.page[1], v.margins);
}

export const centered = (size: number, leading = 1.3): TextStyle => ({ size, leading, align: 'center' });

export interface FormHeading {
  /** Governing body printed above the agency, e.g. "UBND tỉnh Quảng Ngãi". */
  parentName: string | null;
  agencyName: string;
  /** "Bộ phận tiếp nhận và trả kết quả". */
  unit: string;
  /** "Quảng Ngãi, ngày … tháng … năm …". */
  placeDate: string;
}

/**
 * The heading of every form: the receiving unit on the left and the motto
 * with the place and date on the right (A4), or all of it stacked (roll,
 * where the place and date come later, under the title).
 */
export function formHeading(sheet: Sheet, f: DocumentFonts, v: Variant, h: FormHeading): void {
  const r = (text: string): Run => ({ text, font: f.regular });
  const b = (text: string): Run => ({ text, font: f.bold });
  const motto: StackItem[] = [
    { runs: [b('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')], style: centered(v.header) },
    { runs: [b('Độc lập - Tự do - Hạnh phúc')], style: centered(v.header + 0.5) },
    { rule: f.bold.widthOfTextAtSize('Độc lập - Tự do - Hạnh phúc', v.header + 0.5), thickness: 0.7 },
  ];
  const unitLines: Run[] = [...(h.parentName ? [r(upperVi(h.parentName))] : []), r(upperVi(h.agencyName)), b(upperVi(h.unit))];
  const unit: StackItem[] = [
    ...unitLines.map((run): StackItem => ({ runs: [run], style: centered(v.header) })),
    { rule: v.wide ? 70 : 50, thickness: 0.7 },
  ];
  if (v.wide) {
    // The unit's half is as wide as its longest line allows without squeezing the motto.
    const mottoW = f.bold.widthOfTextAtSize('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', v.header) + 16;
    const unitW = Math.max(...unitLines.map((run) => run.font.widthOfTextAtSize(run.text, v.header))) + 12;
    const leftW = Math.max(sheet.width * 0.36, Math.min(unitW, sheet.width - mottoW));
    sideBySide(sheet, [
      { x: sheet.left, width: leftW, items: unit },
      { x: sheet.left + leftW, width: sheet.width - leftW, items: [...motto, { gap: 4 }, { runs: [{ text: h.placeDate, font: f.italic }], style: centered(v.header) }] },
    ]);
  } else {
    sideBySide(sheet, [{ x: sheet.left, width: sheet.width, items: [...motto, { gap: 3 }, ...unit] }]);
  }
}

export interface Signer {
  /** "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"… */
  title: string;
  /** Printed under the signature space; null leaves the line to be written by hand. */
  name: string | null;
  /** Instead of a signature space (e.g. "Nộp tại kiosk …"). */
  instead?: string;
}

/** One signature block: title, "(Ký và ghi rõ họ tên)", room to sign, the printed name. */
export function signatureItems(f: DocumentFonts, v: Variant, s: Signer): StackItem[] {
  const size = v.wide ? v.body - 0.5 : v.small;
  const title: StackItem = { runs: [{ text: s.title, font: f.bold }], style: { size, align: 'center' } };
  if (s.instead) return [title, { runs: [{ text: s.instead, font: f.italic }], style: { size: v.small, align: 'center' } }];
  return [
    title,
    { runs: [{ text: '(Ký và ghi rõ họ tên)', font: f.italic }], style: { size: v.small, align: 'center' } },
    { gap: v.signatureSpace },
    ...(s.name ? [{ runs: [{ text: s.name, font: f.bold }], style: { size, align: 'center' as const } }] : []),
  ];
}

/** Signatures side by side (one or two), kept together on the page. */
export function signatureRow(sheet: Sheet, f: DocumentFonts, v: Variant, signers: readonly Signer[]): void {
  const [only] = signers;
  if (signers.length === 1 && only) {
    // A lone signature sits on the right half, as the forms print it.
    const half = sheet.width / 2;
    const x = v.wide ? sheet.left + half : sheet.left;
    sideBySide(sheet, [{ x, width: v.wide ? half : sheet.width, items: signatureItems(f, v, only) }]);
    return;
  }
  const w = sheet.width / signers.length;
  sideBySide(
    sheet,
    signers.map((s, i) => ({ x: sheet.left + i * w + (i > 0 ? 4 : 0), width: w - 4, items: signatureItems(f, v, s) })),
  );
}

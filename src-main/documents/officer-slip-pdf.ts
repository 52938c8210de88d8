import { parseDocumentInput } from './document-errors.js';
import type { DocumentFonts } from './fonts.js';
import { paragraph, sideBySide, type Run, type Sheet, type StackItem, type TextStyle } from './layout.js';
import { qrMatrix } from './qr-code.js';
import type { ReceiptOptions } from './receipt-data.js';
import { renderInCopies, type PdfMeta } from './pdf-copies.js';
import { centered, formHeading, signatureItems, signatureRow, type Signer, type Variant } from './receipt-frame.js';
import {
  RejectionSlipDataSchema,
  ReturnSlipDataSchema,
  SupplementSlipDataSchema,
  type RejectionSlipDataInput,
  type ReturnSlipDataInput,
  type SupplementSlipDataInput,
} from './officer-slip-data.js';
import { formatPlaceDate, formatVnd, formatVnDateTime } from './vn-format.js';

/**
 * The counter officer's slips on A4 or the 80 mm roll, in the frame of the
 * Mẫu 01 receipt: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" (after Mẫu 02),
 * "Phiếu từ chối tiếp nhận, giải quyết hồ sơ" (after Mẫu 03) and the
 * "Phiếu trả kết quả giải quyết hồ sơ".
 */

export const SUPPLEMENT_SLIP_TITLE = 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';
export const REJECTION_SLIP_TITLE = 'PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ';
export const RETURN_SLIP_TITLE = 'PHIẾU TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ';

/** The pieces every slip writes with. */
interface Pen {
  sheet: Sheet;
  f: DocumentFonts;
  v: Variant;
  body: TextStyle;
  para(runs: Run[], style?: TextStyle): void;
  gap(h: number): void;
  r(text: string): Run;
  b(text: string): Run;
  i(text: string): Run;
}

function pen(sheet: Sheet, f: DocumentFonts, v: Variant): Pen {
  const body: TextStyle = { size: v.body, leading: 1.35 };
  return {
    sheet,
    f,
    v,
    body,
    para: (runs, style = body) => paragraph(sheet, runs, style),
    gap: (h) => sheet.advance(h),
    r: (text) => ({ text, font: f.regular }),
    b: (text) => ({ text, font: f.bold }),
    i: (text) => ({ text, font: f.italic }),
  };
}

interface SlipFrame {
  title: string;
  code: string;
  agency: { name: string; parentName: string | null };
  receivingUnit: string;
  place: string;
  at: string;
}

/** Copy label, heading, title and the application's number, as on the receipt. */
function frame(p: Pen, s: SlipFrame, copyLabel: string | null): void {
  const { v } = p;
  if (copyLabel) p.para([p.i(copyLabel)], { size: v.small, leading: 1.3, align: 'right' });
  const placeDate = formatPlaceDate(s.place, s.at);
  formHeading(p.sheet, p.f, v, { parentName: s.agency.parentName, agencyName: s.agency.name, unit: s.receivingUnit, placeDate });
  p.gap(v.body * (v.wide ? 1.6 : 0.8));
  p.para([p.b(s.title)], centered(v.title, 1.35));
  p.gap(2);
  p.para([p.r('Mã hồ sơ: '), p.b(s.code)], centered(v.body + 0.5));
  if (!v.wide) p.para([p.i(placeDate)], centered(v.small));
  p.gap(v.body * 0.9);
}

function applicantLines(p: Pen, a: { fullName: string; address: string | null; phone: string | null }, lead: string): void {
  p.para([p.r(lead), p.b(a.fullName)]);
  if (a.address) p.para([p.r('Địa chỉ: '), p.r(a.address)]);
  if (a.phone) p.para([p.r('Số điện thoại: '), p.r(a.phone)]);
}

async function render(
  opts: ReceiptOptions,
  meta: PdfMeta,
  draw: (p: Pen, copyLabel: string | null) => void,
): Promise<Uint8Array> {
  return renderInCopies(opts, meta, (sheet, fonts, v, label) => draw(pen(sheet, fonts, v), label));
}

/** "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" (Mẫu 02): what is missing or wrong, and how to send it. */
export async function renderSupplementSlipPdf(data: SupplementSlipDataInput, opts: ReceiptOptions): Promise<Uint8Array> {
  const d = parseDocumentInput(SupplementSlipDataSchema, data);
  return render(opts, { title: `Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ ${d.code}`, subject: d.procedureName, author: d.agency.name, at: d.requestedAt }, (p, label) => {
    const { v } = p;
    frame(p, { title: SUPPLEMENT_SLIP_TITLE, code: d.code, agency: d.agency, receivingUnit: d.receivingUnit, place: d.place, at: d.requestedAt }, label);
    applicantLines(p, d.applicant, 'Hồ sơ của: ');
    p.para([p.r('Nội dung yêu cầu giải quyết: '), p.b(d.procedureName)]);
    p.gap(2);
    p.para([p.b('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:')]);
    d.components.forEach((c, n) => {
      p.para([p.b(`${n + 1}. `), p.r(c.name), ...(c.reason ? [p.i(` — ${c.reason}`)] : [])]);
    });
    p.gap(2);
    p.para([p.b('Lý do: '), p.r(d.note)]);
    p.gap(2);
    p.para([
      p.r('Ông/bà bổ sung hồ sơ tại kiosk một cửa (mở "Tra cứu hồ sơ", chọn "Bổ sung hồ sơ"), trên Cổng dịch vụ công hoặc tại '),
      p.r(`${d.receivingUnit} — ${d.agency.name}`),
      p.r('. Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ cán bộ hướng dẫn để được hướng dẫn./.'),
    ]);
    p.gap(v.body * 0.8);
    const guide: Signer = { title: 'NGƯỜI HƯỚNG DẪN', name: d.requestedBy.name };
    if (!d.lookupUrl) {
      signatureRow(p.sheet, p.f, v, [guide]);
      return;
    }
    // The QR opens the lookup of this application, where "Bổ sung hồ sơ" starts.
    const qr: StackItem[] = [
      { qr: qrMatrix(d.lookupUrl), size: v.qr },
      { gap: 2 },
      { runs: [p.b('Quét mã để bổ sung hồ sơ')], style: { size: v.small, align: 'center' } },
    ];
    const { sheet } = p;
    if (v.wide) {
      const half = sheet.width / 2;
      sideBySide(sheet, [
        { x: sheet.left, width: half, items: qr },
        { x: sheet.left + half, width: half, items: signatureItems(p.f, v, guide) },
      ]);
    } else {
      sideBySide(sheet, [{ x: sheet.left, width: sheet.width, items: qr }]);
      p.gap(v.body);
      signatureRow(sheet, p.f, v, [guide]);
    }
  });
}

/** "Phiếu từ chối tiếp nhận, giải quyết hồ sơ" (Mẫu 03): the reason the application is not received. */
export async function renderRejectionSlipPdf(data: RejectionSlipDataInput, opts: ReceiptOptions): Promise<Uint8Array> {
  const d = parseDocumentInput(RejectionSlipDataSchema, data);
  return render(opts, { title: `Phiếu từ chối tiếp nhận, giải quyết hồ sơ ${d.code}`, subject: d.procedureName, author: d.agency.name, at: d.rejectedAt }, (p, label) => {
    const { v } = p;
    frame(p, { title: REJECTION_SLIP_TITLE, code: d.code, agency: d.agency, receivingUnit: d.receivingUnit, place: d.place, at: d.rejectedAt }, label);
    p.para([p.r(`${d.receivingUnit}: `), p.b(d.agency.name)]);
    applicantLines(p, d.applicant, 'Tiếp nhận hồ sơ của: ');
    p.para([p.r('Nội dung yêu cầu giải quyết: '), p.b(d.procedureName)]);
    p.gap(2);
    p.para([p.r(`Qua xem xét, ${d.receivingUnit.toLocaleLowerCase('vi-VN')} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`)]);
    p.para([p.b(d.reason)]);
    p.gap(2);
    p.para([p.r('Xin thông báo để ông/bà được biết và thực hiện./.')]);
    p.gap(v.body * 0.8);
    signatureRow(p.sheet, p.f, v, [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: d.rejectedBy.name }]);
  });
}

/** "Phiếu trả kết quả giải quyết hồ sơ": who took the result, when, and the fees collected. */
export async function renderReturnSlipPdf(data: ReturnSlipDataInput, opts: ReceiptOptions): Promise<Uint8Array> {
  const d = parseDocumentInput(ReturnSlipDataSchema, data);
  return render(opts, { title: `Phiếu trả kết quả giải quyết hồ sơ ${d.code}`, subject: d.procedureName, author: d.agency.name, at: d.returnedAt }, (p, label) => {
    const { v } = p;
    frame(p, { title: RETURN_SLIP_TITLE, code: d.code, agency: d.agency, receivingUnit: d.receivingUnit, place: d.place, at: d.returnedAt }, label);
    applicantLines(p, d.applicant, 'Hồ sơ của: ');
    p.para([p.r('Nội dung yêu cầu giải quyết: '), p.b(d.procedureName)]);
    if (d.receivedAt) p.para([p.r('Ngày tiếp nhận: '), p.r(formatVnDateTime(d.receivedAt))]);
    if (d.appointmentAt) p.para([p.r('Ngày hẹn trả kết quả: '), p.r(formatVnDateTime(d.appointmentAt))]);
    p.para([p.r('Thời gian trả kết quả: '), p.b(formatVnDateTime(d.returnedAt))]);
    p.gap(2);
    p.para([
      p.r('Người nhận kết quả: '),
      p.b(d.recipient.fullName),
      p.r(d.recipient.kind === 'applicant' ? ' (người nộp hồ sơ)' : ' (người được ủy quyền)'),
    ]);
    if (d.recipient.note) p.para([p.r('Giấy ủy quyền / quan hệ: '), p.r(d.recipient.note)]);
    p.gap(2);
    p.para([p.b('Phí, lệ phí: '), p.b(d.fees.total === 0 ? 'Không thu' : formatVnd(d.fees.total))]);
    for (const item of d.fees.items) p.para([p.r(`- ${item.name}: ${formatVnd(item.amount)}`)], { size: v.wide ? v.body : v.small + 0.5, leading: 1.35 });
    p.para([p.r('Đã thu tại quầy khi trả kết quả: '), p.b(d.feesCollected === 0 ? 'Không' : formatVnd(d.feesCollected))]);
    p.gap(v.body * 0.8);
    signatureRow(p.sheet, p.f, v, [
      { title: 'NGƯỜI NHẬN KẾT QUẢ', name: d.recipient.fullName },
      { title: 'NGƯỜI TRẢ KẾT QUẢ', name: d.returnedBy.name },
    ]);
  });
}

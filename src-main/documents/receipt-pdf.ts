import type { PaymentStatus } from '../../src-shared/portal-applications-api.js';
import { parseDocumentInput } from './document-errors.js';
import type { DocumentFonts } from './fonts.js';
import { type Sheet, paragraph, sideBySide, table, type Column, type Run, type StackItem, type TextStyle, measure, drawLines } from './layout.js';
import { centered, formHeading, signatureItems, type Variant } from './receipt-frame.js';
import { qrMatrix } from './qr-code.js';
import { renderInCopies } from './pdf-copies.js';
import { ReceiptDataSchema, type ReceiptData, type ReceiptDataInput, type ReceiptOptions } from './receipt-data.js';
import { vietQrMatrix } from './vietqr-image.js';
import { formatPlaceDate, formatVnd, formatVnDateTime } from './vn-format.js';

/**
 * "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" after Mẫu số 01 (Thông tư
 * 01/2018/TT-VPCP), on A4 or on an 80 mm thermal roll.
 */

export { THERMAL_WIDTH_PT } from './receipt-frame.js';

export const PROVISIONAL_NOTICE =
  'GIẤY BIÊN NHẬN TẠM — hồ sơ chưa được gửi tới Cổng dịch vụ công; mã hồ sơ chính thức sẽ được cấp khi kiosk có kết nối.';

export { COPY_LABELS } from './pdf-copies.js';

const PAYMENT_STATUS_TEXT: Record<PaymentStatus, string> = {
  mien: 'Miễn phí',
  chua_thanh_toan: 'Chưa thanh toán',
  da_thanh_toan: 'Đã thanh toán (chuyển khoản)',
  thu_tai_quay: 'Nộp tại quầy',
};

export async function renderReceiptPdf(data: ReceiptDataInput, opts: ReceiptOptions): Promise<Uint8Array> {
  const receipt = parseDocumentInput(ReceiptDataSchema, data);
  const reference = receipt.provisional ? `tạm ${receipt.provisionalNumber ?? ''}` : (receipt.code ?? '');
  const meta = { title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${reference}`.trim(), subject: receipt.procedure.name, author: receipt.agency.name, at: receipt.receivedAt };
  return renderInCopies(opts, meta, (sheet, fonts, variant, label) => layoutReceipt(sheet, fonts, receipt, variant, label));
}

function layoutReceipt(sheet: Sheet, f: DocumentFonts, d: ReceiptData, v: Variant, copyLabel: string | null): void {
  const body: TextStyle = { size: v.body, leading: 1.35 };
  const small: TextStyle = { size: v.small, leading: 1.3 };
  const gap = (h: number) => sheet.advance(h);
  const para = (runs: Run[], style: TextStyle = body) => paragraph(sheet, runs, style);
  const r = (text: string): Run => ({ text, font: f.regular });
  const b = (text: string): Run => ({ text, font: f.bold });
  const i = (text: string): Run => ({ text, font: f.italic });
  // On the number's own line: a line more would push a full A4 receipt onto a second page.
  const ticket: Run[] = d.queueTicket ? [r(' — Số thứ tự: '), b(d.queueTicket)] : [];

  if (copyLabel) para([i(copyLabel)], { size: v.small, leading: 1.3, align: 'right' });

  formHeading(sheet, f, v, { parentName: d.agency.parentName, agencyName: d.agency.name, unit: d.receivingUnit, placeDate: formatPlaceDate(d.place, d.receivedAt) });
  gap(v.body * (v.wide ? 1.6 : 0.8));

  // Title and the application's number.
  if (d.provisional) {
    para([b('GIẤY BIÊN NHẬN TẠM')], centered(v.title, 1.35));
    para([i('(hồ sơ chưa được tiếp nhận chính thức)')], centered(v.body));
    gap(4);
    para([r('Số biên nhận tạm: '), b(d.provisionalNumber ?? ''), ...ticket], centered(v.body + 0.5));
    gap(6);
    provisionalBox(sheet, f, v);
  } else {
    para([b('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ')], centered(v.title, 1.35));
    gap(2);
    para([r('Mã hồ sơ: '), b(d.code ?? ''), ...ticket], centered(v.body + 0.5));
  }
  if (!v.wide) para([i(formatPlaceDate(d.place, d.receivedAt))], centered(v.small));
  gap(v.body * 0.9);

  para([r(`${d.receivingUnit}: `), b(d.agency.name)]);
  para([r('Tiếp nhận hồ sơ của: '), b(d.applicant.fullName)]);
  para([r('Địa chỉ: '), r(d.applicant.address)]);
  para([r('Số điện thoại: '), r(d.applicant.phone), ...(d.applicant.email ? [r('; Email: '), r(d.applicant.email)] : [])]);
  para([r('Nội dung yêu cầu giải quyết: '), b(d.procedure.name), r(` (mã thủ tục ${d.procedure.code})`)]);
  if (d.declared.length) {
    para([r('Thông tin đã khai: '), ...d.declared.flatMap((x, n) => [r(`${n ? '; ' : ''}${x.label}: `), b(x.value)]), r('.')]);
  }
  gap(2);

  para([b('1. Thành phần hồ sơ nộp gồm:')]);
  gap(2);
  if (d.documents.length) {
    const numW = v.wide ? 30 : 19;
    const countW = v.wide ? 58 : 30;
    const columns: Column[] = [
      { header: 'STT', width: numW, align: 'center' },
      { header: 'Tên giấy tờ', width: sheet.width - numW - 2 * countW },
      { header: 'Bản chính', width: countW, align: 'center' },
      { header: 'Bản sao', width: countW, align: 'center' },
    ];
    table(
      sheet,
      columns,
      d.documents.map((doc, n) => [String(n + 1), doc.name, String(doc.originals), String(doc.copies)]),
      { size: v.wide ? v.body - 1 : v.small, font: f.regular, headerFont: f.bold, padding: v.wide ? 4 : 2.5 },
    );
  } else {
    para([i('(Không có giấy tờ kèm theo)')]);
  }
  gap(4);

  const processing =
    d.processingTimeText ?? (d.processingDays === null ? 'theo quy định của thủ tục' : d.processingDays === 0 ? 'trong ngày làm việc' : `${String(d.processingDays).padStart(2, '0')} ngày làm việc`);
  para([b('2. '), r('Số lượng hồ sơ: '), b(String(d.sets).padStart(2, '0')), r(' (bộ)')]);
  para([b('3. '), r('Thời gian giải quyết hồ sơ theo quy định là: '), b(processing)]);
  para([b('4. '), r('Thời gian nhận hồ sơ: '), b(formatVnDateTime(d.receivedAt))]);
  if (d.appointmentAt) {
    para([b('5. '), r(d.provisional ? 'Thời gian trả kết quả (dự kiến): ' : 'Thời gian trả kết quả giải quyết hồ sơ: '), b(formatVnDateTime(d.appointmentAt))]);
  } else {
    para([b('5. '), r('Thời gian trả kết quả: '), i('sẽ được xác định khi hồ sơ được tiếp nhận chính thức')]);
  }
  para([b('6. '), r('Nhận kết quả tại: '), b(d.resultPlace)]);
  if (d.fees) fees(sheet, f, d, v);
  gap(v.body * 0.8);

  signatures(sheet, f, d, v);
  gap(v.small);
  const lookupAt = d.lookupUrl ? lookupPage(d.lookupUrl) : null;
  para(
    [
      i('Ghi chú: Người nộp mang theo giấy này khi đến nhận kết quả.'),
      ...(lookupAt ? [i(' Tra cứu tình trạng hồ sơ: quét mã QR hoặc vào '), i(lookupAt), i(', nhập mã hồ sơ.')] : []),
    ],
    small,
  );
}

function provisionalBox(sheet: Sheet, f: DocumentFonts, v: Variant): void {
  const pad = v.wide ? 8 : 5;
  const style: TextStyle = { size: v.body + (v.wide ? 0.5 : 0), leading: 1.35 };
  const runs: Run[] = [{ text: PROVISIONAL_NOTICE, font: f.bold }];
  const { lines, height } = measure(runs, style, sheet.width - 2 * pad);
  const boxH = height + 2 * pad;
  sheet.ensure(boxH);
  sheet.rect(sheet.left, sheet.y, sheet.width, boxH, v.wide ? 2 : 1.5, 0.9);
  drawLines(sheet, lines, style, sheet.left + pad, sheet.width - 2 * pad, sheet.y + pad);
  sheet.advance(boxH);
}

/** Where the lookup lives, without the code: what a person types on a computer. */
function lookupPage(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/** Fee lines, with the VietQR payment code beside them (below them on a roll) while they are unpaid. */
function fees(sheet: Sheet, f: DocumentFonts, d: ReceiptData, v: Variant): void {
  if (!d.fees) return;
  const size = v.wide ? v.body : v.small + 0.5;
  const lines: StackItem[] = [
    {
      runs: [
        { text: '7. ', font: f.bold },
        { text: 'Phí, lệ phí: ', font: f.regular },
        { text: d.fees.total === 0 ? 'Không thu' : formatVnd(d.fees.total), font: f.bold },
        { text: ` (${PAYMENT_STATUS_TEXT[d.fees.status]})`, font: f.regular },
      ],
      style: { size: v.body, leading: 1.35 },
    },
    ...d.fees.items.map((item): StackItem => ({ runs: [{ text: `- ${item.name}: ${formatVnd(item.amount)}`, font: f.regular }], style: { size, leading: 1.35 } })),
  ];
  // No payment code before the portal has the application: the transfer could not be matched to it.
  const pay = d.payment && d.fees.status === 'chua_thanh_toan' && !d.provisional ? d.payment : null;
  if (!pay) {
    sideBySide(sheet, [{ x: sheet.left, width: sheet.width, items: lines }]);
    return;
  }
  const caption: TextStyle = { size: v.small, leading: 1.3, align: 'center' };
  const qr: StackItem[] = [
    { qr: vietQrMatrix(pay.vietQr), size: v.qr },
    { gap: 3 },
    { runs: [{ text: 'Quét mã VietQR để nộp phí', font: f.bold }], style: caption },
    { runs: [{ text: `${pay.bankName} - STK ${pay.accountNumber}`, font: f.regular }], style: caption },
    { runs: [{ text: pay.accountName, font: f.regular }], style: caption },
  ];
  if (v.wide) {
    const qrW = 150;
    sideBySide(sheet, [
      { x: sheet.left, width: sheet.width - qrW, items: lines },
      { x: sheet.right - qrW, width: qrW, items: qr },
    ]);
  } else {
    sideBySide(sheet, [{ x: sheet.left, width: sheet.width, items: [...lines, { gap: 4 }, ...qr] }]);
  }
}

function signatures(sheet: Sheet, f: DocumentFonts, d: ReceiptData, v: Variant): void {
  const applicant = signatureItems(f, v, { title: 'NGƯỜI NỘP HỒ SƠ', name: d.applicant.fullName });
  const receiver = signatureItems(
    f,
    v,
    d.receivedBy ? { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: d.receivedBy.name } : { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: null, instead: `Nộp tại kiosk ${d.kioskId ?? ''}` },
  );
  const lookup: StackItem[] = d.lookupUrl
    ? [
        { qr: qrMatrix(d.lookupUrl), size: v.qr },
        { gap: 2 },
        { runs: [{ text: 'Quét mã để tra cứu hồ sơ', font: f.bold }], style: { size: v.small, align: 'center' } },
      ]
    : [];
  if (v.wide && lookup.length) {
    const third = sheet.width / 3;
    sideBySide(sheet, [
      { x: sheet.left, width: third, items: applicant },
      { x: sheet.left + third, width: third, items: lookup },
      { x: sheet.left + 2 * third, width: third, items: receiver },
    ]);
    return;
  }
  if (lookup.length) {
    sideBySide(sheet, [{ x: sheet.left, width: sheet.width, items: lookup }]);
    sheet.advance(v.body);
  }
  const half = sheet.width / 2;
  sideBySide(sheet, [
    { x: sheet.left, width: half - 4, items: applicant },
    { x: sheet.left + half + 4, width: half - 4, items: receiver },
  ]);
}

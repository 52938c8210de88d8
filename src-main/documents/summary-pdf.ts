import { PDFDocument } from 'pdf-lib';
import { parseDocumentInput } from './document-errors.js';
import { embedDocumentFonts, type DocumentFonts } from './fonts.js';
import { MM, Sheet, lineHeight, measure, paragraph, sideBySide, stackHeight, table, type Run, type StackItem, type TextStyle } from './layout.js';
import { SummaryDataSchema, type SummaryData, type SummaryDataInput } from './summary-data.js';
import { formatBytes, formatPlaceDate } from './vn-format.js';
import { savePdf } from './pdf-save.js';

/**
 * The application summary: what the citizen declared, the files attached
 * with their SHA-256, and the declaration sentence. It is the document that
 * gets a PAdES signature afterwards, so it is a plain single-revision PDF
 * (pdf-lib's own output, no incremental updates) with room left under the
 * signer's name for a visible signature.
 */

export const DECLARATION =
  'Tôi chắc chắn rằng các thông tin khai báo trên là đúng sự thật và đồng ý chịu trách nhiệm trước pháp luật về lời khai trên.';

const A4: [number, number] = [595.28, 841.89];

function birthDate(key: string): string {
  const [y, m, d] = key.split('-');
  return `${d}/${m}/${y}`;
}

export async function renderSummaryPdf(data: SummaryDataInput): Promise<Uint8Array> {
  const summary = parseDocumentInput(SummaryDataSchema, data);
  const doc = await PDFDocument.create();
  const fonts = await embedDocumentFonts(doc);
  const sheet = new Sheet(A4[0], A4[1], { top: 20 * MM, right: 15 * MM, bottom: 20 * MM, left: 30 * MM });
  layoutSummary(sheet, fonts, summary);
  sheet.render(doc);

  const at = new Date(summary.declaredAt);
  doc.setTitle(`Thông tin hồ sơ đề nghị: ${summary.procedure.name}`);
  doc.setSubject(summary.procedure.code);
  doc.setCreator('Một cửa kiosk');
  doc.setProducer('Một cửa kiosk');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return savePdf(doc);
}

function layoutSummary(sheet: Sheet, f: DocumentFonts, d: SummaryData): void {
  const size = 11;
  const body: TextStyle = { size, leading: 1.35 };
  const centered = (s: number): TextStyle => ({ size: s, leading: 1.3, align: 'center' });
  const r = (text: string): Run => ({ text, font: f.regular });
  const b = (text: string): Run => ({ text, font: f.bold });
  const i = (text: string): Run => ({ text, font: f.italic });
  const para = (runs: Run[], style: TextStyle = body) => paragraph(sheet, runs, style);
  const heading = (text: string) => {
    sheet.advance(6);
    para([b(text)], { size: size + 0.5, leading: 1.4 });
  };
  const row = (label: string, value: string) => para([r(`${label}: `), b(value)]);

  sideBySide(sheet, [
    {
      x: sheet.left,
      width: sheet.width,
      items: [
        { runs: [b('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')], style: centered(11.5) },
        { runs: [b('Độc lập - Tự do - Hạnh phúc')], style: centered(12) },
        { rule: f.bold.widthOfTextAtSize('Độc lập - Tự do - Hạnh phúc', 12), thickness: 0.7 },
      ],
    },
  ]);
  sheet.advance(14);
  para([b('THÔNG TIN HỒ SƠ ĐỀ NGHỊ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH')], centered(13.5));
  para([r('Kính gửi: '), b(d.agency.name)], centered(size));
  if (d.reference) para([r(`${d.reference.label}: `), b(d.reference.value)], centered(size));

  heading('I. Thủ tục hành chính');
  row('Tên thủ tục', d.procedure.name);
  row('Mã thủ tục', d.procedure.code);

  heading('II. Thông tin người nộp hồ sơ');
  row('Họ và tên', d.applicant.fullName);
  row('Số định danh cá nhân', d.applicant.citizenId);
  if (d.applicant.birthDate) row('Ngày sinh', birthDate(d.applicant.birthDate));
  row('Số điện thoại', d.applicant.phone);
  if (d.applicant.email) row('Email', d.applicant.email);
  row('Địa chỉ', d.applicant.address);

  heading('III. Nội dung khai');
  if (d.fields.length) {
    const labelW = sheet.width * 0.38;
    table(
      sheet,
      [
        { header: 'Thông tin', width: labelW },
        { header: 'Nội dung khai', width: sheet.width - labelW },
      ],
      d.fields.map((field) => [field.label, field.value === '' ? '(để trống)' : field.value]),
      { size: size - 1, font: f.regular, headerFont: f.bold, padding: 4 },
    );
  } else {
    para([i('(Thủ tục không có thông tin cần khai thêm)')]);
  }

  heading('IV. Tệp đính kèm');
  if (d.attachments.length) {
    const numW = 30;
    const sizeW = 70;
    table(
      sheet,
      [
        { header: 'STT', width: numW, align: 'center' },
        { header: 'Thành phần hồ sơ, tên tệp và mã băm SHA-256', width: sheet.width - numW - sizeW },
        { header: 'Dung lượng', width: sizeW, align: 'right' },
      ],
      d.attachments.map((a, n) => [
        String(n + 1),
        [
          { text: a.componentName, font: f.bold },
          { text: `\nTệp: ${a.fileName}`, font: f.regular },
          { text: `\nSHA-256: ${a.sha256}`, font: f.regular },
        ],
        formatBytes(a.size),
      ]),
      { size: size - 1.5, font: f.regular, headerFont: f.bold, padding: 4 },
    );
  } else {
    para([i('(Không có tệp đính kèm)')]);
  }

  const half = sheet.width / 2;
  const signer: StackItem[] = [
    { runs: [i(formatPlaceDate(d.place, d.declaredAt))], style: centered(size) },
    { runs: [b('NGƯỜI KHAI')], style: centered(size) },
    { runs: [i('(Ký, ghi rõ họ tên)')], style: centered(size - 1.5) },
    // Room for the visible signature stamp added when the summary is signed.
    { gap: 56 },
    { runs: [b(d.applicant.fullName)], style: centered(size) },
  ];
  // The declaration and the signature stay on one page: a signature alone on a page signs nothing visible.
  sheet.ensure(6 + lineHeight({ size: size + 0.5, leading: 1.4 }) + measure([r(DECLARATION)], body, sheet.width).height + 12 + stackHeight(signer, half));
  heading('V. Cam đoan');
  para([r(DECLARATION)]);
  sheet.advance(12);

  sideBySide(sheet, [{ x: sheet.left + half, width: half, items: signer }]);
}

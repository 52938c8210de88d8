import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDocumentError } from '../../src-main/documents/document-errors.js';
import { COPY_LABELS, PROVISIONAL_NOTICE, THERMAL_WIDTH_PT, renderReceiptPdf } from '../../src-main/documents/receipt-pdf.js';
import {
  BANK_ACCOUNT,
  BANK_BIN,
  CODE,
  FEE,
  LONG_ADDRESS,
  LONG_DOCUMENT,
  LONG_NAME,
  LOOKUP_URL,
  PROCEDURE_NAME,
  decodeAllQr,
  flat,
  pdfInfo,
  pdfText,
  receiptFixture,
  renderPage,
  writeResult,
} from './documents-fixtures.js';

// ------------------------------------------------------------------------
// An EMVCo merchant-presented QR reader written for this test from the
// NAPAS/EMVCo description, sharing nothing with src-shared/domain/vietqr.ts.

/** CRC-16/CCITT-FALSE, table-driven (the product code shifts bit by bit). */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n << 8;
  for (let k = 0; k < 8; k++) c = (c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1) & 0xffff;
  return c;
});
function crc16(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = ((crc << 8) & 0xffff) ^ (CRC_TABLE[((crc >> 8) ^ byte) & 0xff] ?? 0);
  return crc;
}

function tlv(payload: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < payload.length) {
    const tag = payload.substring(i, i + 2);
    const len = parseInt(payload.substring(i + 2, i + 4), 10);
    if (!/^\d\d$/.test(tag) || Number.isNaN(len) || i + 4 + len > payload.length) throw new Error(`bad TLV at ${i}`);
    if (out.has(tag)) throw new Error(`tag ${tag} twice`);
    out.set(tag, payload.substring(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

describe('independent EMVCo reader', () => {
  it('reproduces the check value and the NAPAS sample from the domain notes', () => {
    expect(crc16('123456789').toString(16).toUpperCase()).toBe('29B1');
    const sample = '00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13';
    expect(crc16(sample.slice(0, -4)).toString(16).toUpperCase().padStart(4, '0')).toBe('AC13');
  });
});

// ------------------------------------------------------------------------

const files: Record<'a4' | 'thermal' | 'provisional', string> = { a4: '', thermal: '', provisional: '' };

beforeAll(async () => {
  // Received at a counter from the walk-in holding queue ticket B-015.
  files.a4 = writeResult('receipt-a4.pdf', await renderReceiptPdf(receiptFixture({ queueTicket: 'B-015' }), { layout: 'a4', copies: 'two' }));
  files.thermal = writeResult('receipt-80mm.pdf', await renderReceiptPdf(receiptFixture({ receivedBy: null, kioskId: 'KIOSK-01' }), { layout: 'thermal80' }));
  files.provisional = writeResult(
    'receipt-provisional.pdf',
    await renderReceiptPdf(
      receiptFixture({ code: null, provisional: true, provisionalNumber: 'TAM-KIOSK-01-260128-003', lookupUrl: null, appointmentAt: null, receivedBy: null, kioskId: 'KIOSK-01' }),
      { layout: 'a4' },
    ),
  );
});

describe('receipt (Mẫu số 01) on A4, two copies', () => {
  it('gives back every label and every hard Vietnamese string through pdftotext', () => {
    const text = flat(pdfText(files.a4));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${CODE}`,
      'Số thứ tự: B-015',
      'Bộ phận tiếp nhận và trả kết quả: UBND xã Nghĩa Hành',
      `Tiếp nhận hồ sơ của: ${LONG_NAME}`,
      `Địa chỉ: ${LONG_ADDRESS}`,
      'Số điện thoại: 0912345678; Email: phuong.dang@example.vn',
      `Nội dung yêu cầu giải quyết: ${PROCEDURE_NAME}`,
      'Thành phần hồ sơ nộp gồm',
      LONG_DOCUMENT,
      'Số lượng hồ sơ: 01 (bộ)',
      'Thời gian giải quyết hồ sơ theo quy định là: 07 ngày làm việc',
      // 07:35 UTC is 14:35 in Vietnam.
      'Thời gian nhận hồ sơ: 14 giờ 35 phút, ngày 28/01/2026',
      'Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, ngày 06/02/2026',
      'Nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả UBND xã Nghĩa Hành',
      'Phí, lệ phí: 20.000 đồng (Chưa thanh toán)',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Lê Văn Đức',
      'Quảng Ngãi, ngày 28 tháng 01 năm 2026',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('Nộp tại kiosk');
  });

  it('lays the table out with its headings', () => {
    const layout = pdfText(files.a4, true);
    expect(layout).toMatch(/STT\s+Tên giấy tờ/);
    expect(layout).toContain('Bản sao');
    expect(layout).toContain('chính');
  });

  it('prints Liên 1 and Liên 2 on their own A4 pages', async () => {
    const doc = await PDFDocument.load(fs.readFileSync(files.a4));
    expect(doc.getPageCount()).toBe(2);
    for (const page of doc.getPages()) {
      expect(page.getWidth()).toBeCloseTo(595.28, 1);
      expect(page.getHeight()).toBeCloseTo(841.89, 1);
    }
    const text = pdfText(files.a4);
    const [first, second] = text.split('\f');
    expect(first).toContain(COPY_LABELS[0]);
    expect(first).not.toContain(COPY_LABELS[1]);
    expect(second).toContain(COPY_LABELS[1]);
    expect(second).toContain(CODE);
  });

  it('embeds the font as a subset, keeping the file small', () => {
    const size = Number(pdfInfo(files.a4)['File size']?.split(' ')[0]);
    expect(size).toBeGreaterThan(5_000);
    expect(size).toBeLessThan(200_000);
  });

  it('has a lookup QR that decodes to the lookup URL and a VietQR that an independent reader accepts', () => {
    const codes = decodeAllQr(renderPage(files.a4, 1, 200));
    expect(codes).toContain(LOOKUP_URL);
    const payment = codes.find((c) => c.startsWith('000201'));
    expect(payment).toBeDefined();
    const payload = payment ?? '';

    // 63 is last, four hex digits, over everything up to and including "6304".
    expect(payload.slice(-8, -4)).toBe('6304');
    expect(payload.slice(-4)).toBe(crc16(payload.slice(0, -4)).toString(16).toUpperCase().padStart(4, '0'));
    const top = tlv(payload);
    expect(top.get('00')).toBe('01');
    expect(top.get('01')).toBe('12');
    const merchant = tlv(top.get('38') ?? '');
    expect(merchant.get('00')).toBe('A000000727');
    expect(merchant.get('02')).toBe('QRIBFTTA');
    const beneficiary = tlv(merchant.get('01') ?? '');
    expect(beneficiary.get('00')).toBe(BANK_BIN);
    expect(beneficiary.get('01')).toBe(BANK_ACCOUNT);
    expect(top.get('53')).toBe('704');
    expect(top.get('54')).toBe(String(FEE));
    expect(top.get('58')).toBe('VN');
    expect(tlv(top.get('62') ?? '').get('08')).toContain(CODE);
    expect([...top.keys()].at(-1)).toBe('63');
  });
});

describe('receipt on an 80 mm roll', () => {
  it('is 80 mm wide and as tall as its content', () => {
    const info = pdfInfo(files.thermal);
    const [w, , h] = (info['Page size'] ?? '').split(' ');
    expect(Number(w)).toBeCloseTo(226.77, 1);
    expect(THERMAL_WIDTH_PT).toBeCloseTo(226.77, 2);
    expect(Number(h)).toBeGreaterThan(500);
    expect(info.Pages).toBe('1');
  });

  it('wraps the long strings inside the roll and says it was submitted at the kiosk', () => {
    const text = flat(pdfText(files.thermal));
    for (const s of [`Tiếp nhận hồ sơ của: ${LONG_NAME}`, `Địa chỉ: ${LONG_ADDRESS}`, LONG_DOCUMENT, `Mã hồ sơ: ${CODE}`, 'Nộp tại kiosk KIOSK-01']) {
      expect(text).toContain(s);
    }
    // Self-service, no queue ticket: no line for one.
    expect(text).not.toContain('Số thứ tự');
    // Nothing drawn past the printable 72 mm: pdftotext's bounding boxes stay inside the page.
    const bbox = execBbox(files.thermal);
    expect(bbox.length).toBeGreaterThan(50);
    for (const word of bbox) expect(word.xMax).toBeLessThanOrEqual(226.77 - 4 * (72 / 25.4) + 0.5);
  });

  it('has a lookup QR that decodes on the narrow roll', () => {
    expect(decodeAllQr(renderPage(files.thermal, 1, 200))).toContain(LOOKUP_URL);
  });
});

describe('provisional receipt', () => {
  it('says plainly that it is not an official receipt and has no mã hồ sơ', () => {
    const text = flat(pdfText(files.provisional));
    expect(text).toContain(PROVISIONAL_NOTICE);
    expect(text).toContain('GIẤY BIÊN NHẬN TẠM');
    expect(text).toContain('Số biên nhận tạm: TAM-KIOSK-01-260128-003');
    expect(text).not.toContain('Mã hồ sơ:');
    expect(text).not.toContain(CODE.slice(0, 13) + '-260128-0042');
    expect(text).toContain('Thời gian trả kết quả: sẽ được xác định khi hồ sơ được tiếp nhận chính thức');
  });

  it('offers no payment code before the portal knows the application', () => {
    expect(decodeAllQr(renderPage(files.provisional, 1, 150))).toEqual([]);
  });
});

describe('receipt input', () => {
  it('refuses data without a code, naming the field but not echoing personal data', async () => {
    const bad = receiptFixture({ code: null });
    const err = await renderReceiptPdf(bad, { layout: 'a4' }).catch((e: unknown) => e);
    expect(isDocumentError(err)).toBe(true);
    if (!isDocumentError(err)) return;
    expect(err.code).toBe('INVALID_DOCUMENT_DATA');
    expect(err.issues.map((i) => i.path)).toContain('code');
    expect(JSON.stringify(err.issues) + err.message).not.toContain(LONG_NAME);
  });

  it('refuses a malformed mã hồ sơ and an unknown layout', async () => {
    await expect(renderReceiptPdf(receiptFixture({ code: '12345' }), { layout: 'a4' })).rejects.toMatchObject({ code: 'INVALID_DOCUMENT_DATA' });
    await expect(renderReceiptPdf(receiptFixture(), { layout: 'a5' as 'a4' })).rejects.toMatchObject({ code: 'INVALID_DOCUMENT_DATA' });
  });

  it('refuses a malformed queue ticket label', async () => {
    await expect(renderReceiptPdf(receiptFixture({ queueTicket: 'b15' }), { layout: 'a4' })).rejects.toMatchObject({ code: 'INVALID_DOCUMENT_DATA' });
  });

  it('refuses a corrupt VietQR payload rather than print a code that pays the wrong account', async () => {
    const fixture = receiptFixture();
    const payment = fixture.payment;
    if (!payment) throw new Error('fixture has a payment');
    const corrupt = payment.vietQr.replace(BANK_ACCOUNT, '113000999999');
    await expect(renderReceiptPdf({ ...fixture, payment: { ...payment, vietQr: corrupt } }, { layout: 'a4' })).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT_DATA',
    });
  });
});

interface Word {
  xMin: number;
  xMax: number;
}

function execBbox(file: string): Word[] {
  // -bbox writes an XHTML page with one <word> per word and its box in points.
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => ({ xMin: Number(m[1]), xMax: Number(m[2]) }));
}

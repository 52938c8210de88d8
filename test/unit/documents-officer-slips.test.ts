import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDocumentError } from '../../src-main/documents/document-errors.js';
import {
  REJECTION_SLIP_TITLE,
  RETURN_SLIP_TITLE,
  SUPPLEMENT_SLIP_TITLE,
  renderRejectionSlipPdf,
  renderReturnSlipPdf,
  renderSupplementSlipPdf,
} from '../../src-main/documents/officer-slip-pdf.js';
import type { RejectionSlipDataInput, ReturnSlipDataInput, SupplementSlipDataInput } from '../../src-main/documents/officer-slip-data.js';
import { CODE, LONG_ADDRESS, LONG_DOCUMENT, LONG_NAME, LOOKUP_URL, PROCEDURE_NAME, decodeAllQr, flat, pdfInfo, pdfText, renderPage, writeResult } from './documents-fixtures.js';

/**
 * The counter officer's slips, read back as a person or a test reads paper:
 * pdftotext for every Vietnamese string, pdfinfo for the pages, the QR
 * decoded from a raster of the page.
 */

const AGENCY = { name: 'UBND xã Nghĩa Hành', parentName: 'UBND tỉnh Quảng Ngãi' };
const OFFICER = 'Võ Văn Tùng';
const TO_KHAI = 'Tờ khai đăng ký thường trú (Mẫu CT01)';
const ROLL_TEXT_LIMIT = 226.77 - 4 * (72 / 25.4) + 0.5;

function supplement(over: Partial<SupplementSlipDataInput> = {}): SupplementSlipDataInput {
  return {
    code: CODE,
    agency: AGENCY,
    applicant: { fullName: LONG_NAME, address: LONG_ADDRESS, phone: '0912345678' },
    procedureName: PROCEDURE_NAME,
    components: [
      { name: TO_KHAI, reason: 'Thiếu chữ ký của chủ hộ' },
      { name: LONG_DOCUMENT, reason: null },
    ],
    note: 'Bản chụp giấy tờ chứng minh chỗ ở bị mờ, không đọc được số thửa đất.',
    // 02:15 UTC is 09:15 in Vietnam.
    requestedAt: '2026-01-29T02:15:00Z',
    requestedBy: { name: OFFICER },
    lookupUrl: LOOKUP_URL,
    ...over,
  };
}

function rejection(over: Partial<RejectionSlipDataInput> = {}): RejectionSlipDataInput {
  return {
    code: CODE,
    agency: AGENCY,
    applicant: { fullName: LONG_NAME, address: LONG_ADDRESS, phone: '0912345678' },
    procedureName: PROCEDURE_NAME,
    reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã Nghĩa Hành; đề nghị nộp tại UBND xã Bình Sơn.',
    rejectedAt: '2026-01-29T03:00:00Z',
    rejectedBy: { name: OFFICER },
    ...over,
  };
}

function returned(over: Partial<ReturnSlipDataInput> = {}): ReturnSlipDataInput {
  return {
    code: CODE,
    agency: AGENCY,
    applicant: { fullName: LONG_NAME, address: null, phone: null },
    procedureName: PROCEDURE_NAME,
    recipient: { kind: 'authorised', fullName: 'Đặng Văn Ửng', note: 'Giấy ủy quyền số 12/UQ ngày 05/02/2026' },
    receivedAt: '2026-01-28T07:35:00Z',
    appointmentAt: '2026-02-06T01:00:00Z',
    returnedAt: '2026-02-06T08:20:00Z',
    returnedBy: { name: OFFICER },
    fees: { items: [{ name: 'Lệ phí đăng ký cư trú', amount: 20000 }], total: 20000 },
    feesCollected: 20000,
    ...over,
  };
}

const files = { supplementA4: '', supplementRoll: '', rejectionA4: '', rejectionRoll: '', returnA4: '', returnRoll: '' };

beforeAll(async () => {
  files.supplementA4 = writeResult('slip-supplement-a4.pdf', await renderSupplementSlipPdf(supplement(), { layout: 'a4', copies: 'two' }));
  files.supplementRoll = writeResult('slip-supplement-80mm.pdf', await renderSupplementSlipPdf(supplement(), { layout: 'thermal80' }));
  files.rejectionA4 = writeResult('slip-rejection-a4.pdf', await renderRejectionSlipPdf(rejection(), { layout: 'a4' }));
  files.rejectionRoll = writeResult('slip-rejection-80mm.pdf', await renderRejectionSlipPdf(rejection(), { layout: 'thermal80' }));
  files.returnA4 = writeResult('slip-return-a4.pdf', await renderReturnSlipPdf(returned(), { layout: 'a4', copies: 'two' }));
  files.returnRoll = writeResult('slip-return-80mm.pdf', await renderReturnSlipPdf(returned({ recipient: { kind: 'applicant', fullName: LONG_NAME, note: null }, fees: { items: [], total: 0 }, feesCollected: 0 }), { layout: 'thermal80' }));
  // Six documents, each embedding its font subset: slow on a busy machine.
}, 120_000);

/** Right edges of every word pdftotext finds, in points. */
function wordRightEdges(file: string): number[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
}

describe('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)', () => {
  it('lists every component asked for, with its reason, the note and the guiding officer', () => {
    const text = flat(pdfText(files.supplementA4));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND TỈNH QUẢNG NGÃI',
      'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      SUPPLEMENT_SLIP_TITLE,
      `Mã hồ sơ: ${CODE}`,
      'Quảng Ngãi, ngày 29 tháng 01 năm 2026',
      `Hồ sơ của: ${LONG_NAME}`,
      `Địa chỉ: ${LONG_ADDRESS}`,
      `Nội dung yêu cầu giải quyết: ${PROCEDURE_NAME}`,
      'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
      `1. ${TO_KHAI} — Thiếu chữ ký của chủ hộ`,
      `2. ${LONG_DOCUMENT}`,
      'Lý do: Bản chụp giấy tờ chứng minh chỗ ở bị mờ, không đọc được số thửa đất.',
      'NGƯỜI HƯỚNG DẪN',
      '(Ký và ghi rõ họ tên)',
      OFFICER,
      'Quét mã để bổ sung hồ sơ',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('prints Liên 1 and Liên 2 on their own A4 pages', () => {
    expect(pdfInfo(files.supplementA4).Pages).toBe('2');
    const [first, second] = pdfText(files.supplementA4).split('\f').map(flat);
    expect(first).toContain('Liên 1: lưu');
    expect(second).toContain('Liên 2: giao người nộp');
    expect(second).toContain(`1. ${TO_KHAI}`);
    expect(pdfInfo(files.supplementA4).Title).toBe(`Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ ${CODE}`);
  });

  it('has a QR that opens the lookup of the application, where the supplement starts', () => {
    expect(decodeAllQr(renderPage(files.supplementA4, 1, 150))).toEqual([LOOKUP_URL]);
    expect(decodeAllQr(renderPage(files.supplementRoll, 1, 200))).toEqual([LOOKUP_URL]);
  });

  it('keeps every word inside the printable width of the 80 mm roll', () => {
    const text = flat(pdfText(files.supplementRoll));
    expect(text).toContain(`2. ${LONG_DOCUMENT}`);
    expect(text).toContain('Quảng Ngãi, ngày 29 tháng 01 năm 2026');
    const edges = wordRightEdges(files.supplementRoll);
    expect(edges.length).toBeGreaterThan(50);
    for (const x of edges) expect(x).toBeLessThanOrEqual(ROLL_TEXT_LIMIT);
  });

  it('prints no QR when there is nothing to open', async () => {
    const file = writeResult('slip-supplement-no-qr.pdf', await renderSupplementSlipPdf(supplement({ lookupUrl: null }), { layout: 'a4' }));
    expect(decodeAllQr(renderPage(file, 1, 150))).toEqual([]);
    expect(flat(pdfText(file))).not.toContain('Quét mã');
  });
});

describe('Phiếu từ chối tiếp nhận, giải quyết hồ sơ (Mẫu 03)', () => {
  it('gives the reason and the receiving officer', () => {
    for (const file of [files.rejectionA4, files.rejectionRoll]) {
      const text = flat(pdfText(file));
      for (const s of [
        REJECTION_SLIP_TITLE,
        `Mã hồ sơ: ${CODE}`,
        'Bộ phận tiếp nhận và trả kết quả: UBND xã Nghĩa Hành',
        `Tiếp nhận hồ sơ của: ${LONG_NAME}`,
        'Qua xem xét, bộ phận tiếp nhận và trả kết quả thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
        'Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã Nghĩa Hành; đề nghị nộp tại UBND xã Bình Sơn.',
        'Xin thông báo để ông/bà được biết và thực hiện./.',
        'NGƯỜI TIẾP NHẬN HỒ SƠ',
        OFFICER,
      ]) {
        expect(text, file).toContain(s);
      }
    }
    expect(pdfInfo(files.rejectionA4).Pages).toBe('1');
    for (const x of wordRightEdges(files.rejectionRoll)) expect(x).toBeLessThanOrEqual(ROLL_TEXT_LIMIT);
  });
});

describe('Phiếu trả kết quả giải quyết hồ sơ', () => {
  it('names the authorised person who took the result, the fees collected and both signatures', () => {
    const text = flat(pdfText(files.returnA4));
    for (const s of [
      RETURN_SLIP_TITLE,
      `Mã hồ sơ: ${CODE}`,
      `Hồ sơ của: ${LONG_NAME}`,
      'Ngày tiếp nhận: 14 giờ 35 phút, ngày 28/01/2026',
      'Ngày hẹn trả kết quả: 08 giờ 00 phút, ngày 06/02/2026',
      'Thời gian trả kết quả: 15 giờ 20 phút, ngày 06/02/2026',
      'Người nhận kết quả: Đặng Văn Ửng (người được ủy quyền)',
      'Giấy ủy quyền / quan hệ: Giấy ủy quyền số 12/UQ ngày 05/02/2026',
      'Phí, lệ phí: 20.000 đồng',
      '- Lệ phí đăng ký cư trú: 20.000 đồng',
      'Đã thu tại quầy khi trả kết quả: 20.000 đồng',
      'NGƯỜI NHẬN KẾT QUẢ',
      'NGƯỜI TRẢ KẾT QUẢ',
      OFFICER,
    ]) {
      expect(text).toContain(s);
    }
    // What the kiosk no longer holds is left off rather than printed empty.
    expect(text).not.toContain('Địa chỉ:');
    expect(pdfInfo(files.returnA4).Pages).toBe('2');
  });

  it('on the roll: the applicant themself, nothing owed', () => {
    const text = flat(pdfText(files.returnRoll));
    expect(text).toContain(`Người nhận kết quả: ${LONG_NAME} (người nộp hồ sơ)`);
    expect(text).toContain('Phí, lệ phí: Không thu');
    expect(text).toContain('Đã thu tại quầy khi trả kết quả: Không');
    for (const x of wordRightEdges(files.returnRoll)) expect(x).toBeLessThanOrEqual(ROLL_TEXT_LIMIT);
  });
});

describe('slip input', () => {
  it('refuses a request without components, naming the field but not echoing personal data', async () => {
    const err = await renderSupplementSlipPdf(supplement({ components: [] }), { layout: 'a4' }).catch((e: unknown) => e);
    expect(isDocumentError(err)).toBe(true);
    if (!isDocumentError(err)) return;
    expect(err.code).toBe('INVALID_DOCUMENT_DATA');
    expect(err.issues.map((i) => i.path)).toContain('components');
    expect(JSON.stringify(err.issues) + err.message).not.toContain(LONG_NAME);
  });

  it('refuses a malformed mã hồ sơ, an empty reason and an unknown layout', async () => {
    await expect(renderRejectionSlipPdf(rejection({ code: '12345' }), { layout: 'a4' })).rejects.toMatchObject({ code: 'INVALID_DOCUMENT_DATA' });
    await expect(renderRejectionSlipPdf(rejection({ reason: '   ' }), { layout: 'a4' })).rejects.toMatchObject({ code: 'INVALID_DOCUMENT_DATA' });
    await expect(renderReturnSlipPdf(returned(), { layout: 'a5' as 'a4' })).rejects.toMatchObject({ code: 'INVALID_DOCUMENT_DATA' });
  });
});

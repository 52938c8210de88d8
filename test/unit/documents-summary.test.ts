import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION, renderSummaryPdf } from '../../src-main/documents/summary-pdf.js';
import { CODE, LONG_ADDRESS, LONG_DOCUMENT, LONG_NAME, PROCEDURE_NAME, SHA, flat, pdfText, summaryFixture, writeResult } from './documents-fixtures.js';

let file = '';

beforeAll(async () => {
  file = writeResult('summary.pdf', await renderSummaryPdf(summaryFixture()));
});

describe('application summary PDF', () => {
  it('gives back what the citizen declared, with the labels, through pdftotext', () => {
    const text = flat(pdfText(file));
    for (const s of [
      'THÔNG TIN HỒ SƠ ĐỀ NGHỊ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      `Mã hồ sơ: ${CODE}`,
      `Tên thủ tục: ${PROCEDURE_NAME}`,
      'Mã thủ tục: 1.004222.000.00.00.H48',
      `Họ và tên: ${LONG_NAME}`,
      'Số định danh cá nhân: 051190012345',
      'Ngày sinh: 17/05/1990',
      'Số điện thoại: 0912345678',
      'Email: phuong.dang@example.vn',
      `Địa chỉ: ${LONG_ADDRESS}`,
      'Họ, chữ đệm và tên người được đăng ký thường trú',
      'Đặng Thị Ngọc Ánh Ưởng',
      'Quan hệ với chủ hộ Con đẻ',
      DECLARATION,
      'Quảng Ngãi, ngày 28 tháng 01 năm 2026',
      'NGƯỜI KHAI',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('keeps the declaration and the signature block on the same page', () => {
    const pages = pdfText(file).split('\f').map(flat);
    const withSignature = pages.findIndex((p) => p.includes('NGƯỜI KHAI'));
    expect(withSignature).toBeGreaterThanOrEqual(0);
    expect(pages[withSignature]).toContain(DECLARATION);
    expect(pages[withSignature]).toContain(LONG_NAME);
  });

  it('lists each attachment with its name, size and full SHA-256', () => {
    const text = flat(pdfText(file));
    expect(text).toContain(LONG_DOCUMENT);
    expect(text).toContain('Tệp: to-khai-ct01-đã-ký.pdf');
    expect(text).toContain(`SHA-256: ${SHA}`);
    expect(text).toContain(`SHA-256: ${'ab'.repeat(32)}`);
    expect(text).toContain('716,8 KB');
    expect(text).toContain('1,2 MB');
  });

  it('is a plain single-revision A4 PDF that a signer can append to', async () => {
    const bytes = fs.readFileSync(file);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    // One %%EOF: no incremental update for a PAdES signature to trip over.
    expect(bytes.toString('latin1').match(/%%EOF/g)).toHaveLength(1);
    expect(doc.getTitle()).toContain(PROCEDURE_NAME);
  });

  it('refuses a malformed hash or citizen number', async () => {
    const bad = summaryFixture();
    await expect(renderSummaryPdf({ ...bad, attachments: [{ componentName: 'X', fileName: 'x.pdf', size: 1, sha256: 'XYZ' }] })).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT_DATA',
      issues: [expect.objectContaining({ path: 'attachments.0.sha256' })],
    });
    await expect(renderSummaryPdf({ ...bad, applicant: { ...bad.applicant, citizenId: '12' } })).rejects.toMatchObject({ code: 'INVALID_DOCUMENT_DATA' });
  });
});

import { PDFDocument } from 'pdf-lib';
import { renderReceiptPdf } from '../../src-main/documents/receipt-pdf.js';
import type { ReceiptDataInput } from '../../src-main/documents/receipt-data.js';
import { lookupUrlFor } from '../../src-shared/domain/lookup-url.js';
import { buildVietQr } from '../../src-shared/domain/vietqr.js';
import { median, msSince, percentile, type BenchLine, type BenchRow } from './table.js';

const WARM_UP = Number(process.env.BENCH_WARM ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const CODE = '000.00.31.H48-261202-0042';

/** A receipt with both QR codes (lookup and VietQR payment), on A4 in two copies as an assisted counter prints it. */
const RECEIPT: ReceiptDataInput = {
  code: CODE,
  agency: { name: 'UBND phường Cẩm Thành', parentName: 'UBND tỉnh Quảng Ngãi' },
  applicant: { fullName: 'Trần Thị Thu Hường', address: 'Tổ 5, phường Cẩm Thành, tỉnh Quảng Ngãi', phone: '0912345678', email: null },
  procedure: { code: '1.004222.000.00.00.H48', name: 'Đăng ký thường trú' },
  documents: [
    { name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', originals: 1, copies: 0 },
    { name: 'Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp', originals: 0, copies: 1 },
  ],
  processingDays: 7,
  receivedAt: '2026-12-02T01:35:00Z',
  appointmentAt: '2026-12-11T01:00:00Z',
  resultPlace: 'Bộ phận tiếp nhận và trả kết quả UBND phường Cẩm Thành',
  receivedBy: { name: 'Lê Văn Đức' },
  lookupUrl: lookupUrlFor(CODE),
  fees: { items: [{ name: 'Lệ phí đăng ký cư trú', amount: 20000 }], total: 20000, status: 'chua_thanh_toan' },
  payment: { vietQr: buildVietQr({ bankBin: '970415', account: '113000123456', amount: 20000, purpose: CODE }), bankName: 'VietinBank', accountNumber: '113000123456', accountName: 'UBND PHUONG CAM THANH' },
};

async function emptyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save();
}

async function times(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(msSince(start));
  }
  return out;
}

export function row4(): BenchRow {
  return {
    row: 4,
    title: 'Receipt PDF (Mẫu 01, fonts embedded and subset, two QR codes)',
    async run(): Promise<BenchLine[]> {
      const receipt = await times(() => renderReceiptPdf(RECEIPT, { layout: 'a4', copies: 'two' }));
      const empty = await times(emptyPdf);
      const size = (await renderReceiptPdf(RECEIPT, { layout: 'a4', copies: 'two' })).length;
      console.log(`  receipt: median ${median(receipt).toFixed(1)} ms, p95 ${percentile(receipt, 95).toFixed(1)} ms, ${(size / 1024).toFixed(0)} kB; empty pdf-lib document: median ${median(empty).toFixed(2)} ms`);
      return [{ row: 4, what: 'receipt PDF after warm-up vs empty pdf-lib save', ours: median(receipt), baseline: median(empty), unit: 'ms', goal: '< 50 ms', met: median(receipt) < 50 }];
    },
  };
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { lookupUrlFor } from '../../src-shared/domain/lookup-url.js';
import type { ReceiptDataInput } from '../../src-main/documents/receipt-data.js';
import type { SummaryDataInput } from '../../src-main/documents/summary-data.js';
import { buildVietQr } from '../../src-shared/domain/vietqr.js';

// jsqr is CommonJS with an ES-style default export: under NodeNext its default import is the module object.
const jsQR = jsQRModule.default;

/** Shared by the documents tests and the printing integration test: applications with hard Vietnamese. */

export const RESULTS_DIR = path.resolve('test-results/receipts');

export const CODE = '000.00.53.H48-260128-0042';
export const LOOKUP_URL = lookupUrlFor(CODE);

export const LONG_NAME = 'Tôn Nữ Hoàng Thị Phượng Đặng Ỗ Ự Ẫ Ỹ';
export const LONG_ADDRESS =
  'Thôn Phước Lộc Đông, xã Bình Sơn Thượng, đường Trường Chinh nối dài số 123/45 hẻm 6, khu dân cư Nguyễn Thị Ưởng Ặ Ỗ Ự Ẫ Ỹ ữ ở ừ ợ đ, tỉnh Quảng Ngãi';
export const PROCEDURE_NAME = 'Đăng ký thường trú (cấp xã) — trường hợp người chưa thành niên được đăng ký thường trú vào nơi cư trú của cha, mẹ';
export const LONG_DOCUMENT =
  'Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA) có ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở hợp pháp';

export const BANK_BIN = '970415';
export const BANK_ACCOUNT = '113000123456';
export const FEE = 20000;
export const VIETQR = buildVietQr({ bankBin: BANK_BIN, account: BANK_ACCOUNT, amount: FEE, purpose: CODE });

export function receiptFixture(over: Partial<ReceiptDataInput> = {}): ReceiptDataInput {
  return {
    code: CODE,
    agency: { name: 'UBND xã Nghĩa Hành', parentName: 'UBND tỉnh Quảng Ngãi' },
    applicant: { fullName: LONG_NAME, address: LONG_ADDRESS, phone: '0912345678', email: 'phuong.dang@example.vn' },
    procedure: { code: '1.004222.000.00.00.H48', name: PROCEDURE_NAME },
    documents: [
      { name: LONG_DOCUMENT, originals: 1, copies: 0 },
      { name: 'Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp', originals: 0, copies: 1 },
      { name: 'Giấy khai sinh của người được đăng ký', originals: 0, copies: 2 },
    ],
    processingDays: 7,
    receivedAt: '2026-01-28T07:35:00Z',
    appointmentAt: '2026-02-06T01:00:00Z',
    resultPlace: 'Bộ phận tiếp nhận và trả kết quả UBND xã Nghĩa Hành',
    receivedBy: { name: 'Lê Văn Đức' },
    lookupUrl: LOOKUP_URL,
    fees: { items: [{ name: 'Lệ phí đăng ký cư trú', amount: FEE }], total: FEE, status: 'chua_thanh_toan' },
    payment: { vietQr: VIETQR, bankName: 'VietinBank', accountNumber: BANK_ACCOUNT, accountName: 'UBND XA NGHIA HANH' },
    ...over,
  };
}

export const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function summaryFixture(): SummaryDataInput {
  return {
    reference: { label: 'Mã hồ sơ', value: CODE },
    procedure: { code: '1.004222.000.00.00.H48', name: PROCEDURE_NAME },
    agency: { name: 'UBND xã Nghĩa Hành' },
    applicant: { fullName: LONG_NAME, citizenId: '051190012345', birthDate: '1990-05-17', phone: '0912345678', email: 'phuong.dang@example.vn', address: LONG_ADDRESS },
    fields: [
      { label: 'Họ, chữ đệm và tên người được đăng ký thường trú', value: 'Đặng Thị Ngọc Ánh Ưởng' },
      { label: 'Nơi đề nghị đăng ký thường trú', value: LONG_ADDRESS },
      { label: 'Quan hệ với chủ hộ', value: 'Con đẻ' },
    ],
    attachments: [
      { componentName: LONG_DOCUMENT, fileName: 'to-khai-ct01-đã-ký.pdf', size: 734003, sha256: SHA },
      { componentName: 'Giấy khai sinh của người được đăng ký', fileName: 'giay-khai-sinh.jpg', size: 1_250_000, sha256: 'ab'.repeat(32) },
    ],
    declaredAt: '2026-01-28T07:30:00Z',
  };
}

export function writeResult(name: string, bytes: Uint8Array): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** pdftotext's output, NFC (poppler may hand back decomposed marks) with runs of white space as one space. */
export function pdfText(file: string, layout = false): string {
  const out = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return out.normalize('NFC');
}

export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

export interface Raster {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** One page rendered by poppler, as RGBA. */
export function renderPage(file: string, page: number, dpi: number): Raster {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile', file, path.join(dir, 'page')]);
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, 'page.png')));
    return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function crop(raster: Raster, x0: number, y0: number, w: number, h: number): Raster {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) data.set(raster.data.subarray(((y0 + y) * raster.width + x0) * 4, ((y0 + y) * raster.width + x0 + w) * 4), y * w * 4);
  return { width: w, height: h, data };
}

/**
 * Every QR code on a page. jsQR reads one symbol per image and gets lost
 * when two share it, so the page is also read in overlapping windows of
 * half and a third of its width.
 */
export function decodeAllQr(raster: Raster): string[] {
  const found = new Set<string>();
  const read = (r: Raster) => {
    const hit = jsQR(r.data, r.width, r.height, { inversionAttempts: 'dontInvert' });
    if (hit) found.add(hit.data);
  };
  read(raster);
  for (const [cols, rows] of [
    [2, 3],
    [3, 4],
  ] as const) {
    const w = Math.floor(raster.width / cols);
    const h = Math.floor(raster.height / rows);
    for (let y = 0; y + h <= raster.height; y += Math.floor(h / 2)) {
      for (let x = 0; x + w <= raster.width; x += Math.floor(w / 2)) read(crop(raster, x, y, w, h));
    }
  }
  return [...found];
}

export function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

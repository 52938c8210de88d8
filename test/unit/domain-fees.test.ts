import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProcedureSchema, type Procedure } from '../../src-shared/catalogue.js';
import { KIOSK_CHANNEL, quoteFees, ratesDifferByChannel, unitCount } from '../../src-shared/domain/fees.js';
import { feeLineName, headingParent, receiptFees } from '../../src-main/documents/receipt-fees.js';
import { readSeedFiles } from '../../src-portal/catalogue/seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const procedures = (JSON.parse(fs.readFileSync(path.join(root, 'resources/catalogue/procedures.json'), 'utf8')) as unknown[]).map((p) => ProcedureSchema.parse(p));
const byCode = (code: string): Procedure => {
  const p = procedures.find((x) => x.code === code);
  if (!p) throw new Error(code);
  return p;
};
const THUONG_TRU = byCode('1.004222.000.00.00.H48');
const KHAI_SINH = byCode('1.001193.000.00.00.H48');

describe('the kiosk channel and its rate', () => {
  it('is online for a citizen at a self-service kiosk and in person at the counter', () => {
    expect(KIOSK_CHANNEL['self-service']).toBe('truc_tuyen');
    expect(KIOSK_CHANNEL.assisted).toBe('truc_tiep');
  });

  it('charges Đăng ký thường trú 10.000 đồng self-service and 20.000 đồng at the counter, naming the channel once', () => {
    const online = quoteFees(THUONG_TRU, KIOSK_CHANNEL['self-service']);
    expect(online.items).toEqual([{ kind: 'le_phi', name: 'Lệ phí đăng ký thường trú', amount: 10000, channel: 'truc_tuyen' }]);
    expect(quoteFees(THUONG_TRU, KIOSK_CHANNEL.assisted).total).toBe(20000);
    expect(ratesDifferByChannel(THUONG_TRU)).toBe(true);
    expect(ratesDifferByChannel(KHAI_SINH)).toBe(false);
    expect(online.items.map(feeLineName)).toEqual(['Lệ phí đăng ký thường trú (nộp trực tuyến)']);
  });
});

describe('per-unit fees', () => {
  it('counts the copies asked for on the form: 2 × 8.000 = 16.000 đồng for khai sinh, nothing without copies', () => {
    const two = quoteFees(KHAI_SINH, 'truc_tuyen', { birthCertificateCopies: '2' });
    expect(two.total).toBe(16000);
    expect(two.items).toEqual([{ kind: 'phi', name: 'Phí cấp bản sao Giấy khai sinh', amount: 16000, quantity: 2, unitAmount: 8000, unit: 'bản' }]);
    expect(feeLineName(two.items[0] ?? { kind: 'phi', name: '', amount: 0 })).toBe('Phí cấp bản sao Giấy khai sinh (2 bản × 8.000 đồng)');
    // The portal holds typed values; the wizard holds text: the same answer.
    expect(quoteFees(KHAI_SINH, 'truc_tuyen', { birthCertificateCopies: 2 })).toEqual(two);
    expect(quoteFees(KHAI_SINH, 'truc_tiep', {}).total).toBe(0);
    expect(quoteFees(KHAI_SINH, 'truc_tiep', { birthCertificateCopies: '' }).items).toEqual([]);
  });

  it('reads only whole positive counts', () => {
    expect([unitCount('3'), unitCount(' 4 '), unitCount(5), unitCount('2.5'), unitCount('-1'), unitCount('abc'), unitCount(null), unitCount(0)]).toEqual([3, 4, 5, 0, 0, 0, 0, 0]);
  });

  it('prices a certified copy by its pages in steps, capped per copy (TT 226/2016/TT-BTC): 2.000 đồng a page, 1.000 from the third, at most 200.000', () => {
    const CHUNG_THUC = byCode('2.000815.000.00.00.H48');
    const quote = (pages: number, copies: number) => quoteFees(CHUNG_THUC, 'truc_tuyen', { pagesPerCopy: String(pages), copyCount: String(copies) });
    expect(quote(1, 1).total).toBe(2000);
    expect(quote(2, 1).total).toBe(4000);
    // 5 pages: 2 × 2.000 + 3 × 1.000 = 7.000 a copy; 3 copies 21.000.
    expect(quote(5, 3).items).toEqual([{ kind: 'phi', name: 'Phí chứng thực bản sao từ bản chính', amount: 21000, quantity: 3, unitAmount: 7000, unit: 'bản' }]);
    expect(feeLineName(quote(5, 3).items[0] ?? { kind: 'phi', name: '', amount: 0 })).toBe('Phí chứng thực bản sao từ bản chính (3 bản × 7.000 đồng)');
    // 400 pages would be 402.000 a copy: the cap holds it at 200.000.
    expect(quote(400, 2).total).toBe(400000);
    expect(quote(0, 2).items).toEqual([]);
  });

  it('charges extra Phiếu lý lịch tư pháp from the third on top of the ordinary fee (TT 244/2016/TT-BTC)', () => {
    const LLTP = byCode('3.000333.000.00.00.H48');
    expect(quoteFees(LLTP, 'truc_tuyen', { copies: '2' }).total).toBe(200000);
    const four = quoteFees(LLTP, 'truc_tuyen', { copies: '4' });
    expect(four.total).toBe(210000);
    expect(four.items.map(feeLineName)).toEqual(['Phí cung cấp thông tin lý lịch tư pháp', 'Phí cấp thêm Phiếu lý lịch tư pháp (từ Phiếu thứ 3 trở đi) (2 Phiếu × 5.000 đồng)']);
  });

  it('adds per-unit lines to the chosen case and never reports them as unknown', () => {
    const q = quoteFees(KHAI_SINH, 'truc_tuyen', { birthCertificateCopies: 1 }, ['Phí cấp bản sao Giấy khai sinh']);
    expect(q).toMatchObject({ total: 8000, unknown: [] });
  });
});

describe('the receipt from the same quote', () => {
  it('prints the kiosk\'s own lines as owed without a code, and the portal\'s quote with its VietQR', () => {
    const local = quoteFees(KHAI_SINH, 'truc_tuyen', { birthCertificateCopies: 2 });
    expect(receiptFees(local, null)).toEqual({
      fees: { items: [{ name: 'Phí cấp bản sao Giấy khai sinh (2 bản × 8.000 đồng)', amount: 16000 }], total: 16000, status: 'chua_thanh_toan' },
      payment: null,
    });
    const portal = { code: 'X', items: local.items, total: 16000, status: 'chua_thanh_toan' as const, vietQr: '00020101021238', payee: { bankBin: '970415', account: '1', accountName: 'A' }, paidAt: null };
    expect(receiptFees(local, portal).payment).toEqual({ vietQr: '00020101021238', bankName: 'Mã ngân hàng 970415', accountNumber: '1', accountName: 'A' });
    expect(receiptFees(quoteFees(KHAI_SINH, 'truc_tuyen'), null).fees).toEqual({ items: [], total: 0, status: 'mien' });
  });

  it('heads a ward police receipt with Công an tỉnh and a ward committee\'s with UBND tỉnh, from the seeded agency data', () => {
    const seeded = readSeedFiles(path.join(root, 'resources'));
    const agencyOf = (code: string) => seeded.procedures.find((p) => p.code === code)?.agency;
    expect(headingParent(agencyOf(THUONG_TRU.code))).toBe('Công an tỉnh Quảng Ngãi');
    expect(headingParent(agencyOf(KHAI_SINH.code))).toBe('UBND tỉnh Quảng Ngãi');
    expect(headingParent({})).toBeNull();
  });
});

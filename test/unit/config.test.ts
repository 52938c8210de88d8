import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, TRAINING_QUEUE_CENTRE } from '../../src-main/config.js';
import { repoRoot } from '../support/procedures.js';

function dirWith(config?: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-config-'));
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'kiosk.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('kiosk configuration', () => {
  it('needs nothing: no portal URL means the embedded portal', () => {
    const c = loadConfig({ argv: [], env: {}, cwd: dirWith() });
    expect(c.portalUrl).toBeNull();
    expect(c.mode).toBe('self-service');
    expect(c.language).toBe('vi');
    expect(c.staffLockSeconds).toBe(300);
    expect(c.onScreenKeyboard).toBe('auto');
  });

  it('takes the assisted counter\'s auto-lock time from the environment, and refuses zero', () => {
    expect(loadConfig({ argv: [], env: { KIOSK_STAFF_LOCK_SECONDS: '2' }, cwd: dirWith() }).staffLockSeconds).toBe(2);
    expect(() => loadConfig({ argv: [], env: {}, cwd: dirWith({ staffLockSeconds: 0 }) })).toThrow(/staffLockSeconds/);
  });

  it('turns the on-screen keyboard\'s auto-open off for a kiosk with a physical keyboard, and refuses anything else', () => {
    expect(loadConfig({ argv: [], env: { KIOSK_ON_SCREEN_KEYBOARD: 'manual' }, cwd: dirWith() }).onScreenKeyboard).toBe('manual');
    expect(loadConfig({ argv: [], env: {}, cwd: dirWith({ onScreenKeyboard: 'manual' }) }).onScreenKeyboard).toBe('manual');
    expect(() => loadConfig({ argv: [], env: { KIOSK_ON_SCREEN_KEYBOARD: 'on' }, cwd: dirWith() })).toThrow(/onScreenKeyboard/);
  });

  it('reads the scanner as a keyboard wedge unless told it is a HID device, whose USB ids it then needs', () => {
    expect(loadConfig({ argv: [], env: {}, cwd: dirWith() }).scanner).toBe('wedge');
    const hid = loadConfig({ argv: [], env: { KIOSK_SCANNER: 'hid', KIOSK_SCANNER_VENDOR_ID: '0c2e', KIOSK_SCANNER_PRODUCT_ID: '0x0B61' }, cwd: dirWith() });
    expect(hid).toMatchObject({ scanner: 'hid', scannerVendorId: 0x0c2e, scannerProductId: 0x0b61 });
    expect(loadConfig({ argv: [], env: {}, cwd: dirWith({ scanner: 'hid', scannerVendorId: 3118, scannerProductId: 2913 }) }).scannerProductId).toBe(2913);
    expect(() => loadConfig({ argv: [], env: {}, cwd: dirWith({ scanner: 'hid', scannerVendorId: 3118 }) })).toThrow(/scannerProductId: Máy quét HID cần mã nhà sản xuất/);
    expect(() => loadConfig({ argv: [], env: { KIOSK_SCANNER: 'hid', KIOSK_SCANNER_VENDOR_ID: 'zebra', KIOSK_SCANNER_PRODUCT_ID: '1' }, cwd: dirWith() })).toThrow(/scannerVendorId: Mã USB là số/);
    expect(() => loadConfig({ argv: [], env: { KIOSK_SCANNER: 'serial' }, cwd: dirWith() })).toThrow(ConfigError);
  });

  it('takes the deployment facts from configuration, with the training portal\'s as defaults, and stops on a wrong one', () => {
    const defaults = loadConfig({ argv: [], env: {}, cwd: dirWith() });
    expect(defaults).toMatchObject({
      place: 'Quảng Ngãi',
      lookupBaseUrl: 'https://dichvucong.quangngai.gov.vn/tra-cuu',
      payee: { bankBin: '970415', account: '113000999999', accountName: 'KHO BAC NHA NUOC QUANG NGAI - DAO TAO' },
    });
    const elsewhere = loadConfig({
      argv: [],
      env: { KIOSK_PLACE: 'Đà Nẵng', KIOSK_LOOKUP_BASE_URL: 'https://dichvucong.danang.gov.vn/tra-cuu' },
      cwd: dirWith({ payee: { bankBin: '970436', account: '0041000123456', accountName: 'KHO BAC NHA NUOC DA NANG' } }),
    });
    expect(elsewhere).toMatchObject({ place: 'Đà Nẵng', lookupBaseUrl: 'https://dichvucong.danang.gov.vn/tra-cuu', payee: { bankBin: '970436', account: '0041000123456' } });
    const refused = (env: Record<string, string>, file?: unknown) => () => loadConfig({ argv: [], env, cwd: dirWith(file) });
    expect(refused({ KIOSK_LOOKUP_BASE_URL: 'dichvucong.danang.gov.vn/tra-cuu' })).toThrow(/lookupBaseUrl: Địa chỉ tra cứu hồ sơ \(lookupBaseUrl\) phải là địa chỉ web/);
    expect(refused({ KIOSK_LOOKUP_BASE_URL: 'ftp://dichvucong.danang.gov.vn/' })).toThrow(ConfigError);
    expect(refused({ KIOSK_PLACE: '   ' })).toThrow(/place: Tên địa danh trên giấy tờ \(place\) không được để trống/);
    expect(refused({}, { payee: { bankBin: '97041', account: '113000999999', accountName: 'KBNN' } })).toThrow(/payee.bankBin: Mã ngân hàng .* gồm đúng 6 chữ số/);
    expect(refused({}, { payee: { bankBin: '970415', account: '1130-0099-9999', accountName: 'KBNN' } })).toThrow(/payee.account: Số tài khoản thu phí/);
    expect(refused({}, { payee: { bankBin: '970415', account: '113000999999', accountName: '' } })).toThrow(/payee.accountName: Tên tài khoản thu phí/);
  });

  it('takes the update feed from the file or the environment, none by default, and refuses one that is not a web address', () => {
    expect(loadConfig({ argv: [], env: {}, cwd: dirWith() }).updateFeedUrl).toBeNull();
    expect(loadConfig({ argv: [], env: {}, cwd: dirWith({ updateFeedUrl: 'https://capnhat.quangngai.gov.vn/kiosk/' }) }).updateFeedUrl).toBe('https://capnhat.quangngai.gov.vn/kiosk/');
    expect(loadConfig({ argv: [], env: { KIOSK_UPDATE_FEED_URL: 'http://10.0.0.2/kiosk/' }, cwd: dirWith() }).updateFeedUrl).toBe('http://10.0.0.2/kiosk/');
    expect(() => loadConfig({ argv: [], env: { KIOSK_UPDATE_FEED_URL: 'file:///srv/kiosk/' }, cwd: dirWith() })).toThrow(/updateFeedUrl: Địa chỉ nguồn cập nhật \(updateFeedUrl\) phải là địa chỉ web/);
  });

  it('layers file < environment < flags', () => {
    const cwd = dirWith({ kioskId: 'FILE', mode: 'assisted', portalUrl: 'http://10.0.0.1:8480' });
    const c = loadConfig({
      argv: ['--headless', '--data-dir', 'here'],
      env: { KIOSK_ID: 'ENV-1', KIOSK_PORT: '5000', KIOSK_PORTAL_URL: '' },
      cwd,
    });
    expect(c).toMatchObject({ kioskId: 'ENV-1', mode: 'assisted', port: 5000, portalUrl: null, headless: true, dataDir: path.join(cwd, 'here') });
  });

  it('serves the training Cẩm Thành centre\'s queue unless told another, and refuses a code that is not one', () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(repoRoot, 'resources/queue/centres.json'), 'utf8')) as { centres: { agencyCode: string }[] };
    expect(shipped.centres.map((c) => c.agencyCode)).toContain(TRAINING_QUEUE_CENTRE);
    expect(loadConfig({ argv: [], env: {}, cwd: dirWith() }).queueCentre).toBe(TRAINING_QUEUE_CENTRE);
    expect(loadConfig({ argv: [], env: { KIOSK_QUEUE_CENTRE: '000.00.34.H48' }, cwd: dirWith() }).queueCentre).toBe('000.00.34.H48');
    expect(() => loadConfig({ argv: [], env: { KIOSK_QUEUE_CENTRE: 'Cẩm Thành' }, cwd: dirWith() })).toThrow(/queueCentre: Mã bộ phận một cửa/);
  });

  it('says in Vietnamese which setting is wrong', () => {
    const cwd = dirWith({ mode: 'kiosk', portalUrl: 'ftp://x' });
    expect(() => loadConfig({ argv: [], env: {}, cwd })).toThrow(ConfigError);
    try {
      loadConfig({ argv: [], env: { KIOSK_LANG: 'fr' }, cwd });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/Cấu hình kiosk không hợp lệ/);
      expect(msg).toMatch(/mode/);
      expect(msg).toMatch(/portalUrl/);
      expect(msg).toMatch(/language/);
    }
  });

  it('rejects unknown keys (a typo must not be silently ignored) and unreadable files', () => {
    expect(() => loadConfig({ argv: [], env: {}, cwd: dirWith({ protalUrl: 'http://x' }) })).toThrow(/protalUrl|không hợp lệ/);
    expect(() => loadConfig({ argv: [], env: {}, cwd: dirWith('{ not json') })).toThrow(/không đọc được/);
    expect(() => loadConfig({ argv: ['--config', '/nonexistent/k.json'], env: {}, cwd: dirWith() })).toThrow(/Không tìm thấy tệp cấu hình/);
  });
});

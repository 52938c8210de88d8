import { describe, expect, it } from 'vitest';
import { ADMIN_BLOCK_MS, ADMIN_MAX_FAILURES, AdminAccess } from '../../src-main/admin/admin-access.js';
import { KioskSettingsStore, liveConfig, settingsFromConfig } from '../../src-main/admin/kiosk-settings.js';
import { loadConfig } from '../../src-main/config.js';
import { CounterDesk } from '../../src-main/session/counter-desk.js';
import type { Ticket } from '../../src-shared/portal-queue-api.js';
import { PortalSignIn } from '../../src-main/session/portal-sign-in.js';
import { KioskError } from '../../src-shared/errors.js';
import type { KioskSettings } from '../../src-shared/kiosk-contract/admin.js';

const PIN = '8642';

function setup() {
  let t = Date.parse('2026-03-02T02:00:00.000Z');
  const now = () => new Date(t);
  const audit: { actor: string; action: string }[] = [];
  const signIn = new PortalSignIn();
  const access = new AdminAccess(signIn, { record: (actor, action) => audit.push({ actor, action }) }, now);
  return { signIn, access, audit, advance: (ms: number) => (t += ms) };
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KioskError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

describe('Quản trị kiosk access', () => {
  it('opens for an administrator with the shift PIN only, and for that shift only', async () => {
    const { signIn, access, audit } = setup();
    expect(() => access.require()).toThrow(KioskError);
    await signIn.setStaff({ token: 't1', username: 'quantri.noivu', displayName: 'Quản trị', agencyCode: '000.00.02.H48', isAdmin: true }, PIN);
    await access.open(PIN);
    expect(access.require()).toBe('quantri.noivu');
    signIn.lock();
    expect(() => access.require()).toThrow(KioskError);
    expect(await signIn.unlock(PIN)).toEqual({ outcome: 'unlocked' });
    // A new shift, even of the same officer, must open it again.
    signIn.takeStaff();
    await signIn.setStaff({ token: 't2', username: 'quantri.noivu', displayName: 'Quản trị', agencyCode: '000.00.02.H48', isAdmin: true }, PIN);
    expect(() => access.require()).toThrow(KioskError);
    expect(audit.map((a) => a.action)).toEqual(['admin.open']);
  });

  it('wrong PINs and roles count together; the limit blocks even the right PIN for the block time (fixed clock)', async () => {
    const { signIn, access, audit, advance } = setup();
    await signIn.setStaff({ token: 't1', username: 'canbo.camthanh', displayName: 'Cán bộ', agencyCode: '000.00.31.H48' }, '2468');
    expect(await refusal(access.open('2468'))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(`Còn ${ADMIN_MAX_FAILURES - 1} lần thử`) });
    signIn.takeStaff();
    await signIn.setStaff({ token: 't2', username: 'quantri.noivu', displayName: 'Quản trị', agencyCode: '000.00.02.H48', isAdmin: true }, PIN);
    for (let i = 1; i < ADMIN_MAX_FAILURES - 1; i++) await refusal(access.open('0000'));
    expect(await refusal(access.open('0000'))).toMatchObject({ code: 'STAFF_PIN_WRONG', message: expect.stringContaining('tạm khóa 5 phút') });
    expect(await refusal(access.open(PIN))).toMatchObject({ code: 'FORBIDDEN', message: 'Nhập sai quá nhiều lần. Vui lòng thử lại sau 5 phút.' });
    advance(ADMIN_BLOCK_MS - 1000);
    expect(await refusal(access.open(PIN))).toMatchObject({ message: expect.stringContaining('thử lại sau 1 phút') });
    advance(1000);
    await access.open(PIN);
    expect(access.require()).toBe('quantri.noivu');
    expect(audit.filter((a) => a.action === 'admin.blocked')).toHaveLength(1);
  });
});

describe('kiosk settings over the config', () => {
  const defaults: KioskSettings = { mode: 'self-service', visitIdleSeconds: 90, printerQueue: null, receiptLayout: 'a4', language: 'vi', retentionDays: 7, logLevel: 'info', counter: null };
  const memory = () => {
    const m = new Map<string, string>();
    return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v) };
  };

  it('what staff saved wins after a restart; a stored value that no longer passes is ignored on its own', () => {
    const store = memory();
    const first = new KioskSettingsStore(store, defaults, 'http://127.0.0.1:1');
    first.save({ ...defaults, visitIdleSeconds: 240, mode: 'assisted' });
    first.savePortalUrl('https://dichvucong.quangngai.gov.vn');
    const again = new KioskSettingsStore(store, defaults, 'http://127.0.0.1:1');
    expect(again.current()).toMatchObject({ visitIdleSeconds: 240, mode: 'assisted' });
    expect(again.portalUrl()).toBe('https://dichvucong.quangngai.gov.vn');
    store.set('admin.settings', JSON.stringify({ visitIdleSeconds: 5, mode: 'assisted', surprise: 1 }));
    expect(new KioskSettingsStore(store, defaults, null).current()).toEqual({ ...defaults, mode: 'assisted' });
    expect(() => again.save({ ...defaults, retentionDays: -1 })).toThrow();
    expect(again.current().retentionDays).toBe(7);
  });

  it('the counter number (KIOSK_COUNTER the default) is a setting: 1–99 or none, applied to the counter desk without a restart', () => {
    const config = loadConfig({ argv: [], env: { KIOSK_COUNTER: '2', KIOSK_MODE: 'assisted', KIOSK_DATA_DIR: '/tmp/kiosk-counter-test' }, cwd: '/nonexistent' });
    const settings = new KioskSettingsStore(memory(), settingsFromConfig(config), null);
    expect(settings.current().counter).toBe(2);
    const live = liveConfig(config, settings);
    const desk = new CounterDesk(() => (live.mode === 'assisted' ? live.counter : null));
    expect(desk.counter).toBe(2);
    const called = { label: 'B-015', status: 'called', counter: 2 } as Ticket;
    desk.update(called);
    expect(desk.servingLabel()).toBe('B-015');

    settings.save({ ...settings.current(), counter: 5 });
    expect(desk.counter).toBe(5);
    // The ticket called at counter 2 is not served at counter 5: no application is stamped with it.
    expect(desk.servingLabel()).toBeNull();
    settings.save({ ...settings.current(), counter: null });
    expect(desk.counter).toBeNull();
    settings.save({ ...settings.current(), counter: 3, mode: 'self-service' });
    expect(desk.counter).toBeNull();

    for (const bad of [0, 100, 2.5]) expect(() => settings.save({ ...settings.current(), counter: bad })).toThrow();
    expect(settings.current().counter).toBe(3);
  });
});

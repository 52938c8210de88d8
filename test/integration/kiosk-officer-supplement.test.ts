import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import { startTestPortal } from '../support/portal.js';
import { call as http, loginCitizen, loginOfficer } from '../support/portal-auth.js';
import { signInCitizen } from '../support/host-session.js';

/**
 * The host's side of "Bổ sung hồ sơ", through the dispatcher as the UI calls
 * it: only what was asked, all of it, by the person who opened the request,
 * committed once and sent once.
 */

const KHAI_SINH_CODE = '1.001193.000.00.00.H48';
const AN = { username: '051085001234', password: 'Demo@2026', phone: '0912000111' };
const NGOC = { username: '051192006789', password: 'Demo@2026', phone: '0935000222' };

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let host: Host;
let dataDir: string;
let code: string;

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const dispatch = async <T>(name: string, input: unknown) => (await host.dispatch(name, input)) as Result<T>;

function png(shade: number): string {
  const img = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < img.data.length; i += 4) img.data.set([shade, 100, 200, 255], i);
  return PNG.sync.write(img).toString('base64');
}

async function attachmentCount(): Promise<number> {
  const db = portal.context.db;
  const app = await db.selectFrom('applications').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return (await db.selectFrom('application_attachments').select('sha256').where('application_id', '=', app.id).execute()).length;
}

beforeAll(async () => {
  portal = await startTestPortal();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-supplement-'));
  host = await createHost(KioskConfigSchema.parse({ portalUrl: portal.url, dataDir, kioskId: 'KIOSK-BS', training: true }), { shell: 'browser' });

  // An online application by An, and the officer's request for a new birth certificate photo.
  const an = await loginCitizen(portal.url, { citizenId: AN.username, password: AN.password, phone: AN.phone });
  const form = new FormData();
  form.append(
    'application',
    JSON.stringify({
      procedureCode: KHAI_SINH_CODE,
      applicant: { fullName: 'Nguyễn Văn An', citizenId: AN.username, phone: AN.phone, address: 'Phường Cẩm Thành, tỉnh Quảng Ngãi' },
      fields: {
        childFullName: 'Nguyễn Thị Bé',
        childBirthDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10),
        childSex: 'nu',
        birthPlace: 'Bệnh viện Đa khoa tỉnh Quảng Ngãi',
        childEthnicity: 'Kinh',
        motherFullName: 'Trần Thị Hoa',
        declarantRelationship: 'cha',
      },
      channel: 'truc_tuyen',
      declarationAccepted: true,
    }),
  );
  for (const [id, shade] of [
    ['to-khai-dang-ky-khai-sinh', 10],
    ['giay-chung-sinh', 20],
    ['giay-to-tuy-than', 30],
  ] as const) {
    form.append(`doc:${id}`, new Blob([Buffer.from(png(shade), 'base64')], { type: 'image/png' }), `${id}.png`);
  }
  const res = await fetch(`${portal.url}/api/v1/applications`, { method: 'POST', headers: { authorization: `Bearer ${an.token}`, 'idempotency-key': 'bs-online-1' }, body: form });
  code = ((await res.json()) as { code: string }).code;
  expect(res.status).toBe(201);
  const officer = await loginOfficer(portal.url, { username: 'canbo.camthanh', password: 'CanBo@2026' });
  const asked = await http(portal.url, 'POST', `/api/v1/officer/applications/${code}/request-supplement`, {
    body: { expectedStatus: 1, components: [{ componentId: 'giay-chung-sinh', reason: 'Ảnh mờ' }], note: 'Chụp lại Giấy chứng sinh.' },
    token: officer.token,
  });
  expect(asked.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await host?.close();
  await portal?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Bổ sung hồ sơ in the host', () => {
  it('needs a signed-in person, and the request opened first', async () => {
    const anonymous = await dispatch('supplements.request', { code });
    expect(anonymous.ok ? null : anonymous.error.code).toBe('SIGN_IN_REQUIRED');
    await signInCitizen(host, portal.url, AN);
    const sha = await dispatch<{ sha256: string }>('attachments.add', { componentId: 'giay-chung-sinh', fileName: 'moi.png', dataBase64: png(99) });
    expect(sha.ok).toBe(true);
    const early = await dispatch('supplements.submit', { code, attachments: [sha.ok ? sha.data : null] });
    expect(early.ok ? null : early.error.message).toBe('Vui lòng mở yêu cầu bổ sung của hồ sơ trước khi gửi bổ sung.');
  });

  it('accepts only the components asked, all of them', async () => {
    const opened = await dispatch<{ request: { components: { componentId: string }[]; note: string } }>('supplements.request', { code });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.data.request.components.map((c) => c.componentId)).toEqual(['giay-chung-sinh']);
    const stray = await dispatch<{ componentId: string }>('attachments.add', { componentId: 'giay-to-tuy-than', fileName: 'cccd.png', dataBase64: png(77) });
    if (!stray.ok) throw new Error(stray.error.message);
    const wrong = await dispatch('supplements.submit', { code, attachments: [stray.data] });
    expect(wrong.ok ? null : wrong.error.code).toBe('INVALID_INPUT');
    expect(await dispatch('supplements.submit', { code, attachments: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('binds the opened request to the person who opened it', async () => {
    await signInCitizen(host, portal.url, NGOC);
    const file = await dispatch<{ componentId: string }>('attachments.add', { componentId: 'giay-chung-sinh', fileName: 'khac.png', dataBase64: png(55) });
    if (!file.ok) throw new Error(file.error.message);
    const other = await dispatch('supplements.submit', { code, attachments: [file.data] });
    expect(other.ok ? null : other.error.code).toBe('NOT_FOUND');
    const notOwner = await dispatch('supplements.request', { code });
    expect(notOwner.ok).toBe(false);
  });

  it('commits the supplement once and sends it once', async () => {
    await signInCitizen(host, portal.url, AN);
    expect((await dispatch('supplements.request', { code })).ok).toBe(true);
    const file = await dispatch<{ componentId: string }>('attachments.add', { componentId: 'giay-chung-sinh', fileName: 'giay-chung-sinh-moi.png', dataBase64: png(123) });
    if (!file.ok) throw new Error(file.error.message);
    const before = await attachmentCount();
    const sent = await dispatch<{ state: string }>('supplements.submit', { code, note: 'Đã chụp lại.', attachments: [file.data] });
    expect(sent).toMatchObject({ ok: true, data: { state: 'queued' } });
    await expect.poll(async () => ((await dispatch<{ pending: number }>('sync.state', {})) as { ok: true; data: { pending: number } }).data.pending, { timeout: 20_000 }).toBe(0);
    expect(await attachmentCount()).toBe(before + 1);
    // The request is now answered: opening it again says so, and nothing more is sent.
    const again = await dispatch<{ request: { state: string } }>('supplements.request', { code });
    expect(again.ok ? again.data.request.state : null).toBe('supplemented');
    const twice = await dispatch('supplements.submit', { code, attachments: [file.data] });
    expect(twice.ok).toBe(false);
    expect(await attachmentCount()).toBe(before + 1);
  });

  it('refuses officer calls without an open shift', async () => {
    const r = await dispatch('officer.worklist', {});
    expect(r.ok ? null : r.error.code).toMatch(/^(SIGN_IN_REQUIRED|FORBIDDEN)$/);
  });
});

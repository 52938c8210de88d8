import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TicketSchema } from '../../src-shared/portal-queue-api.js';
import { launchChromium, layoutProblems } from '../support/browser.js';
import { testClock } from '../support/portal.js';
import type { TestAccount } from '../integration/portal-applications.fixture.js';
import { CAM_THANH, startOfficerPortal, type OfficerPortal } from '../integration/portal-officer-fixture.js';

/**
 * The hall's display board, as a TV in Chromium shows it: each call appears
 * in order, with a chime and a Vietnamese voice. The speech engine is the
 * device edge here: the test gives the page a Vietnamese voice and records
 * what it is asked to say.
 */
describe('Bảng gọi số (display board)', () => {
  let p: OfficerPortal;
  let browser: Browser;
  let page: Page;
  let kiosk: TestAccount;
  let officer: TestAccount;

  beforeAll(async () => {
    // A Monday at 08:00 in Vietnam: the centre is open whatever the machine's clock says.
    p = await startOfficerPortal({ now: testClock(new Date('2026-03-02T01:00:00.000Z')).now });
    kiosk = await p.kiosk('kiosk-bang-goi-so');
    officer = await p.demo('canbo.camthanh');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript(() => {
      const said: string[] = [];
      (globalThis as unknown as { said: string[] }).said = said;
      const voice = { lang: 'vi-VN', name: 'Tiếng Việt (kiểm thử)' };
      Object.defineProperty(globalThis, 'speechSynthesis', {
        value: { getVoices: () => [voice], speak: (u: { text: string }) => said.push(u.text) },
      });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  const take = async (area: string) => TicketSchema.parse((await p.request('POST', `/api/v1/queue/centres/${CAM_THANH.code}/tickets`, { token: kiosk.token, body: { area } })).body);
  const act = async (path: string, counter: number) => {
    const r = await p.request('POST', `/api/v1/officer/queue${path}`, { token: officer.token, body: { counter } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return TicketSchema.parse(r.body);
  };

  it('shows each call in order at its counter and reads it aloud in Vietnamese', async () => {
    await take('A');
    await take('C');
    await page.goto(`${p.url}/hang-doi/bang/${CAM_THANH.code}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Bộ phận một cửa');

    const first = await act('/next', 1);
    const now = page.getByRole('region', { name: 'Số đang gọi' });
    await expect.poll(() => now.textContent()).toContain('A-001');
    expect(await now.textContent()).toContain('Mời đến quầy số 1');

    await act('/next', 2);
    await expect.poll(() => now.textContent()).toContain('C-001');
    await act(`/tickets/${first.id}/recall`, 1);
    await expect.poll(() => now.textContent()).toContain('(gọi lại)');

    const recent = page.getByRole('list', { name: 'Các số vừa gọi' }).getByRole('listitem');
    expect(await recent.allTextContents()).toEqual(['A-001 → quầy số 1 (gọi lại)', 'C-001 → quầy số 2', 'A-001 → quầy số 1']);
    expect(await page.evaluate(() => (globalThis as unknown as { said: string[] }).said)).toEqual([
      'Mời số A 1 đến quầy số 1',
      'Mời số C 1 đến quầy số 2',
      'Mời số A 1 đến quầy số 1',
    ]);
    expect(await layoutProblems(page)).toEqual([]);
  });

  it('without a Vietnamese voice, says each new call with the build\'s clips, word by word, one call after another', async () => {
    // A TV whose Chromium has no Vietnamese voice (the usual case on Linux), switched on
    // after the first calls of the day. The audio output is the device edge: the test
    // records which clip each play() was for and ends it at once; that Chromium decodes
    // the clips is checked on a real one.
    const tv = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await tv.addInitScript(() => {
      const played: string[] = [];
      (globalThis as unknown as { played: string[] }).played = played;
      Object.defineProperty(globalThis, 'speechSynthesis', { value: { getVoices: () => [], speak: () => undefined } });
      interface Media extends EventTarget {
        src: string;
      }
      const media = (globalThis as unknown as { HTMLMediaElement: { prototype: { play: (this: Media) => Promise<void> } } }).HTMLMediaElement;
      media.prototype.play = function (this: Media) {
        played.push(new URL(this.src).pathname);
        setTimeout(() => this.dispatchEvent(new Event('ended')), 10);
        return Promise.resolve();
      };
    });
    const played = () => tv.evaluate(() => (globalThis as unknown as { played: string[] }).played);
    try {
      await tv.goto(`${p.url}/hang-doi/bang/${CAM_THANH.code}`);
      const now = tv.getByRole('region', { name: 'Số đang gọi' });
      // The morning's calls are on the board, and none of them is read out again.
      await expect.poll(() => now.textContent()).toContain('A-001');
      expect(await tv.locator('body').getAttribute('data-clips')).toBe('yes');
      const seconds = await tv.evaluate(async () => {
        const audio = await (await fetch('/hang-doi/am-thanh/moi-so.wav')).arrayBuffer();
        type Decoder = new (channels: number, length: number, rate: number) => { decodeAudioData: (b: ArrayBuffer) => Promise<{ duration: number }> };
        const Offline = (globalThis as unknown as { OfflineAudioContext: Decoder }).OfflineAudioContext;
        return (await new Offline(1, 1, 22_050).decodeAudioData(audio)).duration;
      });
      expect(seconds).toBeGreaterThan(0.3);

      for (const counter of [1, 2]) {
        const serving = (await p.request('GET', `/api/v1/officer/queue/counters/${counter}`, { token: officer.token })).body as { serving: { id: string } | null };
        if (serving.serving) await act(`/tickets/${serving.serving.id}/complete`, counter);
      }
      await take('A');
      await take('C');
      expect((await act('/next', 1)).label).toBe('A-002');
      expect((await act('/next', 2)).label).toBe('C-002');
      const clips = (...ids: string[]) => ids.map((id) => `/hang-doi/am-thanh/${id}.wav`);
      await expect
        .poll(played)
        .toEqual([...clips('moi-so', 'chu-a', 'hai', 'den-quay-so', 'mot'), ...clips('moi-so', 'chu-c', 'hai', 'den-quay-so', 'hai')]);
      expect(await tv.locator('body').getAttribute('data-voice')).toBe('clips');
    } finally {
      await tv.close();
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HolidayYearSchema } from '../../src-shared/portal-applications-api.js';
import { testClock } from '../support/portal.js';
import {
  KHAI_SINH_FILES,
  THUONG_TRU_FILES,
  applicationForm,
  call,
  khaiSinhApplication,
  startApplicationsPortal,
  submit,
  thuongTruApplication,
} from './portal-applications.fixture.js';

/**
 * Appointment dates ("ngày hẹn trả") are counted in office hours (7:00–11:30,
 * 13:30–17:00, Vietnam time) on working days from the holiday table. The
 * expected instants below are worked out by hand in the comments.
 */

async function appointmentFor(at: Date, application: unknown, files: typeof KHAI_SINH_FILES): Promise<string> {
  const p = await startApplicationsPortal({ now: testClock(at).now });
  try {
    const { token } = await p.citizen();
    const r = await submit(p.url, token, applicationForm(application, files));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return String(r.body.appointmentAt);
  } finally {
    await p.close();
  }
}

describe('appointment dates', () => {
  it('across Tết 2027: 7 working days from Thu 4 Feb 09:00 end on Mon 22 Feb 09:00', async () => {
    // Tết block Fri 5 – Tue 9 Feb (mùng 1 = Sat 6), compensatory Wed 10 and Thu 11 for the weekend days.
    // Thu 4: 6 h; working again Fri 12 (8), Mon 15–Fri 19 (40) = 54 h; the last 2 h on Mon 22 → 09:00.
    const at = await appointmentFor(new Date('2027-02-04T02:00:00.000Z'), thuongTruApplication(), THUONG_TRU_FILES);
    expect(at).toBe('2027-02-22T02:00:00.000Z');
  });

  it('across 30/4–1/5 2026: 7 working days from Wed 29 Apr 14:00 end on Tue 12 May 14:00', async () => {
    // Thu 30/4 and Fri 1/5 are holidays. Wed 29: 3 h; Mon 4 – Fri 8 May: 40 h; Mon 11: 8 h (51);
    // the last 5 h on Tue 12: 4.5 h in the morning, 0.5 h after 13:30 → 14:00.
    const at = await appointmentFor(new Date('2026-04-29T07:00:00.000Z'), thuongTruApplication(), THUONG_TRU_FILES);
    expect(at).toBe('2026-05-12T07:00:00.000Z');
  });

  it('"trả ngay" received after hours before the 30/4 holidays is due at the next opening, Mon 4 May 07:00', async () => {
    const at = await appointmentFor(new Date('2026-04-29T11:00:00.000Z'), khaiSinhApplication(), KHAI_SINH_FILES);
    expect(at).toBe('2026-05-04T00:00:00.000Z');
  });

  it('"trả ngay" received at lunch is due when the afternoon session opens', async () => {
    const at = await appointmentFor(new Date('2026-03-02T05:00:00.000Z'), khaiSinhApplication(), KHAI_SINH_FILES);
    expect(at).toBe('2026-03-02T06:30:00.000Z');
  });
});

describe('holiday table', () => {
  it('is generated at start for this year and the next two only', async () => {
    const p = await startApplicationsPortal({ now: testClock(new Date('2026-03-02T02:00:00.000Z')).now });
    try {
      const years = await p.context.db.selectFrom('holiday_years').select(['year', 'source']).orderBy('year').execute();
      expect(years).toEqual([
        { year: 2026, source: 'generated' },
        { year: 2027, source: 'generated' },
        { year: 2028, source: 'generated' },
      ]);
    } finally {
      await p.close();
    }
  });

  it('officers read a year, an administrator replaces it; the new table drives appointments and survives a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-holidays-'));
    const clock = testClock(new Date('2026-03-02T02:00:00.000Z')); // Mon 2 March, 09:00
    try {
      let p = await startApplicationsPortal({ now: clock.now, dataDir });
      const officer = await p.officer();
      const admin = await p.admin();
      const citizen = await p.citizen();

      const read = await call(p.url, 'GET', '/api/v1/admin/holidays/2026', officer.token);
      expect(read.status).toBe(200);
      const year = HolidayYearSchema.parse(read.body);
      expect(year.source).toBe('generated');
      expect(year.holidays).toEqual(
        expect.arrayContaining([
          { date: '2026-02-17', name: 'Tết Nguyên Đán', kind: 'holiday' },
          { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
          { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', kind: 'compensatory' },
        ]),
      );
      expect((await call(p.url, 'GET', '/api/v1/admin/holidays/2026', citizen.token)).status).toBe(403);
      expect((await call(p.url, 'GET', '/api/v1/admin/holidays/2026')).status).toBe(401);

      // Without edits: Mon 09:00 + 7 working days → Wed 11 March 09:00.
      const before = await submit(p.url, citizen.token, applicationForm(thuongTruApplication(), THUONG_TRU_FILES));
      expect(before.body.appointmentAt).toBe('2026-03-11T02:00:00.000Z');

      // An announced day off on Tue 3 March pushes it by one working day.
      const edited = await call(p.url, 'PUT', '/api/v1/admin/holidays/2026', admin.token, {
        holidays: [...year.holidays, { date: '2026-03-03', name: 'Nghỉ theo thông báo (kiểm thử)', kind: 'thong_bao' }],
        workdays: [],
      });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect(edited.body.source).toBe('edited');
      const after = await submit(p.url, citizen.token, applicationForm(thuongTruApplication(), THUONG_TRU_FILES));
      expect(after.body.appointmentAt).toBe('2026-03-12T02:00:00.000Z');

      // A Saturday declared a working day ("làm bù") pulls it back in.
      const swapped = await call(p.url, 'PUT', '/api/v1/admin/holidays/2026', admin.token, {
        holidays: year.holidays,
        workdays: [{ date: '2026-03-07', name: 'Làm bù (kiểm thử)' }],
      });
      expect(swapped.status).toBe(200);
      expect(swapped.body.workdays).toEqual([{ date: '2026-03-07', name: 'Làm bù (kiểm thử)' }]);
      const withSaturday = await submit(p.url, citizen.token, applicationForm(thuongTruApplication(), THUONG_TRU_FILES));
      expect(withSaturday.body.appointmentAt).toBe('2026-03-10T02:00:00.000Z');

      await p.close();
      p = await startApplicationsPortal({ now: clock.now, dataDir });
      const officer2 = await p.officer();
      const reread = HolidayYearSchema.parse((await call(p.url, 'GET', '/api/v1/admin/holidays/2026', officer2.token)).body);
      expect(reread.source).toBe('edited');
      expect(reread.workdays).toEqual([{ date: '2026-03-07', name: 'Làm bù (kiểm thử)' }]);
      await p.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a table with dates outside the year, duplicates, or a weekday declared "làm bù"', async () => {
    const p = await startApplicationsPortal({ now: testClock(new Date('2026-03-02T02:00:00.000Z')).now });
    try {
      const officer = await p.officer();
      const admin = await p.admin();
      const r = await call(p.url, 'PUT', '/api/v1/admin/holidays/2026', admin.token, {
        holidays: [
          { date: '2027-01-01', name: 'Tết Dương lịch' },
          { date: '2026-09-02', name: 'Quốc khánh' },
          { date: '2026-09-02', name: 'Quốc khánh' },
        ],
        workdays: [{ date: '2026-03-04', name: 'Thứ Tư' }],
      });
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe('INVALID_HOLIDAYS');
      expect((r.body.error?.details as { path: string }[]).map((d) => d.path)).toEqual([
        'holidays.0.date',
        'holidays.2.date',
        'workdays.0.date',
      ]);
      const malformed = await call(p.url, 'PUT', '/api/v1/admin/holidays/2026', admin.token, { holidays: [{ date: '2/9/2026' }] });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error?.code).toBe('INVALID_INPUT');
      // Nothing was replaced.
      const year = HolidayYearSchema.parse((await call(p.url, 'GET', '/api/v1/admin/holidays/2026', officer.token)).body);
      expect(year.source).toBe('generated');
    } finally {
      await p.close();
    }
  });
});

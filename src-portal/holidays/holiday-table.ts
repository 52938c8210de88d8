import type { Kysely } from 'kysely';
import { vietnamPublicHolidays } from '../../src-shared/domain/holidays.js';
import type { WorkCalendar } from '../../src-shared/domain/working-days.js';
import type { HolidayYear, HolidayYearUpdate } from '../../src-shared/portal-applications-api.js';
import { HolidayYearUpdateSchema } from '../../src-shared/portal-applications-api.js';
import { parseDateKey, weekdayOfKey } from '../../src-shared/domain/vn-time.js';
import type { PortalDb } from '../db/tables.js';
import { PortalHttpError } from '../http/errors.js';
import { HOLIDAY_NAME_RULE, holidayKindAllowed, holidayNameAllowed } from './holiday-name.js';

/**
 * The portal's holiday table ("ngày nghỉ"): one row per day off, plus the
 * weekend days declared working days. Years are generated from the Labour
 * Code rules (lunar calendar) the first time they are needed and never
 * regenerated afterwards, so an officer's edit to match the government's
 * announced schedule survives restarts.
 */

type Db = Kysely<PortalDb>;

/** Inserts the generated holidays of every year in [from, to] that has no table yet. */
export async function ensureHolidayYears(db: Db, from: number, to: number, now: Date): Promise<void> {
  const present = new Set(
    (await db.selectFrom('holiday_years').select('year').where('year', '>=', from).where('year', '<=', to).execute()).map((r) => r.year),
  );
  for (let year = from; year <= to; year++) {
    if (present.has(year)) continue;
    const days = vietnamPublicHolidays(year);
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('holiday_years')
        .values({ year, source: 'generated', updated_at: now.toISOString() })
        .onConflict((oc) => oc.column('year').doNothing())
        .executeTakeFirst();
      // Another request generated it between our read and this write.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
      for (const d of days) {
        await trx.insertInto('holidays').values({ date: d.date, year, name: d.name, kind: d.kind, day_off: 1 }).execute();
      }
    });
  }
}

/** The calendar covering [fromYear, toYear] for working-day arithmetic. */
export async function loadWorkCalendar(db: Db, fromYear: number, toYear: number, now: Date): Promise<WorkCalendar> {
  await ensureHolidayYears(db, fromYear, toYear, now);
  const rows = await db
    .selectFrom('holidays')
    .select(['date', 'day_off'])
    .where('year', '>=', fromYear)
    .where('year', '<=', toYear)
    .execute();
  return {
    holidays: new Set(rows.filter((r) => r.day_off === 1).map((r) => r.date)),
    extraWorkdays: new Set(rows.filter((r) => r.day_off === 0).map((r) => r.date)),
  };
}

export async function readHolidayYear(db: Db, year: number, now: Date): Promise<HolidayYear> {
  await ensureHolidayYears(db, year, year, now);
  const meta = await db.selectFrom('holiday_years').selectAll().where('year', '=', year).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('holidays').selectAll().where('year', '=', year).orderBy('date').execute();
  return {
    year,
    holidays: rows.filter((r) => r.day_off === 1).map((r) => ({ date: r.date, name: r.name, kind: r.kind })),
    workdays: rows.filter((r) => r.day_off === 0).map((r) => ({ date: r.date, name: r.name })),
    source: meta.source,
    updatedAt: meta.updated_at,
  };
}

/** Replaces a year's table with an officer's version (the government's announced schedule). */
export async function replaceHolidayYear(db: Db, year: number, input: HolidayYearUpdate, now: Date): Promise<HolidayYear> {
  const update = HolidayYearUpdateSchema.parse(input);
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const check = (date: string, path: string) => {
    const d = parseDateKey(date);
    if (!d) problems.push({ path, message: `Ngày ${date} không tồn tại.` });
    else if (d.year !== year) problems.push({ path, message: `Ngày ${date} không thuộc năm ${year}.` });
    else if (seen.has(date)) problems.push({ path, message: `Ngày ${date} bị khai báo hai lần.` });
    seen.add(date);
  };
  const checkName = (name: string, date: string, path: string) => {
    if (!holidayNameAllowed(name)) problems.push({ path, message: `Tên của ngày ${date} ${HOLIDAY_NAME_RULE}.` });
  };
  update.holidays.forEach((h, i) => {
    check(h.date, `holidays.${i}.date`);
    checkName(h.name, h.date, `holidays.${i}.name`);
    if (!holidayKindAllowed(h.kind)) {
      problems.push({ path: `holidays.${i}.kind`, message: `Loại ngày nghỉ của ngày ${h.date} phải là mã viết thường không dấu, ví dụ nghi_le hoặc nghi_bu.` });
    }
  });
  update.workdays.forEach((w, i) => {
    check(w.date, `workdays.${i}.date`);
    checkName(w.name, w.date, `workdays.${i}.name`);
    if (parseDateKey(w.date) && ![0, 6].includes(weekdayOfKey(w.date))) {
      problems.push({ path: `workdays.${i}.date`, message: `Ngày ${w.date} không phải thứ Bảy hoặc Chủ nhật nên không cần khai báo làm bù.` });
    }
  });
  if (problems.length > 0) {
    throw new PortalHttpError(400, 'INVALID_HOLIDAYS', `Bảng ngày nghỉ năm ${year} không hợp lệ: ${problems.map((p) => p.message).join(' ')}`, problems);
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('holiday_years')
      .values({ year, source: 'edited', updated_at: now.toISOString() })
      .onConflict((oc) => oc.column('year').doUpdateSet({ source: 'edited', updated_at: now.toISOString() }))
      .execute();
    await trx.deleteFrom('holidays').where('year', '=', year).execute();
    for (const h of update.holidays) {
      await trx.insertInto('holidays').values({ date: h.date, year, name: h.name.normalize('NFC'), kind: h.kind, day_off: 1 }).execute();
    }
    for (const w of update.workdays) {
      await trx.insertInto('holidays').values({ date: w.date, year, name: w.name.normalize('NFC'), kind: 'lam_bu', day_off: 0 }).execute();
    }
  });
  return readHolidayYear(db, year, now);
}

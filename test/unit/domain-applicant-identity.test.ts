import { describe, expect, it } from 'vitest';
import { checkApplicantIdentity, checkDocumentComponents } from '../../src-shared/domain/form-validation.js';
import { makeProcedure } from '../support/procedures.js';

const NOW = new Date('2026-12-02T03:00:00Z');

describe('checkApplicantIdentity (kiosk host and portal alike)', () => {
  it('takes a CCCD that can exist, and an old 9-digit CMND', () => {
    expect(checkApplicantIdentity({ citizenId: '051190001234' }, NOW)).toEqual([]);
    expect(checkApplicantIdentity({ citizenId: '212345678' }, NOW)).toEqual([]);
  });

  it('names the province that does not exist and the birth year in the future', () => {
    expect(checkApplicantIdentity({ citizenId: '999190001234' }, NOW)).toEqual([{ path: 'applicant.citizenId', message: 'Mã tỉnh 999 ở đầu số CCCD không tồn tại.', key: 'CITIZEN_ID_PROVINCE', params: { province: '999' } }]);
    expect(checkApplicantIdentity({ citizenId: '051599001234' }, NOW)[0]?.message).toMatch(/^Năm sinh 2199 suy ra từ số CCCD nằm ở tương lai/);
  });

  it('checks a birth date: real, not after today, and the year the CCCD says', () => {
    const id = '051190001234';
    expect(checkApplicantIdentity({ citizenId: id, birthDate: '1990-02-30' }, NOW)).toEqual([{ path: 'applicant.birthDate', message: 'Ngày sinh 1990-02-30 không tồn tại.', key: 'BIRTH_DATE_NOT_EXIST', params: { date: '1990-02-30' } }]);
    expect(checkApplicantIdentity({ citizenId: id, birthDate: '2027-01-01' }, NOW)[0]?.message).toBe('Ngày sinh không được sau ngày hôm nay.');
    expect(checkApplicantIdentity({ citizenId: id, birthDate: '1991-05-05' }, NOW)[0]?.message).toBe('Năm sinh 1991 không khớp với số CCCD (năm sinh 1990).');
    expect(checkApplicantIdentity({ citizenId: id, birthDate: '1990-05-05' }, NOW)).toEqual([]);
  });
});

describe('checkDocumentComponents', () => {
  const procedure = makeProcedure({ code: '1.001193.000.00.00.H48', name: 'Đăng ký khai sinh' });
  const mandatory = procedure.documents.filter((d) => d.mandatory);

  it('lists the mandatory components with no file and the ones the procedure lacks', () => {
    const r = checkDocumentComponents(procedure.documents, [{ componentId: 'khong-co' }]);
    expect(mandatory.length).toBeGreaterThan(0);
    expect(r.unknown).toEqual(['khong-co']);
    expect(r.missing.map((d) => d.id)).toEqual(mandatory.map((d) => d.id));
  });

  it('is satisfied by one file per mandatory component', () => {
    expect(checkDocumentComponents(procedure.documents, mandatory.map((d) => ({ componentId: d.id })))).toEqual({ unknown: [], missing: [] });
  });
});

import { describe, expect, it } from 'vitest';
import type { FormField } from '../../src-shared/catalogue.js';
import {
  applicantForSubmission,
  checkApplicant,
  checkProcedureFields,
  emptyApplicant,
  missingDocuments,
  type ApplicantMessages,
} from '../../src-renderer/stores/wizard-checks.js';
import { quoteFees } from '../../src-shared/domain/fees.js';

const msg: ApplicantMessages = {
  label: (k) => ({ fullName: 'Họ và tên', citizenId: 'Số CCCD/CMND', phone: 'Số điện thoại', email: 'Email', address: 'Địa chỉ' })[k],
  required: (l) => `${l}: vui lòng nhập thông tin bắt buộc.`,
  tooLong: (l, n) => `${l}: dài quá ${n} ký tự.`,
  emailInvalid: 'Email không hợp lệ.',
};
const today = new Date('2026-03-02T03:00:00Z');
const good = { fullName: 'Nguyễn Văn An', citizenId: '051085001234', phone: '0912 000 111', email: '', address: 'Số 12 Hùng Vương, Quảng Ngãi' };

describe('wizard step 1: applicant', () => {
  it('accepts a complete applicant and leaves the email optional', () => {
    expect(checkApplicant(good, msg, today)).toEqual({});
    expect(applicantForSubmission(good)).toEqual({ fullName: 'Nguyễn Văn An', citizenId: '051085001234', phone: '0912000111', address: 'Số 12 Hùng Vương, Quảng Ngãi' });
  });

  it('names every missing mandatory field, not the email', () => {
    expect(Object.keys(checkApplicant(emptyApplicant(), msg, today)).sort()).toEqual(['applicant.address', 'applicant.citizenId', 'applicant.fullName', 'applicant.phone']);
  });

  it('explains what is wrong with a CCCD, a phone number and an email', () => {
    const issues = checkApplicant({ ...good, citizenId: '0510850012', phone: '12345', email: 'an@' }, msg, today);
    expect(issues['applicant.citizenId']).toBe('Số CCCD phải có 12 chữ số (CMND cũ: 9 chữ số); số đã nhập có 10 chữ số.');
    expect(issues['applicant.phone']).toBe('Số điện thoại không hợp lệ (ví dụ 0912345678).');
    expect(issues['applicant.email']).toBe('Email không hợp lệ.');
    expect(checkApplicant({ ...good, citizenId: '999085001234' }, msg, today)['applicant.citizenId']).toBe('Mã tỉnh 999 ở đầu số CCCD không tồn tại.');
  });
});

describe('wizard step 1: the procedure form', () => {
  const form: FormField[] = [
    { id: 'childBirthDate', type: 'date', label: 'Ngày sinh của trẻ', required: true, notAfterToday: true },
    { id: 'copies', type: 'number', label: 'Số bản sao', required: false, integer: true, min: 0, max: 10 },
    { id: 'sex', type: 'select', label: 'Giới tính', required: true, options: [{ value: 'nu', label: 'Nữ' }] },
  ];

  it('types the values as the portal wants them and ignores empty optional ones', () => {
    expect(checkProcedureFields(form, { childBirthDate: '2026-02-20', copies: '2', sex: 'nu' }, '2026-03-02')).toEqual({
      values: { childBirthDate: '2026-02-20', copies: 2, sex: 'nu' },
      issues: {},
    });
    expect(checkProcedureFields(form, { childBirthDate: '2026-02-20', copies: '', sex: 'nu' }, '2026-03-02').issues).toEqual({});
  });

  it('puts the portal’s message under each field', () => {
    const { issues } = checkProcedureFields(form, { childBirthDate: '2026-03-05', copies: '11', sex: '' }, '2026-03-02');
    expect(issues).toEqual({
      'fields.childBirthDate': 'Ngày sinh của trẻ: không được sau ngày hôm nay.',
      'fields.copies': 'Số bản sao: không được lớn hơn 10.',
      'fields.sex': 'Giới tính: vui lòng nhập thông tin bắt buộc.',
    });
  });

  it('names an impossible or unfinished date as the citizen typed it, dd/mm/yyyy', () => {
    expect(checkProcedureFields(form, { childBirthDate: '31/02/2026', sex: 'nu' }, '2026-03-02').issues).toEqual({
      'fields.childBirthDate': 'Ngày sinh của trẻ: ngày chưa đủ hoặc không có thật (31/02/2026); vui lòng nhập đúng ngày, tháng, năm dạng dd/mm/yyyy.',
    });
  });
});

describe('wizard steps 2 and 3', () => {
  it('lists the mandatory components without a file', () => {
    const docs = [
      { id: 'to-khai', name: 'Tờ khai', originals: 1, copies: 0, mandatory: true },
      { id: 'giay-chung-sinh', name: 'Giấy chứng sinh', originals: 1, copies: 0, mandatory: true },
      { id: 'uy-quyen', name: 'Ủy quyền', originals: 1, copies: 0, mandatory: false },
    ];
    const file = { componentId: 'to-khai', fileName: 'a.pdf', mime: 'application/pdf' as const, size: 10, sha256: 'a'.repeat(64) };
    expect(missingDocuments(docs, [file]).map((d) => d.name)).toEqual(['Giấy chứng sinh']);
  });

  it('picks the fee lines the portal charges for the channel (the shared quoteFees): the first of each kind', () => {
    const fees = [
      { kind: 'le_phi' as const, name: 'Trực tuyến', amount: 10000, channel: 'truc_tuyen' as const },
      { kind: 'le_phi' as const, name: 'Trực tiếp', amount: 20000, channel: 'truc_tiep' as const },
      { kind: 'le_phi' as const, name: 'Trực tiếp, giảm', amount: 15000, channel: 'truc_tiep' as const },
      { kind: 'phi' as const, name: 'Phí', amount: 5000, channel: 'tat_ca' as const },
    ];
    expect(quoteFees({ fees }, 'truc_tiep').items.map((f) => f.name)).toEqual(['Trực tiếp', 'Phí']);
    expect(quoteFees({ fees }, 'truc_tuyen').items.map((f) => f.name)).toEqual(['Trực tuyến', 'Phí']);
  });
});

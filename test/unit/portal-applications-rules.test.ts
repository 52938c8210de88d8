import { describe, expect, it } from 'vitest';
import { FormFieldSchema } from '../../src-shared/catalogue.js';
import { maskApplicantName } from '../../src-portal/applications/name-mask.js';
import { checkFormFields } from '../../src-shared/domain/form-validation.js';
import { sniffAttachmentMime } from '../../src-shared/domain/file-sniff.js';
import { canonicalJson, requestFingerprint } from '../../src-portal/applications/idempotency.js';
import { createRateLimiter } from '../../src-portal/applications/lookup-rate-limit.js';
import { quoteFees } from '../../src-shared/domain/fees.js';
import { PortalHttpError } from '../../src-portal/http/errors.js';

describe('maskApplicantName', () => {
  it('keeps the family name, cuts the rest to initials', () => {
    expect(maskApplicantName('Nguyễn Văn An')).toBe('Nguyễn V*** A');
    expect(maskApplicantName('  Tôn Nữ Thị   Ánh Tuyết ')).toBe('Tôn N*** T*** Á*** T');
    expect(maskApplicantName('Lê Na')).toBe('Lê N');
    expect(maskApplicantName('Đạt')).toBe('Đ***');
    expect(maskApplicantName('')).toBe('***');
  });

  it('works on decomposed (NFD) input', () => {
    expect(maskApplicantName('Nguyễn Đức Ấn'.normalize('NFD'))).toBe('Nguyễn Đ*** Ấ');
  });
});

describe('checkFormFields', () => {
  const fields = [
    { id: 'so', label: 'Số hiệu', type: 'text', required: true, pattern: '[0-9]{3}' },
    { id: 'broken', label: 'Mẫu hỏng', type: 'text', required: false, pattern: '([' },
    { id: 'dienTich', label: 'Diện tích', type: 'number', required: false, integer: false, min: 0 },
    { id: 'ngay', label: 'Ngày', type: 'date', required: false },
  ].map((f) => FormFieldSchema.parse(f));

  it('anchors patterns, trims text and reads numbers typed as text (comma decimals too)', () => {
    expect(checkFormFields(fields, { so: 'x123x' }, '2026-03-02').issues).toEqual([{ path: 'fields.so', message: 'Số hiệu: không đúng định dạng.', key: 'FIELD_PATTERN', params: { label: 'Số hiệu' } }]);
    const ok = checkFormFields(fields, { so: ' 123 ', dienTich: '12,5', ngay: '2030-01-01' }, '2026-03-02');
    expect(ok).toEqual({ values: { so: '123', dienTich: 12.5, ngay: '2030-01-01' }, issues: [] });
  });

  it('a broken pattern in the catalogue does not lock citizens out', () => {
    expect(checkFormFields(fields, { so: '123', broken: 'gì cũng được' }, '2026-03-02').issues).toEqual([]);
  });

  it('refuses non-numbers and non-finite numbers', () => {
    expect(checkFormFields(fields, { so: '123', dienTich: '12m2' }, '2026-03-02').issues).toEqual([{ path: 'fields.dienTich', message: 'Diện tích: phải là một số.', key: 'FIELD_NUMBER', params: { label: 'Diện tích' } }]);
  });

  it('does not read inherited properties as field values', () => {
    expect(checkFormFields([FormFieldSchema.parse({ id: 'constructor', label: 'X', type: 'text', required: true })], {}, '2026-03-02').issues).toHaveLength(1);
  });
});

describe('sniffAttachmentMime', () => {
  it('tells PDF, PNG and JPEG by their first bytes, nothing else', () => {
    expect(sniffAttachmentMime(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffAttachmentMime(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffAttachmentMime(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffAttachmentMime(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffAttachmentMime(Buffer.from('%PD'))).toBeNull();
    expect(sniffAttachmentMime(Buffer.from('PK\x03\x04'))).toBeNull();
  });
});

describe('idempotency fingerprint', () => {
  it('ignores key order and file order, not content or sender', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const files = [
      { part: 'a', sha256: '1' },
      { part: 'b', sha256: '2' },
    ];
    const base = requestFingerprint(1, { x: 1, y: 2 }, files);
    expect(requestFingerprint(1, { y: 2, x: 1 }, [...files].reverse())).toBe(base);
    expect(requestFingerprint(2, { x: 1, y: 2 }, files)).not.toBe(base);
    expect(requestFingerprint(1, { x: 1, y: 3 }, files)).not.toBe(base);
    expect(requestFingerprint(1, { x: 1, y: 2 }, [{ part: 'a', sha256: '1' }])).not.toBe(base);
  });
});

describe('quoteFees', () => {
  const fees = [
    { kind: 'le_phi' as const, name: 'Trực tuyến', amount: 10000, channel: 'truc_tuyen' as const },
    { kind: 'le_phi' as const, name: 'Trực tiếp', amount: 20000, channel: 'truc_tiep' as const },
    { kind: 'le_phi' as const, name: 'Cấp lại do mất', amount: 40000, channel: 'tat_ca' as const },
    { kind: 'phi' as const, name: 'Mọi kênh', amount: 5000, channel: 'tat_ca' as const },
    { kind: 'phi' as const, name: 'Giảm cho sinh viên', amount: 2500, channel: 'tat_ca' as const },
  ];

  it('takes the ordinary case — the first item of each kind for the channel; postal pays the in-person rate', () => {
    expect(quoteFees({ fees }, 'truc_tuyen')).toEqual({
      items: [
        { kind: 'le_phi', name: 'Trực tuyến', amount: 10000, channel: 'truc_tuyen' },
        { kind: 'phi', name: 'Mọi kênh', amount: 5000 },
      ],
      total: 15000,
      unknown: [],
    });
    expect(quoteFees({ fees }, 'truc_tiep').total).toBe(25000);
    expect(quoteFees({ fees }, 'buu_chinh').total).toBe(25000);
    expect(quoteFees({ fees: [] }, 'truc_tuyen')).toEqual({ items: [], total: 0, unknown: [] });
  });

  it('a free first item ("miễn" online) is the answer for its kind, not a reason to fall through', () => {
    const business = [
      { kind: 'le_phi' as const, name: 'Trực tiếp', amount: 25000, channel: 'truc_tiep' as const },
      { kind: 'le_phi' as const, name: 'Qua mạng', amount: 0, channel: 'truc_tuyen' as const },
      { kind: 'le_phi' as const, name: 'Khác', amount: 50000, channel: 'tat_ca' as const },
    ];
    expect(quoteFees({ fees: business }, 'truc_tuyen')).toEqual({ items: [], total: 0, unknown: [] });
  });

  it('uses the applicant\'s choice of cases when given, and reports names that do not apply', () => {
    expect(quoteFees({ fees }, 'truc_tiep', {}, ['Cấp lại do mất', 'Giảm cho sinh viên']).total).toBe(42500);
    expect(quoteFees({ fees }, 'truc_tuyen', {}, []).total).toBe(0);
    expect(quoteFees({ fees }, 'truc_tuyen', {}, ['Trực tiếp', 'Không có']).unknown).toEqual(['Trực tiếp', 'Không có']);
  });
});

describe('createRateLimiter', () => {
  it('slides a one-minute window per key', () => {
    let t = 0;
    const limiter = createRateLimiter(2, () => new Date(t));
    limiter.hit('a');
    t = 10_000;
    limiter.hit('a');
    limiter.hit('b');
    let refused: unknown;
    try {
      limiter.hit('a');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(PortalHttpError);
    expect((refused as PortalHttpError).headers).toEqual({ 'Retry-After': '50' });
    t = 60_000; // the first hit has left the window
    expect(() => limiter.hit('a')).not.toThrow();
    expect(() => limiter.hit('a')).toThrow(PortalHttpError);
  });
});

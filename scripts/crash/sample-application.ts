import crypto from 'node:crypto';

/** A valid "Đăng ký khai sinh" at UBND phường Cẩm Thành, with generated attachments. */
export const KHAI_SINH = '1.001193.000.00.00.H48';

export const KHAI_SINH_FIELDS = {
  childFullName: 'Nguyễn Ngọc Bảo Châu',
  childBirthDate: '2026-11-20',
  childSex: 'nu',
  birthPlace: 'Bệnh viện Đa khoa tỉnh Quảng Ngãi',
  childEthnicity: 'Kinh',
  motherFullName: 'Trần Thị Thu Hường',
  declarantRelationship: 'me',
};

export const APPLICANT = {
  fullName: 'Trần Thị Thu Hường',
  citizenId: '051190001234',
  phone: '0912345678',
  address: 'Tổ 5, phường Cẩm Thành, tỉnh Quảng Ngãi',
};

/**
 * The demo citizen who signs in (Nguyễn Văn An) hands in his wife's
 * application: a proxy, as the kiosk and the portal require when the
 * applicant's CCCD is not the signed-in one. Ignored at the assisted counter.
 */
export const PROXY_SUBMITTER = { kind: 'proxy', relation: 'Chồng của người yêu cầu' } as const;

/** A small but real-looking PDF body, different every time. */
export function randomPdf(rng: () => number): Buffer {
  const size = 512 + Math.floor(rng() * 48 * 1024);
  return Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n'), crypto.randomBytes(size), Buffer.from('\n%%EOF\n')]);
}

export const MANDATORY_DOCUMENTS = ['to-khai-dang-ky-khai-sinh', 'giay-chung-sinh', 'giay-to-tuy-than'];

/**
 * Application statuses of the national public-service portal (codes 1–10),
 * and the one-stop workflow between them.
 */

export type StatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export type StatusKey =
  | 'moi_dang_ky'
  | 'duoc_tiep_nhan'
  | 'khong_duoc_tiep_nhan'
  | 'dang_xu_ly'
  | 'yeu_cau_bo_sung'
  | 'yeu_cau_nghia_vu_tai_chinh'
  | 'cong_dan_rut_ho_so'
  | 'dung_xu_ly'
  | 'da_xu_ly_xong'
  | 'da_tra_ket_qua';

export interface ApplicationStatus {
  code: StatusCode;
  key: StatusKey;
  name: string;
  nameEn: string;
}

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  { code: 1, key: 'moi_dang_ky', name: 'Mới đăng ký', nameEn: 'Newly submitted' },
  { code: 2, key: 'duoc_tiep_nhan', name: 'Được tiếp nhận', nameEn: 'Accepted' },
  { code: 3, key: 'khong_duoc_tiep_nhan', name: 'Không được tiếp nhận', nameEn: 'Rejected at reception' },
  { code: 4, key: 'dang_xu_ly', name: 'Đang xử lý', nameEn: 'In progress' },
  { code: 5, key: 'yeu_cau_bo_sung', name: 'Yêu cầu bổ sung giấy tờ', nameEn: 'Additional documents requested' },
  { code: 6, key: 'yeu_cau_nghia_vu_tai_chinh', name: 'Yêu cầu thực hiện nghĩa vụ tài chính', nameEn: 'Payment of fees or taxes requested' },
  { code: 7, key: 'cong_dan_rut_ho_so', name: 'Công dân yêu cầu rút hồ sơ', nameEn: 'Withdrawn by the applicant' },
  { code: 8, key: 'dung_xu_ly', name: 'Dừng xử lý', nameEn: 'Processing stopped' },
  { code: 9, key: 'da_xu_ly_xong', name: 'Đã xử lý xong', nameEn: 'Processed' },
  { code: 10, key: 'da_tra_ket_qua', name: 'Đã trả kết quả', nameEn: 'Result delivered' },
];

/**
 * Legal moves. Reception decides first (1 → 2 accepted or 3 rejected, or
 * 1 → 5 when the file is incomplete: the one-stop officer asks for the
 * missing pieces with the "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" instead
 * of receiving it, Nghị định 61/2018/NĐ-CP art. 19(2)(b), now Nghị định
 * 118/2025/NĐ-CP; once completed it is accepted or refused from 5 directly,
 * 5 → 2 or 5 → 3, so the public timeline reads 1 → 5 → 2). Once
 * accepted, the file goes into processing or straight back to the applicant
 * for missing documents or fees; 5 and 6 return to processing when met.
 * Withdrawal (7) is possible until processing is done; stopping (8) is the
 * agency's decision once accepted. 3, 7, 8 and 10 are final: a new
 * application is needed after them.
 */
export const STATUS_TRANSITIONS: Readonly<Record<StatusCode, readonly StatusCode[]>> = {
  1: [2, 3, 5, 7],
  2: [4, 5, 6, 7, 8],
  3: [],
  4: [5, 6, 8, 9, 7],
  5: [2, 3, 4, 8, 7],
  6: [4, 8, 7],
  7: [],
  8: [],
  9: [10],
  10: [],
};

export function isStatusCode(value: unknown): value is StatusCode {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10;
}

export function canTransition(from: StatusCode, to: StatusCode): boolean {
  if (!isStatusCode(from) || !isStatusCode(to)) return false;
  return STATUS_TRANSITIONS[from].includes(to);
}

export function isTerminalStatus(code: StatusCode): boolean {
  return STATUS_TRANSITIONS[code].length === 0;
}

export function statusByCode(code: StatusCode): ApplicationStatus {
  const s = APPLICATION_STATUSES[code - 1];
  if (!s || s.code !== code) throw new RangeError(`Mã trạng thái hồ sơ không hợp lệ: ${code}.`);
  return s;
}

export function statusByKey(key: StatusKey): ApplicationStatus {
  const s = APPLICATION_STATUSES.find((x) => x.key === key);
  if (!s) throw new RangeError(`Trạng thái hồ sơ không hợp lệ: ${key}.`);
  return s;
}

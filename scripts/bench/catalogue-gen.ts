import fs from 'node:fs';
import path from 'node:path';
import { ProcedureSchema, type Procedure } from '../../src-shared/catalogue.js';

/**
 * A catalogue the size of a province's full list, grown from the seeded
 * procedures the way real catalogues vary: the same procedure at other
 * communes and wards of Quảng Ngãi, and its variants (cấp lại, điều chỉnh,
 * có yếu tố nước ngoài …). Deterministic, so runs compare.
 */
const COMMUNES = [
  'phường Cẩm Thành', 'phường Nghĩa Lộ', 'phường Trương Quang Trọng', 'phường Đức Phổ', 'phường Sa Huỳnh', 'phường Trà Câu',
  'phường Kon Tum', 'phường Đăk Cấm', 'phường Đăk Bla', 'xã Bình Sơn', 'xã Vạn Tường', 'xã Đông Sơn', 'xã Bình Chương',
  'xã Bình Minh', 'xã Tịnh Khê', 'xã Sơn Tịnh', 'xã Thọ Phong', 'xã Trường Giang', 'xã Ba Gia', 'xã Tư Nghĩa',
  'xã Vệ Giang', 'xã Nghĩa Giang', 'xã Trà Giang', 'xã Nghĩa Hành', 'xã Đình Cương', 'xã Thiện Tín', 'xã Mộ Đức',
  'xã Lân Phong', 'xã Long Phụng', 'xã Minh Long', 'xã Sơn Hà', 'xã Sơn Tây', 'xã Sơn Kỳ', 'xã Ba Tơ', 'xã Ba Vì',
  'xã Trà Bồng', 'xã Đông Trà Bồng', 'xã Tây Trà', 'đặc khu Lý Sơn', 'xã Đăk Hà', 'xã Ngọc Hồi', 'xã Đăk Tô',
  'xã Kon Plông', 'xã Sa Thầy', 'xã Ia H’Drai', 'xã Đăk Glei', 'xã Tu Mơ Rông', 'xã Măng Đen',
];
const PREFIXES = ['', 'Cấp lại', 'Điều chỉnh', 'Gia hạn', 'Cấp đổi', 'Thay đổi nội dung', 'Đính chính', 'Xác nhận'];
const SUFFIXES = [
  '', 'có yếu tố nước ngoài', 'cho người dân tộc thiểu số', 'trường hợp người chưa thành niên', 'đối với hộ nghèo, hộ cận nghèo',
  'liên thông với đăng ký thường trú', 'tại khu kinh tế Dung Quất', 'cho người khuyết tật', 'đối với người nước ngoài cư trú tại Việt Nam',
  'trường hợp bị mất, hư hỏng', 'theo hình thức trực tuyến toàn trình',
];

export function seedProcedures(root: string): Procedure[] {
  return (JSON.parse(fs.readFileSync(path.join(root, 'resources/catalogue/procedures.json'), 'utf8')) as unknown[]).map((p) => ProcedureSchema.parse(p));
}

function variantName(name: string, i: number): string {
  const prefix = PREFIXES[i % PREFIXES.length] as string;
  const suffix = SUFFIXES[Math.floor(i / PREFIXES.length) % SUFFIXES.length] as string;
  const core = prefix ? `${prefix} ${name.charAt(0).toLowerCase()}${name.slice(1)}` : name;
  return suffix ? `${core} ${suffix}` : core;
}

export function generateCatalogue(seed: readonly Procedure[], size: number): Procedure[] {
  const out: Procedure[] = [...seed];
  for (let i = 1; out.length < size; i++) {
    for (const p of seed) {
      if (out.length >= size) break;
      const n = out.length;
      const commune = COMMUNES[n % COMMUNES.length] as string;
      // Commune-level procedures move to another commune; provincial ones keep their department.
      const agency = p.level === 'xa' ? { code: `000.${String(40 + (n % COMMUNES.length)).padStart(2, '0')}.${String(10 + (i % 90))}.H48`, name: `UBND ${commune}` } : p.agency;
      const number = String(100000 + n).padStart(6, '0');
      out.push({ ...p, code: `2.${number}.000.00.00.H48`, nationalCode: `2.${number}`, name: variantName(p.name, i), agency });
    }
  }
  return out;
}

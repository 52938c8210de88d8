/**
 * Demo accounts of training mode (fictional people and company, real-shaped
 * identifiers). Created at every training start, disabled when a training
 * database is reopened in production. The README lists them from here.
 */

export interface DemoCitizen {
  citizenId: string;
  password: string;
  fullName: string;
  phone: string;
  birthDate: string;
  address: string;
  note: string;
}

export interface DemoOfficer {
  username: string;
  password: string;
  fullName: string;
  agencyCode: string;
  /** For the README; the portal reads the name from the agencies table. */
  agencyName: string;
}

export interface DemoBusiness {
  taxCode: string;
  companyName: string;
  phone: string;
  address: string;
}

export const DEMO_ACCOUNTS = {
  citizens: [
    {
      citizenId: '051085001234',
      password: 'Demo@2026',
      fullName: 'Nguyễn Văn An',
      phone: '0912000111',
      birthDate: '1985-04-12',
      address: 'Số 12 đường Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi',
      note: 'CCCD 12 số, nam, sinh năm 1985, đăng ký khai sinh tại Quảng Ngãi (051)',
    },
    {
      citizenId: '051192006789',
      password: 'Demo@2026',
      fullName: 'Trần Thị Bích Ngọc',
      phone: '0935000222',
      birthDate: '1992-09-02',
      address: 'Thôn An Hải, xã Bình Sơn, tỉnh Quảng Ngãi',
      note: 'CCCD 12 số, nữ, sinh năm 1992',
    },
    {
      citizenId: '212345678',
      password: 'Demo@2026',
      fullName: 'Lê Minh Khang',
      phone: '0868000333',
      birthDate: '1970-01-20',
      address: 'Tổ dân phố 3, phường Trương Quang Trọng, tỉnh Quảng Ngãi',
      note: 'CMND cũ 9 số',
    },
  ] satisfies DemoCitizen[],
  officers: [
    {
      username: 'canbo.tuphap',
      password: 'CanBo@2026',
      fullName: 'Phạm Thị Thu Hà',
      agencyCode: '000.00.06.H48',
      agencyName: 'Sở Tư pháp tỉnh Quảng Ngãi',
    },
    {
      username: 'canbo.camthanh',
      password: 'CanBo@2026',
      fullName: 'Võ Văn Tùng',
      agencyCode: '000.00.31.H48',
      agencyName: 'UBND phường Cẩm Thành',
    },
  ] satisfies DemoOfficer[],
  /** Officers who also administer the portal (holiday table, kiosk enrolment). */
  admins: [
    {
      username: 'quantri.noivu',
      password: 'QuanTri@2026',
      fullName: 'Đặng Thị Minh Thư',
      agencyCode: '000.00.02.H48',
      agencyName: 'Sở Nội vụ tỉnh Quảng Ngãi',
    },
  ] satisfies DemoOfficer[],
  businesses: [
    {
      taxCode: '4300123458',
      companyName: 'CÔNG TY TNHH THƯƠNG MẠI DỊCH VỤ SÔNG TRÀ (TẬP HUẤN)',
      phone: '0779000444',
      address: 'Số 5 đường Quang Trung, phường Cẩm Thành, tỉnh Quảng Ngãi',
    },
  ] satisfies DemoBusiness[],
} as const;

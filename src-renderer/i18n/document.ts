/** The kiosk's own document viewer (t('document.…'); vi first, en must have the same keys). */
export const documentVi = {
  close: 'Đóng',
  print: 'In',
  printing: 'Đang in…',
  show: 'Xem lại trên màn hình',
  download: 'Tải về (PDF)',
  receipt: 'Giấy biên nhận',
  returnSlip: 'Phiếu trả kết quả',
  officerSlip: 'Phiếu của hồ sơ {code}',
};

export const documentEn: typeof documentVi = {
  close: 'Close',
  print: 'Print',
  printing: 'Printing…',
  show: 'Show again on screen',
  download: 'Download (PDF)',
  receipt: 'Receipt',
  returnSlip: 'Return slip',
  officerSlip: 'Slip of application {code}',
};

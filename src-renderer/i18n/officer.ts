/** Messages of the counter officer's screens (t('officer.…'); vi first, en must have the same keys). */
export const officerVi = {
  home: {
    needsFix: 'Hồ sơ cần sửa',
    needsFixHint: 'Hồ sơ Cổng dịch vụ công trả lại: sửa và gửi lại',
  },
  needsFix: {
    title: 'Hồ sơ cần sửa',
    intro: 'Các hồ sơ nộp tại kiosk này mà Cổng dịch vụ công chưa nhận, kèm lý do. Mở hồ sơ, sửa theo lý do rồi bấm "Gửi lại". Hồ sơ được giữ nguyên, không tạo hồ sơ mới.',
    empty: 'Không có hồ sơ nào cần sửa.',
    provisional: 'Số biên nhận tạm: {no}',
    createdAt: 'Nộp lúc: {time}',
    reason: 'Lý do: {message}',
    noReason: 'Cổng dịch vụ công không nêu lý do.',
    open: 'Sửa hồ sơ',
    openFor: 'Sửa hồ sơ {no}',
    editTitle: 'Sửa hồ sơ: {name}',
    reasonTitle: 'Cổng dịch vụ công trả lại hồ sơ vì',
    resubmit: 'Gửi lại',
    resubmitting: 'Đang gửi lại…',
    resubmitted: 'Đã lưu bản sửa của hồ sơ {no}; hồ sơ được gửi lại tới Cổng dịch vụ công.',
    backToList: 'Về danh sách hồ sơ cần sửa',
    gone: 'Hồ sơ này không còn ở trạng thái cần sửa.',
  },
  receipt: {
    layout: 'Khổ giấy biên nhận',
    a4: 'Khổ A4',
    thermal80: 'Cuộn giấy 80 mm',
  },
};

export type OfficerMessages = typeof officerVi;

export const officerEn: OfficerMessages = {
  home: {
    needsFix: 'Applications to fix',
    needsFixHint: 'Applications the portal sent back: fix and resend',
  },
  needsFix: {
    title: 'Applications to fix',
    intro: 'Applications made at this kiosk that the public service portal did not accept, with its reason. Open one, fix it as the reason says, then press "Resend". The same application is kept; no new one is made.',
    empty: 'No application needs fixing.',
    provisional: 'Provisional receipt no.: {no}',
    createdAt: 'Submitted at: {time}',
    reason: 'Reason: {message}',
    noReason: 'The portal gave no reason.',
    open: 'Fix application',
    openFor: 'Fix application {no}',
    editTitle: 'Fix application: {name}',
    reasonTitle: 'The portal sent the application back because',
    resubmit: 'Resend',
    resubmitting: 'Resending…',
    resubmitted: 'The fix to application {no} is saved; it is being sent to the portal again.',
    backToList: 'Back to applications to fix',
    gone: 'This application no longer needs fixing.',
  },
  receipt: {
    layout: 'Receipt paper',
    a4: 'A4 sheet',
    thermal80: '80 mm roll',
  },
};

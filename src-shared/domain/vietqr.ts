/**
 * VietQR (NAPAS) payloads: EMVCo merchant-presented QR, a flat string of
 * tag(2) + length(2) + value fields, sealed by a CRC over everything before it.
 */

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) over the UTF-8 bytes. */
export function crc16CcittFalse(data: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(data)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export const NAPAS_GUID = 'A000000727';
export const VIETQR_PURPOSE_MAX = 25;
export type VietQrService = 'QRIBFTTA' | 'QRIBFTTC';

export interface VietQrInput {
  /** NAPAS bank identification number, 6 digits (e.g. 970416 = ACB). */
  bankBin: string;
  /** Account number (or card number with QRIBFTTC). */
  account: string;
  /** VND, a positive integer; makes the code dynamic (single payment). */
  amount?: number;
  /** Transfer message shown to the payer; folded to ASCII, at most 25 characters after folding. */
  purpose?: string;
  /** Tag 62-01 "bill number", e.g. a mã hồ sơ the bank statement should carry. */
  billNumber?: string;
  service?: VietQrService;
}

function tlv(tag: string, value: string): string {
  if (value.length > 99) throw new RangeError(`Trường ${tag} của mã QR quá dài (${value.length} > 99 ký tự).`);
  return tag + String(value.length).padStart(2, '0') + value;
}

/**
 * Banking apps reject or mangle non-ASCII text in the QR, so Vietnamese is
 * folded ("Nộp phí hồ sơ" → "NOP PHI HO SO"), keeping the punctuation that a
 * mã hồ sơ needs.
 */
export function foldVietQrText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 .,\-_/:()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

export function buildVietQr(p: VietQrInput): string {
  if (!/^\d{6}$/.test(p.bankBin)) throw new RangeError('Mã ngân hàng (BIN) phải gồm đúng 6 chữ số.');
  if (!/^[0-9A-Za-z]{1,19}$/.test(p.account)) {
    throw new RangeError('Số tài khoản chỉ gồm chữ và số, dài từ 1 đến 19 ký tự.');
  }
  const service = p.service ?? 'QRIBFTTA';
  if (service !== 'QRIBFTTA' && service !== 'QRIBFTTC') throw new RangeError(`Loại dịch vụ VietQR không hợp lệ: ${String(service)}.`);
  if (p.amount !== undefined && (!Number.isSafeInteger(p.amount) || p.amount <= 0 || String(p.amount).length > 13)) {
    throw new RangeError('Số tiền phải là số nguyên dương (đồng), tối đa 13 chữ số.');
  }
  const purpose = p.purpose === undefined ? '' : foldVietQrText(p.purpose);
  if (purpose.length > VIETQR_PURPOSE_MAX) {
    throw new RangeError(`Nội dung chuyển khoản tối đa ${VIETQR_PURPOSE_MAX} ký tự (đang có ${purpose.length}).`);
  }
  const billNumber = p.billNumber === undefined ? '' : foldVietQrText(p.billNumber);
  if (billNumber.length > VIETQR_PURPOSE_MAX) {
    throw new RangeError(`Mã tham chiếu tối đa ${VIETQR_PURPOSE_MAX} ký tự (đang có ${billNumber.length}).`);
  }

  const beneficiary = tlv('00', p.bankBin) + tlv('01', p.account);
  const merchant = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', service);
  let payload = tlv('00', '01') + tlv('01', p.amount === undefined ? '11' : '12') + tlv('38', merchant) + tlv('53', '704');
  if (p.amount !== undefined) payload += tlv('54', String(p.amount));
  payload += tlv('58', 'VN');
  const additional = (billNumber ? tlv('01', billNumber) : '') + (purpose ? tlv('08', purpose) : '');
  if (additional) payload += tlv('62', additional);
  payload += '6304';
  return payload + crc16CcittFalse(payload);
}

/** Splits one level of TLV fields; throws RangeError when a length runs past the end or a tag repeats. */
export function parseEmvTlv(payload: string): Map<string, string> {
  const fields = new Map<string, string>();
  let i = 0;
  while (i < payload.length) {
    const tag = payload.slice(i, i + 2);
    const lenText = payload.slice(i + 2, i + 4);
    if (!/^\d{2}$/.test(tag) || !/^\d{2}$/.test(lenText)) {
      throw new RangeError(`Mã QR hỏng: trường ở vị trí ${i} không đúng dạng thẻ–độ dài.`);
    }
    const end = i + 4 + Number(lenText);
    if (end > payload.length) throw new RangeError(`Mã QR hỏng: trường ${tag} dài quá cuối chuỗi.`);
    if (fields.has(tag)) throw new RangeError(`Mã QR hỏng: trường ${tag} lặp lại.`);
    fields.set(tag, payload.slice(i + 4, end));
    i = end;
  }
  return fields;
}

/** True when the payload ends in a tag 63 whose CRC matches the rest. */
export function hasValidCrc(payload: string): boolean {
  if (payload.length < 8 || payload.slice(-8, -4) !== '6304') return false;
  return crc16CcittFalse(payload.slice(0, -4)) === payload.slice(-4).toUpperCase();
}

export interface VietQrInfo {
  dynamic: boolean;
  bankBin: string;
  account: string;
  service: string;
  amount: number | null;
  purpose: string | null;
  billNumber: string | null;
}

/** Reads back the fields buildVietQr writes; throws RangeError (Vietnamese) on a corrupt or foreign code. */
export function parseVietQr(payload: string): VietQrInfo {
  if (!hasValidCrc(payload)) throw new RangeError('Mã QR sai mã kiểm tra (CRC).');
  const top = parseEmvTlv(payload);
  const merchant = parseEmvTlv(top.get('38') ?? '');
  if (merchant.get('00') !== NAPAS_GUID) throw new RangeError('Không phải mã VietQR (NAPAS).');
  const beneficiary = parseEmvTlv(merchant.get('01') ?? '');
  const bankBin = beneficiary.get('00');
  const account = beneficiary.get('01');
  if (bankBin === undefined || account === undefined) throw new RangeError('Mã VietQR thiếu ngân hàng hoặc số tài khoản.');
  const amountText = top.get('54');
  const additional = parseEmvTlv(top.get('62') ?? '');
  return {
    dynamic: top.get('01') === '12',
    bankBin,
    account,
    service: merchant.get('02') ?? '',
    amount: amountText === undefined ? null : Number(amountText),
    purpose: additional.get('08') ?? null,
    billNumber: additional.get('01') ?? null,
  };
}

import { z } from 'zod';
import { toVnParts } from '../../src-shared/domain/vn-time.js';
import { QueueTicketLabelSchema } from '../../src-shared/kiosk-contract/applications.js';
import { parseDocumentInput } from './document-errors.js';
import type { DocumentFonts } from './fonts.js';
import { paragraph, sideBySide, type Run, type Sheet, type TextStyle } from './layout.js';
import { renderInCopies } from './pdf-copies.js';
import { qrMatrix } from './qr-code.js';
import { centered, type Variant } from './receipt-frame.js';
import { upperVi } from './vn-format.js';

/**
 * The queue ticket ("phiếu số thứ tự") on the 80 mm roll: the number large
 * enough to read across the hall, where to go, how long the line is, and a
 * QR of the ticket's live status. Nothing about the person.
 */

export const TicketDataSchema = z.object({
  centreName: z.string().min(1),
  label: QueueTicketLabelSchema,
  areaName: z.string().min(1),
  counters: z.array(z.number().int().positive()).min(1),
  priority: z.boolean(),
  ahead: z.number().int().nonnegative().nullable(),
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  issuedAt: z.iso.datetime({ offset: true }),
  statusUrl: z.string().nullable(),
  offline: z.boolean(),
  kioskId: z.string().min(1),
});
export type TicketData = z.infer<typeof TicketDataSchema>;

export const OFFLINE_TICKET_NOTICE = 'Số cấp khi kiosk mất kết nối với Cổng dịch vụ công; số vẫn được gọi theo thứ tự.';
export const NOT_ESTIMATED = 'chưa ước tính';

/** "Quầy số 1" or "Quầy số 1, 2". */
export function countersText(counters: readonly number[]): string {
  return `Quầy số ${counters.join(', ')}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "14:30 — 03/12/2026", Vietnam time. */
function issuedText(iso: string): string {
  const p = toVnParts(new Date(iso));
  return `${two(p.hour)}:${two(p.minute)} — ${two(p.day)}/${two(p.month)}/${p.year}`;
}

export async function renderTicketPdf(input: TicketData): Promise<Uint8Array> {
  const t = parseDocumentInput(TicketDataSchema, input);
  const meta = { title: `Số thứ tự ${t.label}`, subject: t.areaName, author: t.centreName, at: t.issuedAt };
  return renderInCopies({ layout: 'thermal80', copies: 'single' }, meta, (sheet, fonts, variant) => layoutTicket(sheet, fonts, t, variant));
}

function layoutTicket(sheet: Sheet, f: DocumentFonts, t: TicketData, v: Variant): void {
  const r = (text: string): Run => ({ text, font: f.regular });
  const b = (text: string): Run => ({ text, font: f.bold });
  const i = (text: string): Run => ({ text, font: f.italic });
  const para = (runs: Run[], style: TextStyle) => paragraph(sheet, runs, style);

  para([b(upperVi(t.centreName))], centered(v.header, 1.3));
  para([r('Bộ phận tiếp nhận và trả kết quả')], centered(v.small));
  sheet.advance(v.body);
  para([b('SỐ THỨ TỰ')], centered(v.title + 1));
  // The number is what a person checks against the board: as big as the roll allows.
  para([b(t.label)], centered(40, 1.15));
  if (t.priority) para([b('ƯU TIÊN')], centered(v.title, 1.3));
  sheet.advance(v.body * 0.6);
  para([r('Lĩnh vực: '), b(t.areaName)], centered(v.body + 1, 1.35));
  para([r('Mời đến: '), b(countersText(t.counters))], centered(v.body + 2, 1.35));
  sheet.advance(v.body * 0.4);
  const ahead = t.ahead === null ? i('chưa rõ') : b(String(t.ahead));
  const wait = t.estimatedWaitMinutes === null ? i(NOT_ESTIMATED) : b(`khoảng ${t.estimatedWaitMinutes} phút`);
  para([r('Số người chờ trước: '), ahead], centered(v.body, 1.4));
  para([r('Thời gian chờ dự kiến: '), wait], centered(v.body, 1.4));
  para([r('Giờ lấy số: '), b(issuedText(t.issuedAt))], centered(v.body, 1.4));
  if (t.offline) {
    sheet.advance(3);
    para([i(OFFLINE_TICKET_NOTICE)], centered(v.small, 1.3));
  }
  if (t.statusUrl) {
    sheet.advance(v.body * 0.6);
    sideBySide(sheet, [
      {
        x: sheet.left,
        width: sheet.width,
        items: [
          { qr: qrMatrix(t.statusUrl), size: v.qr },
          { gap: 2 },
          { runs: [b('Quét mã để xem số đang gọi')], style: centered(v.small) },
        ],
      },
    ]);
  }
  sheet.advance(v.small);
  para([i(`Vui lòng chờ đến khi số của mình được gọi. Kiosk ${t.kioskId}.`)], centered(v.small, 1.3));
}

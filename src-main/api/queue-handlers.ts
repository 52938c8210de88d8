import { KioskError } from '../../src-shared/errors.js';
import type { TicketPrint } from '../../src-shared/kiosk-contract/queue.js';
import type { KioskConfig } from '../config.js';
import { isPrintError, type Printer } from '../printing/printer.js';
import { ticketView, type QueueDesk } from '../queue/queue-desk.js';
import type { QueueTickets, StoredTicket } from '../store/store.js';
import type { Handlers } from './dispatcher.js';
// pdf-lib loads on the first ticket, not at start, as for the receipt.
const ticketPdf = () => import('../documents/ticket-pdf.js');

export interface QueueDeps {
  config: KioskConfig;
  queueDesk: QueueDesk;
  queueTickets: QueueTickets;
  printer: Printer | null;
}

/**
 * Puts a ticket on the roll, or hands its PDF to the screen where no printer
 * is set (shown there, never offered as a download). A printer fault is an
 * outcome, not an error: the ticket exists already and the screen shows it.
 */
async function printTicket(deps: QueueDeps, t: StoredTicket, centreName: string): Promise<TicketPrint> {
  const pdf = await (await ticketPdf()).renderTicketPdf({ ...ticketView(t), centreName, kioskId: deps.config.kioskId });
  const printer = deps.printer;
  if (!printer) return { outcome: 'screen', message: 'Kiosk chưa được nối máy in: số thứ tự hiện trên màn hình.', pdfBase64: Buffer.from(pdf).toString('base64') };
  try {
    // The job's title is the number only: a print queue is visible to others.
    await printer.print(pdf, { title: `So thu tu ${t.label}`, media: '80mm' });
    return { outcome: 'printed', message: 'Đã in số thứ tự. Vui lòng nhận phiếu ở khay máy in.' };
  } catch (e) {
    if (!isPrintError(e)) throw e;
    return { outcome: 'failed', message: e.message, detail: e.key, params: e.params, pdfBase64: Buffer.from(pdf).toString('base64') };
  }
}

export function queueHandlers(deps: QueueDeps): Pick<Handlers, 'queue.centre' | 'queue.take' | 'queue.print'> {
  const centreName = () => deps.queueDesk.savedCentre()?.name ?? deps.config.queueCentre;
  return {
    'queue.centre': () => deps.queueDesk.centre(),
    'queue.take': async (input) => {
      const { ticket, centreName: name } = await deps.queueDesk.take(input);
      return { ticket: ticketView(ticket), print: await printTicket(deps, ticket, name) };
    },
    'queue.print': async (input) => {
      const ticket = deps.queueTickets.get(input.localId);
      if (!ticket) throw new KioskError('NOT_FOUND');
      return printTicket(deps, ticket, centreName());
    },
  };
}

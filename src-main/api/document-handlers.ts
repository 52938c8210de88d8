import { KioskError } from '../../src-shared/errors.js';
import type { Procedure } from '../../src-shared/catalogue.js';
import type { KioskConfig } from '../config.js';
import { lookupUrlFor } from '../../src-shared/domain/lookup-url.js';
import type { ReceiptDataInput } from '../documents/receipt-data.js';
// pdf-lib and fontkit take longer to load than the rest of the host: loaded on the first document, not at start (npm run bench, row 5).
const receiptPdf = () => import('../documents/receipt-pdf.js');
const vietQrImage = () => import('../documents/vietqr-image.js');
import { headingParent, receiptFees } from '../documents/receipt-fees.js';
import { quoteFees } from '../../src-shared/domain/fees.js';
import { declaredValue } from '../../src-shared/domain/declared-value.js';
import type { PaymentQuote } from '../../src-shared/portal-applications-api.js';
import type { PortalClient } from '../portal/portal-client.js';
import type { Reachability } from '../portal/reachability.js';
import { isPrintError, type Printer } from '../printing/printer.js';
import type { PortalSignIn } from '../session/portal-sign-in.js';
import type { Applications, Catalogue, StoredApplication } from '../store/store.js';
import type { Handlers } from './dispatcher.js';
import { toKioskError } from './portal-errors.js';

export interface DocumentDeps {
  config: KioskConfig;
  apps: Applications;
  catalogue: Catalogue;
  portal: PortalClient;
  reachability: Reachability;
  signIn: PortalSignIn;
  /** The configured printer, or null: the receipt then goes back to the UI as a PDF to save or show. */
  printer: Printer | null;
}

/** The "Thành phần hồ sơ nộp gồm" table: the components the citizen attached, with the counts the procedure asks. */
function receiptDocuments(app: StoredApplication, procedure: Procedure | null) {
  const attached = [...new Set(app.attachments.map((a) => a.componentId))];
  return attached.map((id) => {
    const doc = procedure?.documents.find((d) => d.id === id);
    return { name: doc?.name ?? id, originals: doc?.originals ?? 1, copies: doc?.copies ?? 0 };
  });
}

/** The declared fields the citizen filled in, in the form's order; fields left empty are not printed. */
function receiptDeclared(fields: Readonly<Record<string, string | number>>, procedure: Procedure | null) {
  return (procedure?.formFields ?? [])
    .map((f) => ({ label: f.label, value: declaredValue(f, fields[f.id]) }))
    .filter((x) => x.value !== '');
}

/**
 * Prints a document the kiosk made, or hands it back as a PDF where no
 * printer is set. The job title names it by number only: print queues are
 * visible to others.
 */
export async function deliverPdf(
  printer: Printer | null,
  pdf: Uint8Array,
  o: { title: string; layout: 'a4' | 'thermal80'; what: string },
): Promise<{ outcome: 'printed' | 'download'; message: string; pdfBase64?: string }> {
  if (!printer) {
    return {
      outcome: 'download',
      message: `Kiosk chưa được nối máy in: ${o.what} được mở dưới dạng tệp PDF để lưu hoặc in.`,
      pdfBase64: Buffer.from(pdf).toString('base64'),
    };
  }
  try {
    await printer.print(pdf, { title: o.title, media: o.layout === 'a4' ? 'A4' : '80mm' });
    return { outcome: 'printed', message: `Đã in ${o.what}. Vui lòng nhận giấy ở khay máy in.` };
  } catch (e) {
    if (isPrintError(e)) throw KioskError.detailed('PRINTER_ERROR', e.key, e.params);
    throw e;
  }
}

export function documentHandlers(deps: DocumentDeps): Pick<Handlers, 'payments.quote' | 'receipts.print'> {
  const { apps, catalogue, portal } = deps;

  /**
   * The portal's quote (with the VietQR) when the application is there and
   * something is owed; the receipt still prints, with the kiosk's own lines,
   * when the portal cannot answer.
   */
  const portalQuote = async (code: string | null, local: { total: number } | null): Promise<PaymentQuote | null> => {
    if (!code || local?.total === 0 || !deps.reachability.isReachable) return null;
    try {
      return await portal.paymentQuote(code);
    } catch {
      return null;
    }
  };

  return {
    'payments.quote': async (input) => {
      const app = apps.get(input.localId);
      if (!app) throw new KioskError('NOT_FOUND');
      if (!app.officialCode) throw new KioskError('NOT_YET_SENT');
      try {
        const q = await portal.paymentQuote(app.officialCode);
        return { ...q, vietQrSvg: q.vietQr ? (await vietQrImage()).vietQrSvg(q.vietQr, { title: `VietQR ${q.code}` }) : null };
      } catch (e) {
        throw toKioskError(e);
      }
    },
    'receipts.print': async (input) => {
      const app = apps.get(input.localId);
      const personal = app ? apps.personal(app.localId) : null;
      if (!app || !personal) {
        throw KioskError.detailed('NOT_FOUND', 'RECEIPT_NO_DATA');
      }
      const procedure = catalogue.get(app.procedureCode);
      const provisional = app.officialCode === null;
      const staff = deps.signIn.state().staff;
      const local = procedure ? quoteFees(procedure, personal.channel, personal.fields) : null;
      const fees = receiptFees(local, await portalQuote(app.officialCode, local));
      const data: ReceiptDataInput = {
        provisional,
        code: app.officialCode,
        provisionalNumber: provisional ? app.provisionalNo : null,
        agency: { name: app.agency.name, parentName: headingParent(procedure?.agency) },
        applicant: {
          fullName: personal.applicant.fullName,
          address: personal.applicant.address,
          phone: personal.applicant.phone,
          email: personal.applicant.email ?? null,
        },
        procedure: { code: app.procedureCode, name: app.procedureName },
        declared: receiptDeclared(personal.fields, procedure),
        documents: receiptDocuments(app, procedure),
        processingDays: procedure?.processingDays ?? null,
        receivedAt: app.receivedAt ?? app.createdAt,
        appointmentAt: app.appointmentAt,
        resultPlace: `Bộ phận tiếp nhận và trả kết quả — ${app.agency.name}`,
        receivedBy: app.receivedBy ? { name: staff?.username === app.receivedBy ? staff.displayName : app.receivedBy } : null,
        kioskId: app.receivedBy ? null : deps.config.kioskId,
        queueTicket: app.queueTicket,
        lookupUrl: app.officialCode ? lookupUrlFor(app.officialCode, deps.config.lookupBaseUrl) : null,
        place: deps.config.place,
        ...fees,
      };
      const pdf = await (await receiptPdf()).renderReceiptPdf(data, { layout: input.layout, copies: deps.config.mode === 'assisted' ? 'two' : 'single' });
      const out = await deliverPdf(deps.printer, pdf, { title: `Giay bien nhan ${app.officialCode ?? app.provisionalNo}`, layout: input.layout, what: 'giấy biên nhận' });
      return { ...out, provisional };
    },
  };
}

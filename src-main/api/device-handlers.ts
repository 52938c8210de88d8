import type { Procedure } from '../../src-shared/catalogue.js';
import type { KioskConfig } from '../config.js';
import { declarationComponent, SIGNED_DECLARATION_FILE_NAME } from '../../src-shared/declaration-form.js';
import { declaredValue } from '../../src-shared/domain/declared-value.js';
import { KioskError } from '../../src-shared/errors.js';
import type { AttachmentRef, ParsedInput } from '../../src-shared/kiosk-api.js';
import { loginWithCertificate } from '../devices/cert-login.js';
import { isDeviceError, type DeviceError } from '../devices/device-errors.js';
import { fieldIssue } from '../../src-shared/detail-messages.js';
import type { CertInfo } from '../devices/signer.js';
import type { TokenService } from '../devices/token-service.js';
import { isDocumentError } from '../documents/document-errors.js';
import type { SummaryDataInput } from '../documents/summary-data.js';
// pdf-lib and fontkit take longer to load than the rest of the host: loaded on the first document, not at start (npm run bench, row 5).
const summaryPdf = () => import('../documents/summary-pdf.js');
const pdfSigning = () => import('../devices/pdf-signing.js');
import type { PortalClient } from '../portal/portal-client.js';
import { PortalCallError } from '../portal/portal-error.js';
import type { PortalSignIn } from '../session/portal-sign-in.js';
import { signInCitizen, type VisitParts } from '../session/end-visit.js';
import type { Audit, Blobs, Catalogue } from '../store/store.js';
import type { Handlers } from './dispatcher.js';
import { toKioskError } from './portal-errors.js';

/**
 * The signing token at the kiosk: its presence, the certificates on it,
 * business login by signing the portal's challenge, and the declaration
 * form signed PAdES-style. The PIN goes from the input straight to the
 * token and is never kept, logged or put in an error.
 */

export interface DeviceDeps extends VisitParts {
  tokens: TokenService;
  portal: PortalClient;
  signIn: PortalSignIn;
  audit: Audit;
  catalogue: Catalogue;
  blobs: Blobs;
  now: () => Date;
  /** Where a declaration is signed (the signature's location and the form's date line). */
  config: Pick<KioskConfig, 'place'>;
}

/** A token failure as the kiosk error the UI shows (the portal's own failures go through toKioskError). */
export function deviceToKioskError(d: DeviceError): KioskError {
  switch (d.code) {
    case 'TOKEN_NOT_PRESENT':
    case 'TOKEN_REMOVED':
    case 'TOKEN_ERROR':
    case 'PKCS11_LIBRARY_NOT_FOUND':
    case 'CERT_EXPIRED':
    case 'CERT_NOT_YET_VALID':
    case 'PIN_LOCKED':
      return new KioskError(d.code);
    case 'CERT_NOT_FOUND':
      return new KioskError('CERT_NOT_FOUND');
    case 'PIN_INCORRECT':
      // The detail already carries what the token said about the tries left; a silent token gets a warning.
      return d.details.triesLeft === undefined ? KioskError.detailed('PIN_WRONG', 'TOKEN_PIN_WRONG_UNKNOWN_TRIES') : KioskError.detailed('PIN_WRONG', d.detail ?? 'TOKEN_PIN_WRONG', d.params);
    case 'PIN_FORMAT':
      return KioskError.detailed('INVALID_INPUT', 'TOKEN_PIN_FORMAT', undefined, { issues: [fieldIssue('pin', 'TOKEN_PIN_DIGITS')] });
    default:
      // KEY_NOT_FOUND, SIGNATURE_INVALID, PDF_INVALID…: nothing was signed, the device's own words say why.
      return d.detail ? KioskError.detailed('SIGNING_FAILED', d.detail, d.params) : new KioskError('SIGNING_FAILED', d.message);
  }
}

function publicCertificate(c: CertInfo) {
  return {
    id: c.id,
    holder: c.holder,
    organization: c.organization,
    taxCode: c.taxCode,
    issuer: c.issuer,
    validFrom: c.validFrom,
    validTo: c.validTo,
    validity: c.validity,
  };
}

function summaryFor(procedure: Procedure, input: ParsedInput<'business.signDeclaration'>, declaredAt: Date, place: string): SummaryDataInput {
  const a = input.applicant;
  return {
    procedure: { code: procedure.code, name: procedure.name },
    agency: { name: procedure.agency.name },
    applicant: {
      fullName: a.fullName,
      citizenId: a.citizenId,
      birthDate: a.birthDate ?? null,
      phone: a.phone,
      email: a.email ?? null,
      address: a.address,
    },
    fields: procedure.formFields.map((f) => ({ label: f.label, value: declaredValue(f, input.fields[f.id]) })),
    attachments: input.attachments.map((x) => ({
      componentName: procedure.documents.find((d) => d.id === x.componentId)?.name ?? x.componentId,
      fileName: x.fileName,
      size: x.size,
      sha256: x.sha256,
    })),
    declaredAt: declaredAt.toISOString(),
    place,
  };
}

export function deviceHandlers(deps: DeviceDeps): Pick<Handlers, 'devices.state' | 'business.certificates' | 'business.login' | 'business.signDeclaration'> {
  const { tokens, signIn, portal } = deps;
  const viaToken = async <T>(job: () => Promise<T>): Promise<T> => {
    try {
      return await job();
    } catch (e) {
      if (isDeviceError(e)) throw deviceToKioskError(e);
      throw e instanceof PortalCallError ? toKioskError(e) : e;
    }
  };

  return {
    'devices.state': () => ({ token: tokens.state() }),
    'business.certificates': () => viaToken(async () => ({ items: (await tokens.certificates()).map(publicCertificate) })),
    'business.login': (input) =>
      viaToken(async () => {
        const session = await tokens.use((signer) => loginWithCertificate(portal, signer, input.certId, input.pin));
        if (session.account.role !== 'business') {
          void portal.logout(session.token).catch(() => undefined);
          throw KioskError.detailed('FORBIDDEN', 'CERT_NOT_BUSINESS');
        }
        signInCitizen(deps, { token: session.token, account: session.account });
        deps.audit.record('business', 'login.certificate');
        return signIn.state();
      }),
    'business.signDeclaration': (input) =>
      viaToken(async () => {
        const account = signIn.state().citizen;
        if (account?.role !== 'business') {
          throw KioskError.detailed('SIGN_IN_REQUIRED', 'BUSINESS_SIGN_IN');
        }
        const procedure = deps.catalogue.get(input.procedureCode);
        if (!procedure) throw new KioskError('PROCEDURE_NOT_FOUND');
        const component = declarationComponent(procedure.documents);
        if (!component) throw KioskError.detailed('INVALID_INPUT', 'NO_DECLARATION_TO_SIGN');

        const pdf = await tokens.use(async (signer) => {
          const cert = (await signer.listCertificates()).find((c) => c.id === input.certId);
          if (cert && account.taxCode && cert.taxCode && cert.taxCode !== account.taxCode) {
            throw KioskError.detailed('FORBIDDEN', 'CERT_OTHER_BUSINESS', { taxCode: account.taxCode });
          }
          let summary: Uint8Array;
          try {
            summary = await (await summaryPdf()).renderSummaryPdf(summaryFor(procedure, input, deps.now(), deps.config.place));
          } catch (e) {
            if (isDocumentError(e)) throw KioskError.detailed('INVALID_INPUT', e.key, e.params, { issues: e.issues });
            throw e;
          }
          return (await pdfSigning()).signPdf(summary, signer, {
            certId: input.certId,
            pin: input.pin,
            reason: `Ký tờ khai: ${procedure.name}`.slice(0, 200),
            location: deps.config.place,
            signingTime: deps.now(),
          });
        });
        const bytes = Buffer.from(pdf);
        const sha256 = deps.blobs.put(bytes);
        deps.audit.record('business', 'declaration.signed', procedure.code);
        const ref: AttachmentRef = { componentId: component.id, fileName: SIGNED_DECLARATION_FILE_NAME, mime: 'application/pdf', size: bytes.length, sha256 };
        return ref;
      }),
  };
}

import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf, Signer as SignPdfSigner } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { buildDetachedCms } from './cms-signed-data.js';
import { DeviceError } from './device-errors.js';
import type { Signer } from './signer.js';

/**
 * Signs a PDF (the application summary) PAdES-style: @signpdf adds the
 * signature dictionary with a /ByteRange and a zeroed /Contents
 * placeholder, then the CMS made by the token goes into the placeholder.
 * Validators (pdfsig, Acrobat) then report the whole document signed and
 * intact. The signed bytes are returned only when everything succeeded:
 * there is no half-signed output to clean up.
 */

export interface PdfSignatureOptions {
  /** From `signer.listCertificates()`. */
  certId: string;
  /** Token PIN for this one signature (ignored by remote signers). */
  pin: string;
  /** Shown by PDF readers as the signature's reason, e.g. "Ký hồ sơ đề nghị". */
  reason: string;
  location?: string;
  contactInfo?: string;
  signingTime?: Date;
}

/** Room for a CMS with a 4096-bit RSA signature and a chain of a few certificates. */
const SIGNATURE_ROOM_BYTES = 16_384;

class CmsPlaceholderSigner extends SignPdfSigner {
  constructor(
    private readonly signer: Signer,
    private readonly certificatePem: string,
    private readonly opts: PdfSignatureOptions,
    private readonly signingTime: Date,
  ) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    return buildDetachedCms({
      content,
      certificatePem: this.certificatePem,
      signingTime: this.signingTime,
      sign: (attrs) => this.signer.sign(this.opts.certId, attrs, this.opts.pin),
    });
  }
}

export async function signPdf(pdf: Uint8Array, signer: Signer, opts: PdfSignatureOptions): Promise<Uint8Array> {
  const cert = (await signer.listCertificates()).find((c) => c.id === opts.certId);
  if (!cert) throw new DeviceError('CERT_NOT_FOUND');
  if (cert.validity === 'expired') throw new DeviceError('CERT_EXPIRED');
  if (cert.validity === 'not-yet-valid') throw new DeviceError('CERT_NOT_YET_VALID');

  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf);
  } catch {
    throw new DeviceError('PDF_INVALID');
  }
  const signingTime = opts.signingTime ?? new Date();
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: opts.reason,
    contactInfo: opts.contactInfo ?? '',
    name: cert.organization ?? cert.holder,
    location: opts.location ?? '',
    signingTime,
    signatureLength: SIGNATURE_ROOM_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Một cửa kiosk',
  });
  // @signpdf finds the placeholder by scanning the bytes: no object streams.
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signed = await new SignPdf().sign(prepared, new CmsPlaceholderSigner(signer, cert.certificatePem, opts, signingTime), signingTime);
  return new Uint8Array(signed);
}

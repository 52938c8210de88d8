import { z } from 'zod';
import { CertAlgorithmSchema } from './portal-auth-api.js';

/**
 * Remote signing ("SIM ký số") on the central portal (/api/v1/remote-sign/*):
 * the key lives with the signing service, the kiosk asks for a signature
 * and the subscriber confirms it on the phone; the kiosk polls for the
 * outcome. The reference portal simulates the phone in training mode
 * (POST /api/v1/dev/remote-sign/requests/:id/decision, or approval by
 * itself after a few seconds). Errors use PortalErrorSchema.
 */

const Phone = z
  .string()
  .trim()
  .regex(/^(0|\+84)[35789]\d{8}$/, 'Số điện thoại của SIM ký số không hợp lệ.');
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Dữ liệu phải ở dạng base64.');
const Iso = z.iso.datetime({ offset: true });

/** POST /api/v1/remote-sign/certificates */
export const RemoteSignCertificatesRequestSchema = z.object({ phone: Phone });
export type RemoteSignCertificatesRequest = z.infer<typeof RemoteSignCertificatesRequestSchema>;

export const RemoteSignCertificateSchema = z.object({
  certificatePem: z.string().max(20_000),
  chainPem: z.array(z.string().max(20_000)).max(5),
  algorithm: CertAlgorithmSchema,
});
export const RemoteSignCertificatesResponseSchema = z.object({ certificates: z.array(RemoteSignCertificateSchema) });
export type RemoteSignCertificatesResponse = z.infer<typeof RemoteSignCertificatesResponseSchema>;

/** POST /api/v1/remote-sign/requests — `data` is signed as is (SHA-256 by the service), at most 8 KB. */
export const RemoteSignRequestSchema = z.object({
  phone: Phone,
  /** SHA-256 fingerprint (hex) of the certificate to sign with. */
  certificateFingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'Mã vân tay chứng thư số không hợp lệ.'),
  data: Base64.max(11_000),
  /** What the subscriber sees on the phone, e.g. "Đăng nhập Cổng dịch vụ công". */
  description: z.string().trim().min(1).max(200),
});
export type RemoteSignRequest = z.infer<typeof RemoteSignRequestSchema>;

export const RemoteSignStatusSchema = z.enum(['pending', 'approved', 'rejected', 'expired']);
export type RemoteSignStatus = z.infer<typeof RemoteSignStatusSchema>;

export const RemoteSignCreatedSchema = z.object({ requestId: z.string(), status: z.literal('pending'), expiresAt: Iso });
export type RemoteSignCreated = z.infer<typeof RemoteSignCreatedSchema>;

/** GET /api/v1/remote-sign/requests/:id */
export const RemoteSignOutcomeSchema = z.object({
  requestId: z.string(),
  status: RemoteSignStatusSchema,
  expiresAt: Iso,
  /** When approved: base64 signature (RSA PKCS#1 v1.5 or ECDSA DER, over SHA-256 of `data`). */
  signature: Base64.optional(),
  algorithm: CertAlgorithmSchema.optional(),
  certificatePem: z.string().optional(),
  chainPem: z.array(z.string()).optional(),
});
export type RemoteSignOutcome = z.infer<typeof RemoteSignOutcomeSchema>;

/** POST /api/v1/dev/remote-sign/requests/:id/decision (training only): what the subscriber taps on the phone. */
export const RemoteSignDecisionSchema = z.object({ approve: z.boolean() });

import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import {
  RemoteSignCertificatesRequestSchema,
  RemoteSignCertificatesResponseSchema,
  RemoteSignCreatedSchema,
  RemoteSignDecisionSchema,
  RemoteSignOutcomeSchema,
  RemoteSignRequestSchema,
  type RemoteSignOutcome,
} from '../../src-shared/portal-remote-sign-api.js';
import type { PortalContext } from '../context.js';
import { normalizeVnMobile } from '../auth/identifiers.js';
import { PortalHttpError } from '../http/errors.js';
import { DEMO_ACCOUNTS } from '../training/demo-accounts.js';
import { ensureDemoBusinessCertificate, ensureTrainingCa, type IssuedCertificate } from '../training/training-ca.js';

/**
 * Remote signing ("SIM ký số"). The reference portal has no connection to
 * a real remote-signing service (VNPT SmartCA, Viettel MySign…), so only
 * the training simulation exists: the demo businesses' SIMs hold their
 * training certificates, and the "phone" is the dev decision endpoint, or
 * approves by itself after TRAINING_AUTO_APPROVE_MS. In production every
 * call answers 503 REMOTE_SIGN_UNAVAILABLE until a provider is added.
 *
 * Requests live in memory: they are short-lived (2 minutes) and a restart
 * simply makes the kiosk ask again.
 */

export const REMOTE_SIGN_TTL_MS = 2 * 60_000;
export const TRAINING_AUTO_APPROVE_MS = 3_000;
const MAX_PENDING = 200;

interface Subscriber {
  phone: string;
  certificate: IssuedCertificate;
}

interface PendingRequest {
  id: string;
  phone: string;
  certificate: IssuedCertificate;
  data: Buffer;
  createdAt: number;
  expiresAt: number;
  decision: 'approved' | 'rejected' | null;
}

const unavailable = () =>
  new PortalHttpError(503, 'REMOTE_SIGN_UNAVAILABLE', 'Dịch vụ ký số từ xa (SIM ký số) chưa được kết nối trên Cổng dịch vụ công này.');
const unknownPhone = () =>
  new PortalHttpError(404, 'REMOTE_SIGN_SUBSCRIBER_NOT_FOUND', 'Số điện thoại này chưa đăng ký dịch vụ ký số từ xa (SIM ký số).');

function fingerprint(pem: string): string {
  return new crypto.X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
}

function algorithmOf(pem: string): 'RSA-SHA256' | 'ECDSA-SHA256' {
  return new crypto.X509Certificate(pem).publicKey.asymmetricKeyType === 'rsa' ? 'RSA-SHA256' : 'ECDSA-SHA256';
}

export async function registerRemoteSignRoutes(app: FastifyInstance, ctx: PortalContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const training = ctx.config.mode === 'training';
  const subscribers = new Map<string, Subscriber>();
  if (training) {
    const ca = await ensureTrainingCa(ctx.config.dataDir, ctx.now());
    for (const b of DEMO_ACCOUNTS.businesses) {
      subscribers.set(b.phone, { phone: b.phone, certificate: await ensureDemoBusinessCertificate(ctx.config.dataDir, ca, b, ctx.now()) });
    }
  }
  const requests = new Map<string, PendingRequest>();

  const subscriberOf = (rawPhone: string): Subscriber => {
    if (!training) throw unavailable();
    const phone = normalizeVnMobile(rawPhone);
    const sub = phone ? subscribers.get(phone) : undefined;
    if (!sub) throw unknownPhone();
    return sub;
  };

  const outcome = (p: PendingRequest): RemoteSignOutcome => {
    const now = ctx.now().getTime();
    const base = { requestId: p.id, expiresAt: new Date(p.expiresAt).toISOString() };
    if (p.decision === null && now >= p.expiresAt) return { ...base, status: 'expired' };
    const approved = p.decision === 'approved' || (p.decision === null && training && now - p.createdAt >= TRAINING_AUTO_APPROVE_MS);
    if (p.decision === 'rejected') return { ...base, status: 'rejected' };
    if (!approved) return { ...base, status: 'pending' };
    p.decision = 'approved';
    const key = crypto.createPrivateKey(p.certificate.privateKeyPem);
    const signature =
      key.asymmetricKeyType === 'ec' ? crypto.sign('sha256', p.data, { key, dsaEncoding: 'der' }) : crypto.sign('sha256', p.data, key);
    return {
      ...base,
      status: 'approved',
      signature: signature.toString('base64'),
      algorithm: algorithmOf(p.certificate.certificatePem),
      certificatePem: p.certificate.certificatePem,
      chainPem: [],
    };
  };

  const prune = () => {
    const now = ctx.now().getTime();
    for (const [id, p] of requests) if (now >= p.expiresAt + REMOTE_SIGN_TTL_MS) requests.delete(id);
  };

  r.post(
    '/api/v1/remote-sign/certificates',
    {
      schema: {
        summary: 'Chứng thư số trên SIM ký số của một số điện thoại',
        tags: ['remote-sign'],
        body: RemoteSignCertificatesRequestSchema,
        response: { 200: RemoteSignCertificatesResponseSchema, 404: PortalErrorSchema, 503: PortalErrorSchema },
      },
    },
    async (req) => {
      const sub = subscriberOf(req.body.phone);
      return { certificates: [{ certificatePem: sub.certificate.certificatePem, chainPem: [], algorithm: algorithmOf(sub.certificate.certificatePem) }] };
    },
  );

  r.post(
    '/api/v1/remote-sign/requests',
    {
      schema: {
        summary: 'Gửi yêu cầu ký tới điện thoại của thuê bao SIM ký số',
        tags: ['remote-sign'],
        body: RemoteSignRequestSchema,
        response: { 200: RemoteSignCreatedSchema, 400: PortalErrorSchema, 404: PortalErrorSchema, 429: PortalErrorSchema, 503: PortalErrorSchema },
      },
    },
    async (req) => {
      const sub = subscriberOf(req.body.phone);
      if (fingerprint(sub.certificate.certificatePem) !== req.body.certificateFingerprint) {
        throw new PortalHttpError(404, 'REMOTE_SIGN_CERT_NOT_FOUND', 'Không tìm thấy chứng thư số này trên SIM ký số.');
      }
      const data = Buffer.from(req.body.data, 'base64');
      if (data.length === 0 || data.length > 8192) throw new PortalHttpError(400, 'REMOTE_SIGN_DATA_SIZE', 'Dữ liệu cần ký phải từ 1 byte đến 8 KB.');
      prune();
      if (requests.size >= MAX_PENDING) throw new PortalHttpError(429, 'REMOTE_SIGN_BUSY', 'Dịch vụ ký số từ xa đang bận. Vui lòng thử lại sau ít phút.');
      const now = ctx.now().getTime();
      const p: PendingRequest = {
        id: crypto.randomBytes(16).toString('hex'),
        phone: sub.phone,
        certificate: sub.certificate,
        data,
        createdAt: now,
        expiresAt: now + REMOTE_SIGN_TTL_MS,
        decision: null,
      };
      requests.set(p.id, p);
      req.log.info({ event: 'remote-sign.requested' }, 'remote signing requested');
      return { requestId: p.id, status: 'pending' as const, expiresAt: new Date(p.expiresAt).toISOString() };
    },
  );

  const IdParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) });
  const find = (id: string) => {
    const p = requests.get(id);
    if (!p) throw new PortalHttpError(404, 'REMOTE_SIGN_REQUEST_NOT_FOUND', 'Không tìm thấy yêu cầu ký này.');
    return p;
  };

  r.get(
    '/api/v1/remote-sign/requests/:id',
    {
      schema: {
        summary: 'Trạng thái yêu cầu ký từ xa; chữ ký khi thuê bao đã xác nhận',
        tags: ['remote-sign'],
        params: IdParams,
        response: { 200: RemoteSignOutcomeSchema, 404: PortalErrorSchema },
      },
    },
    async (req) => outcome(find(req.params.id)),
  );

  if (training) {
    r.post(
      '/api/v1/dev/remote-sign/requests/:id/decision',
      {
        schema: {
          summary: '[Tập huấn] Thuê bao xác nhận hoặc từ chối yêu cầu ký trên điện thoại',
          tags: ['dev'],
          params: IdParams,
          body: RemoteSignDecisionSchema,
          response: { 200: RemoteSignOutcomeSchema, 404: PortalErrorSchema, 409: PortalErrorSchema },
        },
      },
      async (req) => {
        const p = find(req.params.id);
        if (outcome(p).status !== 'pending') throw new PortalHttpError(409, 'REMOTE_SIGN_ALREADY_DECIDED', 'Yêu cầu ký này đã được xử lý.');
        p.decision = req.body.approve ? 'approved' : 'rejected';
        return outcome(p);
      },
    );
  }
}

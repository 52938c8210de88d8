import crypto, { type X509Certificate } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CertVerifyRequest } from '../../src-shared/portal-auth-api.js';
import type { PortalContext } from '../context.js';
import type { AuthTables } from '../db/auth-tables.js';
import { PortalHttpError } from '../http/errors.js';
import { createBusinessAccount, findBusinessByTaxCode } from './accounts.js';
import { verifyCertificateLogin } from './cert-verify.js';
import { accountUsableOrThrow } from './password-login.js';
import { addMs } from './durations.js';
import { randomId } from './secrets.js';

type CertContext = Pick<PortalContext, 'db' | 'now' | 'config'>;
type AccountRow = Selectable<AuthTables['accounts']>;

export const CERT_CHALLENGE_TTL_MS = 5 * 60_000;

export async function issueCertChallenge(ctx: CertContext): Promise<{ challengeId: string; nonce: string; expiresAt: string }> {
  const now = ctx.now();
  const challengeId = randomId(16);
  const nonce = crypto.randomBytes(32).toString('base64');
  const expiresAt = addMs(now, CERT_CHALLENGE_TTL_MS).toISOString();
  await ctx.db.deleteFrom('cert_challenges').where('expires_at', '<', addMs(now, -60 * 60_000).toISOString()).execute();
  await ctx.db.insertInto('cert_challenges').values({ id: challengeId, nonce, expires_at: expiresAt, used_at: null, created_at: now.toISOString() }).execute();
  return { challengeId, nonce, expiresAt };
}

/** Burns the challenge (whatever the outcome of the check that follows) and returns its nonce bytes. */
async function consumeCertChallenge(ctx: CertContext, challengeId: string): Promise<Buffer> {
  const now = ctx.now();
  const row = await ctx.db.selectFrom('cert_challenges').selectAll().where('id', '=', challengeId).executeTakeFirst();
  if (!row) throw new PortalHttpError(404, 'CERT_CHALLENGE_NOT_FOUND', 'Phiên ký xác thực không tồn tại. Vui lòng thực hiện lại đăng nhập bằng chữ ký số.');
  const used = () => new PortalHttpError(409, 'CERT_CHALLENGE_USED', 'Chuỗi xác thực này đã được dùng. Vui lòng thực hiện lại đăng nhập bằng chữ ký số.');
  if (row.used_at) throw used();
  if (now >= new Date(row.expires_at)) {
    throw new PortalHttpError(410, 'CERT_CHALLENGE_EXPIRED', 'Phiên ký xác thực đã hết hạn. Vui lòng thực hiện lại đăng nhập bằng chữ ký số.');
  }
  const burnt = await ctx.db
    .updateTable('cert_challenges')
    .set({ used_at: now.toISOString() })
    .where('id', '=', challengeId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(burnt.numUpdatedRows) !== 1) throw used();
  return Buffer.from(row.nonce, 'base64');
}

/**
 * Verifies a signed challenge and returns the business account behind the
 * certificate's MST. Training mode opens an account on first login;
 * production requires the account to exist already.
 */
export async function completeCertLogin(ctx: CertContext, anchors: readonly X509Certificate[], body: CertVerifyRequest): Promise<AccountRow> {
  const nonce = await consumeCertChallenge(ctx, body.challengeId);
  const verified = verifyCertificateLogin(
    {
      nonce,
      certificatePem: body.certificatePem,
      chainPem: body.chainPem ?? [],
      signature: Buffer.from(body.signature, 'base64'),
      algorithm: body.algorithm,
    },
    anchors,
    ctx.now(),
  );
  let row = await findBusinessByTaxCode(ctx.db, verified.taxCode);
  if (!row) {
    if (ctx.config.mode !== 'training') {
      throw new PortalHttpError(
        403,
        'BUSINESS_ACCOUNT_NOT_FOUND',
        'Doanh nghiệp có mã số thuế trong chứng thư số chưa đăng ký tài khoản trên Cổng dịch vụ công.',
      );
    }
    try {
      await createBusinessAccount(ctx.db, {
        taxCode: verified.taxCode,
        companyName: verified.companyName ?? `Doanh nghiệp MST ${verified.taxCode}`,
      });
    } catch (e) {
      // Two first logins of the same business at once: the other one made the account.
      if (!(e instanceof PortalHttpError && e.code === 'ACCOUNT_EXISTS')) throw e;
    }
    row = await findBusinessByTaxCode(ctx.db, verified.taxCode);
    if (!row) throw new Error('business account vanished after creation');
  }
  accountUsableOrThrow(ctx, row);
  return row;
}

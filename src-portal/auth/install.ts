import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../context.js';
import { registerDevRoutes } from '../dev/routes.js';
import { createOutboxSmsProvider, type SmsProvider } from '../sms/provider.js';
import { DEMO_ACCOUNTS } from '../training/demo-accounts.js';
import { disableDemoAccounts, seedDemoAccounts } from '../training/seed-demo-accounts.js';
import { ensureDemoBusinessCertificate, ensureTrainingCa, type IssuedCertificate } from '../training/training-ca.js';
import { parseTrustAnchors } from './cert-verify.js';
import { registerAuthRoutes } from './routes.js';
import { registerKioskDeviceRoutes } from './kiosk-device.js';

export interface AuthOptions {
  /** Defaults to the built-in outbox provider (table sms_outbox). */
  sms?: SmsProvider;
}

/**
 * Sets up login for the portal. Training mode: makes the training CA and
 * trusts it, seeds the demo accounts (with a certificate for each demo
 * business) and registers /api/v1/dev/*. Production mode: trusts only the
 * configured CAs, disables any demo account left from training, and
 * registers no dev endpoint.
 */
export async function installAuth(app: FastifyInstance, ctx: PortalContext, options: AuthOptions = {}): Promise<void> {
  const sms = options.sms ?? createOutboxSmsProvider(ctx.db, ctx.now);
  const trustAnchors = parseTrustAnchors(ctx.config.trustedCaPems);

  if (ctx.config.mode === 'training') {
    const now = ctx.now();
    const ca = await ensureTrainingCa(ctx.config.dataDir, now);
    trustAnchors.push(...parseTrustAnchors([ca.certificatePem]));
    await seedDemoAccounts(ctx);
    const demoCertificates = new Map<string, IssuedCertificate>();
    for (const b of DEMO_ACCOUNTS.businesses) {
      demoCertificates.set(b.taxCode, await ensureDemoBusinessCertificate(ctx.config.dataDir, ca, b, now));
    }
    registerDevRoutes(app, ctx, { demoCertificates });
  } else {
    await disableDemoAccounts(ctx);
  }

  registerAuthRoutes(app, ctx, { sms, trustAnchors });
  registerKioskDeviceRoutes(app, ctx);
}

import type { Kysely } from 'kysely';
import type { PortalConfig } from './config.js';
import type { PortalDb } from './db/tables.js';
import type { SessionService } from './auth/principal.js';

/** What every feature of the portal is handed: no module reaches for globals. */
export interface PortalContext {
  config: PortalConfig;
  db: Kysely<PortalDb>;
  /** Injected so tests can move time (OTP expiry, lockouts, appointment dates). */
  now: () => Date;
  sessions: SessionService;
}

import path from 'node:path';
import { z } from 'zod';

export const PortalConfigSchema = z.object({
  /** Folder for the SQLite file and any files the portal keeps. */
  dataDir: z.string().min(1),
  /** PostgreSQL instead of the SQLite file in dataDir (PORTAL_DATABASE_URL=postgres://…); several portal processes may share it. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'PORTAL_DATABASE_URL phải bắt đầu bằng postgres:// hoặc postgresql://.')
    .nullable()
    .default(null),
  /** Folder holding catalogue/procedures.json and catalogue/agencies.json. */
  resourcesDir: z.string().min(1),
  /** Folder of the board's pre-rendered announcement clips (out/queue-voice, made by the build with espeak-ng); null = none, the board reads calls only with the browser's Vietnamese voice. */
  voiceDir: z.string().min(1).nullable().default(null),
  /** training: demo accounts and /api/v1/dev/* endpoints; production: neither. */
  mode: z.enum(['training', 'production']),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(0),
  /** Log HTTP requests (method, route, status only — never bodies). */
  logRequests: z.boolean().default(false),
  /** File the request log is appended to as JSON lines (PORTAL_LOG_FILE); null = standard output. */
  logFile: z.string().min(1).nullable().default(null),
  /** PEM certificates of the CAs a business signing certificate must chain to (training mode also trusts its own training CA). */
  trustedCaPems: z.array(z.string()).default([]),
  /** Submissions: upload limits (shown to citizens in MB) and the public lookup rate limit. */
  applications: z
    .object({
      maxFileMb: z.number().positive().default(10),
      maxApplicationMb: z.number().positive().default(30),
      /** Lookups by mã hồ sơ without a session, per client IP per minute (stops enumeration). */
      publicLookupsPerMinute: z.number().int().positive().default(30),
    })
    .prefault({}),
  /** The fleet list's flags: a kiosk silent this long, or with a queued entry this old, is flagged. */
  fleet: z
    .object({
      silentAfterSeconds: z.number().int().positive().default(300),
      queueAgeLimitSeconds: z.number().int().positive().default(3600),
    })
    .prefault({}),
  /** Account fees are paid into (VietQR). The defaults are a training account, not a real one. */
  payments: z
    .object({
      bankBin: z.string().regex(/^\d{6}$/).default('970415'),
      account: z.string().regex(/^[0-9A-Za-z]{1,19}$/).default('113000999999'),
      accountName: z.string().min(1).default('KHO BAC NHA NUOC QUANG NGAI - DAO TAO'),
    })
    .prefault({}),
});
export type PortalConfig = z.infer<typeof PortalConfigSchema>;
export type PortalConfigInput = z.input<typeof PortalConfigSchema>;

export function portalDbFile(config: PortalConfig): string {
  return path.join(config.dataDir, 'portal.sqlite');
}

/** Where the portal keeps its records: PostgreSQL when configured, else the SQLite file. */
export function portalDatabaseLocation(config: PortalConfig): string | { url: string } {
  return config.databaseUrl ? { url: config.databaseUrl } : portalDbFile(config);
}

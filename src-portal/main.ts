import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOrCreateEnrolmentCode } from './auth/kiosk-enrolment.js';
import { startPortal } from './server.js';

/**
 * `npm run portal`: the reference portal on its own. Settings from the
 * environment: PORTAL_PORT (default 8480), PORTAL_HOST (127.0.0.1),
 * PORTAL_DATA_DIR (.data/portal), PORTAL_MODE (training|production),
 * PORTAL_LOG_FILE (request log as JSON lines; default standard output),
 * PORTAL_DATABASE_URL (postgres://…; default the SQLite file in the data dir),
 * PORTAL_VOICE_DIR (the board's announcement clips; default out/queue-voice),
 * PORTAL_FLEET_SILENT_SECONDS / PORTAL_FLEET_QUEUE_AGE_SECONDS (when the fleet
 * list flags a kiosk "Mất liên lạc" / "Hàng đợi quá hạn"; default 300 / 3600).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;

/** A whole, positive number of seconds from the environment, or a sentence saying which variable is wrong. */
function seconds(name: string): number {
  const text = env[name] ?? '';
  if (!/^\d{1,9}$/.test(text) || Number(text) === 0) throw new Error(`${name} phải là số giây nguyên dương (ví dụ 300), không phải "${text}".`);
  return Number(text);
}
try {
  const portal = await startPortal({
    dataDir: env.PORTAL_DATA_DIR ?? path.join(root, '.data', 'portal'),
    databaseUrl: env.PORTAL_DATABASE_URL || null,
    resourcesDir: path.join(root, 'resources'),
    voiceDir: env.PORTAL_VOICE_DIR ? path.resolve(env.PORTAL_VOICE_DIR) : path.join(root, 'out', 'queue-voice'),
    mode: env.PORTAL_MODE === 'production' ? 'production' : 'training',
    host: env.PORTAL_HOST ?? '127.0.0.1',
    port: env.PORTAL_PORT ? Number(env.PORTAL_PORT) : 8480,
    logRequests: true,
    logFile: env.PORTAL_LOG_FILE ? path.resolve(env.PORTAL_LOG_FILE) : null,
    fleet: {
      ...(env.PORTAL_FLEET_SILENT_SECONDS ? { silentAfterSeconds: seconds('PORTAL_FLEET_SILENT_SECONDS') } : {}),
      ...(env.PORTAL_FLEET_QUEUE_AGE_SECONDS ? { queueAgeLimitSeconds: seconds('PORTAL_FLEET_QUEUE_AGE_SECONDS') } : {}),
    },
  });
  console.log(`Portal ready: ${portal.url}`);
  if (portal.context.config.mode === 'training') {
    // For the trainer's eyes (the terminal, not a log): kiosks on other machines enrol with it.
    console.log(`Mã đăng ký kiosk tập huấn / training kiosk enrolment code: ${loadOrCreateEnrolmentCode(portal.context.config.dataDir)}`);
  }
  const stop = () => void portal.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  console.error(`Không khởi động được cổng tham chiếu: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

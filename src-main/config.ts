import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { RECEIPT_LAYOUTS } from '../src-shared/kiosk-contract/admin.js';
import { HOST_VISIT_IDLE_SECONDS } from '../src-shared/visit-limits.js';
import { DEFAULT_LOOKUP_BASE } from '../src-shared/domain/lookup-url.js';

/** The training portal's account (not a real one): what the embedded portal quotes when none is configured. */
const TRAINING_PAYEE = { bankBin: '970415', account: '113000999999', accountName: 'KHO BAC NHA NUOC QUANG NGAI - DAO TAO' };

/**
 * The training portal's Cẩm Thành one-stop centre (resources/queue/centres.json):
 * the queue a kiosk serves when none is configured, so `npm start` takes numbers.
 */
export const TRAINING_QUEUE_CENTRE = '000.00.31.H48';

/** A USB vendor or product id: a number, or hex text as lsusb prints it ("0c2e", "0x0c2e"). */
const usbId = z.preprocess(
  (v) => (typeof v === 'string' && /^(0x)?[0-9a-f]{1,4}$/i.test(v) ? parseInt(v, 16) : v),
  z.number({ error: 'Mã USB là số, hoặc chữ số hệ 16 như lsusb in ra (ví dụ 0c2e).' }).int().min(0).max(0xffff),
);

/**
 * Kiosk configuration: read and validated once at start, then passed in.
 * Sources, later ones winning: built-in defaults, the config file
 * (kiosk.config.json in the working directory, or the path in
 * KIOSK_CONFIG / --config), environment variables, command-line flags.
 */
export const KioskConfigSchema = z
  .object({
    /** Central portal base URL; null = start the embedded reference portal. */
    portalUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
    dataDir: z.string().min(1),
    kioskId: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'Mã kiosk chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa 40 ký tự).').default('KIOSK-01'),
    /** The enrolment code a training portal's trainer was shown, for a kiosk on another machine to enrol itself. */
    enrolmentCode: z.string().trim().min(1).max(40).optional(),
    language: z.enum(['vi', 'en']).default('vi'),
    mode: z.enum(['self-service', 'assisted']).default('self-service'),
    /**
     * The on-screen keyboard: 'auto' opens it when a field is touched (self-service
     * mode; an assisted counter has a physical keyboard), 'manual' only with its
     * "Bàn phím" button, for a kiosk fitted with a physical keyboard.
     */
    onScreenKeyboard: z.enum(['auto', 'manual']).default('auto'),
    /** Electron window: true kiosk mode (no chrome, no exit) or plain fullscreen. */
    kiosk: z.boolean().default(true),
    fullscreen: z.boolean().default(true),
    /** Base URL of the update feed (electron-builder `generic`: latest.yml and installers); null = updated by hand. */
    updateFeedUrl: z.url({ protocol: /^https?$/, error: 'Địa chỉ nguồn cập nhật (updateFeedUrl) phải là địa chỉ web bắt đầu bằng http:// hoặc https://.' }).nullable().default(null),
    /** Browser shell port on 127.0.0.1; 0 = a free port. */
    port: z.number().int().min(0).max(65535).default(0),
    /** How often the catalogue is refreshed from the portal, seconds. */
    catalogueSyncSeconds: z.number().int().min(10).max(86_400).default(300),
    /** Days the personal part of an application stays on the kiosk after the portal accepted it. */
    retentionDays: z.number().min(0).max(365).default(7),
    /**
     * Seconds without a call of the visit after which the host ends it (signs
     * the citizen out, wipes its drafts), even with no window open.
     */
    visitIdleSeconds: z.number().int().min(1).max(86_400).default(HOST_VISIT_IDLE_SECONDS),
    /**
     * Assisted mode: seconds without a touch or key after which the counter
     * locks itself (as "Khóa màn hình" does) until the shift PIN.
     */
    staffLockSeconds: z.number().int().min(1).max(86_400).default(300),
    /**
     * Assisted mode: this desk's counter number at its one-stop centre (the
     * centre is the signed-in officer's agency); null = no queue buttons.
     */
    counter: z.number({ error: 'Số quầy (counter) phải là một số nguyên dương.' }).int('Số quầy (counter) phải là số nguyên.').min(1, 'Số quầy (counter) phải từ 1 trở lên.').max(99, 'Số quầy (counter) nhiều nhất là 99.').nullable().default(null),
    /** How often the kiosk tells the portal it is alive ("Fleet": version, queue, devices, disk), seconds; 0 = never. */
    heartbeatSeconds: z.number().int().min(0).max(86_400).default(60),
    /** How often statuses of applications sent from here are refreshed, seconds. */
    statusRefreshSeconds: z.number().int().min(10).max(86_400).default(300),
    /**
     * Folder of the kiosk's keys (data-encryption key, device key for the
     * portal); default <dataDir>/keys. Put it on another volume to keep the
     * keys apart from the data.
     */
    keyDir: z.string().min(1).nullable().default(null),
    /** Folder of the host's JSON-line logs (rotated); default <dataDir>/logs. */
    logDir: z.string().min(1).nullable().default(null),
    /** CUPS queue receipts print to (browser shell); null = hand the PDF to the UI to save or show. */
    printerQueue: z.string().regex(/^[A-Za-z0-9_.-]{1,127}$/, 'Tên hàng đợi máy in chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới.').nullable().default(null),
    /** The paper a receipt or slip is laid out for unless the person picks the other: A4, or the 80 mm roll of a thermal printer. */
    receiptLayout: z.enum(RECEIPT_LAYOUTS).default('a4'),
    /** CUPS server of that queue (host[:port] or the path of its socket); null = the system's own. */
    printerServer: z.string().min(1).max(500).nullable().default(null),
    /**
     * Training: the kiosk runs on a training portal (on by default with the
     * embedded one) and lets trainers and tests read the wizard captcha.
     */
    training: z.boolean().default(false),
    /**
     * PKCS#11 library of the signing token, overriding the one resolved from
     * the token model (a token the table does not know, or SoftHSM2 in tests).
     */
    pkcs11Library: z.string().min(1).nullable().default(null),
    /**
     * The QR/barcode scanner (CCCD, receipt QR). 'wedge': it types like a
     * keyboard and the UI tells its fast bursts apart from a person's typing.
     * 'hid': the host reads it through node-hid, found by its USB vendor and
     * product id (both required then).
     */
    scanner: z.enum(['wedge', 'hid']).default('wedge'),
    scannerVendorId: usbId.nullable().default(null),
    scannerProductId: usbId.nullable().default(null),
    /**
     * Deployment facts (defaults: the Quảng Ngãi training portal's). The
     * place in the date line of printed forms and in a signed declaration's
     * signature ("Quảng Ngãi, ngày … tháng … năm …").
     */
    place: z.string().trim().min(1, 'Tên địa danh trên giấy tờ (place) không được để trống.').max(60, 'Tên địa danh trên giấy tờ (place) dài quá 60 ký tự.').default('Quảng Ngãi'),
    /** What the QR on a receipt or slip opens: the portal's public lookup, `?ma=<mã hồ sơ>` added. */
    lookupBaseUrl: z.url({ protocol: /^https?$/, error: 'Địa chỉ tra cứu hồ sơ (lookupBaseUrl) phải là địa chỉ web bắt đầu bằng http:// hoặc https://.' }).default(DEFAULT_LOOKUP_BASE),
    /**
     * The account fees are paid into (VietQR), for the embedded training
     * portal; a configured portal names its own payee.
     */
    payee: z
      .object({
        bankBin: z.string().regex(/^\d{6}$/, 'Mã ngân hàng của tài khoản thu phí (payee.bankBin) gồm đúng 6 chữ số (mã BIN NAPAS).'),
        account: z.string().regex(/^[0-9A-Za-z]{1,19}$/, 'Số tài khoản thu phí (payee.account) chỉ gồm chữ và số, tối đa 19 ký tự.'),
        accountName: z.string().trim().min(1, 'Tên tài khoản thu phí (payee.accountName) không được để trống.').max(100),
      })
      .strict()
      .default(TRAINING_PAYEE),
    /**
     * The one-stop centre (agency code) whose queue this kiosk hands out
     * numbers for ("Lấy số thứ tự"); the portal lists its areas and counters.
     */
    queueCentre: z.string().trim().regex(/^[0-9A-Za-z.]{1,40}$/, 'Mã bộ phận một cửa lấy số (queueCentre) chỉ gồm chữ, số và dấu chấm, như 000.00.31.H48.').default(TRAINING_QUEUE_CENTRE),
    /** Do not open a browser window (browser shell). */
    headless: z.boolean().default(false),
    /** Chromium executable for the browser shell; null = look for one. */
    chromiumPath: z.string().nullable().default(null),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.scanner !== 'hid') return;
    for (const key of ['scannerVendorId', 'scannerProductId'] as const) {
      if (c[key] === null) ctx.addIssue({ code: 'custom', path: [key], message: 'Máy quét HID cần mã nhà sản xuất (scannerVendorId) và mã sản phẩm (scannerProductId) của thiết bị USB.' });
    }
  });
export type KioskConfig = z.infer<typeof KioskConfigSchema>;

/** Where the host writes its logs. */
export function logDirOf(config: Pick<KioskConfig, 'dataDir' | 'logDir'>): string {
  return config.logDir ?? path.join(config.dataDir, 'logs');
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const ENV_KEYS: Record<string, keyof KioskConfig> = {
  KIOSK_PORTAL_URL: 'portalUrl',
  KIOSK_DATA_DIR: 'dataDir',
  KIOSK_ID: 'kioskId',
  KIOSK_ENROLMENT_CODE: 'enrolmentCode',
  KIOSK_LANG: 'language',
  KIOSK_MODE: 'mode',
  KIOSK_ON_SCREEN_KEYBOARD: 'onScreenKeyboard',
  KIOSK_PORT: 'port',
  KIOSK_CHROMIUM: 'chromiumPath',
  KIOSK_KEY_DIR: 'keyDir',
  KIOSK_LOG_DIR: 'logDir',
  KIOSK_PRINTER: 'printerQueue',
  KIOSK_PRINTER_SERVER: 'printerServer',
  KIOSK_RECEIPT_LAYOUT: 'receiptLayout',
  KIOSK_TRAINING: 'training',
  KIOSK_RETENTION_DAYS: 'retentionDays',
  KIOSK_VISIT_IDLE_SECONDS: 'visitIdleSeconds',
  KIOSK_STAFF_LOCK_SECONDS: 'staffLockSeconds',
  KIOSK_COUNTER: 'counter',
  KIOSK_HEARTBEAT_SECONDS: 'heartbeatSeconds',
  KIOSK_PKCS11_LIBRARY: 'pkcs11Library',
  KIOSK_PLACE: 'place',
  KIOSK_UPDATE_FEED_URL: 'updateFeedUrl',
  KIOSK_LOOKUP_BASE_URL: 'lookupBaseUrl',
  KIOSK_SCANNER: 'scanner',
  KIOSK_QUEUE_CENTRE: 'queueCentre',
  KIOSK_SCANNER_VENDOR_ID: 'scannerVendorId',
  KIOSK_SCANNER_PRODUCT_ID: 'scannerProductId',
};

const NUMERIC: ReadonlySet<keyof KioskConfig> = new Set(['port', 'catalogueSyncSeconds', 'retentionDays', 'statusRefreshSeconds', 'visitIdleSeconds', 'staffLockSeconds', 'heartbeatSeconds', 'counter']);

function coerce(key: keyof KioskConfig, value: string): unknown {
  if (key === 'counter' && value === '') return null;
  if (NUMERIC.has(key)) return /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  // An empty variable means "not set", as in a shell's KIOSK_PRINTER= .
  if ((key === 'portalUrl' || key === 'pkcs11Library' || key === 'printerQueue' || key === 'printerServer' || key === 'logDir') && value === '') return null;
  if (key === 'training') return value === '1' || value === 'true';
  return value;
}

function readConfigFile(file: string, required: boolean): Record<string, unknown> {
  if (!fs.existsSync(file)) {
    if (required) throw new ConfigError(`Không tìm thấy tệp cấu hình: ${file}`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('không phải đối tượng JSON');
    return parsed as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`Tệp cấu hình ${file} không đọc được: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function loadConfig(args: { argv: readonly string[]; env: NodeJS.ProcessEnv; cwd: string }): KioskConfig {
  const { argv, env, cwd } = args;
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const explicitFile = flag('--config') ?? env.KIOSK_CONFIG;
  const file = path.resolve(cwd, explicitFile ?? 'kiosk.config.json');
  const merged: Record<string, unknown> = {
    dataDir: path.join(os.homedir(), '.mot-cua-kiosk'),
    ...readConfigFile(file, explicitFile !== undefined),
  };
  for (const [envKey, key] of Object.entries(ENV_KEYS)) {
    const v = env[envKey];
    if (v !== undefined) merged[key] = coerce(key, v);
  }
  const cliPortal = flag('--portal');
  if (cliPortal !== undefined) merged.portalUrl = cliPortal;
  const cliData = flag('--data-dir');
  if (cliData !== undefined) merged.dataDir = cliData;
  if (argv.includes('--headless')) merged.headless = true;
  if (argv.includes('--windowed')) {
    merged.kiosk = false;
    merged.fullscreen = false;
  }
  if (typeof merged.dataDir === 'string') merged.dataDir = path.resolve(cwd, merged.dataDir);
  if (typeof merged.keyDir === 'string') merged.keyDir = path.resolve(cwd, merged.keyDir);
  if (typeof merged.logDir === 'string') merged.logDir = path.resolve(cwd, merged.logDir);

  const result = KioskConfigSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(tệp cấu hình)'}: ${i.message}`);
    throw new ConfigError(`Cấu hình kiosk không hợp lệ (${file}):\n${lines.join('\n')}`);
  }
  return result.data;
}

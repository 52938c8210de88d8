import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenState } from '../../src-shared/kiosk-api.js';
import { DeviceError, isDeviceError } from './device-errors.js';
import { openPkcs11Signer } from './pkcs11-signer.js';
import type { CertInfo, Signer } from './signer.js';
import { loadTokenTable, parseTokenTable, resolvePkcs11Library, type Pkcs11Platform, type TokenTable } from './token-models.js';
import { createDeviceWatcher, TOKEN_PRESENCE_TEXT, type DeviceWatcher, type TokenPresence } from './usb-watch.js';

/**
 * The host's signing token: which PKCS#11 library to use, the signer over
 * it (opened on first use, shared afterwards), and whether a token is
 * plugged in right now. Presence comes from two places: USB hot-plug of
 * models in the token table, and — when a library is configured
 * explicitly (a token the table does not know, SoftHSM2) — a slow probe of
 * that library's slots, since such tokens are invisible to the USB table.
 */

export interface ClosableSigner extends Signer {
  close(): void;
}

export interface TokenServiceOptions {
  /** `config.pkcs11Library`: used for every token when set. */
  library: string | null;
  table: TokenTable;
  platform?: Pkcs11Platform;
  /** USB hot-plug source; default the `usb` package (or node-hid polling). Null: none on this machine. */
  watcher?: () => Promise<DeviceWatcher | null>;
  openSigner?: (library: string) => Promise<ClosableSigner>;
  /** Period of the library probe (explicit library only). */
  probeIntervalMs?: number;
  /** Diagnostics: error codes only, never data. */
  log?: (line: string) => void;
}

export type TokenPresenceState = Pick<TokenState, 'present' | 'model'>;

const DEFAULT_PROBE_MS = 2_000;
/** Codes meaning "no token to talk to" (as opposed to a token that is there but unhappy). */
const ABSENT = new Set(['TOKEN_NOT_PRESENT', 'TOKEN_REMOVED', 'PKCS11_LIBRARY_NOT_FOUND']);

function currentPlatform(): Pkcs11Platform {
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
}

/**
 * resources/devices/tokens.json, found from wherever the host runs: the
 * sources (src-main/devices), the bundle (out/host) or the packaged app.
 */
export function findTokenTableFile(): string | null {
  const from = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  let dir = path.dirname(from);
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'resources', 'devices', 'tokens.json');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

/** The token table, or an empty one (only an explicit library then works) when it cannot be read. */
export function loadTokenTableOrEmpty(log: (line: string) => void = () => undefined): TokenTable {
  const file = findTokenTableFile();
  try {
    if (file) return loadTokenTable(file);
    log('devices: resources/devices/tokens.json not found; only KIOSK_PKCS11_LIBRARY tokens are recognised');
  } catch (e) {
    log(`devices: ${e instanceof Error ? e.message : 'token table unreadable'}`);
  }
  return parseTokenTable({ version: 1, models: [] });
}

async function defaultWatcher(table: TokenTable): Promise<DeviceWatcher | null> {
  try {
    return await createDeviceWatcher(table);
  } catch {
    // Neither `usb` nor node-hid loads here: tokens are found by the library probe only.
    return null;
  }
}

export class TokenService {
  private watcher: DeviceWatcher | null = null;
  private usbTokens: TokenPresence[] = [];
  private libraryHasToken = false;
  private opened: { library: string; signer: Promise<ClosableSigner> } | null = null;
  private last: TokenPresenceState = { present: false, model: null };
  private readonly listeners = new Set<(s: TokenPresenceState) => void>();
  private probeTimer: NodeJS.Timeout | null = null;
  private probing: Promise<void> | null = null;
  private closed = false;
  private libraryMissingLogged = false;

  private constructor(private readonly opts: TokenServiceOptions) {}

  /** Starts watching; the first state is known when this resolves. */
  static async start(opts: TokenServiceOptions): Promise<TokenService> {
    const service = new TokenService(opts);
    await service.begin();
    return service;
  }

  private async begin(): Promise<void> {
    this.watcher = await (this.opts.watcher ?? (() => defaultWatcher(this.opts.table)))();
    if (this.watcher) {
      const update = () => {
        this.usbTokens = this.watcher?.list() ?? [];
        this.publish();
        // A token came or went: the library's view changes too.
        if (this.opts.library) void this.probe();
      };
      this.watcher.on('attach', update);
      this.watcher.on('detach', update);
      this.usbTokens = this.watcher.list();
    }
    if (this.opts.library) {
      await this.probe();
      this.scheduleProbe();
    }
    this.publish();
  }

  state(): TokenState {
    const s = this.presence();
    return { ...s, message: s.present ? TOKEN_PRESENCE_TEXT.present : TOKEN_PRESENCE_TEXT.absent };
  }

  /** Called with every change of presence or model. Returns the function that removes the listener. */
  onChange(listener: (s: TokenPresenceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async certificates(): Promise<CertInfo[]> {
    return this.use((signer) => signer.listCertificates());
  }

  /**
   * Runs one token operation with the signer. A failure that says the
   * token is gone updates the presence at once rather than at the next probe.
   */
  async use<T>(job: (signer: Signer) => Promise<T>): Promise<T> {
    try {
      return await job(await this.signer());
    } catch (e) {
      if (isDeviceError(e) && ABSENT.has(e.code) && this.opts.library) void this.probe();
      throw e;
    }
  }

  close(): void {
    this.closed = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.watcher?.stop();
    this.listeners.clear();
    const opened = this.opened;
    this.opened = null;
    void opened?.signer.then((s) => s.close()).catch(() => undefined);
  }

  private presence(): TokenPresenceState {
    const usb = this.usbTokens[0];
    return { present: usb !== undefined || this.libraryHasToken, model: usb?.model.name ?? null };
  }

  private publish(): void {
    const now = this.presence();
    if (now.present === this.last.present && now.model === this.last.model) return;
    this.last = now;
    for (const listener of this.listeners) {
      try {
        listener(now);
      } catch {
        // A broken listener must not stop the others.
      }
    }
  }

  /** The library for the token plugged in now: the configured one, else the model's. */
  private library(): string {
    if (this.opts.library) return this.opts.library;
    const usb = this.usbTokens[0];
    if (!usb) throw new DeviceError('TOKEN_NOT_PRESENT');
    const found = resolvePkcs11Library(this.opts.table, usb.model, this.opts.platform ?? currentPlatform());
    if (!found) throw new DeviceError('PKCS11_LIBRARY_NOT_FOUND');
    return found;
  }

  private signer(): Promise<ClosableSigner> {
    if (this.closed) return Promise.reject(new DeviceError('TOKEN_ERROR'));
    let library: string;
    try {
      library = this.library();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new DeviceError('TOKEN_ERROR'));
    }
    if (this.opened?.library === library) return this.opened.signer;
    // Another model's token: its vendor library replaces the one loaded before.
    const previous = this.opened;
    void previous?.signer.then((s) => s.close()).catch(() => undefined);
    const open = this.opts.openSigner ?? ((lib: string) => openPkcs11Signer(lib));
    const signer = open(library);
    const entry = { library, signer };
    this.opened = entry;
    // A driver installed later is picked up on the next try.
    signer.catch(() => {
      if (this.opened === entry) this.opened = null;
    });
    return signer;
  }

  /** Asks the configured library whether it sees a token; one probe at a time. */
  private probe(): Promise<void> {
    this.probing ??= (async () => {
      let present: boolean;
      try {
        await (await this.signer()).listCertificates();
        present = true;
      } catch (e) {
        const code = isDeviceError(e) ? e.code : 'TOKEN_ERROR';
        present = !ABSENT.has(code);
        // Said once per outage, not at every probe.
        if (code === 'PKCS11_LIBRARY_NOT_FOUND' && !this.libraryMissingLogged) this.opts.log?.('devices: the configured PKCS#11 library cannot be loaded');
        this.libraryMissingLogged = code === 'PKCS11_LIBRARY_NOT_FOUND';
      }
      if (present) this.libraryMissingLogged = false;
      if (this.closed) return;
      this.libraryHasToken = present;
      this.publish();
    })().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private scheduleProbe(): void {
    if (this.closed) return;
    this.probeTimer = setTimeout(() => {
      void this.probe().finally(() => this.scheduleProbe());
    }, this.opts.probeIntervalMs ?? DEFAULT_PROBE_MS);
    this.probeTimer.unref();
  }
}

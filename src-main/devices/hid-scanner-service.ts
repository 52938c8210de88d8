import { openHidScanner, type HidScanner } from './hid-scanner.js';

/**
 * The QR/barcode scanner the host reads through HID (config `scanner: "hid"`),
 * found by its vendor and product id. node-hid has no hot-plug events, so
 * while the scanner is absent (not plugged in yet, or pulled out: a read
 * error) the device list is looked at again every few seconds, never in a
 * tight loop. A completed scan goes to `onScan`, the same text a
 * keyboard-wedge scan hands the UI.
 */

export interface HidScannerSettings {
  vendorId: number;
  productId: number;
}

export interface HidScannerServiceOptions {
  onScan(text: string): void;
  /** Fixed sentences about the device (found, lost); never what it read. */
  log(line: string): void;
  pollMs?: number;
}

export const SCANNER_POLL_MS = 3_000;

/** HID usage page and usage of a keyboard: a scanner that also offers other interfaces types on this one. */
const USAGE_PAGE_DESKTOP = 0x01;
const USAGE_KEYBOARD = 0x06;

export class HidScannerService {
  private scanner: HidScanner | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly settings: HidScannerSettings,
    private readonly opts: HidScannerServiceOptions,
  ) {}

  static start(settings: HidScannerSettings, opts: HidScannerServiceOptions): HidScannerService {
    const service = new HidScannerService(settings, opts);
    void service.connect();
    return service;
  }

  get connected(): boolean {
    return this.scanner !== null;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.scanner?.close();
    this.scanner = null;
  }

  private async connect(): Promise<void> {
    try {
      const path = await this.findPath();
      if (path !== null && !this.closed) {
        this.scanner = await openHidScanner(path, { onScan: (text) => this.opts.onScan(text), onDisconnect: () => this.lost() });
        this.opts.log('Đã kết nối máy quét mã QR (HID).');
        if (this.closed) this.close();
        return;
      }
    } catch {
      // node-hid missing or the device refused to open (permissions, just unplugged): try again later.
    }
    this.retry();
  }

  private async findPath(): Promise<string | null> {
    const hid = await import('node-hid');
    const matching = (await hid.devicesAsync(this.settings.vendorId, this.settings.productId)).filter((d) => d.path);
    const keyboard = matching.find((d) => d.usagePage === USAGE_PAGE_DESKTOP && d.usage === USAGE_KEYBOARD);
    return (keyboard ?? matching[0])?.path ?? null;
  }

  private lost(): void {
    this.scanner = null;
    this.opts.log('Mất kết nối máy quét mã QR (HID); đang chờ cắm lại.');
    this.retry();
  }

  private retry(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.connect(), this.opts.pollMs ?? SCANNER_POLL_MS);
    this.timer.unref();
  }
}

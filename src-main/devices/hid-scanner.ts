import { BootKeyboardDecoder } from './hid-keyboard.js';

/**
 * A keyboard-wedge QR/barcode scanner read directly through HID (node-hid),
 * so scans never land in whatever text field has the focus. Reports are
 * decoded into text; Enter ends a scan. Partial scans (the cable pulled,
 * a scanner set to another suffix) are dropped after a pause, and a
 * read error counts as "unplugged".
 */

/** What the scanner needs from a HID device: node-hid's `HID` object, or recorded reports in tests. */
export interface ScannerSource {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

export interface HidScannerOptions {
  /** A completed scan (the text before Enter), NFC-normalised. */
  onScan(text: string): void;
  /** The device stopped answering (unplugged); the scanner is closed. */
  onDisconnect?(): void;
  /** A scan longer than this is garbage (a CCCD QR is under 300 characters). */
  maxLength?: number;
  /** Characters older than this without Enter are dropped: a scanner types a whole code well within it. */
  idleResetMs?: number;
}

export const DEFAULT_MAX_SCAN_LENGTH = 2_000;
export const DEFAULT_IDLE_RESET_MS = 1_500;

export class HidScanner {
  private readonly decoder = new BootKeyboardDecoder();
  private buffer = '';
  private overflow = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly source: ScannerSource,
    private readonly opts: HidScannerOptions,
  ) {
    source.on('data', (report) => this.onReport(report));
    source.on('error', () => this.disconnect());
  }

  /** Feeds one report (what the 'data' listener does; public for replaying recordings). */
  onReport(report: Uint8Array): void {
    if (this.closed) return;
    for (const event of this.decoder.push(report)) {
      if (event.kind === 'enter') {
        this.finishScan();
        continue;
      }
      if (this.buffer.length >= (this.opts.maxLength ?? DEFAULT_MAX_SCAN_LENGTH)) this.overflow = true;
      else this.buffer += event.char;
    }
    this.armIdleReset();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearIdle();
    this.buffer = '';
    try {
      this.source.close();
    } catch {
      // Already gone with the device.
    }
  }

  private finishScan(): void {
    const text = this.buffer;
    const overflow = this.overflow;
    this.buffer = '';
    this.overflow = false;
    this.clearIdle();
    // An overflowing scan is handed on cut short, so the user hears about it instead of nothing happening.
    if (text.trim() !== '' || overflow) this.opts.onScan(overflow ? `${text}\uFFFD` : text.normalize('NFC'));
  }

  private armIdleReset(): void {
    this.clearIdle();
    if (this.buffer === '' && !this.overflow) return;
    this.idleTimer = setTimeout(() => {
      this.buffer = '';
      this.overflow = false;
      this.decoder.reset();
    }, this.opts.idleResetMs ?? DEFAULT_IDLE_RESET_MS);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private disconnect(): void {
    if (this.closed) return;
    this.close();
    this.opts.onDisconnect?.();
  }
}

/** Opens a HID scanner by its node-hid path (from `HID.devices()`); node-hid loads only here, in the main process. */
export async function openHidScanner(devicePath: string, opts: HidScannerOptions): Promise<HidScanner> {
  const hid = await import('node-hid');
  return new HidScanner(new hid.HID(devicePath), opts);
}

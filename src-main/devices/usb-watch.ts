import { findTokenModel, type TokenModel, type TokenTable } from './token-models.js';

/**
 * Watches for signing tokens being plugged in and pulled out. The `usb`
 * package gives libusb's hot-plug events (and polls by itself where the
 * OS has none); where it cannot load, node-hid's enumeration is polled
 * slowly instead, since enumerating in a tight loop slows the whole bus.
 * Only devices in the token table are reported.
 */

/** A device as the enumerators see it; `location` tells two identical tokens apart. */
export interface UsbDeviceId {
  vendorId: number;
  productId: number;
  location: string;
}

export interface TokenPresence {
  model: TokenModel;
  device: UsbDeviceId;
}

export type DeviceWatcherEvent = 'attach' | 'detach';

export interface DeviceWatcher {
  /** Returns a function that removes the listener. */
  on(event: DeviceWatcherEvent, listener: (token: TokenPresence) => void): () => void;
  /** Known tokens plugged in now. */
  list(): TokenPresence[];
  stop(): void;
}

/** The texts the UI shows for the token state. */
export const TOKEN_PRESENCE_TEXT = {
  present: 'Đã nhận thiết bị ký số',
  absent: 'Chưa cắm thiết bị ký số',
} as const;

/** Keeps the set of known tokens present and emits the differences. */
class TokenTracker {
  private present = new Map<string, TokenPresence>();
  private readonly listeners = { attach: new Set<(t: TokenPresence) => void>(), detach: new Set<(t: TokenPresence) => void>() };

  constructor(private readonly table: TokenTable) {}

  on(event: DeviceWatcherEvent, listener: (token: TokenPresence) => void): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  list(): TokenPresence[] {
    return [...this.present.values()];
  }

  /** A full enumeration: whatever is missing from it has been unplugged. */
  replaceAll(devices: readonly UsbDeviceId[]): void {
    const next = new Map<string, TokenPresence>();
    for (const device of devices) {
      const model = findTokenModel(this.table, device.vendorId, device.productId);
      if (model) next.set(keyOf(device), { model, device });
    }
    for (const [key, token] of this.present) if (!next.has(key)) this.emit('detach', token);
    const before = this.present;
    this.present = next;
    for (const [key, token] of next) if (!before.has(key)) this.emit('attach', token);
  }

  attached(device: UsbDeviceId): void {
    const model = findTokenModel(this.table, device.vendorId, device.productId);
    const key = keyOf(device);
    if (!model || this.present.has(key)) return;
    const token = { model, device };
    this.present.set(key, token);
    this.emit('attach', token);
  }

  detached(device: UsbDeviceId): void {
    const key = keyOf(device);
    const token = this.present.get(key);
    if (!token) return;
    this.present.delete(key);
    this.emit('detach', token);
  }

  clear(): void {
    this.present.clear();
    this.listeners.attach.clear();
    this.listeners.detach.clear();
  }

  private emit(event: DeviceWatcherEvent, token: TokenPresence): void {
    for (const listener of this.listeners[event]) {
      try {
        listener(token);
      } catch {
        // A failing listener must not stop the others or the watcher.
      }
    }
  }
}

function keyOf(d: UsbDeviceId): string {
  return `${d.vendorId}:${d.productId}@${d.location}`;
}

/** Anything that lists the devices plugged in now (node-hid's devices(), or a fake in tests). */
export type DeviceEnumerator = () => readonly UsbDeviceId[] | Promise<readonly UsbDeviceId[]>;

export const MIN_POLL_INTERVAL_MS = 1_000;
export const DEFAULT_POLL_INTERVAL_MS = 2_000;

/**
 * Polls an enumerator every `intervalMs` (never less than a second). The
 * next poll is scheduled only after the previous one finished, so a slow
 * enumeration never piles up; an enumeration error counts as "nothing
 * plugged in" (a token that errors cannot be used anyway).
 */
export function createPollingWatcher(table: TokenTable, enumerate: DeviceEnumerator, opts: { intervalMs?: number } = {}): DeviceWatcher {
  const intervalMs = Math.max(MIN_POLL_INTERVAL_MS, opts.intervalMs ?? DEFAULT_POLL_INTERVAL_MS);
  const tracker = new TokenTracker(table);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const poll = async () => {
    let devices: readonly UsbDeviceId[];
    try {
      devices = await enumerate();
    } catch {
      devices = [];
    }
    if (stopped) return;
    tracker.replaceAll(devices);
    timer = setTimeout(() => void poll(), intervalMs);
    timer.unref();
  };
  void poll();

  return {
    on: (event, listener) => tracker.on(event, listener),
    list: () => tracker.list(),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      tracker.clear();
    },
  };
}

/** The part of the `usb` package's device the watcher reads. */
export interface UsbLikeDevice {
  busNumber: number;
  deviceAddress: number;
  portNumbers?: number[];
  deviceDescriptor: { idVendor: number; idProduct: number };
}

/** The part of the `usb` package the watcher uses (the real module, or a fake emitter in tests). */
export interface UsbEventSource {
  getDeviceList(): UsbLikeDevice[];
  on(event: 'attach' | 'detach', listener: (device: UsbLikeDevice) => void): unknown;
  removeListener(event: 'attach' | 'detach', listener: (device: UsbLikeDevice) => void): unknown;
}

function idOf(d: UsbLikeDevice): UsbDeviceId {
  // Bus and address change on every re-plug; that is fine, a re-plug is a new presence.
  return { vendorId: d.deviceDescriptor.idVendor, productId: d.deviceDescriptor.idProduct, location: `usb:${d.busNumber}-${d.deviceAddress}` };
}

/** Hot-plug events from the `usb` package (libusb). */
export function createUsbEventWatcher(table: TokenTable, source: UsbEventSource): DeviceWatcher {
  const tracker = new TokenTracker(table);
  const onAttach = (d: UsbLikeDevice) => tracker.attached(idOf(d));
  const onDetach = (d: UsbLikeDevice) => tracker.detached(idOf(d));
  source.on('attach', onAttach);
  source.on('detach', onDetach);
  try {
    tracker.replaceAll(source.getDeviceList().map(idOf));
  } catch {
    tracker.replaceAll([]);
  }
  return {
    on: (event, listener) => tracker.on(event, listener),
    list: () => tracker.list(),
    stop() {
      source.removeListener('attach', onAttach);
      source.removeListener('detach', onDetach);
      tracker.clear();
    },
  };
}

/** node-hid's device list as an enumerator (HID-class tokens only: CCID tokens do not show here). */
export async function nodeHidEnumerator(): Promise<DeviceEnumerator> {
  const hid = await import('node-hid');
  return async () =>
    (await hid.devicesAsync()).map((d) => ({ vendorId: d.vendorId, productId: d.productId, location: `hid:${d.path ?? `${d.vendorId}:${d.productId}`}` }));
}

/**
 * The best watcher this machine supports: `usb` hot-plug events when the
 * module loads (its prebuilt binary carries libusb), else a 2-second poll
 * of node-hid. `kind` says which, for the diagnostics screen.
 */
export async function createDeviceWatcher(table: TokenTable, opts: { pollIntervalMs?: number } = {}): Promise<DeviceWatcher & { kind: 'usb-events' | 'hid-poll' }> {
  try {
    const usbModule = await import('usb');
    const emitter = usbModule.usb;
    // libusb failed to start (no permission to the bus, missing backend): events would never come.
    if ((emitter as { INIT_ERROR?: unknown }).INIT_ERROR) throw new Error('libusb unavailable');
    // Where libusb has no hot-plug support (Windows) the package polls by itself; keep that poll slow too.
    emitter.pollHotplugDelay = Math.max(emitter.pollHotplugDelay, opts.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    const source: UsbEventSource = {
      getDeviceList: () => usbModule.getDeviceList(),
      on: (event, listener) => emitter.on(event, listener),
      removeListener: (event, listener) => emitter.removeListener(event, listener),
    };
    return Object.assign(createUsbEventWatcher(table, source), { kind: 'usb-events' as const });
  } catch {
    const enumerate = await nodeHidEnumerator();
    return Object.assign(createPollingWatcher(table, enumerate, { intervalMs: opts.pollIntervalMs }), { kind: 'hid-poll' as const });
  }
}

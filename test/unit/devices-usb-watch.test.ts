import { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  findTokenModel,
  libraryCandidates,
  loadTokenTable,
  parseTokenTable,
  resolvePkcs11Library,
  TokenTableError,
  tokenTableFile,
} from '../../src-main/devices/token-models.js';
import {
  createDeviceWatcher,
  createPollingWatcher,
  createUsbEventWatcher,
  type TokenPresence,
  type UsbDeviceId,
  type UsbEventSource,
  type UsbLikeDevice,
} from '../../src-main/devices/usb-watch.js';

const table = loadTokenTable(tokenTableFile(path.resolve(import.meta.dirname, '../../resources')));

const EPASS: UsbDeviceId = { vendorId: 0x096e, productId: 0x0807, location: 'hid:/dev/hidraw3' };
const ETOKEN: UsbDeviceId = { vendorId: 0x0529, productId: 0x0620, location: 'hid:/dev/hidraw4' };
const MOUSE: UsbDeviceId = { vendorId: 0x046d, productId: 0xc077, location: 'hid:/dev/hidraw0' };

afterEach(() => {
  vi.useRealTimers();
});

describe('token table (resources/devices/tokens.json)', () => {
  it('maps USB ids to models, case- and padding-insensitively', () => {
    expect(findTokenModel(table, 0x096e, 0x0807)?.id).toBe('feitian-epass2003');
    expect(findTokenModel(table, 0x096e, 0x080a)?.id).toBe('feitian-epass2003');
    expect(findTokenModel(table, 0x0529, 0x0620)?.name).toBe('SafeNet eToken 5110');
    expect(findTokenModel(table, 0x046d, 0xc077)).toBeNull();
  });

  it('every entry says how sure it is and where it came from', () => {
    for (const m of table.models) {
      expect(['documented', 'inferred']).toContain(m.evidence);
      expect(m.source.length).toBeGreaterThan(10);
    }
    expect(table.caMiddleware.map((c) => c.ca)).toEqual(expect.arrayContaining(['VNPT-CA', 'Viettel-CA', 'BKAV-CA', 'FPT-CA']));
  });

  it('library candidates: the model’s own first, then its CAs’; bare DLL names in System32', () => {
    const epass = findTokenModel(table, 0x096e, 0x0807);
    if (!epass) throw new Error('ePass2003 missing');
    const win = libraryCandidates(table, epass, 'win32', { systemRoot: 'D:\\Windows' });
    expect(win[0]).toBe('D:\\Windows\\System32\\eps2003csp11.dll');
    expect(win).toContain('D:\\Windows\\System32\\vnpt-ca_csp11.dll');
    expect(win).toContain('D:\\Windows\\System32\\viettel-ca_v6.dll');
    expect(new Set(win).size).toBe(win.length);
    expect(libraryCandidates(table, epass, 'linux')[0]).toBe('/usr/lib/libeps2003csp11.so');
  });

  it('resolves the first library present on the machine, or null', () => {
    const epass = findTokenModel(table, 0x096e, 0x0807);
    if (!epass) throw new Error('ePass2003 missing');
    const present = new Set(['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so']);
    expect(resolvePkcs11Library(table, epass, 'linux', { exists: (f) => present.has(f) })).toBe('/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so');
    expect(resolvePkcs11Library(table, epass, 'linux', { exists: () => false })).toBeNull();
  });

  it('rejects a malformed table with the faulty path, and a USB id declared twice', () => {
    expect(() => parseTokenTable({ version: 1, models: [{ id: 'x', name: 'X', usb: [{ vendorId: '96e', productId: '0807' }], evidence: 'documented', source: 'somewhere' }] })).toThrow(
      /models\.0\.usb\.0\.vendorId/,
    );
    const model = (id: string) => ({ id, name: id, usb: [{ vendorId: '096E', productId: '0807' }], evidence: 'inferred', source: 'a public list' });
    expect(() => parseTokenTable({ version: 1, models: [model('a'), model('b')] })).toThrow(TokenTableError);
    expect(() => loadTokenTable('/khong/co/tokens.json')).toThrow(/Không đọc được bảng thiết bị ký số/);
  });
});

describe('polling watcher over a fake enumerator', () => {
  function recorder() {
    const events: string[] = [];
    return { events, log: (kind: string) => (t: TokenPresence) => events.push(`${kind}:${t.model.id}`) };
  }

  it('reports known tokens attached and detached; other devices are ignored', async () => {
    vi.useFakeTimers();
    let plugged: UsbDeviceId[] = [MOUSE];
    const enumerate = vi.fn(() => plugged);
    const watcher = createPollingWatcher(table, enumerate, { intervalMs: 2000 });
    const r = recorder();
    watcher.on('attach', r.log('attach'));
    watcher.on('detach', r.log('detach'));
    await vi.advanceTimersByTimeAsync(0);
    expect(watcher.list()).toEqual([]);

    plugged = [MOUSE, EPASS];
    await vi.advanceTimersByTimeAsync(2000);
    expect(r.events).toEqual(['attach:feitian-epass2003']);
    expect(watcher.list().map((t) => t.model.name)).toEqual(['Feitian ePass2003']);

    plugged = [ETOKEN];
    await vi.advanceTimersByTimeAsync(2000);
    expect(r.events).toEqual(['attach:feitian-epass2003', 'detach:feitian-epass2003', 'attach:safenet-etoken-5110']);
    watcher.stop();
  });

  it('polls slowly: never more often than the interval, and not at all once stopped', async () => {
    vi.useFakeTimers();
    const enumerate = vi.fn(() => [] as UsbDeviceId[]);
    const watcher = createPollingWatcher(table, enumerate, { intervalMs: 10 });
    await vi.advanceTimersByTimeAsync(10_000);
    // Clamped to one poll a second at most (plus the first one at start).
    expect(enumerate.mock.calls.length).toBeLessThanOrEqual(11);
    expect(enumerate.mock.calls.length).toBeGreaterThanOrEqual(10);
    watcher.stop();
    const calls = enumerate.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(enumerate.mock.calls.length).toBe(calls);
  });

  it('an enumeration error counts as "unplugged"', async () => {
    vi.useFakeTimers();
    let fail = false;
    const watcher = createPollingWatcher(table, () => {
      if (fail) throw new Error('hid_enumerate failed');
      return [EPASS];
    });
    const r = recorder();
    watcher.on('detach', r.log('detach'));
    await vi.advanceTimersByTimeAsync(0);
    expect(watcher.list()).toHaveLength(1);
    fail = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(r.events).toEqual(['detach:feitian-epass2003']);
    expect(watcher.list()).toEqual([]);
    watcher.stop();
  });

  it('a listener that throws does not stop the others; the unsubscribe function works', async () => {
    vi.useFakeTimers();
    let plugged: UsbDeviceId[] = [];
    const watcher = createPollingWatcher(table, () => plugged);
    const seen: string[] = [];
    watcher.on('attach', () => {
      throw new Error('UI listener bug');
    });
    const off = watcher.on('attach', (t) => seen.push(t.model.id));
    await vi.advanceTimersByTimeAsync(0);
    plugged = [EPASS];
    await vi.advanceTimersByTimeAsync(2000);
    off();
    plugged = [EPASS, ETOKEN];
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toEqual(['feitian-epass2003']);
    watcher.stop();
  });
});

describe('usb event watcher over a fake libusb emitter', () => {
  class FakeUsb extends EventEmitter implements UsbEventSource {
    devices: UsbLikeDevice[] = [];
    getDeviceList(): UsbLikeDevice[] {
      return this.devices;
    }
  }
  const dev = (vid: number, pid: number, address: number): UsbLikeDevice => ({
    busNumber: 1,
    deviceAddress: address,
    deviceDescriptor: { idVendor: vid, idProduct: pid },
  });

  it('starts from the devices already plugged in, then follows attach/detach events', () => {
    const usb = new FakeUsb();
    usb.devices = [dev(0x0529, 0x0620, 5), dev(0x046d, 0xc077, 2)];
    const watcher = createUsbEventWatcher(table, usb);
    expect(watcher.list().map((t) => t.model.id)).toEqual(['safenet-etoken-5110']);
    const events: string[] = [];
    watcher.on('attach', (t) => events.push(`+${t.model.id}@${t.device.location}`));
    watcher.on('detach', (t) => events.push(`-${t.model.id}`));
    usb.emit('attach', dev(0x096e, 0x0807, 7));
    usb.emit('attach', dev(0x046d, 0xc077, 8));
    usb.emit('detach', dev(0x0529, 0x0620, 5));
    expect(events).toEqual(['+feitian-epass2003@usb:1-7', '-safenet-etoken-5110']);
    watcher.stop();
    expect(usb.listenerCount('attach') + usb.listenerCount('detach')).toBe(0);
  });

  it('two identical tokens are two presences', () => {
    const usb = new FakeUsb();
    const watcher = createUsbEventWatcher(table, usb);
    usb.emit('attach', dev(0x096e, 0x0807, 3));
    usb.emit('attach', dev(0x096e, 0x0807, 4));
    expect(watcher.list()).toHaveLength(2);
    usb.emit('detach', dev(0x096e, 0x0807, 3));
    expect(watcher.list().map((t) => t.device.location)).toEqual(['usb:1-4']);
    watcher.stop();
  });

  it('on this machine the real `usb` package loads and gives hot-plug events', async () => {
    const watcher = await createDeviceWatcher(table);
    try {
      expect(watcher.kind).toBe('usb-events');
      expect(Array.isArray(watcher.list())).toBe(true);
    } finally {
      watcher.stop();
    }
  });
});

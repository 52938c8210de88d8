/**
 * A stand-in for node-hid at the device edge of a kiosk under test: one HID
 * keyboard-class device (FAKE_HID_VENDOR_ID / FAKE_HID_PRODUCT_ID) whose
 * reports are whatever bytes the test writes to the Unix socket
 * FAKE_HID_SOCKET, cut into 8-byte boot-keyboard reports. The socket closing
 * is the device being pulled out.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';

const REPORT_BYTES = 8;
const socketPath = process.env.FAKE_HID_SOCKET ?? '';
const device = {
  vendorId: Number(process.env.FAKE_HID_VENDOR_ID),
  productId: Number(process.env.FAKE_HID_PRODUCT_ID),
  path: socketPath,
  usagePage: 0x01,
  usage: 0x06,
  interface: 0,
  release: 0x0100,
  product: 'Fake HID scanner',
};

export function devices(vendorId, productId) {
  if (!socketPath) return [];
  return vendorId === undefined || (vendorId === device.vendorId && productId === device.productId) ? [device] : [];
}

export async function devicesAsync(vendorId, productId) {
  return devices(vendorId, productId);
}

export class HID extends EventEmitter {
  constructor(path) {
    super();
    let pending = Buffer.alloc(0);
    this.socket = net.connect(path);
    this.socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= REPORT_BYTES) {
        this.emit('data', pending.subarray(0, REPORT_BYTES));
        pending = pending.subarray(REPORT_BYTES);
      }
    });
    this.socket.on('error', (e) => this.emit('error', e));
    this.socket.on('close', () => this.emit('error', new Error('device unplugged')));
  }

  close() {
    this.socket.destroy();
  }
}

export default { devices, devicesAsync, HID };

import '../../src-shared/zod-locale.js';
import { createHost } from '../host.js';
import { exitOnProcessFaults } from '../log/process-faults.js';
import { electronHostPort, nodeHostPort, parentPortOf } from './host-ports.js';
import { serveHost } from './serve-host.js';

/**
 * The host process (out/host/host-process.js for the browser shell's
 * child_process.fork, out/electron/host-process.cjs for Electron's
 * utilityProcess.fork): the dispatcher, store, sync, documents and devices
 * run here, off the thread that serves the window. The shell starts it,
 * relays calls and events, and restarts it when it dies.
 */
const parentPort = parentPortOf(process);
const port = parentPort ? electronHostPort(parentPort) : nodeHostPort(process);
if (!port) {
  console.error('Tiến trình máy chủ kiosk chỉ chạy khi được vỏ kiosk khởi động (npm start).');
  process.exit(2);
}

const served = serveHost(port, { createHost, exit: (code) => process.exit(code) });
// A fault the host did not catch ends this process only; the shell starts a new one.
exitOnProcessFaults({ log: served.log, flush: () => port.flush(), exit: (code) => process.exit(code) });
// Ctrl-C in a terminal reaches the whole process group: the shell closes the host in order, so this process waits for it.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => void served.close());
// The shell died without a word (SIGKILL): close the store cleanly rather than linger.
process.on('disconnect', () => void served.close());

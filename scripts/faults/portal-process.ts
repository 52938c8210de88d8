import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The reference portal as a child process (the built `portal.js`), so the
 * fault suite can SIGKILL it mid-drain and start it again on the same data
 * folder, as a crashed server would be restarted.
 */
const live = new Set<ChildProcess>();
// However the suite ends (a failed class, its overall timeout), no portal is left listening.
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export class PortalProcess {
  private child: ChildProcess | null = null;
  url = '';

  constructor(
    private readonly hostDir: string,
    readonly dataDir: string,
  ) {}

  async start(): Promise<string> {
    const child = spawn(process.execPath, [path.join(this.hostDir, 'portal.js')], {
      env: { ...process.env, PORTAL_PORT: '0', PORTAL_DATA_DIR: this.dataDir, PORTAL_MODE: 'training' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    live.add(child);
    child.once('exit', () => live.delete(child));
    this.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`portal did not start within 60 s: ${err.slice(-500)}`)), 60_000);
      child.stdout?.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /Portal ready: (\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          // Keep reading: a full pipe would stall the portal's request log.
          out = '';
          child.stdout?.removeAllListeners('data');
          child.stdout?.resume();
          resolve(m[1]);
        } else if (out.length > 65_536) out = out.slice(-4096);
      });
      child.stderr?.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4096)));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`portal exited (${code ?? signal}) while starting: ${err.slice(-500)}`));
      });
    });
    return this.url;
  }

  /** SIGKILL: no shutdown hook, no flush, whatever request is in flight is cut. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}

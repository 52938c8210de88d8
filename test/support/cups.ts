import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceGate } from './service-gate.js';

/**
 * A private CUPS for tests: its own cupsd (config, spool and log in a
 * temporary folder, listening only on a Unix socket — no port, nothing of
 * the system's CUPS touched) with file-backed queues whose PPD runs CUPS's
 * pdftopdf filter, as a driver queue does. Debian: cups-daemon,
 * cups-client, cups-filters-core-drivers, poppler-utils.
 */

function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function cupsMissing(): string {
  const commands = ['cupsd', 'lp', 'lpadmin', 'lpstat', 'cupsreject', 'cupsaccept'].filter((c) => !hasCommand(c));
  if (commands.length > 0) return `no ${commands.join(', ')} (Debian: cups-daemon, cups-client)`;
  if (!fs.existsSync('/usr/lib/cups/filter/pdftopdf')) return 'no /usr/lib/cups/filter/pdftopdf (Debian: cups-filters-core-drivers)';
  // cupsd drops to the "lp" user for filters and needs root to start.
  if (process.getuid?.() !== 0) return 'a private cupsd needs root to start';
  return '';
}

export const cupsGate: ServiceGate = { service: 'CUPS', missing: cupsMissing() };

const PPD = `*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "KIOSKPDF.PPD"
*Manufacturer: "Mot cua kiosk"
*Product: "(Kiosk test PDF)"
*ModelName: "Kiosk test PDF printer"
*ShortNickName: "Kiosk test PDF"
*NickName: "Kiosk test PDF printer"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsVersion: 2.4
*cupsFilter2: "application/pdf application/vnd.cups-pdf 0 pdftopdf"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
`;

export async function waitFor(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TestCups {
  /** Its folder (spool, logs, printed files under out/). */
  root: string;
  /** The Unix socket: `lp -h <socket>`, CUPS_SERVER=<socket>, or the kiosk's KIOSK_PRINTER_SERVER. */
  socket: string;
  /** Runs a CUPS client command against this cupsd. */
  run(cmd: string, args: string[]): string;
  /** Adds an enabled, accepting file-backed queue printing to `out/<queue>.pdf`; returns that file. */
  addFileQueue(queue: string): string;
  /** The log cupsd writes its filter runs to. */
  errorLog(): string;
  /** Stops cupsd (idempotent); the folder stays until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startTestCups(): Promise<TestCups> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cups-'));
  for (const d of ['spool', 'tmp', 'log', 'cache', 'out', 'ppd']) fs.mkdirSync(path.join(root, d));
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  const socket = path.join(root, 'cups.sock');
  fs.writeFileSync(
    path.join(root, 'cupsd.conf'),
    [`Listen ${socket}`, 'LogLevel info', 'WebInterface No', 'Browsing No', '<Location />', '  Order allow,deny', '  Allow all', '</Location>', '<Location /admin>', '  Order allow,deny', '  Allow all', '</Location>', '<Policy default>', '  <Limit All>', '    Order deny,allow', '  </Limit>', '</Policy>', ''].join('\n'),
  );
  fs.writeFileSync(
    path.join(root, 'cups-files.conf'),
    [
      // file: device URIs are off by default; this private instance writes only into its own folder.
      'FileDevice Yes',
      `ServerRoot ${root}`,
      `RequestRoot ${root}/spool`,
      `TempDir ${root}/tmp`,
      `CacheDir ${root}/cache`,
      `StateDir ${root}`,
      `ErrorLog ${root}/log/error_log`,
      `AccessLog ${root}/log/access_log`,
      `PageLog ${root}/log/page_log`,
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(root, 'kiosk-test.ppd'), PPD);

  const run = (cmd: string, args: string[]): string =>
    execFileSync(cmd, ['-h', socket, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const running = (): boolean => {
    try {
      return run('lpstat', ['-r']).includes('scheduler is running');
    } catch {
      return false;
    }
  };

  let cupsd: ChildProcess | null = spawn('cupsd', ['-f', '-c', path.join(root, 'cupsd.conf'), '-s', path.join(root, 'cups-files.conf')], { stdio: 'ignore' });
  const stop = async (): Promise<void> => {
    const child = cupsd;
    cupsd = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor('cupsd', running);
  } catch (e) {
    await stop();
    fs.rmSync(root, { recursive: true, force: true });
    throw e;
  }

  return {
    root,
    socket,
    run,
    addFileQueue(queue) {
      const output = path.join(root, 'out', `${queue}.pdf`);
      // CUPS 2.4's file backend opens the device without O_CREAT: the file
      // must exist, and be writable by the unprivileged backend user.
      fs.writeFileSync(output, '', { mode: 0o666 });
      fs.chmodSync(output, 0o666);
      run('lpadmin', ['-p', queue, '-E', '-v', `file://${output}`, '-P', path.join(root, 'kiosk-test.ppd')]);
      return output;
    },
    errorLog: () => fs.readFileSync(path.join(root, 'log', 'error_log'), 'utf8'),
    stop,
    async cleanup() {
      await stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

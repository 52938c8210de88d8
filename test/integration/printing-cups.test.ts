import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReceiptPdf } from '../../src-main/documents/receipt-pdf.js';
import { LpPrinter } from '../../src-main/printing/lp-printer.js';
import { PrintError } from '../../src-main/printing/printer.js';
import { CODE, LONG_NAME, flat, hasCommand, pdfInfo, pdfText, receiptFixture, writeResult } from '../unit/documents-fixtures.js';

/**
 * A receipt printed through real CUPS: a private cupsd (its own config,
 * spool and log in a temporary folder, listening only on a Unix socket —
 * no port, nothing of the system's CUPS touched) with a file-backed queue
 * whose PPD runs CUPS's pdftopdf filter, as a driver queue does. Debian:
 * cups-daemon, cups-client, cups-filters-core-drivers, poppler-utils.
 */

const available = ['cupsd', 'lp', 'lpadmin', 'lpstat', 'cupsreject', 'cupsaccept'].every(hasCommand) && fs.existsSync('/usr/lib/cups/filter/pdftopdf');
// cupsd drops to the "lp" user for filters and needs root to start.
const canRun = available && process.getuid?.() === 0;

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

let root = '';
let socket = '';
let output = '';
let cupsd: ChildProcess | null = null;

async function waitFor(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function cups(cmd: string, args: string[]): string {
  return execFileSync(cmd, ['-h', socket, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function schedulerRunning(): boolean {
  try {
    return cups('lpstat', ['-r']).includes('scheduler is running');
  } catch {
    return false;
  }
}

async function stopCupsd(): Promise<void> {
  const child = cupsd;
  cupsd = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe('CUPS is there to print to', () => {
  it.runIf(process.env.CI)('in CI, where .ci/run installs it', () => {
    expect(canRun).toBe(true);
  });
});

describe.runIf(canRun)('printing a receipt through a real CUPS queue', () => {
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cups-'));
    for (const d of ['spool', 'tmp', 'log', 'cache', 'out', 'ppd']) fs.mkdirSync(path.join(root, d));
    fs.chmodSync(path.join(root, 'tmp'), 0o1777);
    socket = path.join(root, 'cups.sock');
    output = path.join(root, 'out', 'printed.pdf');
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
    cupsd = spawn('cupsd', ['-f', '-c', path.join(root, 'cupsd.conf'), '-s', path.join(root, 'cups-files.conf')], { stdio: 'ignore' });
    await waitFor('cupsd', schedulerRunning);
    cups('lpadmin', ['-p', 'kiosk-a4', '-E', '-v', `file://${output}`, '-P', path.join(root, 'kiosk-test.ppd')]);
  });

  afterAll(async () => {
    await stopCupsd();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('prints both copies of the A4 receipt, and the printed file carries the receipt', async () => {
    const pdf = await renderReceiptPdf(receiptFixture(), { layout: 'a4', copies: 'two' });
    const printer = new LpPrinter({ queue: 'kiosk-a4', server: socket, timeoutMs: 20_000 });
    const result = await printer.print(pdf, { title: `Giấy tiếp nhận ${CODE}`, media: 'A4' });
    expect(result).toMatchObject({ kind: 'printed', printer: 'kiosk-a4' });
    const jobId = result.kind === 'printed' ? result.jobId : null;
    expect(jobId).toMatch(/^kiosk-a4-\d+$/);

    await waitFor('the job to complete', () => cups('lpstat', ['-W', 'completed', '-o', 'kiosk-a4']).includes(jobId ?? '?'));
    await waitFor('the printed file', () => fs.existsSync(output) && fs.statSync(output).size > 1000);
    const copy = writeResult('receipt-a4-printed-by-cups.pdf', fs.readFileSync(output));
    expect(pdfInfo(copy).Pages).toBe('2');
    expect(pdfInfo(copy)['Page size']).toMatch(/^595(\.\d+)? x 842/);
    const text = flat(pdfText(copy));
    expect(text).toContain(`Mã hồ sơ: ${CODE}`);
    expect(text).toContain(`Tiếp nhận hồ sơ của: ${LONG_NAME}`);
    expect(text).toContain('Liên 2: giao người nộp');
    // The job went through CUPS's own filter, not just copied.
    expect(fs.readFileSync(path.join(root, 'log', 'error_log'), 'utf8')).toMatch(/Started filter .*pdftopdf/);
  });

  it('answers a queue that does not exist with PRINTER_NOT_FOUND', async () => {
    const e = await new LpPrinter({ queue: 'no-such-queue', server: socket }).print(await renderReceiptPdf(receiptFixture(), { layout: 'a4' }), { title: 'x' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PrintError);
    expect(e).toMatchObject({ code: 'PRINTER_NOT_FOUND' });
  });

  it('answers a queue that refuses jobs with PRINTER_NOT_ACCEPTING', async () => {
    cups('cupsreject', ['kiosk-a4']);
    try {
      const e = await new LpPrinter({ queue: 'kiosk-a4', server: socket }).print(await renderReceiptPdf(receiptFixture(), { layout: 'a4' }), { title: 'x' }).catch((err: unknown) => err);
      expect(e).toMatchObject({ code: 'PRINTER_NOT_ACCEPTING' });
    } finally {
      cups('cupsaccept', ['kiosk-a4']);
    }
  });

  it('answers with PRINT_SERVICE_UNAVAILABLE once the scheduler has stopped', async () => {
    await stopCupsd();
    const e = await new LpPrinter({ queue: 'kiosk-a4', server: socket, timeoutMs: 20_000 })
      .print(await renderReceiptPdf(receiptFixture(), { layout: 'a4' }), { title: 'x' })
      .catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'PRINT_SERVICE_UNAVAILABLE' });
  });
});

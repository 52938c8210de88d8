import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LpPrinter } from '../../src-main/printing/lp-printer.js';
import { PrintError } from '../../src-main/printing/printer.js';

/**
 * LpPrinter against a stand-in `lp` first on PATH that records its
 * arguments and standard input and answers as CUPS's lp does. (The real
 * CUPS path is exercised in printing-cups.test.ts.)
 */

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
let dir = '';
let bin = '';

const FAKE_LP = `#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_LP_DIR/args"
cat > "$FAKE_LP_DIR/stdin"
printf '%s' "$LC_ALL" > "$FAKE_LP_DIR/locale"
case "$FAKE_LP_MODE" in
  ok) echo "request id is $2-17 (0 file(s))" ;;
  no-queue) echo "lp: Error - The printer or class does not exist." >&2; exit 1 ;;
  no-scheduler) echo "lp: Error - Scheduler Not Responding." >&2; exit 1 ;;
  not-accepting) echo "lp: Error - Destination \\"$2\\" is not accepting jobs." >&2; exit 1 ;;
  hang) echo $$ > "$FAKE_LP_DIR/pid"; exec sleep 60 ;;
  *) echo "lp: Unknown failure" >&2; exit 3 ;;
esac
`;

const FAKE_LPSTAT = `#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_LP_DIR/lpstat-args"
if [ "$FAKE_SCHEDULER" = down ]; then echo "scheduler is not running"; else echo "scheduler is running"; fi
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-lp-'));
  bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'lp'), FAKE_LP, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'lpstat'), FAKE_LPSTAT, { mode: 0o755 });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function printer(mode: string, extra: Partial<ConstructorParameters<typeof LpPrinter>[0]> = {}, scheduler = 'up'): LpPrinter {
  return new LpPrinter({
    queue: 'kiosk-a4',
    env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, FAKE_LP_DIR: dir, FAKE_LP_MODE: mode, FAKE_SCHEDULER: scheduler },
    ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<PrintError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof PrintError)) throw new Error(`expected a PrintError, got ${String(e)}`);
  return e;
}

describe('LpPrinter with a stand-in lp', () => {
  it('sends the PDF on standard input with queue, copies, media and title, and reads the job id', async () => {
    const result = await printer('ok').print(PDF, { title: 'Giấy tiếp nhận 000.00.53.H48-260128-0042', copies: 2, media: 'A4' });
    expect(result).toEqual({ kind: 'printed', printer: 'kiosk-a4', jobId: 'kiosk-a4-17' });
    expect(fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n')).toEqual([
      '-d',
      'kiosk-a4',
      '-n',
      '2',
      '-o',
      'media=A4',
      '-t',
      'Giấy tiếp nhận 000.00.53.H48-260128-0042',
      '-',
    ]);
    expect(new Uint8Array(fs.readFileSync(path.join(dir, 'stdin')))).toEqual(PDF);
    // lp answers in the C locale so its messages can be recognised.
    expect(fs.readFileSync(path.join(dir, 'locale'), 'utf8')).toBe('C');
  });

  it('asks for the roll size on an 80 mm printer, by the configured media name, on the configured server', async () => {
    await printer('ok', { server: '/run/cups/cups.sock' }).print(PDF, { title: 'Biên nhận', media: '80mm' });
    const args = fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n');
    expect(args.slice(0, 2)).toEqual(['-h', '/run/cups/cups.sock']);
    expect(args).toContain('media=Custom.80x297mm');
    expect(args[args.indexOf('-n') + 1]).toBe('1');
    await printer('ok', { mediaNames: { '80mm': 'X80MMY297MM' } }).print(PDF, { title: 'Biên nhận', media: '80mm' });
    expect(fs.readFileSync(path.join(dir, 'args'), 'utf8')).toContain('media=X80MMY297MM');
  });

  it.each([
    ['no-queue', 'PRINTER_NOT_FOUND', 'Không tìm thấy máy in "kiosk-a4"'],
    ['no-scheduler', 'PRINT_SERVICE_UNAVAILABLE', 'Dịch vụ in của máy chưa chạy'],
    ['not-accepting', 'PRINTER_NOT_ACCEPTING', 'đang tạm ngừng nhận lệnh in'],
    ['other', 'PRINT_FAILED', 'Không in được giấy tờ'],
  ])('maps lp saying %s to %s with a Vietnamese message', async (mode, code, message) => {
    const e = await failure(printer(mode).print(PDF, { title: 'x' }));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
    // What lp said is kept for the technician, apart from the message.
    expect(e.detail).toMatch(/lp: /);
  });

  it('tells a missing queue from a scheduler that is not running, as lp words both the same', async () => {
    const e = await failure(printer('no-queue', { server: '/tmp/cups.sock' }, 'down').print(PDF, { title: 'x' }));
    expect(e.code).toBe('PRINT_SERVICE_UNAVAILABLE');
    expect(fs.readFileSync(path.join(dir, 'lpstat-args'), 'utf8').trim().split('\n')).toEqual(['-h', '/tmp/cups.sock', '-r']);
  });

  it('gives up on an lp that hangs, and stops it', async () => {
    const started = Date.now();
    const e = await failure(printer('hang', { timeoutMs: 800 }).print(PDF, { title: 'x' }));
    expect(e.code).toBe('PRINT_TIMEOUT');
    expect(e.message).toBe('Máy in không phản hồi sau 1 giây. Vui lòng kiểm tra máy in rồi bấm "In lại".');
    expect(Date.now() - started).toBeLessThan(5000);
    const pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
    await new Promise((r) => setTimeout(r, 300));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('says the print software is missing when there is no lp', async () => {
    const p = new LpPrinter({ queue: 'kiosk-a4', env: { PATH: path.join(dir, 'empty') } });
    const e = await failure(p.print(PDF, { title: 'x' }));
    expect(e.code).toBe('PRINT_SOFTWARE_MISSING');
    expect(e.message).toContain('Máy chưa cài phần mềm in (CUPS)');
  });

  it('refuses what is not a PDF or not a valid job, before running lp', async () => {
    fs.rmSync(path.join(dir, 'args'), { force: true });
    expect((await failure(printer('ok').print(new TextEncoder().encode('hello'), { title: 'x' }))).code).toBe('INVALID_PRINT_JOB');
    expect((await failure(printer('ok').print(PDF, { title: '', copies: 1 }))).code).toBe('INVALID_PRINT_JOB');
    expect((await failure(printer('ok').print(PDF, { title: 'x', copies: 50 }))).code).toBe('INVALID_PRINT_JOB');
    expect(fs.existsSync(path.join(dir, 'args'))).toBe(false);
    expect(() => new LpPrinter({ queue: 'bad queue; rm -rf /' })).toThrow(/Tên hàng đợi máy in không hợp lệ/);
  });
});


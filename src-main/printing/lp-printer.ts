import { spawn } from 'node:child_process';
import { PrintError, checkPrintInput, type PrintErrorCode, type PrintJob, type PrintMedia, type PrintResult, type Printer } from './printer.js';

/**
 * Printing through CUPS's `lp`, the system print command of the browser
 * shell on Linux: the PDF goes on lp's standard input, so nothing personal
 * is left in a temporary file, and lp's answer is turned into an error the
 * citizen can act on.
 */

export interface LpPrinterOptions {
  /** CUPS queue name (lpstat -p). */
  queue: string;
  /** CUPS server: host[:port] or the path of its socket; default = the system's. */
  server?: string;
  /** The lp command; default 'lp' looked up on PATH. */
  command?: string;
  /** The lpstat command, asked whether the scheduler runs; default 'lpstat'. */
  lpstatCommand?: string;
  timeoutMs?: number;
  /**
   * Media names the queue's driver knows. A4 is universal; an 80 mm roll
   * has no standard name, so the default asks CUPS for a custom size
   * (drivers for receipt printers also accept their own names, e.g.
   * "X80MMY297MM" — set them here).
   */
  mediaNames?: Partial<Record<PrintMedia, string>>;
  /** Environment for lp (tests point PATH at a stand-in). */
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_MEDIA: Record<PrintMedia, string> = { A4: 'A4', '80mm': 'Custom.80x297mm' };
const QUEUE_NAME = /^[A-Za-z0-9_.@-]{1,127}$/;

/** lp's messages (in the C locale) that say which kind of failure it was. */
const FAILURES: { code: 'PRINTER_NOT_FOUND' | 'PRINTER_NOT_ACCEPTING' | 'PRINT_SERVICE_UNAVAILABLE'; pattern: RegExp }[] = [
  { code: 'PRINTER_NOT_FOUND', pattern: /printer or class does not exist|unknown destination|no such (printer|destination)|printer or class was not found/i },
  { code: 'PRINTER_NOT_ACCEPTING', pattern: /not accepting jobs/i },
  {
    code: 'PRINT_SERVICE_UNAVAILABLE',
    pattern: /scheduler not responding|scheduler is not running|unable to connect|connection refused|no such file or directory|bad file descriptor|server-error-service-unavailable/i,
  },
];

export class LpPrinter implements Printer {
  private readonly options: LpPrinterOptions;

  constructor(options: LpPrinterOptions) {
    if (!QUEUE_NAME.test(options.queue)) throw new RangeError(`Tên hàng đợi máy in không hợp lệ: "${options.queue}".`);
    this.options = options;
  }

  get queue(): string {
    return this.options.queue;
  }

  async print(pdf: Uint8Array, job: PrintJob): Promise<PrintResult> {
    const { title, copies, media } = checkPrintInput(pdf, job);
    const mediaName = this.options.mediaNames?.[media] ?? DEFAULT_MEDIA[media];
    const args = [
      ...(this.options.server ? ['-h', this.options.server] : []),
      '-d',
      this.options.queue,
      '-n',
      String(copies),
      '-o',
      `media=${mediaName}`,
      '-t',
      title,
      '-',
    ];
    const { code, stdout, stderr } = await this.run(this.options.command ?? 'lp', args, pdf);
    if (code === 0) {
      const jobId = /request id is (\S+)/.exec(stdout)?.[1] ?? null;
      return { kind: 'printed', printer: this.options.queue, jobId };
    }
    const said = `${stderr}\n${stdout}`.trim();
    let failure: PrintErrorCode = FAILURES.find((f) => f.pattern.test(said))?.code ?? 'PRINT_FAILED';
    // lp says "printer or class does not exist" too when it cannot reach the scheduler at all.
    if (failure === 'PRINTER_NOT_FOUND' && !(await this.schedulerRunning())) failure = 'PRINT_SERVICE_UNAVAILABLE';
    throw new PrintError(failure, { printer: this.options.queue }, said.slice(0, 500) || `lp exited with ${code}`);
  }

  private async schedulerRunning(): Promise<boolean> {
    const args = [...(this.options.server ? ['-h', this.options.server] : []), '-r'];
    try {
      const { stdout } = await this.run(this.options.lpstatCommand ?? 'lpstat', args, new Uint8Array());
      return /scheduler is running/i.test(stdout);
    } catch {
      return false;
    }
  }

  private run(command: string, args: string[], input: Uint8Array): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        env: { ...(this.options.env ?? process.env), LC_ALL: 'C', LANG: 'C' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const timer = setTimeout(() => {
        child.kill('SIGTERM');
        // lp stuck in a TCP connect may ignore SIGTERM.
        setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 2000).unref();
        settle(() => reject(new PrintError('PRINT_TIMEOUT', { seconds: Math.round(timeoutMs / 1000) }, `lp did not finish in ${timeoutMs} ms`)));
      }, timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', (e: NodeJS.ErrnoException) => {
        settle(() => reject(new PrintError(e.code === 'ENOENT' ? 'PRINT_SOFTWARE_MISSING' : 'PRINT_FAILED', {}, `${e.code ?? ''} ${e.message}`.trim())));
      });
      child.on('close', (code) => settle(() => resolve({ code, stdout, stderr })));
      // lp that fails early closes its input; the exit status says why, so EPIPE is not the error to report.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    });
  }
}

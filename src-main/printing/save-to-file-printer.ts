import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { foldVietnamese } from '../../src-shared/folding.js';
import { PrintError, checkPrintInput, type PrintJob, type PrintResult, type Printer } from './printer.js';

/**
 * "Printing" where there is no printer: the PDF is written into a folder
 * and the UI offers it for download. The write is atomic (temporary file,
 * fsync, rename), so a half-written receipt is never offered.
 */
export class SaveToFilePrinter implements Printer {
  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async print(pdf: Uint8Array, job: PrintJob): Promise<PrintResult> {
    const { title } = checkPrintInput(pdf, job);
    const stamp = this.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    // ASCII names: Windows tools and some download managers mangle diacritics.
    const base = foldVietnamese(title).replace(/ /g, '-').slice(0, 80) || 'giay-to';
    const fileName = `${base}-${stamp}-${randomBytes(3).toString('hex')}.pdf`;
    const target = path.join(this.dir, fileName);
    const temp = path.join(this.dir, `.${fileName}.${process.pid}.tmp`);
    try {
      await mkdir(this.dir, { recursive: true });
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(pdf);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new PrintError('SAVE_FAILED', {}, e instanceof Error ? e.message : String(e));
    }
    return { kind: 'saved', path: target, fileName };
  }
}

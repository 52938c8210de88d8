import { LpPrinter, type LpPrinterOptions } from './lp-printer.js';
import type { Printer } from './printer.js';
import { SaveToFilePrinter } from './save-to-file-printer.js';

/** The browser shell's printer: the configured CUPS queue, or files in `saveDir` when none is configured. */
export function choosePrinter(config: { queue: string | null; saveDir: string; lp?: Omit<LpPrinterOptions, 'queue'> }): Printer {
  return config.queue ? new LpPrinter({ ...config.lp, queue: config.queue }) : new SaveToFilePrinter(config.saveDir);
}

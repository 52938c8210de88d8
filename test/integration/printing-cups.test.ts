import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderReceiptPdf } from '../../src-main/documents/receipt-pdf.js';
import { LpPrinter } from '../../src-main/printing/lp-printer.js';
import { PrintError } from '../../src-main/printing/printer.js';
import { CODE, LONG_NAME, flat, pdfInfo, pdfText, receiptFixture, writeResult } from '../unit/documents-fixtures.js';
import { cupsGate, startTestCups, waitFor, type TestCups } from '../support/cups.js';
import { describeWithService } from '../support/service-gate.js';

/**
 * A receipt printed through real CUPS: a private cupsd on a Unix socket
 * with a file-backed queue whose PPD runs CUPS's pdftopdf filter, as a
 * driver queue does (test/support/cups.ts).
 */

let cupsd: TestCups;
let socket = '';
let output = '';

function cups(cmd: string, args: string[]): string {
  return cupsd.run(cmd, args);
}

async function stopCupsd(): Promise<void> {
  await cupsd.stop();
}

describeWithService(cupsGate, 'printing a receipt through a real CUPS queue', () => {
  beforeAll(async () => {
    cupsd = await startTestCups();
    socket = cupsd.socket;
    output = cupsd.addFileQueue('kiosk-a4');
  });

  afterAll(async () => {
    await cupsd?.cleanup();
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
    expect(cupsd.errorLog()).toMatch(/Started filter .*pdftopdf/);
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

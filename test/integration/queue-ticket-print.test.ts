import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queueHandlers } from '../../src-main/api/queue-handlers.js';
import { KioskConfigSchema } from '../../src-main/config.js';
import { HostEvents } from '../../src-main/events.js';
import { HttpPortalClient } from '../../src-main/portal/portal-client.js';
import { Reachability } from '../../src-main/portal/reachability.js';
import { LpPrinter } from '../../src-main/printing/lp-printer.js';
import { QueueDesk } from '../../src-main/queue/queue-desk.js';
import { openStore, type StoreDatabase } from '../../src-main/store/database.js';
import { QueueStore } from '../../src-main/store/queue-store.js';
import { startTestPortal, testClock } from '../support/portal.js';
import { cupsGate, startTestCups, waitFor, type TestCups } from '../support/cups.js';
import { describeWithService } from '../support/service-gate.js';
import { decodeAllQr, flat, pdfText, renderPage, writeResult } from '../unit/documents-fixtures.js';

/**
 * The queue ticket as the kiosk prints it: taken from a real reference
 * portal, rendered on the 80 mm roll and sent through a private CUPS queue
 * (test/support/cups.ts). What comes out of the queue is read back: the
 * number and the counters as text, the QR as the ticket's status page.
 */
const CENTRE = '000.00.31.H48';

let cupsd: TestCups;
let output = '';
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let dir = '';
let db: StoreDatabase;
let handlers: ReturnType<typeof queueHandlers>;

describeWithService(cupsGate, 'the queue ticket through a real CUPS queue', () => {
  beforeAll(async () => {
    cupsd = await startTestCups();
    output = cupsd.addFileQueue('kiosk-roll');
    // A Monday at 09:00 in Vietnam: the centre gives out numbers.
    portal = await startTestPortal({ now: testClock(new Date('2026-03-02T02:00:00.000Z')).now });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-print-'));
    db = openStore(dir);
    const client = new HttpPortalClient(portal.url, { kioskId: 'KIOSK-SO-01', kioskKey: 'q'.repeat(43) });
    const reachability = new Reachability(client, new HostEvents());
    client.onReachability((r) => reachability.report(r));
    await reachability.probeNow();
    const queueTickets = new QueueStore(db);
    const config = KioskConfigSchema.parse({ dataDir: dir, kioskId: 'KIOSK-SO-01', queueCentre: CENTRE });
    handlers = queueHandlers({
      config,
      queueDesk: new QueueDesk({ portal: client, store: queueTickets, reachability, centre: CENTRE, now: () => new Date('2026-03-02T02:00:00.000Z'), taken: () => undefined }),
      queueTickets,
      printer: new LpPrinter({ queue: 'kiosk-roll', server: cupsd.socket, timeoutMs: 20_000 }),
    });
  });

  afterAll(async () => {
    db?.close();
    await portal?.close();
    await cupsd?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the number, the counters and a QR of the status page; a refused job keeps the ticket for "In lại"', async () => {
    const centre = await handlers['queue.centre']({});
    expect(centre.areas.find((a) => a.letter === 'B')).toMatchObject({ name: 'Chứng thực', counters: [1, 2] });

    const { ticket, print } = await handlers['queue.take']({ area: 'B', priority: false });
    expect(print.outcome).toBe('printed');
    expect(ticket).toMatchObject({ label: 'B-001', counters: [1, 2], offline: false, ahead: 0 });
    expect(ticket.statusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hang-doi\/so\/[0-9a-f-]{36}$/);

    await waitFor('the printed ticket', () => fs.existsSync(output) && fs.statSync(output).size > 1000);
    const copy = writeResult('queue-ticket-printed-by-cups.pdf', fs.readFileSync(output));
    const text = flat(pdfText(copy));
    expect(text).toContain('B-001');
    expect(text).toContain('Mời đến: Quầy số 1, 2');
    expect(text).toContain('Lĩnh vực: Chứng thực');
    expect(text).toContain('Số người chờ trước: 0');
    expect(text).toContain('Thời gian chờ dự kiến: chưa ước tính');
    // 09:00 in Vietnam, whatever the machine's zone.
    expect(text).toContain('Giờ lấy số: 09:00 — 02/03/2026');
    expect(decodeAllQr(renderPage(copy, 1, 200))).toEqual([ticket.statusUrl]);

    // The printer refuses: the number stays the person's, shown on screen, and prints once the printer is back.
    cupsd.run('cupsreject', ['kiosk-roll']);
    const second = await handlers['queue.take']({ area: 'B', priority: true });
    cupsd.run('cupsaccept', ['kiosk-roll']);
    expect(second.ticket.label).toBe('B-002');
    expect(second.print).toMatchObject({ outcome: 'failed', detail: 'PRINT_PRINTER_NOT_ACCEPTING' });
    expect(second.print.pdfBase64).toBeTruthy();
    // Emptied, not removed: the file backend does not create its device file.
    fs.truncateSync(output, 0);
    expect(await handlers['queue.print']({ localId: second.ticket.localId })).toMatchObject({ outcome: 'printed' });
    await waitFor('the ticket printed again', () => fs.existsSync(output) && fs.statSync(output).size > 1000);
    const again = flat(pdfText(writeResult('queue-ticket-reprinted.pdf', fs.readFileSync(output))));
    expect(again).toContain('B-002');
    expect(again).toContain('ƯU TIÊN');
  });
});

import os from 'node:os';
import { afterEach, expect, it } from 'vitest';
import { Heartbeat } from '../../src-main/fleet/heartbeat.js';
import { silentLog } from '../../src-main/log/host-log.js';
import type { KioskHeartbeat } from '../../src-shared/portal-fleet-api.js';

/**
 * A portal back from an outage (or a new address) hears from the kiosk at
 * once, not a whole interval later; one beat at a time, none when off.
 */
const beats: KioskHeartbeat[] = [];
let release: () => void = () => undefined;
const running: Heartbeat[] = [];
afterEach(async () => {
  release();
  for (const h of running.splice(0)) await h.stop();
  beats.length = 0;
});

function heartbeat(): Heartbeat {
  const h = new Heartbeat({
    // Each beat is held until the test lets it go, so an overlap would show.
    portal: {
      sendHeartbeat: (b) =>
        new Promise<void>((done) => {
          release = done;
          beats.push(b);
        }),
    },
    version: '1.0.0',
    place: 'Cẩm Thành',
    queue: { entries: () => [] },
    lastSyncAt: () => null,
    devices: () => ({ printer: 'none', tokenReader: 'absent', scanner: 'wedge' }),
    dataDir: os.tmpdir(),
    now: () => new Date('2026-03-02T02:00:00.000Z'),
    log: silentLog,
  });
  running.push(h);
  return h;
}

const settle = () => new Promise((r) => setTimeout(r, 20));

it('nudge beats at once between intervals, never two at a time, and not when heartbeats are off', async () => {
  const off = heartbeat();
  off.start(0);
  off.nudge();
  await settle();
  expect(beats).toHaveLength(0);

  const on = heartbeat();
  on.start(3600);
  await settle();
  expect(beats).toHaveLength(1);
  on.nudge(); // the first beat is still on its way: no second one beside it
  await settle();
  expect(beats).toHaveLength(1);
  release();
  await settle();
  on.nudge();
  await settle();
  expect(beats).toHaveLength(2);
});

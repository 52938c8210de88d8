import { afterEach, describe, expect, it, vi } from 'vitest';
import { ERROR_MESSAGES } from '../../src-shared/errors.js';
import type { CallResult, KioskEvent } from '../../src-shared/kiosk-api.js';
import { KioskConfigSchema } from '../../src-main/config.js';
import type { Host } from '../../src-main/host.js';
import type { HostLog, LogFields } from '../../src-main/log/host-log.js';
import { startRemoteHost, type RemoteHostOptions } from '../../src-main/host-process/remote-host.js';
import { pairedHosts } from '../support/host-process-pair.js';

const config = KioskConfigSchema.parse({ portalUrl: 'http://127.0.0.1:9', dataDir: '/tmp/not-used', training: true });
const UNAVAILABLE: CallResult = { ok: false, error: { code: 'HOST_UNAVAILABLE', message: ERROR_MESSAGES.HOST_UNAVAILABLE.vi } };

/** A host behind the fake process: answers with which process served the call; "hang" never answers. */
function echoHost(index: number, opts: { training?: boolean } = {}): Host {
  return {
    dispatch: (name, input) =>
      name === 'hang' ? new Promise<CallResult>(() => undefined) : Promise.resolve({ ok: true, data: { name, input, served: index } }),
    onEvent: () => () => undefined,
    trainingCaptchaAnswer: opts.training === false ? null : async (id) => `answer-of-${id}`,
    close: async () => undefined,
  };
}

function recordingLog(): HostLog & { lines: { level: string; event: string; fields?: LogFields }[] } {
  const lines: { level: string; event: string; fields?: LogFields }[] = [];
  return {
    lines,
    info: (event, fields) => void lines.push({ level: 'info', event, ...(fields ? { fields } : {}) }),
    warn: (event, fields) => void lines.push({ level: 'warn', event, ...(fields ? { fields } : {}) }),
    error: (event, fields) => void lines.push({ level: 'error', event, ...(fields ? { fields } : {}) }),
  };
}

async function started(makeHost: (i: number) => Host = (i) => echoHost(i), extra: Partial<RemoteHostOptions> = {}) {
  const pair = pairedHosts(makeHost);
  const log = recordingLog();
  const host = await startRemoteHost({ spawn: pair.spawn, config, shell: 'browser', version: '1.2.3', log, ...extra });
  const events: KioskEvent[] = [];
  host.onEvent((e) => events.push(e));
  return { pair, log, host, events };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('RemoteHost: the host in its own process', () => {
  it('starts the process with the configuration, relays calls, events, captcha answers and log lines', async () => {
    const { pair, log, host, events } = await started();
    expect(pair.processes[0]?.received[0]).toMatchObject({ kind: 'start', shell: 'browser', version: '1.2.3', config: { training: true } });
    expect(await host.dispatch('catalogue.search', { query: 'khai sinh' })).toEqual({
      ok: true,
      data: { name: 'catalogue.search', input: { query: 'khai sinh' }, served: 0 },
    });
    pair.emit(0, { type: 'portal.reachability', reachable: false });
    await vi.waitFor(() => expect(events).toEqual([{ type: 'portal.reachability', reachable: false }]));
    expect(await host.trainingCaptchaAnswer?.('c-1')).toBe('answer-of-c-1');
    pair.processes[0]?.sendToShell({ kind: 'log', level: 'warn', event: 'outbox.retry', fields: { attempt: 2 } });
    await vi.waitFor(() => expect(log.lines).toContainEqual({ level: 'warn', event: 'outbox.retry', fields: { attempt: 2 } }));
    await host.close();
  });

  it('has no captcha look-up when the host is not a training host', async () => {
    const { host } = await started((i) => echoHost(i, { training: false }));
    expect(host.trainingCaptchaAnswer).toBeNull();
    await host.close();
  });

  it('drops and logs a message that does not fit the protocol, and keeps serving', async () => {
    const { pair, log, host } = await started();
    pair.processes[0]?.sendToShell({ kind: 'result', id: 'not-a-number', result: { ok: true, data: 1 } });
    pair.processes[0]?.sendToShell({ kind: 'event', event: { type: 'made.up' } });
    await vi.waitFor(() => expect(log.lines.filter((l) => l.event === 'host-process.bad-message')).toHaveLength(2));
    expect((await host.dispatch('app.info', {})).ok).toBe(true);
    await host.close();
  });

  it('restarts a host that died: the call in flight fails typed, a call made meanwhile waits, the UI hears restarting then ready', async () => {
    const { pair, log, host, events } = await started();
    const inFlight = host.dispatch('hang', {});
    await vi.waitFor(() => expect(pair.processes[0]?.received).toHaveLength(2));
    pair.processes[0]?.die(null, 'SIGKILL');
    expect(await inFlight).toEqual(UNAVAILABLE);
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'host.process', state: 'restarting' }));

    const meanwhile = await host.dispatch('catalogue.search', { query: 'thuong tru' });
    expect(meanwhile).toMatchObject({ ok: true, data: { served: 1 } });
    expect(events).toEqual([
      { type: 'host.process', state: 'restarting' },
      { type: 'host.process', state: 'ready' },
    ]);
    expect(pair.processes).toHaveLength(2);
    expect(log.lines).toContainEqual({ level: 'warn', event: 'host-process.restarting', fields: { code: null, signal: 'SIGKILL', attempt: 1, delayMs: 500 } });
    expect(log.lines).toContainEqual({ level: 'info', event: 'host-process.restarted', fields: { hostPid: pair.processes[1]?.pid } });
    await host.close();
  });

  it('answers HOST_UNAVAILABLE to a call that waited longer than the bound', async () => {
    const { pair, host } = await started((i) => echoHost(i), { callWaitMs: 50, restartBackoff: { baseMs: 60_000, capMs: 60_000, floorMs: 60_000 } });
    pair.processes[0]?.die(1, null);
    await vi.waitFor(() => expect(pair.processes[0]?.alive).toBe(false));
    expect(await host.dispatch('app.info', {})).toEqual(UNAVAILABLE);
    expect(await host.trainingCaptchaAnswer?.('c-1')).toBeNull();
    await host.close();
  });

  it('backs off 0.5 s doubling to 10 s while the host keeps dying, and starts over after a stable period', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { pair, log, host } = await started();
    const delays = (): unknown[] => log.lines.filter((l) => l.event === 'host-process.restarting').map((l) => l.fields?.delayMs);
    for (let n = 0; n < 7; n++) {
      pair.processes.at(-1)?.die(1, null);
      await vi.waitFor(() => expect(delays()).toHaveLength(n + 1));
      await vi.advanceTimersByTimeAsync(10_000);
      await vi.waitFor(() => expect(pair.processes).toHaveLength(n + 2));
      await vi.waitFor(async () => expect((await host.dispatch('app.info', {})).ok).toBe(true));
    }
    expect(delays()).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    await vi.advanceTimersByTimeAsync(30_000);
    pair.processes.at(-1)?.die(1, null);
    await vi.waitFor(() => expect(delays()).toHaveLength(8));
    expect(delays().at(-1)).toBe(500);
    await vi.advanceTimersByTimeAsync(500);
    await host.close();
  });

  it("rejects with the host's own start-up message when the first start fails, and starts nothing more", async () => {
    const pair = pairedHosts(() => Promise.reject(new Error('Chưa cấu hình địa chỉ Cổng dịch vụ công (portalUrl).')));
    await expect(startRemoteHost({ spawn: pair.spawn, config, shell: 'browser', version: '1', log: recordingLog() })).rejects.toThrow(
      'Chưa cấu hình địa chỉ Cổng dịch vụ công (portalUrl).',
    );
    await vi.waitFor(() => expect(pair.processes[0]?.alive).toBe(false));
    expect(pair.processes).toHaveLength(1);
  });

  it('closes the host in order and does not restart it; a host that will not close is killed', async () => {
    const { pair, host } = await started();
    await host.close();
    expect(pair.processes[0]?.received.at(-1)).toEqual({ kind: 'close' });
    expect(pair.processes[0]?.alive).toBe(false);
    expect(pair.processes).toHaveLength(1);
    expect(await host.dispatch('app.info', {})).toEqual(UNAVAILABLE);

    const stuck = await started((i) => ({ ...echoHost(i), close: () => new Promise<void>(() => undefined) }), { closeTimeoutMs: 20 });
    await stuck.host.close();
    expect(stuck.pair.processes[0]?.alive).toBe(false);
    expect(stuck.log.lines).toContainEqual({ level: 'warn', event: 'host-process.close-timeout' });
  });
});
